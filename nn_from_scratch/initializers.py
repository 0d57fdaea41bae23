"""Starting weights whose scale keeps the signal steady from layer to layer.

Taught in the chapter "Many layers and mini-batches" of Part II.

Both functions take ``fan_in`` (how many numbers feed each output: the
input width of a dense layer, ``C_in * kh * kw`` for a convolution) and
draw from the generator ``seed`` (``None``, an int or a
``numpy.random.Generator``).  Numbers are drawn in float64 and then cast,
so float32 and float64 networks built with one seed start alike.

``spread_through_layers`` is the chapter's experiment: how the spread of
the activations changes through a stack of dense + ReLU layers for a given
way of drawing the weights.
"""

import numpy as np

from .activations import relu
from .validation import check_positive_int, random_generator


def he_normal(shape, fan_in, seed=None, dtype=np.float64):
    """Normal weights with variance ``2 / fan_in``: for layers followed by a ReLU."""
    fan_in = check_positive_int("fan_in", fan_in)
    rng = random_generator(seed)
    std = np.sqrt(2.0 / fan_in)
    return (rng.standard_normal(shape) * std).astype(dtype)


def xavier_uniform(shape, fan_in, fan_out, seed=None, dtype=np.float64):
    """Uniform weights with variance ``2 / (fan_in + fan_out)``: for tanh or sigmoid layers."""
    fan_in = check_positive_int("fan_in", fan_in)
    fan_out = check_positive_int("fan_out", fan_out)
    rng = random_generator(seed)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=shape).astype(dtype)


def spread_through_layers(weights_for, n_layers=10, width=256, seed=0):
    """The activations' standard deviation after each dense + ReLU layer."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(500, width))
    spreads = []
    for _ in range(n_layers):
        a = relu(a @ weights_for(width, rng))
        spreads.append(a.std())
    return spreads
