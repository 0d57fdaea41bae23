"""One step of gradient descent.

Taught in the chapter "Gradient descent" of Part I.
"""

from .validation import check_positive_finite, check_same_shape


def gradient_descent_step(weights, dL_dW, learning_rate=1.0):
    """Return ``weights - learning_rate * dL_dW``: one step downhill.

    The article's update adds ``2 * (y - y_hat) * ...``, which is exactly
    ``-dL_dW``; that is this step with ``learning_rate = 1``.  The learning
    rate must be a positive finite number and ``dL_dW`` must have the shape
    of ``weights``.
    """
    learning_rate = check_positive_finite("learning_rate", learning_rate)
    check_same_shape("dL_dW", dL_dW, "weights", weights)
    return weights - learning_rate * dL_dW
