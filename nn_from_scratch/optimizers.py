"""Optimisers: turn every layer's ``grads`` into an in-place update of its ``params``.

Taught in the chapter "Many layers and mini-batches" of Part II.

An optimiser is built once from the layers it trains (a list of layers or a
``Sequential``) and then called with ``step()`` after every ``backward``.
It keeps the layers, not their arrays: at every step it reads each
``layer.params[name]`` and ``layer.grads[name]`` afresh, and changes the
parameter in place (``param -= ...``), so the layers keep their arrays.  A
parameter replaced by a new array of the same shape is simply trained from
then on; one of another shape is refused in words.  What an optimiser
remembers between steps it keeps itself: ``SGD`` a velocity per parameter,
in a dict, ``RMSProp`` a running mean of the squared gradient per
parameter, in a dict, and ``Adam`` its two moment estimates as two long
vectors, one number per parameter entry, in the order of ``parameters()``.
"""

import math

import numpy as np

from .errors import InvalidInputError, InvalidTypeError
from .validation import check_positive_finite


def check_fraction(name, value):
    """Return ``value`` as a float if it is a number in [0, 1), or raise."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)):
        raise InvalidTypeError(f"{name} must be a number in [0, 1); got {value!r}")
    if not 0.0 <= value < 1.0:
        raise InvalidInputError(f"{name} must be in [0, 1); got {value}")
    return float(value)


def layer_list(layers):
    """Return ``layers`` (a list of layers or a Sequential) as a list, or raise."""
    layers = getattr(layers, "layers", layers)
    try:
        layers = list(layers)
    except TypeError:
        raise InvalidTypeError(
            f"layers must be a list of layers or a Sequential; got {type(layers).__name__}"
        ) from None
    for index, layer in enumerate(layers):
        params = getattr(layer, "params", None)
        if not isinstance(params, dict) or not isinstance(getattr(layer, "grads", None), dict):
            raise InvalidTypeError(
                f"layers[{index}] must have dicts params and grads; got {type(layer).__name__}"
            )
    return layers


class Optimizer:
    """What every optimiser shares: the layers it trains, and their parameters at each step.

    The shape of every parameter is noted once, when the optimiser is
    built, so that a parameter replaced by an array of another shape is
    refused in words instead of being combined with the old shape's state.
    """

    def __init__(self, layers):
        self.layers = layer_list(layers)
        self.shapes = {
            (index, name): param.shape
            for index, layer in enumerate(self.layers)
            for name, param in layer.params.items()
        }

    def parameters(self):
        """``[(key, param, grad)]`` for every parameter, as the layers hold them now."""
        found = []
        for (index, name), shape in self.shapes.items():
            layer = self.layers[index]
            param = layer.params[name]
            if param.shape != shape:
                raise InvalidInputError(
                    f"layers[{index}].params[{name!r}] has shape {param.shape}, but had "
                    f"{shape} when the optimiser was built: build a new optimiser"
                )
            found.append(((index, name), param, layer.grads[name]))
        return found


class SGD(Optimizer):
    """Stochastic gradient descent, optionally with momentum.

    ``velocity = momentum * velocity + grad`` and ``param -= learning_rate * velocity``;
    with ``momentum=0`` this is plain gradient descent, ``param -= learning_rate * grad``.
    """

    def __init__(self, layers, learning_rate=0.1, momentum=0.0):
        super().__init__(layers)
        self.learning_rate = check_positive_finite("learning_rate", learning_rate)
        self.momentum = check_fraction("momentum", momentum)
        self.velocity = {}  # every velocity starts at 0

    def step(self):
        for key, param, grad in self.parameters():
            velocity = self.momentum * self.velocity.get(key, 0.0) + grad
            self.velocity[key] = velocity
            param -= self.learning_rate * velocity


class RMSProp(Optimizer):
    """RMSProp: every gradient divided by the typical size of its own recent gradients.

    ``v = rho * v + (1 - rho) * grad**2`` keeps, per parameter entry, a
    running mean of the squared gradient, so ``sqrt(v)`` is the size its
    gradients have had lately; ``param -= learning_rate * grad / (sqrt(v) + epsilon)``.
    ``v`` starts at zero and is not bias-corrected, so the first step is
    ``learning_rate / sqrt(1 - rho)`` in size.

    The same update as ``torch.optim.RMSprop`` (``alpha`` there is ``rho``
    here; epsilon is added to ``sqrt(v)``, outside the square root; no
    momentum, not centred), with other defaults: ``rho=0.9``, the value of
    Hinton's lecture that introduced RMSProp, where PyTorch has
    ``alpha=0.99``, and ``learning_rate=1e-3`` where PyTorch has ``lr=0.01``.
    """

    def __init__(self, layers, learning_rate=1e-3, rho=0.9, epsilon=1e-8):
        super().__init__(layers)
        self.learning_rate = check_positive_finite("learning_rate", learning_rate)
        self.rho = check_fraction("rho", rho)
        self.epsilon = check_positive_finite("epsilon", epsilon)
        self.v = {}  # every mean square starts at 0

    def step(self):
        for key, param, grad in self.parameters():
            # A running mean of the squared gradient: sqrt(v) is its
            # typical size, so grad / sqrt(v) is about 1 in size.
            v = self.rho * self.v.get(key, 0.0) + (1 - self.rho) * grad**2
            self.v[key] = v
            param -= self.learning_rate * grad / (np.sqrt(v) + self.epsilon)


class Adam(Optimizer):
    """Adam: a step along a running mean of the gradient, scaled per parameter.

    ``m`` averages the gradients, ``v`` their squares; both start at zero,
    so they are divided by ``1 - beta**t`` (bias correction) before use.
    Each parameter moves by ``learning_rate * m_hat / (sqrt(v_hat) + epsilon)``.

    Two choices make the step cheap without changing what it computes.  It
    runs on every parameter at once, laid end to end in one long vector:
    NumPy's fixed cost per call, not the arithmetic, decides the time of a
    small network, and this way the calls do not multiply with the number
    of arrays.  And it takes the order of Kingma and Ba's paper, both
    corrections folded into two numbers, ``eta_t`` and ``epsilon_t``,
    instead of two more passes over the vector.
    """

    def __init__(
        self,
        layers,
        learning_rate=1e-3,
        beta1=0.9,
        beta2=0.999,
        epsilon=1e-8,
    ):
        super().__init__(layers)
        self.learning_rate = check_positive_finite("learning_rate", learning_rate)
        self.beta1 = check_fraction("beta1", beta1)
        self.beta2 = check_fraction("beta2", beta2)
        self.epsilon = check_positive_finite("epsilon", epsilon)
        self.m = self.v = 0.0  # both start at 0
        self.t = 0

    def step(self):
        parameters = self.parameters()
        if not parameters:
            return  # nothing to train
        self.t += 1
        # The names of the maths.
        t, eta, epsilon = self.t, self.learning_rate, self.epsilon
        beta1, beta2 = self.beta1, self.beta2
        # Every gradient, end to end: one long vector.
        g = np.concatenate([grad.ravel() for _, _, grad in parameters])
        self.m = beta1 * self.m + (1 - beta1) * g
        self.v = beta2 * self.v + (1 - beta2) * g**2
        # eta * m_hat / (sqrt(v_hat) + epsilon), both corrections moved
        # into eta_t and epsilon_t.
        eta_t = eta * math.sqrt(1 - beta2**t) / (1 - beta1**t)
        epsilon_t = epsilon * math.sqrt(1 - beta2**t)
        update = eta_t * self.m / (np.sqrt(self.v) + epsilon_t)
        # Cut the long vector back into the parameters' shapes.
        start = 0
        for _, param, _ in parameters:
            stop = start + param.size
            param -= update[start:stop].reshape(param.shape)
            start = stop


def adam_step_in_learning_rates(adam):
    """Each parameter entry's last step of ``adam``, in units of its learning rate.

    That is ``|m_hat| / (sqrt(v_hat) + epsilon)``: 1 at the first step, and
    much less once the gradients of successive steps disagree, because
    ``m_hat`` averages them towards zero while ``sqrt(v_hat)`` keeps their size.
    """
    if not isinstance(adam, Adam):
        raise InvalidTypeError(f"adam must be an Adam optimiser; got {type(adam).__name__}")
    if adam.t == 0:
        raise InvalidInputError("adam has not taken a step yet: call step() first")
    m_hat = adam.m / (1 - adam.beta1**adam.t)
    v_hat = adam.v / (1 - adam.beta2**adam.t)
    return np.abs(m_hat) / (np.sqrt(v_hat) + adam.epsilon)
