"""The article's network trained with an explicit learning rate, and the article's update sign.

Taught in the chapter "The learning rate" of Part II.  Everything here reuses
Part I: :class:`~nn_from_scratch.network.NeuralNetwork` for the starting
weights, :func:`~nn_from_scratch.forward.forward_pass`,
:func:`~nn_from_scratch.backprop.backprop_gradients`,
:func:`~nn_from_scratch.gradient_descent.gradient_descent_step` and
:func:`~nn_from_scratch.loss.sum_squared_error`.
"""

import numpy as np

from .activation import sigmoid_derivative_from_output
from .backprop import backprop_gradients
from .data import ARTICLE_SEED
from .forward import forward_pass
from .gradient_descent import gradient_descent_step
from .loss import sum_squared_error
from .network import NeuralNetwork
from .validation import check_positive_int

LEARNING_RATES = (0.01, 0.1, 1.0, 3.0, 10.0, 100.0)
"""The rates the chapter compares, from far too small to far too large."""


def train_with_learning_rate(x, y, learning_rate, iterations=1500, seed=ARTICLE_SEED):
    """Train the article's network with ``learning_rate``; return ``(network, losses)``.

    The network starts from the same weights as ``NeuralNetwork(x, y,
    seed=seed)``; ``losses[i]`` is the loss before update ``i``, so
    ``learning_rate=1`` gives exactly the losses of ``NeuralNetwork.train``.
    With sigmoid outputs and targets in [0, 1] every squared error is below
    1, so the loss stays below the number of targets and cannot become
    infinite, however large the rate: training is never stopped.
    """
    network = NeuralNetwork(x, y, seed=seed)
    iterations = check_positive_int("iterations", iterations)
    losses = np.empty(iterations)
    for i in range(iterations):
        layer1, output = forward_pass(network.input, network.weights1, network.weights2)
        losses[i] = sum_squared_error(network.y, output)
        dL_dW1, dL_dW2 = backprop_gradients(
            network.input, network.y, layer1, output, network.weights2
        )
        network.weights1 = gradient_descent_step(network.weights1, dL_dW1, learning_rate)
        network.weights2 = gradient_descent_step(network.weights2, dL_dW2, learning_rate)
    return network, losses


def article_style_increments(x, y, weights1, weights2):
    """Return what the article *adds* to ``weights1`` and ``weights2``: ``-dL_dW1, -dL_dW2``.

    The article builds its update from ``2 * (y - y_hat)``, the negative of
    ``dL_doutput = -2 * (y - y_hat)``; every later factor is the same as in
    :func:`~nn_from_scratch.backprop.backprop_gradients`, so the results are
    the negative gradients, bit for bit.
    """
    layer1, output = forward_pass(x, weights1, weights2)
    # The article's starting factor has no minus sign: it is -dL_doutput.
    minus_dL_dz2 = 2 * (y - output) * sigmoid_derivative_from_output(output)
    minus_dL_dW2 = np.dot(layer1.T, minus_dL_dz2)
    # The same chain rule one layer down, carrying the flipped sign along.
    minus_dL_dz1 = np.dot(minus_dL_dz2, weights2.T) * sigmoid_derivative_from_output(layer1)
    minus_dL_dW1 = np.dot(x.T, minus_dL_dz1)
    return minus_dL_dW1, minus_dL_dW2
