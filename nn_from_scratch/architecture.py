"""A ``Sequential`` network described as plain data, and rebuilt from that description.

The description is what :func:`nn_from_scratch.persistence.save_sequential`
stores (as JSON text) next to the parameter arrays: the dtype of the
parameters and, for every layer, its type and the settings its constructor
needs, for example::

    {"dtype": "float64",
     "layers": [{"type": "Conv2D", "in_channels": 1, "out_channels": 8,
                 "kernel_size": [3, 3], "stride": 1, "padding": 1},
                {"type": "ReLU"}, ...]}

Only the layer types of this package can be described; a layer of any other
type (a subclass included, since it may compute something else) is refused.
"""

from .conv import Conv2D
from .errors import InvalidInputError, InvalidTypeError
from .flatten import Flatten
from .layers import Dense, LeakyReLU, ReLU, Sigmoid, Tanh
from .pooling import MaxPool2D
from .sequential import Sequential

DTYPES = ("float32", "float64")


#: type name -> the class and the settings its constructor takes (parameters aside)
LAYER_TYPES = {
    "Dense": (Dense, ("in_features", "out_features")),
    "Conv2D": (Conv2D, ("in_channels", "out_channels", "kernel_size", "stride", "padding")),
    "MaxPool2D": (MaxPool2D, ("size", "stride")),
    "Flatten": (Flatten, ()),
    "ReLU": (ReLU, ()),
    "LeakyReLU": (LeakyReLU, ("slope",)),
    "Tanh": (Tanh, ()),
    "Sigmoid": (Sigmoid, ()),
}

#: The layer types with parameters; their constructors also take ``seed`` and ``dtype``.
WITH_PARAMETERS = ("Dense", "Conv2D")


def layer_settings(name, layer):
    """The settings of ``layer``, of type ``name``, that its constructor needs."""
    if name == "Dense":
        in_features, out_features = layer.params["W"].shape
        return {"in_features": int(in_features), "out_features": int(out_features)}
    settings = {key: getattr(layer, key, None) for key in LAYER_TYPES[name][1]}
    if name == "Conv2D":
        settings["kernel_size"] = [layer.kh, layer.kw]
    return settings


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
    names = {cls: name for name, (cls, _) in LAYER_TYPES.items()}
    layers = []
    for index, layer in enumerate(network.layers):
        name = names.get(type(layer))
        if name is None:
            raise InvalidInputError(
                f"layers[{index}] is a {type(layer).__name__}, a layer type that cannot be "
                f"described; known types: {', '.join(LAYER_TYPES)}"
            )
        layers.append({"type": name, **layer_settings(name, layer)})
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
    cls, expected = LAYER_TYPES[name]
    if set(settings) != set(expected):
        raise InvalidInputError(
            f"{where}, a {name}, must have the settings {sorted(expected)}; "
            f"got {sorted(map(str, settings))}"
        )
    # The parameters drawn here (seed 0) are placeholders for the caller's.
    extra = {"seed": 0, "dtype": dtype} if name in WITH_PARAMETERS else {}
    try:
        return cls(**settings, **extra)
    except (InvalidInputError, InvalidTypeError) as error:
        raise InvalidInputError(f"{where}, a {name}: {error}") from None
