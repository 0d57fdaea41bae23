"""Move a ``Sequential`` of the book's layers to PyTorch and back, every parameter exactly.

Taught in the chapter "The same network in PyTorch" of Part III.  Each of
the book's layers has one PyTorch module that computes the same function:

| nn_from_scratch | torch.nn |
| --- | --- |
| ``Dense(in, out)`` | ``Linear(in, out)``, its weight ``W.T`` |
| ``Conv2D`` | ``Conv2d``, the same ``(C_out, C_in, kh, kw)`` weights |
| ``MaxPool2D(size, stride)`` | ``MaxPool2d(size, stride)`` |
| ``Flatten()`` | ``Flatten()`` |
| ``ReLU``, ``Tanh``, ``Sigmoid`` | the module of the same name |
| ``LeakyReLU(slope)`` | ``LeakyReLU(negative_slope=slope)`` |
| ``Dropout(rate)`` | ``Dropout(p=rate)`` |

The parameters keep their dtype (float32 or float64) and their values, bit
for bit, both ways.  PyTorch is imported only when a function here is
called; without it, the error says how to install it.
"""

import importlib

import numpy as np

from .conv import Conv2D
from .dropout import Dropout
from .errors import InvalidInputError, InvalidTypeError
from .flatten import Flatten
from .layers import Dense, LeakyReLU, ReLU, Sigmoid, Tanh
from .pooling import MaxPool2D
from .sequential import Sequential


def import_torch():
    """Import PyTorch, or explain how to install it."""
    try:
        # By name: PyTorch is optional, and the type checker need not find it.
        torch = importlib.import_module("torch")
    except ImportError:
        raise ImportError(
            "moving a network to or from PyTorch needs PyTorch, an optional dependency: "
            "pip install 'nn-from-scratch-book[torch]'; benchmarks/README.md shows how "
            "to install its smaller CPU build first"
        ) from None
    return torch


def to_torch(network):
    """A ``torch.nn.Sequential`` computing what ``network`` computes, with copies of its parameters.

    ``network`` is a :class:`~nn_from_scratch.sequential.Sequential` of the
    book's layers.  The module is in training mode, like a new ``Sequential``;
    call its ``eval()`` before predicting if it has ``Dropout``.
    """
    torch = import_torch()
    if not isinstance(network, Sequential):
        raise InvalidTypeError(f"network must be a Sequential; got {type(network).__name__}")
    return torch.nn.Sequential(
        *(torch_module(torch, index, layer) for index, layer in enumerate(network.layers))
    )


def torch_module(torch, index, layer):
    """The PyTorch module for ``layer``, the ``index``-th layer of a network."""
    nn = torch.nn
    kind = type(layer)
    if kind is Dense:
        W, b = layer.params["W"], layer.params["b"]
        module = nn.Linear(*W.shape, dtype=torch_dtype(torch, W))
        # PyTorch keeps a linear layer's weight as (out, in): ours transposed.
        return with_parameters(torch, module, W.T, b)
    if kind is Conv2D:
        W, b = layer.params["W"], layer.params["b"]
        module = nn.Conv2d(
            layer.in_channels,
            layer.out_channels,
            (layer.kh, layer.kw),
            stride=layer.stride,
            padding=layer.padding,
            dtype=torch_dtype(torch, W),
        )
        return with_parameters(torch, module, W, b)
    simple = {
        MaxPool2D: lambda: nn.MaxPool2d(layer.size, layer.stride),
        Flatten: nn.Flatten,
        ReLU: nn.ReLU,
        LeakyReLU: lambda: nn.LeakyReLU(negative_slope=layer.slope),
        Tanh: nn.Tanh,
        Sigmoid: nn.Sigmoid,
        Dropout: lambda: nn.Dropout(p=layer.rate),
    }
    if kind not in simple:
        raise InvalidInputError(
            f"layers[{index}] is a {kind.__name__}, which has no PyTorch counterpart here; "
            f"the layers that move are {', '.join(c.__name__ for c in (Dense, Conv2D, *simple))}"
        )
    return simple[kind]()


def torch_dtype(torch, array):
    """PyTorch's name for the dtype of ``array``, float32 or float64."""
    return {"float32": torch.float32, "float64": torch.float64}[array.dtype.name]


