"""Activation functions beyond the sigmoid, each with its derivative.

Taught in the chapter "Activation functions" of Part II.

(First version, to be completed by the chapter: names and signatures are fixed.)
"""

import numpy as np


def _as_float(z):
    z = np.asarray(z)
    return z if z.dtype.kind == "f" else z.astype(np.float64)


def tanh(z):
    return np.tanh(_as_float(z))


def tanh_derivative(z):
    t = np.tanh(_as_float(z))
    return 1.0 - t * t


def relu(z):
    z = _as_float(z)
    return np.maximum(z, 0)


def relu_derivative(z):
    z = _as_float(z)
    return (z > 0).astype(z.dtype)


def leaky_relu(z, slope=0.01):
    z = _as_float(z)
    return np.where(z > 0, z, slope * z).astype(z.dtype, copy=False)


def leaky_relu_derivative(z, slope=0.01):
    z = _as_float(z)
    return np.where(z > 0, 1.0, slope).astype(z.dtype, copy=False)


def softmax(z, axis=-1):
    z = _as_float(z)
    shifted = z - z.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    z = _as_float(z)
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
