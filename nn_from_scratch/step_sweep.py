"""How the step of a finite difference sets its error: one sweep over the step.

Taught in the chapter "Checking gradients" of Part II, whose figure draws it
(:mod:`nn_from_scratch.figures.gradient_check`).  The gradient is ``dL_dW1``
of the article's network (Part I, seed :data:`~nn_from_scratch.data.ARTICLE_SEED`).
"""

import functools

import numpy as np

from .backprop import backprop_gradients
from .data import ARTICLE_SEED, article_dataset
from .forward import forward_pass
from .gradient_check import numerical_gradient, one_sided_gradient, relative_error
from .loss import sum_squared_error
from .network import NeuralNetwork

#: The steps of the sweep: 1e-1 down to 1e-13, four per decade.
EPSILONS = np.logspace(-1, -13, 49)
#: The step :func:`~nn_from_scratch.gradient_check.numerical_gradient` uses by default.
CHOSEN_EPSILON = 1e-6


@functools.lru_cache(maxsize=1)
def epsilon_sweep():
    """Return ``(epsilons, central_errors, one_sided_errors)`` for ``dL_dW1``.

    Each error is the relative error between backpropagation's ``dL_dW1``
    and the finite-difference estimate with that step.
    """
    x, y = article_dataset()
    network = NeuralNetwork(x, y, seed=ARTICLE_SEED)
    weights1, weights2 = network.weights1.copy(), network.weights2.copy()
    layer1, output = forward_pass(x, weights1, weights2)
    dL_dW1, _ = backprop_gradients(x, y, layer1, output, weights2)

    def loss():
        return sum_squared_error(y, forward_pass(x, weights1, weights2)[1])

    central = [relative_error(dL_dW1, numerical_gradient(loss, weights1, e)) for e in EPSILONS]
    one_sided = [relative_error(dL_dW1, one_sided_gradient(loss, weights1, e)) for e in EPSILONS]
    return EPSILONS, np.array(central), np.array(one_sided)


def decade(value):
    """The power of ten at or just below a positive ``value``, as text: 3.2e-05 gives "1e-05".

    The errors of the sweep are rounding noise in their last digits, which
    move a little between NumPy versions; their decades do not.
    """
    return f"1e{int(np.floor(np.log10(value))):+03d}"
