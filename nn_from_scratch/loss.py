"""The sum-of-squared-errors loss.

Taught in the chapter "The loss function" of Part I.
"""

import numpy as np

from .validation import check_same_shape


def sum_squared_error(y, y_hat):
    """Return ``sum((y - y_hat) ** 2)`` as a Python float.

    ``y`` and ``y_hat`` must have the same shape: NumPy would otherwise
    broadcast a ``(4,)`` array against a ``(4, 1)`` one into a ``(4, 4)``
    table and return a wrong number without complaint.  The sum of the
    squares is the dot product of the error with itself, ``np.vdot`` (which
    flattens both): one NumPy call where squaring and summing take two.
    """
    check_same_shape("y_hat", y_hat, "y", y)
    error = y - y_hat
    return float(np.vdot(error, error))
