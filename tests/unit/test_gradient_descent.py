import numpy as np

from nn_from_scratch import gradient_descent_step


def test_step_moves_against_the_gradient():
    weights = np.array([[1.0, -2.0]])
    dL_dW = np.array([[0.5, -0.25]])
    np.testing.assert_array_equal(gradient_descent_step(weights, dL_dW), [[0.5, -1.75]])
    np.testing.assert_array_equal(gradient_descent_step(weights, dL_dW, 0.1), [[0.95, -1.975]])


def test_does_not_modify_its_arguments():
    weights, dL_dW = np.ones((2, 2)), np.ones((2, 2))
    gradient_descent_step(weights, dL_dW)
    np.testing.assert_array_equal(weights, 1.0)
    np.testing.assert_array_equal(dL_dW, 1.0)


def test_adding_the_negative_gradient_is_the_same_step_bit_for_bit():
    rng = np.random.default_rng(3)
    weights, dL_dW = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    np.testing.assert_array_equal(weights + (-dL_dW), gradient_descent_step(weights, dL_dW))


def test_bad_learning_rates_and_shapes_are_refused():
    import pytest

    from nn_from_scratch import InvalidInputError

    with pytest.raises(InvalidInputError, match="learning_rate must be a positive finite number"):
        gradient_descent_step(np.ones(2), np.ones(2), learning_rate=-0.1)
    shape_message = r"dL_dW must have the same shape as weights, \(2,\)"
    with pytest.raises(InvalidInputError, match=shape_message):
        gradient_descent_step(np.ones(2), np.ones((2, 1)))
