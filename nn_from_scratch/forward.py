"""The forward pass of the two-layer network.

Taught in the chapter "Feedforward" of Part I.
"""

from .activation import sigmoid


def forward_pass(x, weights1, weights2):
    """Return ``(layer1, output)`` for inputs ``x``, an array with one sample per row.

    ``layer1 = sigmoid(x @ weights1)`` holds the hidden activations and
    ``output = sigmoid(layer1 @ weights2)`` is the prediction ``y_hat``.
    The products are written ``x.dot(weights1)``: the method skips the
    check for other array libraries that ``np.dot`` makes, a noticeable
    share of the time with matrices this small.
    """
    layer1 = sigmoid(x.dot(weights1))
    output = sigmoid(layer1.dot(weights2))
    return layer1, output
