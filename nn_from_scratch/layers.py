"""Layers: the building blocks of a network with many layers.

Taught in the chapter "Many layers and mini-batches" of Part II.

Every layer follows one contract, the one the frameworks use too:

- ``forward(x)`` computes the layer's output and remembers what
  ``backward`` will need;
- ``backward(dL_doutput)`` takes the gradient of the loss with respect to
  the layer's output (frameworks call it ``grad_output``), stores the
  gradients of the layer's parameters in ``grads`` and returns the gradient
  with respect to the layer's input, ``dL_dinput``.  It never changes
  ``dL_doutput``;
- ``params`` and ``grads`` are dicts keyed by the same names (``"W"``,
  ``"b"``); a layer without parameters has two empty dicts.
"""

import numpy as np

from .validation import check_positive_int, random_generator


class Layer:
    """The common shape of every layer: ``params``, ``grads``, ``forward``, ``backward``."""

    def __init__(self):
        self.params = {}
        self.grads = {}

    def forward(self, x):
        raise NotImplementedError

    def backward(self, dL_doutput):
        raise NotImplementedError


class Dense(Layer):
    """A fully connected layer: ``output = x @ W + b``.

    ``x`` has one sample per row, shape ``(N, in_features)``.  ``W`` starts
    with He initialisation (random normal, variance ``2 / in_features``),
    which suits a ReLU after the layer; ``b`` starts at zero.
    """

    def __init__(self, in_features, out_features, seed=None, dtype=np.float64):
        super().__init__()
        in_features = check_positive_int("in_features", in_features)
        out_features = check_positive_int("out_features", out_features)
        rng = random_generator(seed)
        scale = np.sqrt(2.0 / in_features)
        self.params["W"] = (rng.standard_normal((in_features, out_features)) * scale).astype(dtype)
        self.params["b"] = np.zeros(out_features, dtype=dtype)

    def forward(self, x):
        self.x = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dL_doutput):
        # output = x @ W + b, so each weight's slope is its input times the
        # output's slope, summed over the samples of the batch.
        self.grads["W"] = self.x.T @ dL_doutput
        self.grads["b"] = dL_doutput.sum(axis=0)
        return dL_doutput @ self.params["W"].T
