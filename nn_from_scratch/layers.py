"""Layers: the building blocks of a network with many layers.

Taught in the chapter "Many layers and mini-batches" of Part II.

Every layer follows one contract, the one the frameworks use too:

- ``forward(x)`` computes the layer's output and keeps on the layer what
  ``backward`` will need (``self.x``, ``self.cols``, ...);
- ``backward(dL_doutput)`` takes the gradient of the loss with respect to
  the layer's output (frameworks call it ``grad_output``), stores the
  gradients of the layer's parameters in ``grads`` and returns the gradient
  with respect to the layer's input, ``dL_dinput``.  It never changes
  ``dL_doutput``;
- ``params`` and ``grads`` are dicts keyed by the same names (``"W"``,
  ``"b"``); a layer without parameters has two empty dicts;
- ``config()`` returns the constructor's settings as plain values, so that
  ``type(layer)(**layer.config())`` builds a layer like it (with fresh
  parameters); ``repr(layer)`` is that call written out, ``Dense(64, 128)``.
- ``training`` is True (the default) while the network learns and False
  while it is evaluated.  Only a layer that behaves differently in the two
  modes reads it (``Dropout``, in the chapter "Generalisation: training,
  validation and test"); ``fit`` trains in training mode, ``evaluate`` and
  ``Sequential.predict_labels`` run in evaluation mode, and each puts the
  flags back as they were (``nn_from_scratch.sequential.in_mode``).

``backward`` uses what the *last* ``forward`` kept.  The two calls must
come in pairs, forward then backward on the same batch: another ``forward``
in between (``predict_labels``, a check on other data) overwrites what
``backward`` needs, and its gradients then belong to the wrong batch,
without any error.

Where inputs are checked: constructors check their arguments.  Data is
checked once, where it enters the package: by ``nn_from_scratch.training.fit``,
by ``nn_from_scratch.sequential.Sequential.predict_labels`` (both send one
sample through every layer first, with ``forward_checked``) and by the
public functions such as ``relu`` or ``im2col``, which a reader may call
with anything.  ``forward`` and ``backward`` run thousands of times per
training run and trust what they are given: they compute with NumPy
directly and check only the shape of their input, and only where a wrong
shape would otherwise fail deep inside NumPy (the width of ``Dense``, the
number of axes of ``Conv2D``, ``MaxPool2D`` and ``Flatten``, the channels
of ``Conv2D``): a few comparisons that cost nothing next to the layer's
work.  (``Conv2D`` also calls the public ``im2col``, whose own check is as
cheap.)
"""

import inspect

import numpy as np

from .activation import sigmoid, sigmoid_derivative_from_output
from .activations import check_slope
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


def constructor_call(cls, settings):
    """The call of ``cls`` that ``settings`` describe, as code: ``Dense(64, 10, init='xavier')``.

    Settings without a default are written by position, in the order of the
    constructor's arguments; the others by name, and only when they differ
    from their default.
    """
    arguments = []
    for name, parameter in inspect.signature(cls).parameters.items():
        if name not in settings:
            continue
        value = settings[name]
        if parameter.default is inspect.Parameter.empty:
            arguments.append(repr(value))
        elif value != parameter.default:
            arguments.append(f"{name}={value!r}")
    return f"{cls.__name__}({', '.join(arguments)})"


class Layer:
    """The common shape of every layer: ``params``, ``grads``, ``forward``, ``backward``.

    ``config`` returns the constructor's settings (none here); ``repr``
    writes them as the call that builds the layer.  ``training`` is the
    mode, True while learning, False while evaluating.
    """

    def __init__(self):
        self.params = {}
        self.grads = {}
        self.training = True  # False while evaluating: see in_mode

    def forward(self, x):
        raise NotImplementedError

    def backward(self, dL_doutput):
        raise NotImplementedError

    def config(self):
        """The constructor's settings as plain values; a layer without settings has none."""
        return {}

    def __repr__(self):
        return constructor_call(type(self), self.config())


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
        dtype="float64",
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
        self.init = init
        self.params["W"] = W
        self.params["b"] = np.zeros(out_features, dtype=dtype)

    def config(self):
        in_features, out_features = self.params["W"].shape
        return {
            "in_features": in_features,
            "out_features": out_features,
            "init": self.init,
            "dtype": self.params["W"].dtype.name,
        }

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
        # Each input feeds every output through its row of W.
        return dL_doutput @ self.params["W"].T


class ReLU(Layer):
    """``max(z, 0)`` element by element."""

    def forward(self, x):
        self.x = x
        return np.maximum(x, 0)

    def backward(self, dL_doutput):
        # Chain rule: the slope passes where the input was positive.  The
        # mask of booleans multiplies as 1 and 0, with no float copy of it.
        return dL_doutput * (self.x > 0)


class LeakyReLU(Layer):
    """``z`` where positive, ``slope * z`` elsewhere; ``slope`` in [0, 1), as for ``leaky_relu``."""

    def __init__(self, slope=0.01):
        super().__init__()
        self.slope = check_slope(slope)

    def config(self):
        return {"slope": self.slope}

    def forward(self, x):
        self.x = x
        return np.where(x > 0, x, self.slope * x)

    def backward(self, dL_doutput):
        # The slope passes whole where the input was positive, scaled by
        # slope elsewhere.
        return np.where(self.x > 0, dL_doutput, self.slope * dL_doutput)


class Tanh(Layer):
    """The hyperbolic tangent; its slope ``1 - tanh(z)**2`` comes from the output."""

    def forward(self, x):
        self.output = np.tanh(x)
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
