"""The two-layer network of the original article, as one class.

Taught in the chapter "What is a neural network?" of Part I.  Each method
hands its arithmetic to a function with a chapter of its own:
:func:`~nn_from_scratch.forward.forward_pass` ("Feedforward"),
:func:`~nn_from_scratch.loss.sum_squared_error` ("The loss function"),
:func:`~nn_from_scratch.backprop.backprop_gradients` ("Backpropagation") and
:func:`~nn_from_scratch.gradient_descent.gradient_descent_step`
("Gradient descent").  The class knows nothing of files: saving and
loading are done by :func:`nn_from_scratch.persistence.save` and
:func:`~nn_from_scratch.persistence.load`, for it and for Part II's networks.
"""

import numpy as np

from .backprop import backprop_gradients
from .forward import forward_pass
from .gradient_descent import gradient_descent_step
from .loss import sum_squared_error
from .validation import (
    check_features,
    check_finite_loss,
    check_positive_int,
    check_training_data,
    random_generator,
)


class NeuralNetwork:
    """Inputs -> sigmoid hidden layer -> sigmoid output, no biases.

    ``x`` holds one sample per row, ``y`` one target row per sample, with
    values in [0, 1].  Weights start uniform in [0, 1); ``seed`` (an int, a
    ``numpy.random.Generator`` or ``None`` for a fresh random start) makes a
    run reproducible bit for bit.
    """

    def __init__(self, x, y, hidden_units=4, seed=None):
        self.input, self.y = check_training_data(x, y)
        hidden_units = check_positive_int("hidden_units", hidden_units)
        rng = random_generator(seed)
        self.weights1 = rng.random((self.input.shape[1], hidden_units))
        self.weights2 = rng.random((hidden_units, self.y.shape[1]))
        self.layer1 = np.zeros((self.input.shape[0], hidden_units))
        self.output = np.zeros(self.y.shape)

    def feedforward(self):
        """Compute ``layer1`` and ``output`` from ``input`` and weights."""
        self.layer1, self.output = forward_pass(self.input, self.weights1, self.weights2)
        return self.output

    def backprop(self):
        """Take one gradient-descent step (step size 1) on both weights."""
        dL_dW1, dL_dW2 = backprop_gradients(
            self.input, self.y, self.layer1, self.output, self.weights2
        )
        self.weights1 = gradient_descent_step(self.weights1, dL_dW1)
        self.weights2 = gradient_descent_step(self.weights2, dL_dW2)

    def train(self, iterations=1500):
        """Train for ``iterations`` rounds; return each round's loss."""
        iterations = check_positive_int("iterations", iterations)
        losses = np.empty(iterations)
        # Let check_finite_loss, not a NumPy warning, report NaN weights.
        with np.errstate(invalid="ignore"):
            for i in range(iterations):
                self.feedforward()
                losses[i] = check_finite_loss(sum_squared_error(self.y, self.output), i)
                self.backprop()
        return losses

    def predict(self, x):
        """Return the output for new inputs ``x`` (one sample per row)."""
        x = check_features("x", x, self.weights1.shape[0])
        return forward_pass(x, self.weights1, self.weights2)[1]
