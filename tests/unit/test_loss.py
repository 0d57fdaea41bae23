import numpy as np

from nn_from_scratch import sum_squared_error


def test_hand_computed_value():
    y = np.array([[0.0], [1.0], [1.0], [0.0]])
    y_hat = np.array([[0.5], [0.5], [1.0], [0.25]])
    assert sum_squared_error(y, y_hat) == 0.25 + 0.25 + 0.0 + 0.0625


def test_zero_only_for_a_perfect_fit():
    y = np.array([[0.0], [1.0]])
    assert sum_squared_error(y, y) == 0.0
    assert sum_squared_error(y, y + 1e-3) > 0.0


def test_returns_a_python_float():
    assert type(sum_squared_error(np.ones((2, 1)), np.zeros((2, 1)))) is float


def test_shapes_must_match():
    import pytest

    from nn_from_scratch import InvalidInputError

    with pytest.raises(InvalidInputError, match=r"y_hat must have the same shape as y, \(4, 1\)"):
        sum_squared_error(np.zeros((4, 1)), np.zeros(4))


def test_the_dot_product_is_the_sum_of_the_squares_for_any_shape():
    rng = np.random.default_rng(0)
    for shape in [(4, 1), (4, 3), (7,), (2, 3, 2)]:
        y, y_hat = rng.random(shape), rng.random(shape)
        expected = float(((y - y_hat) ** 2).sum())
        assert np.isclose(sum_squared_error(y, y_hat), expected, rtol=1e-14, atol=0)
