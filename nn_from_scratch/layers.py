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

``forward`` and ``backward`` do almost no checking: they run thousands of
times per training run.  Inputs are checked once, where they enter (the
constructors here, ``nn_from_scratch.training.fit``,
``nn_from_scratch.sequential.Sequential.predict_labels``); only
``Dense.forward`` compares its input's shape with its weights, two
comparisons that cost nothing next to its matrix product.
"""

import numbers

import numpy as np

from .activation import sigmoid, sigmoid_derivative_from_output
from .activations import leaky_relu, leaky_relu_derivative, relu, tanh
from .errors import InvalidInputError, InvalidTypeError
from .initializers import he_normal, xavier_uniform
from .validation import check_positive_int

INITIALIZERS = ("he", "xavier")


def check_float_dtype(dtype):
    """Return ``dtype`` as a NumPy dtype if it is float32 or float64, or raise."""
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise InvalidTypeError(f"dtype must be float32 or float64; got {dtype!r}") from None
    if dtype not in (np.float32, np.float64):
        raise InvalidInputError(f"dtype must be float32 or float64; got {dtype}")
    return dtype


class Layer:
    """The common shape of every layer: ``params``, ``grads``, ``forward``, ``backward``.

    ``needs_input_gradient`` may be set to ``False`` on the first layer of a
    network while it trains (nobody needs the gradient with respect to the
    data); ``backward`` may then skip computing ``dL_dinput`` and return ``None``.
    """

    needs_input_gradient = True

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
    with He initialisation (``init="he"``, variance ``2 / in_features``,
    for a ReLU after the layer) or Xavier initialisation (``init="xavier"``,
    for tanh or sigmoid); ``b`` starts at zero.
    """

    def __init__(
        self,
        in_features,
        out_features,
        seed=None,
        init="he",
        dtype=np.float64,
    ):
        super().__init__()
        in_features = check_positive_int("in_features", in_features)
        out_features = check_positive_int("out_features", out_features)
        dtype = check_float_dtype(dtype)
        shape = (in_features, out_features)
        if init == "he":
            W = he_normal(shape, in_features, seed, dtype)
        elif init == "xavier":
            W = xavier_uniform(shape, in_features, out_features, seed, dtype)
        else:
            raise InvalidInputError(f"init must be one of {INITIALIZERS}; got {init!r}")
        self.params["W"] = W
        self.params["b"] = np.zeros(out_features, dtype=dtype)

    def forward(self, x):
        # Two cheap comparisons explain a wrong shape before the product.
        if x.ndim != 2 or x.shape[1] != len(self.params["W"]):
            raise InvalidInputError(
                "Dense expects input of shape "
                f"(samples, {len(self.params['W'])}); got shape {x.shape}"
            )
        self.x = x
        output = x @ self.params["W"]
        output += self.params["b"]
        return output

    def backward(self, dL_doutput):
        # output = x @ W + b, so each weight's slope is its input times the
        # output's slope, summed over the samples of the batch.
        self.grads["W"] = self.x.T @ dL_doutput
        self.grads["b"] = dL_doutput.sum(axis=0)
        if not self.needs_input_gradient:
            return None
        # Each input feeds every output through its row of W.
        return dL_doutput @ self.params["W"].T


class ReLU(Layer):
    """``max(z, 0)`` element by element."""

    def forward(self, x):
        self.x = x
        return relu(x)

    def backward(self, dL_doutput):
        # Chain rule: the slope passes where the input was positive.  The
        # mask of booleans multiplies as 1 and 0, with no float copy of it.
        return dL_doutput * (self.x > 0)


class LeakyReLU(Layer):
    """``z`` where positive, ``slope * z`` elsewhere."""

    def __init__(self, slope=0.01):
        super().__init__()
        if isinstance(slope, bool) or not isinstance(slope, numbers.Real):
            raise InvalidTypeError(f"slope must be a number; got {slope!r}")
        if not 0 <= slope < 1:
            raise InvalidInputError(f"slope must be in [0, 1); got {slope}")
        self.slope = float(slope)

    def forward(self, x):
        self.x = x
        return leaky_relu(x, self.slope)

    def backward(self, dL_doutput):
        return dL_doutput * leaky_relu_derivative(self.x, self.slope)


class Tanh(Layer):
    """The hyperbolic tangent; its slope ``1 - tanh(z)**2`` comes from the output."""

    def forward(self, x):
        self.output = tanh(x)
        return self.output

    def backward(self, dL_doutput):
        return dL_doutput * (1.0 - self.output * self.output)


class Sigmoid(Layer):
    """The sigmoid of Part I; its slope ``a * (1 - a)`` comes from the output ``a``."""

    def forward(self, x):
        self.output = sigmoid(x).astype(x.dtype, copy=False)
        return self.output

    def backward(self, dL_doutput):
        return dL_doutput * sigmoid_derivative_from_output(self.output)
