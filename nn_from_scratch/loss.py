"""The sum-of-squared-errors loss.

Taught in the chapter "The loss function" of Part I.
"""

import numpy as np


def sum_squared_error(y, y_hat):
    """Return ``sum((y - y_hat) ** 2)`` as a Python float."""
    return float(np.sum((y - y_hat) ** 2))
