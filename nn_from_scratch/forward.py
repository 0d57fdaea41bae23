"""The forward pass of the two-layer network.

Taught in the chapter "Feedforward" of Part I.
"""

import numpy as np

from .activation import sigmoid


def forward_pass(x, weights1, weights2):
    """Return ``(layer1, output)`` for inputs ``x`` (one sample per row).

    ``layer1 = sigmoid(x @ weights1)`` holds the hidden activations and
    ``output = sigmoid(layer1 @ weights2)`` is the prediction ``y_hat``.
    """
    layer1 = sigmoid(np.dot(x, weights1))
    output = sigmoid(np.dot(layer1, weights2))
    return layer1, output
