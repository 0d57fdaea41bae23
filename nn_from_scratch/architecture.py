"""A ``Sequential`` network described as plain data, and rebuilt from that description.

The description is what :func:`nn_from_scratch.persistence.save`
stores (as JSON text) next to the parameter arrays: the dtype of the
parameters, once for the whole network, and for every layer its type and
its ``config()`` (the settings its constructor takes, dtype aside), for
example::

    {"dtype": "float64",
     "layers": [{"type": "Conv2D", "in_channels": 1, "out_channels": 8,
                 "kernel_size": [3, 3], "stride": 1, "padding": 1},
                {"type": "ReLU"}, ...]}

A setting left out takes its default, so descriptions written before a
layer gained a setting (``Dense``'s ``init``) still build.  Only the layer
types of ``LAYER_TYPES`` can be described; a layer of any other type (a
subclass included, since it may compute something else) is refused.
"""

import inspect

from .conv import Conv2D
from .dropout import Dropout
from .errors import InvalidInputError, InvalidTypeError
from .flatten import Flatten
from .layers import Dense, LeakyReLU, ReLU, Sigmoid, Tanh
from .pooling import MaxPool2D
from .sequential import Sequential

DTYPES = ("float32", "float64")

#: type name -> class, for every layer type a description may name: the only classes built.
LAYER_TYPES = {
    cls.__name__: cls
    for cls in (Dense, Conv2D, MaxPool2D, Flatten, ReLU, LeakyReLU, Tanh, Sigmoid, Dropout)
}

#: Constructor arguments that are not settings: the network's dtype, and the seed of the
#: parameters, which the caller's saved parameters replace.
NOT_SETTINGS = ("seed", "dtype")


def layer_settings(layer):
    """``layer.config()`` as JSON values, without the dtype, which the network holds once."""
    return {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in layer.config().items()
        if name != "dtype"
    }


def network_dtype(network):
    """The one dtype, float32 or float64, of all the network's parameters; float64 if none."""
    dtypes = sorted(
        {param.dtype.name for layer in network.layers for param in layer.params.values()}
    )
    if not dtypes:
        return "float64"
    if len(dtypes) > 1 or dtypes[0] not in DTYPES:
        raise InvalidInputError(
            f"the network's parameters must be all float32 or all float64; got {', '.join(dtypes)}"
        )
    return dtypes[0]


def describe_network(network):
    """Return the description of the ``Sequential`` ``network``: a dict of JSON values."""
    if not isinstance(network, Sequential):
        raise InvalidTypeError(f"network must be a Sequential; got {type(network).__name__}")
    layers = []
    for index, layer in enumerate(network.layers):
        name = type(layer).__name__
        if LAYER_TYPES.get(name) is not type(layer):
            raise InvalidInputError(
                f"layers[{index}] is a {name}, a layer type that cannot be "
                f"described; known types: {', '.join(LAYER_TYPES)}"
            )
        layers.append({"type": name, **layer_settings(layer)})
    return {"dtype": network_dtype(network), "layers": layers}


def build_network(description):
    """Return a new ``Sequential`` as ``description`` says, its parameters freshly initialised.

    Raises ``InvalidInputError`` naming the first thing in ``description``
    that does not describe a network.
    """
    if not isinstance(description, dict):
        raise InvalidInputError(f"an architecture must be an object; got {description!r}")
    if set(description) != {"dtype", "layers"}:
        raise InvalidInputError(
            "an architecture must have the keys 'dtype' and 'layers'; "
            f"got {sorted(map(str, description))}"
        )
    dtype = description["dtype"]
    if dtype not in DTYPES:
        raise InvalidInputError(f"the architecture's dtype must be one of {DTYPES}; got {dtype!r}")
    specs = description["layers"]
    if not isinstance(specs, list) or not specs:
        raise InvalidInputError(
            f"the architecture's layers must be a non-empty list; got {specs!r}"
        )
    return Sequential([build_layer(index, spec, dtype) for index, spec in enumerate(specs)])


def build_layer(index, spec, dtype):
    """The layer ``spec`` (a dict with "type" and settings) describes, or ``InvalidInputError``."""
    where = f"layers[{index}] of the architecture"
    if not isinstance(spec, dict) or not isinstance(spec.get("type"), str):
        raise InvalidInputError(f"{where} must be an object with a 'type'; got {spec!r}")
    settings = dict(spec)
    name = settings.pop("type")
    if name not in LAYER_TYPES:
        raise InvalidInputError(
            f"{where} has the unknown type {name!r}; known types: {', '.join(LAYER_TYPES)}"
        )
    cls = LAYER_TYPES[name]
    parameters = inspect.signature(cls).parameters
    allowed = [key for key in parameters if key not in NOT_SETTINGS]
    required = [key for key in allowed if parameters[key].default is inspect.Parameter.empty]
    if not set(required) <= set(settings) <= set(allowed):
        optional = sorted(set(allowed) - set(required))
        may_have = f" and may have {optional}" if optional else ""
        raise InvalidInputError(
            f"{where}, a {name}, must have the settings {sorted(required)}{may_have}; "
            f"got {sorted(map(str, settings))}"
        )
    # The parameters drawn here (seed 0) are placeholders for the caller's.
    extra = {key: value for key, value in [("seed", 0), ("dtype", dtype)] if key in parameters}
    try:
        return cls(**settings, **extra)
    except (InvalidInputError, InvalidTypeError) as error:
        raise InvalidInputError(f"{where}, a {name}: {error}") from None
