"""The sigmoid activation and its derivative.

Taught in the chapters "What is a neural network?" (``sigmoid``) and
"Backpropagation" (``sigmoid_derivative_from_output``) of Part I.
"""

import numpy as np


def sigmoid(z):
    """Squash each pre-activation ``z`` into (0, 1): ``1 / (1 + exp(-z))``.

    Written as ``exp(-log(1 + exp(-z)))``, with ``np.logaddexp(0, -z)`` for
    the logarithm: it never forms ``exp(-z)`` itself, so nothing overflows
    for any ``z``, and the outer ``exp`` only sees non-positive arguments.
    """
    z = np.asarray(z, dtype=float)
    return np.exp(-np.logaddexp(0.0, -z))


def sigmoid_derivative_from_output(a):
    """Slope of the sigmoid, given its *output* ``a = sigmoid(z)``.

    Because ``sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z))``, the slope can be
    computed from the activation the forward pass already stored, without
    going back to ``z``.
    """
    return a * (1.0 - a)
