"""Reverse-mode automatic differentiation of scalars: a ``Value`` remembers how it was made.

Taught in the chapter "Autograd in sixty lines" of Part III.  Four
operations are primitive (``+``, ``*``, ``exp`` and ``log``): each records,
next to its result, the derivative of that result with respect to each
input.  Everything else (``-``, ``/``, the sigmoid, the network of Part I)
is built from them, so its derivatives come from the chain rule alone,
which :meth:`Value.backward` applies from the last value back to the first.
"""

import math

import numpy as np

from .errors import InvalidInputError

MAX_EXP = math.log(np.finfo(float).max)
"""The largest ``x`` whose ``exp(x)`` is a finite float, about 709.78."""


class Value:
    """A number, what it was computed from, and its derivative by each input.

    ``data`` is the number.  ``parents`` are the values it was computed
    from and ``local_grads`` the derivative of this value with respect to
    each of them, worked out when it was computed.  ``grad`` is filled in
    by :meth:`Value.backward`: the derivative, with respect to this value, of the
    value ``backward`` was called on.
    """

    def __init__(self, data, parents=(), local_grads=()):
        self.data = float(data)
        self.grad = 0.0
        self.parents = parents
        self.local_grads = local_grads

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # The four primitives, each with its local derivatives.
    def __add__(self, other):
        other = as_value(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0))

    def __mul__(self, other):
        other = as_value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data))

    def exp(self):
        if self.data > MAX_EXP:
            raise InvalidInputError(
                f"exp({self.data}) is too large for a float (the limit is {MAX_EXP:.2f})"
            )
        result = math.exp(self.data)
        return Value(result, (self,), (result,))

    def log(self):
        if not self.data > 0:
            raise InvalidInputError(f"log needs a positive number; got {self.data}")
        return Value(math.log(self.data), (self,), (1.0 / self.data,))

    # Built from the primitives: no derivatives of their own.
    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + -as_value(other)

    def __truediv__(self, other):
        # a / b = a * exp(-log b), for b > 0 (all this book divides by).
        return self * (-as_value(other).log()).exp()

    def __radd__(self, other):
        return as_value(other) + self

    def __rmul__(self, other):
        return as_value(other) * self

    def __rsub__(self, other):
        return as_value(other) - self

    def __rtruediv__(self, other):
        return as_value(other) / self

    def backward(self):
        """Set ``grad`` of this value and of every value it came from.

        This value's own ``grad`` becomes 1; every other value's is the sum,
        over the ways this value depends on it, of the chain rule's products.
        """
        order = topological_order(self)
        for value in order:
            value.grad = 0.0
        self.grad = 1.0
        for value in reversed(order):  # from this value back to the inputs
            pairs = zip(value.parents, value.local_grads, strict=True)
            for parent, local_grad in pairs:
                # The chain rule: dL/dparent += dL/dvalue * dvalue/dparent.
                parent.grad += value.grad * local_grad


def as_value(x):
    """``x`` if it is a :class:`Value`, else the constant ``Value(x)``."""
    return x if isinstance(x, Value) else Value(x)


def topological_order(root):
    """Every value ``root`` came from, each after its parents; ``root`` last."""
    order, seen = [], set()
    stack = [(root, False)]
    # A depth-first search with a stack, not recursion: chains can be long.
    while stack:
        value, parents_done = stack.pop()
        if parents_done:
            order.append(value)
        elif value not in seen:
            seen.add(value)
            stack.append((value, True))
            stack.extend((parent, False) for parent in value.parents)
    return order


def sigmoid_value(z):
    """The sigmoid of a :class:`Value`, ``1 / (1 + exp(-z))``."""
    return 1.0 / (1.0 + (-z).exp())


def value_array(array):
    """A NumPy array of :class:`Value` (``dtype=object``), one per number.

    NumPy's ``dot``, ``+``, ``-``, ``*`` and ``sum`` work on it element by
    element, through the operators of :class:`Value`.
    """
    array = np.asarray(array, dtype=float)
    values = [Value(x) for x in array.ravel()]
    return np.array(values, dtype=object).reshape(array.shape)


def grads(values):
    """The ``grad`` of each :class:`Value` of an array, as a float array."""
    return np.vectorize(lambda value: value.grad, otypes=[float])(values)


def article_loss(x, y, weights1, weights2):
    """The loss of Part I's network as one :class:`Value`.

    ``weights1`` and ``weights2`` are arrays of :class:`Value`
    (:func:`value_array`); the formulas are those of ``forward_pass`` and
    ``sum_squared_error``.
    """
    sigmoid = np.vectorize(sigmoid_value, otypes=[object])
    layer1 = sigmoid(x.dot(weights1))
    output = sigmoid(layer1.dot(weights2))
    error = y - output
    return (error * error).sum()
