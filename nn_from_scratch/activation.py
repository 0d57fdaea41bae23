"""The sigmoid activation and its derivative.

Taught in the chapters "What is a neural network?" (``sigmoid``) and
"Backpropagation" (``sigmoid_derivative_from_output``) of Part I.
"""

import numpy as np


def sigmoid(z):
    """Squash each pre-activation ``z`` into (0, 1): ``1 / (1 + exp(-z))``.

    Written so that ``exp`` only ever sees a non-positive argument, which
    cannot overflow: for ``z >= 0`` the textbook form is used, for ``z < 0``
    the algebraically equal ``exp(z) / (1 + exp(z))``.
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative_from_output(a):
    """Slope of the sigmoid, given its *output* ``a = sigmoid(z)``.

    Because ``sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z))``, the slope can be
    computed from the activation the forward pass already stored, without
    going back to ``z``.
    """
    return a * (1.0 - a)
