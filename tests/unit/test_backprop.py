"""Backprop's gradients against central finite differences of the loss."""

import numpy as np
import pytest

from nn_from_scratch import backprop_gradients, forward_pass, sigmoid, sum_squared_error
from nn_from_scratch.gradient_check import numerical_gradient, relative_error


def loss_of(x, y, weights1, weights2):
    return sum_squared_error(y, forward_pass(x, weights1, weights2)[1])


def analytic_and_numeric(x, y, weights1, weights2):
    layer1, output = forward_pass(x, weights1, weights2)
    dL_dW1, dL_dW2 = backprop_gradients(x, y, layer1, output, weights2)
    f = lambda: loss_of(x, y, weights1, weights2)  # noqa: E731
    return (dL_dW1, numerical_gradient(f, weights1)), (dL_dW2, numerical_gradient(f, weights2))


@pytest.mark.parametrize("seed", [0, 1, 2018])
def test_gradients_on_the_article_network(article_data, seed):
    x, y = article_data
    rng = np.random.default_rng(seed)
    weights1, weights2 = rng.random((3, 4)), rng.random((4, 1))
    for analytic, numeric in analytic_and_numeric(x, y, weights1, weights2):
        assert relative_error(analytic, numeric) < 1e-6


@pytest.mark.parametrize(
    "samples, features, hidden, outputs",
    [(1, 1, 1, 1), (1, 5, 2, 1), (7, 3, 6, 2), (10, 2, 3, 3)],
)
def test_gradients_on_random_shapes(samples, features, hidden, outputs):
    rng = np.random.default_rng(samples * 100 + features * 10 + hidden)
    x = rng.normal(size=(samples, features))
    y = rng.random((samples, outputs))
    weights1 = rng.normal(size=(features, hidden))
    weights2 = rng.normal(size=(hidden, outputs))
    for analytic, numeric in analytic_and_numeric(x, y, weights1, weights2):
        assert analytic.shape == numeric.shape
        assert relative_error(analytic, numeric) < 1e-6


def test_the_articles_update_is_reproduced_bit_for_bit(article_data):
    """The article adds 2(y - y_hat) * slope products; we subtract the gradient."""
    from nn_from_scratch import NeuralNetwork

    x, y = article_data
    network = NeuralNetwork(x, y, seed=7)
    weights1, weights2 = network.weights1.copy(), network.weights2.copy()
    for _ in range(25):
        hidden = sigmoid(np.dot(x, weights1))
        prediction = sigmoid(np.dot(hidden, weights2))
        delta_out = 2 * (y - prediction) * (prediction * (1 - prediction))
        step2 = np.dot(hidden.T, delta_out)
        step1 = np.dot(x.T, np.dot(delta_out, weights2.T) * (hidden * (1 - hidden)))
        weights1, weights2 = weights1 + step1, weights2 + step2
        network.feedforward()
        network.backprop()
    np.testing.assert_array_equal(network.weights1, weights1)
    np.testing.assert_array_equal(network.weights2, weights2)