def with_parameters(torch, module, weight, bias):
    """``module`` with copies of ``weight`` and ``bias`` as its parameters."""
    with torch.no_grad():
        module.weight.copy_(torch.from_numpy(np.ascontiguousarray(weight)))
        module.bias.copy_(torch.from_numpy(bias))
    return module


def from_torch(module):
    """A :class:`~nn_from_scratch.sequential.Sequential` with copies of ``module``'s parameters.

    ``module`` is a ``torch.nn.Sequential`` of the modules in the table
    above, with float32 or float64 parameters; any other module is refused
    by name.
    """
    torch = import_torch()
    if not isinstance(module, torch.nn.Sequential):
        raise InvalidTypeError(f"module must be a torch.nn.Sequential; got {type(module).__name__}")
    return Sequential([book_layer(torch, index, child) for index, child in enumerate(module)])


def book_layer(torch, index, child):
    """The book's layer for ``child``, the ``index``-th module of a ``torch.nn.Sequential``."""
    nn = torch.nn
    kind = type(child)
    if kind is nn.Linear:
        weight, bias = parameters(index, child)
        layer = Dense(weight.shape[1], weight.shape[0], dtype=weight.dtype.name)
        layer.params["W"], layer.params["b"] = np.ascontiguousarray(weight.T), bias
        return layer
    if kind is nn.Conv2d:
        settled(index, child, groups=1, dilation=(1, 1), padding_mode="zeros")
        weight, bias = parameters(index, child)
        layer = Conv2D(
            child.in_channels,
            child.out_channels,
            child.kernel_size,
            stride=one_number(index, "stride", child.stride),
            padding=one_number(index, "padding", child.padding),
            dtype=weight.dtype.name,
        )
        layer.params["W"], layer.params["b"] = weight, bias
        return layer
    if kind is nn.MaxPool2d:
        settled(index, child, padding=0, dilation=1, ceil_mode=False, return_indices=False)
        size = one_number(index, "kernel_size", child.kernel_size)
        return MaxPool2D(size, one_number(index, "stride", child.stride))
    if kind is nn.Flatten:
        settled(index, child, start_dim=1, end_dim=-1)
    simple = {
        nn.Flatten: Flatten,
        nn.ReLU: ReLU,
        nn.LeakyReLU: lambda: LeakyReLU(child.negative_slope),
        nn.Tanh: Tanh,
        nn.Sigmoid: Sigmoid,
        nn.Dropout: lambda: Dropout(child.p),
    }
    if kind not in simple:
        names = ", ".join(c.__name__ for c in (nn.Linear, nn.Conv2d, nn.MaxPool2d, *simple))
        raise InvalidInputError(
            f"module {index} is a {kind.__name__}, which has no counterpart in "
            f"nn_from_scratch; the modules that move are {names}"
        )
    return simple[kind]()


def settled(index, child, **expected):
    """Refuse ``child`` if a setting differs from ``expected``: the book's layer lacks it."""
    for name, value in expected.items():
        if getattr(child, name) != value:
            raise InvalidInputError(
                f"module {index}, a {type(child).__name__}, has {name}="
                f"{getattr(child, name)!r}; the book's layer only has {name}={value!r}"
            )


def one_number(index, name, value):
    """A setting PyTorch may give per axis, as one int: the book's layers have one for both."""
    pair = value if isinstance(value, tuple) else (value, value)
    if len(set(pair)) != 1 or not isinstance(pair[0], int):
        raise InvalidInputError(
            f"module {index} has {name}={value!r}; the book's layers take one whole number "
            "for both axes"
        )
    return pair[0]


def parameters(index, child):
    """``(weight, bias)`` of a PyTorch layer as NumPy copies, float32 or float64."""
    if child.bias is None:
        raise InvalidInputError(f"module {index} has no bias; the book's layers always have one")
    weight, bias = (p.detach().cpu().numpy().copy() for p in (child.weight, child.bias))
    if weight.dtype.name not in ("float32", "float64"):
        raise InvalidInputError(
            f"module {index} has {weight.dtype.name} parameters; float32 or float64 move"
        )
    return weight, bias
