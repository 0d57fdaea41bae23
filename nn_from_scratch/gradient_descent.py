"""One step of gradient descent.

Taught in the chapter "Gradient descent" of Part I.
"""


def gradient_descent_step(weights, dL_dW, learning_rate=1.0):
    """Return ``weights - learning_rate * dL_dW``: one step downhill.

    The article's update adds ``2 * (y - y_hat) * ...``, which is exactly
    ``-dL_dW``; that is this step with ``learning_rate = 1``.
    """
    return weights - learning_rate * dL_dW
