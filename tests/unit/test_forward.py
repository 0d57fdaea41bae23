import numpy as np

from nn_from_scratch import forward_pass, sigmoid


def test_shapes_and_values(article_data):
    x, _ = article_data
    rng = np.random.default_rng(0)
    weights1, weights2 = rng.random((3, 4)), rng.random((4, 1))
    layer1, output = forward_pass(x, weights1, weights2)
    assert layer1.shape == (4, 4) and output.shape == (4, 1)
    np.testing.assert_array_equal(layer1, sigmoid(x @ weights1))
    np.testing.assert_array_equal(output, sigmoid(sigmoid(x @ weights1) @ weights2))


def test_zero_weights_give_one_half(article_data):
    x, _ = article_data
    _, output = forward_pass(x, np.zeros((3, 4)), np.zeros((4, 1)))
    np.testing.assert_array_equal(output, 0.5)
