"""The logic behind the figures of the chapter "Activation functions"."""

import numpy as np

from nn_from_scratch.activation import sigmoid
from nn_from_scratch.activations import sigmoid_derivative
from nn_from_scratch.figures.activation import softmax_pair, softmax_pair_derivative


def test_softmax_of_a_pair_is_the_sigmoid():
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(softmax_pair(z), sigmoid(z), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(softmax_pair_derivative(z), sigmoid_derivative(z), atol=1e-15)
