"""Optimisers: turn every layer's ``grads`` into an in-place update of its ``params``.

Taught in the chapter "Many layers and mini-batches" of Part II.

An optimiser is built once from the layers it trains and then called with
``step()`` after every ``backward``.  It changes each parameter array in
place (``param -= ...``), so the layers keep the very same arrays, and any
state it needs (velocities, moment estimates) lives in arrays of its own,
allocated once.
"""

import math

import numpy as np

from .errors import InvalidInputError, InvalidTypeError
from .validation import check_positive_finite


def trainable(layers):
    """Return ``[(layer, name)]`` for every parameter of ``layers`` (a list or a Sequential)."""
    layers = getattr(layers, "layers", layers)
    try:
        layers = list(layers)
    except TypeError:
        raise InvalidTypeError(
            f"layers must be a list of layers or a Sequential; got {type(layers).__name__}"
        ) from None
    pairs = []
    for index, layer in enumerate(layers):
        params = getattr(layer, "params", None)
        if not isinstance(params, dict) or not isinstance(getattr(layer, "grads", None), dict):
            raise InvalidTypeError(
                f"layers[{index}] must have dicts params and grads; got {type(layer).__name__}"
            )
        pairs.extend((layer, name) for name in params)
    return pairs


def check_fraction(name, value):
    """Return ``value`` as a float if it is a number in [0, 1), or raise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)):
        raise InvalidTypeError(f"{name} must be a number in [0, 1); got {value!r}")
    if not 0.0 <= value < 1.0:
        raise InvalidInputError(f"{name} must be in [0, 1); got {value}")
    return float(value)


class ParameterVector:
    """Every trainable parameter of some layers, seen as one long vector.

    The optimisers below do their arithmetic on whole vectors: a handful of
    NumPy calls per step however many parameter arrays there are.
    ``gather_grads()`` copies every layer's gradient into ``grad``; after the
    optimiser has written its step into ``update``, ``apply_update()``
    subtracts it from each parameter array, in place.
    """

    def __init__(self, layers):
        pairs = trainable(layers)
        params = [layer.params[name] for layer, name in pairs]
        dtype = np.result_type(*params) if params else np.float64
        size = sum(param.size for param in params)
        self.grad = np.zeros(size, dtype=dtype)
        self.update = np.zeros(size, dtype=dtype)
        self.slots = []
        start = 0
        for (layer, name), param in zip(pairs, params, strict=True):
            stop = start + param.size
            # Views: writing into them writes into the long vectors.
            grad_view = self.grad[start:stop].reshape(param.shape)
            update_view = self.update[start:stop].reshape(param.shape)
            self.slots.append((param, layer.grads, name, grad_view, update_view))
            start = stop

    def gather_grads(self):
        for _, grads, name, grad_view, _ in self.slots:
            grad_view[...] = grads[name]
        return self.grad

    def apply_update(self):
        for param, _, _, _, update_view in self.slots:
            param -= update_view


class SGD:
    """Stochastic gradient descent, optionally with momentum.

    ``velocity = momentum * velocity + grad`` and ``param -= learning_rate * velocity``;
    with ``momentum=0`` this is plain gradient descent, ``param -= learning_rate * grad``.
    """

    def __init__(self, layers, learning_rate=0.1, momentum=0.0):
        self.learning_rate = check_positive_finite("learning_rate", learning_rate)
        self.momentum = check_fraction("momentum", momentum)
        self.vector = ParameterVector(layers)
        self.velocity = np.zeros_like(self.vector.grad)

    def step(self):
        grad = self.vector.gather_grads()
        self.velocity *= self.momentum
        self.velocity += grad
        np.multiply(self.velocity, self.learning_rate, out=self.vector.update)
        self.vector.apply_update()


class Adam:
    """Adam: a step along a running mean of the gradient, scaled per parameter.

    ``m`` averages the gradients, ``v`` their squares; both start at zero,
    so they are divided by ``1 - beta**t`` (bias correction) before use.
    Each parameter moves by ``learning_rate * m_hat / (sqrt(v_hat) + epsilon)``.
    """

    def __init__(
        self,
        layers,
        learning_rate=1e-3,
        beta1=0.9,
        beta2=0.999,
        epsilon=1e-8,
    ):
        self.learning_rate = check_positive_finite("learning_rate", learning_rate)
        self.beta1 = check_fraction("beta1", beta1)
        self.beta2 = check_fraction("beta2", beta2)
        self.epsilon = check_positive_finite("epsilon", epsilon)
        self.vector = ParameterVector(layers)
        self.m = np.zeros_like(self.vector.grad)
        self.v = np.zeros_like(self.vector.grad)
        self.t = 0

    def step(self):
        self.t += 1
        grad = self.vector.gather_grads()
        m, v, update = self.m, self.v, self.vector.update
        # m += (1 - beta1) * (grad - m),
        # the same as m = beta1 * m + (1 - beta1) * grad
        np.subtract(grad, m, out=update)
        update *= 1.0 - self.beta1
        m += update
        # v += (1 - beta2) * (grad**2 - v)
        np.multiply(grad, grad, out=update)
        update -= v
        update *= 1.0 - self.beta2
        v += update
        # m_hat / (sqrt(v_hat) + eps) with m_hat = m / c1, v_hat = v / c2,
        # written as m / (sqrt(v) + eps * sqrt(c2)) times sqrt(c2) / c1.
        c1 = 1.0 - self.beta1**self.t
        c2 = 1.0 - self.beta2**self.t
        np.sqrt(v, out=update)
        update += self.epsilon * math.sqrt(c2)
        np.divide(m, update, out=update)
        update *= self.learning_rate * math.sqrt(c2) / c1
        self.vector.apply_update()
