"""The article's two-layer sigmoid network with a bias vector in each layer.

Taught in the chapter "Biases" of Part II.  The same network as
:class:`~nn_from_scratch.network.NeuralNetwork`, plus ``bias1`` (one entry
per hidden unit) and ``bias2`` (one per output), with their gradients
``dL_db1`` and ``dL_db2``.
"""

import numpy as np

from .activation import sigmoid, sigmoid_derivative_from_output
from .data import ARTICLE_SEED, article_dataset
from .gradient_descent import gradient_descent_step
from .loss import sum_squared_error
from .network import NeuralNetwork
from .validation import (
    check_features,
    check_finite_loss,
    check_positive_finite,
    check_positive_int,
    check_training_data,
    random_generator,
)


def forward_pass_with_biases(x, weights1, bias1, weights2, bias2):
    """Return ``(layer1, output)``: ``sigmoid(x @ W1 + b1)``, then ``sigmoid(layer1 @ W2 + b2)``.

    Each bias vector is broadcast along the rows: every sample gets the same
    bias added to its pre-activations.
    """
    layer1 = sigmoid(np.dot(x, weights1) + bias1)
    output = sigmoid(np.dot(layer1, weights2) + bias2)
    return layer1, output


def backprop_gradients_with_biases(x, y, layer1, output, weights2):
    """Return ``(dL_dW1, dL_db1, dL_dW2, dL_db2)`` for the loss ``sum((y - output) ** 2)``."""
    dL_doutput = -2.0 * (y - output)
    dL_dz2 = dL_doutput * sigmoid_derivative_from_output(output)
    dL_dW2 = np.dot(layer1.T, dL_dz2)
    # z2 = layer1 @ W2 + b2 adds b2 to every row: sum over the samples.
    dL_db2 = dL_dz2.sum(axis=0)
    dL_dlayer1 = np.dot(dL_dz2, weights2.T)
    dL_dz1 = dL_dlayer1 * sigmoid_derivative_from_output(layer1)
    dL_dW1 = np.dot(x.T, dL_dz1)
    # The same for b1, one layer down.
    dL_db1 = dL_dz1.sum(axis=0)
    return dL_dW1, dL_db1, dL_dW2, dL_db2


class NeuralNetworkWithBiases:
    """Inputs -> sigmoid hidden layer -> sigmoid output, with biases ``bias1`` and ``bias2``.

    Arguments and checks as for :class:`~nn_from_scratch.network.NeuralNetwork`.
    Weights and biases start uniform in [0, 1), drawn in the order
    ``weights1``, ``bias1``, ``weights2``, ``bias2``: with the same seed,
    ``weights1`` and ``bias1`` are the rows of the article network's
    ``weights1`` for the same inputs with a column of ones appended.
    """

    def __init__(self, x, y, hidden_units=4, seed=None):
        self.input, self.y = check_training_data(x, y)
        hidden_units = check_positive_int("hidden_units", hidden_units)
        rng = random_generator(seed)
        self.weights1 = rng.random((self.input.shape[1], hidden_units))
        self.bias1 = rng.random(hidden_units)
        self.weights2 = rng.random((hidden_units, self.y.shape[1]))
        self.bias2 = rng.random(self.y.shape[1])
        self.layer1 = np.zeros((self.input.shape[0], hidden_units))
        self.output = np.zeros(self.y.shape)

    def feedforward(self):
        """Compute ``layer1`` and ``output`` from ``input``, the weights and the biases."""
        self.layer1, self.output = forward_pass_with_biases(
            self.input, self.weights1, self.bias1, self.weights2, self.bias2
        )
        return self.output

    def backprop(self, learning_rate=1.0):
        """Take one gradient-descent step on both weight matrices and both bias vectors."""
        dL_dW1, dL_db1, dL_dW2, dL_db2 = backprop_gradients_with_biases(
            self.input, self.y, self.layer1, self.output, self.weights2
        )
        self.weights1 = gradient_descent_step(self.weights1, dL_dW1, learning_rate)
        self.bias1 = gradient_descent_step(self.bias1, dL_db1, learning_rate)
        self.weights2 = gradient_descent_step(self.weights2, dL_dW2, learning_rate)
        self.bias2 = gradient_descent_step(self.bias2, dL_db2, learning_rate)

    def train(self, iterations=1500, learning_rate=1.0):
        """Run ``iterations`` rounds of feedforward + backprop; return each round's loss."""
        iterations = check_positive_int("iterations", iterations)
        learning_rate = check_positive_finite("learning_rate", learning_rate)
        losses = np.empty(iterations)
        for i in range(iterations):
            self.feedforward()
            losses[i] = check_finite_loss(sum_squared_error(self.y, self.output), i)
            self.backprop(learning_rate)
        return losses

    def predict(self, x):
        """Return the network's output for new inputs ``x`` (one sample per row)."""
        x = check_features("x", x, self.weights1.shape[0])
        return forward_pass_with_biases(x, self.weights1, self.bias1, self.weights2, self.bias2)[1]


def convergence_comparison(iterations=1500, seed=ARTICLE_SEED):
    """Train three variants on the article's data; return ``{label: (network, losses)}``.

    The article's network (ones column, no biases), a network with biases on
    the first two columns only, and a network with neither, all from ``seed``.
    """
    x, y = article_dataset()
    networks = {
        "ones column, no biases (article)": NeuralNetwork(x, y, seed=seed),
        "biases, no ones column": NeuralNetworkWithBiases(x[:, :2], y, seed=seed),
        "neither": NeuralNetwork(x[:, :2], y, seed=seed),
    }
    return {label: (network, network.train(iterations)) for label, network in networks.items()}
