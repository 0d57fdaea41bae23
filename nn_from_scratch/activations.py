"""Activation functions beyond the sigmoid, each with its derivative.

Taught in the chapter "Activation functions" of Part II.  The sigmoid
itself lives in :mod:`nn_from_scratch.activation` (Part I); this module adds
its derivative with respect to the input ``z``, then tanh, ReLU, leaky ReLU
and softmax.

Every function takes an array (or anything :func:`numpy.asarray` accepts) and
works elementwise, except softmax and log-softmax, which work along ``axis``.
Floating-point input keeps its dtype (float32 stays float32); integers and
booleans become float64.  All of them stay finite, without NumPy warnings,
for inputs as large as +-1e4.
"""

import numbers

import numpy as np

from .errors import InvalidInputError, InvalidTypeError
from .validation import as_real_array


def float_array(z):
    """Return ``z`` as a floating-point array, or raise a clear error.

    Float arrays keep their dtype; integers and booleans become float64.
    Anything else (strings, complex numbers, ragged lists) is refused.
    """
    z = as_real_array("z", z)
    return z if z.dtype.kind == "f" else z.astype(np.float64)


def check_axis(z, axis):
    """Return ``axis`` if it names an axis of the array ``z``, or raise."""
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise InvalidTypeError(f"axis must be an integer; got {type(axis).__name__} {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise InvalidInputError(
            f"axis {axis} does not exist for an array of shape {z.shape} "
            f"(valid: {-z.ndim} to {z.ndim - 1})"
        )
    return int(axis)


def check_slope(slope):
    """Return the leaky ReLU's ``slope`` as a float if it is in [0, 1), or raise.

    The one rule for the function :func:`leaky_relu` and the layer
    ``LeakyReLU``: a leak is a fraction of the positive side's slope of 1.
    At 0 it is plain ReLU; at 1 the function would be ``z`` itself, with no
    bend left; a negative slope would make it fall where it should rise.
    """
    if isinstance(slope, bool) or not isinstance(slope, numbers.Real):
        raise InvalidTypeError(
            f"slope must be a number in [0, 1); got {type(slope).__name__} {slope!r}"
        )
    if not 0 <= slope < 1:
        raise InvalidInputError(f"slope must be in [0, 1); got {slope}")
    return float(slope)


def sigmoid_derivative(z):
    """Slope of the sigmoid at the pre-activation ``z``: ``sigmoid(z) * (1 - sigmoid(z))``.

    Written as ``e / (1 + e)**2`` with ``e = exp(-|z|)``: the same value (the
    slope is symmetric around 0), but ``exp`` never overflows and tiny slopes
    far from 0 keep their digits instead of becoming ``1 - 1 = 0``.
    """
    z = float_array(z)
    e = np.exp(-np.abs(z))
    return e / (1 + e) ** 2


def tanh(z):
    """Hyperbolic tangent: squashes ``z`` into (-1, 1), centred on 0."""
    return np.tanh(float_array(z))


def tanh_derivative(z):
    """Slope of tanh at ``z``: ``1 - tanh(z)**2``, at most 1 (at ``z = 0``)."""
    t = np.tanh(float_array(z))
    return 1 - t * t


def relu(z):
    """Rectified linear unit: ``z`` where ``z > 0``, else 0."""
    z = float_array(z)
    return np.maximum(z, 0)


def relu_derivative(z):
    """Slope of ReLU: 1 where ``z > 0``, else 0 (we pick 0 at the kink ``z = 0``)."""
    z = float_array(z)
    return (z > 0).astype(z.dtype)


def leaky_relu(z, slope=0.01):
    """Leaky ReLU: ``z`` where ``z > 0``, else ``slope * z``."""
    z = float_array(z)
    slope = check_slope(slope)
    return np.where(z > 0, z, slope * z).astype(z.dtype, copy=False)


def leaky_relu_derivative(z, slope=0.01):
    """Slope of leaky ReLU: 1 where ``z > 0``, else ``slope`` (also at ``z = 0``)."""
    z = float_array(z)
    slope = check_slope(slope)
    return np.where(z > 0, 1.0, slope).astype(z.dtype, copy=False)


def softmax(z, axis=-1):
    """Turn scores into probabilities along ``axis``: ``exp(z) / sum(exp(z))``.

    The largest score is subtracted first.  That changes nothing in the
    result (the common factor ``exp(-max)`` cancels) but keeps every ``exp``
    argument <= 0, so nothing overflows.
    """
    z = float_array(z)
    axis = check_axis(z, axis)
    shifted = z - z.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    """``log(softmax(z))`` along ``axis``, computed without forming ``softmax`` first.

    ``log(softmax(z)) = shifted - log(sum(exp(shifted)))`` with
    ``shifted = z - max(z)``: finite even where ``softmax`` itself rounds to 0.
    """
    z = float_array(z)
    axis = check_axis(z, axis)
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax_jacobian(z):
    """The matrix of slopes ``d softmax(z)_i / d z_j`` for one vector ``z``.

    It is ``diag(s) - outer(s, s)`` with ``s = softmax(z)``: every output
    depends on every input, because they share the denominator.
    """
    z = float_array(z)
    if z.ndim != 1:
        raise InvalidInputError(f"z must be a single vector (1-D); got shape {z.shape}")
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)


def softmax_backward(z, dL_doutput, axis=-1):
    """Return ``dL_dz`` given ``dL_doutput``, the gradient with respect to ``softmax(z)``.

    This is the Jacobian of :func:`softmax_jacobian` applied to ``dL_doutput``
    for every vector along ``axis`` at once, without building the matrix:
    ``s * (dL_doutput - sum(dL_doutput * s))``.
    """
    s = softmax(z, axis)
    dL_doutput = float_array(dL_doutput)
    if dL_doutput.shape != s.shape:
        raise InvalidInputError(
            f"dL_doutput must have the shape of z, {s.shape}; got {dL_doutput.shape}"
        )
    # Through the shared denominator, every output reaches every input.
    return s * (dL_doutput - (dL_doutput * s).sum(axis=axis, keepdims=True))
