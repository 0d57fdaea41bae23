"""Central finite differences: the numerical check of every analytic gradient.

Taught in the chapter "Checking gradients" of Part II.
"""

import numpy as np


def numerical_gradient(f, array, epsilon=1e-6):
    """Estimate the gradient of the scalar ``f()`` with respect to ``array``.

    ``array`` is changed in place, one entry at a time, to ``value + epsilon``
    and ``value - epsilon``; the slope is ``(f(+) - f(-)) / (2 epsilon)``.
    Every entry is restored afterwards.
    """
    gradient = np.zeros_like(array, dtype=np.float64)
    for index in np.ndindex(array.shape):
        original = array[index]
        array[index] = original + epsilon
        f_plus = f()
        array[index] = original - epsilon
        f_minus = f()
        array[index] = original
        gradient[index] = (f_plus - f_minus) / (2.0 * epsilon)
    return gradient


def relative_error(analytic, numerical):
    """``|a - n| / max(|a| + |n|, tiny)`` with matrix norms: 0 when they agree."""
    analytic = np.asarray(analytic, dtype=np.float64)
    numerical = np.asarray(numerical, dtype=np.float64)
    scale = max(np.linalg.norm(analytic) + np.linalg.norm(numerical), 1e-12)
    return float(np.linalg.norm(analytic - numerical) / scale)
