"""Vanishing gradients, measured: how big the gradient is at each depth of a deep chain.

Taught in the chapter "Activation functions" of Part II.
"""

import numpy as np

from .activation import sigmoid
from .activations import (
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from .errors import InvalidInputError
from .validation import check_positive_finite, check_positive_int, random_generator

#: The activations :func:`gradient_size_by_depth` knows: name -> (function, derivative).
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "leaky_relu": (leaky_relu, leaky_relu_derivative),
}


def gradient_size_by_depth(
    activation,
    depth=20,
    width=64,
    samples=32,
    weight_variance=2.0,
    seed=None,
):
    """Push a gradient back through ``depth`` layers; return its size at each layer.

    The chain is ``depth`` layers of ``width`` units, each computing
    ``activation(a @ W)`` with random normal weights of variance
    ``weight_variance / width``, fed a random batch of ``samples`` inputs.
    The gradient arriving at the top is all ones.  Entry ``k`` of the result
    is the root-mean-square of ``dL_dz`` in the layer ``k + 1`` steps below
    the top: entry 0 is the last layer, entry ``depth - 1`` the first.
    """
    if activation not in ACTIVATIONS:
        raise InvalidInputError(
            f"activation must be one of {sorted(ACTIVATIONS)}; got {activation!r}"
        )
    function, derivative = ACTIVATIONS[activation]
    depth = check_positive_int("depth", depth)
    width = check_positive_int("width", width)
    samples = check_positive_int("samples", samples)
    scale = np.sqrt(check_positive_finite("weight_variance", weight_variance) / width)
    rng = random_generator(seed)
    a = rng.standard_normal((samples, width))
    weights = [rng.standard_normal((width, width)) * scale for _ in range(depth)]
    pre_activations = []
    for W in weights:
        z = a @ W
        pre_activations.append(z)
        a = function(z)
    dL_da = np.ones_like(a)
    sizes = []
    for W, z in zip(reversed(weights), reversed(pre_activations), strict=True):
        # Through the activation: each entry is scaled by the local slope.
        dL_dz = dL_da * derivative(z)
        sizes.append(np.sqrt(np.mean(dL_dz**2)))
        # Through the weights, down to the activations of the layer below.
        dL_da = dL_dz @ W.T
    return np.array(sizes)
