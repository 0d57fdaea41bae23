"""Describing a Sequential network as plain data, and building it again from that."""

import json

import numpy as np
import pytest

from nn_from_scratch.architecture import LAYER_TYPES, build_network, describe_network
from nn_from_scratch.conv import Conv2D
from nn_from_scratch.dropout import Dropout
from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.flatten import Flatten
from nn_from_scratch.layers import Dense, LeakyReLU, ReLU, Sigmoid, Tanh
from nn_from_scratch.pooling import MaxPool2D
from nn_from_scratch.sequential import Sequential

LAYERS = [
    (Conv2D(3, 2, (1, 2), stride=2, padding=3, dtype=np.float32, seed=0), {
        "type": "Conv2D", "in_channels": 3, "out_channels": 2, "kernel_size": [1, 2],
        "stride": 2, "padding": 3,
    }),
    (MaxPool2D(3), {"type": "MaxPool2D", "size": 3, "stride": None}),
    (MaxPool2D(2, stride=1), {"type": "MaxPool2D", "size": 2, "stride": 1}),
    (LeakyReLU(0.125), {"type": "LeakyReLU", "slope": 0.125}),
    (Flatten(), {"type": "Flatten"}),
    (Dense(7, 3, init="xavier", dtype=np.float32, seed=0), {
        "type": "Dense", "in_features": 7, "out_features": 3, "init": "xavier",
    }),
    (ReLU(), {"type": "ReLU"}),
    (Tanh(), {"type": "Tanh"}),
    (Sigmoid(), {"type": "Sigmoid"}),
    (Dropout(0.25, seed=0), {"type": "Dropout", "rate": 0.25}),
]  # fmt: skip


def test_every_layer_type_is_described_by_its_settings():
    network = Sequential([layer for layer, _ in LAYERS])
    description = describe_network(network)
    assert description == {"dtype": "float32", "layers": [spec for _, spec in LAYERS]}
    assert json.loads(json.dumps(description)) == description
    assert {spec["type"] for _, spec in LAYERS} == set(LAYER_TYPES)


def test_a_layer_is_described_by_its_config_without_the_dtype():
    """No special cases: the description is each layer's config(); dtype is stored once."""
    for layer, spec in LAYERS:
        config = {**layer.config(), "type": type(layer).__name__}
        config.pop("dtype", None)
        assert json.loads(json.dumps(config)) == spec


def test_a_description_written_before_config_still_builds():
    """Files saved by earlier versions: Dense without init, MaxPool2D with its stride spelt out."""
    old = {
        "dtype": "float64",
        "layers": [
            {"type": "Conv2D", "in_channels": 1, "out_channels": 8, "kernel_size": [3, 3],
             "stride": 1, "padding": 1},
            {"type": "ReLU"},
            {"type": "MaxPool2D", "size": 2, "stride": 2},
            {"type": "Flatten"},
            {"type": "Dense", "in_features": 128, "out_features": 10},
        ],
    }  # fmt: skip
    network = build_network(old)
    assert repr(network) == (
        "Sequential([\n"
        "    Conv2D(1, 8, (3, 3), padding=1),\n"
        "    ReLU(),\n"
        "    MaxPool2D(),\n"
        "    Flatten(),\n"
        "    Dense(128, 10),\n"
        "])"
    )
    assert describe_network(network)["layers"][2] == {
        "type": "MaxPool2D",
        "size": 2,
        "stride": None,
    }
    assert describe_network(network)["layers"][4]["init"] == "he"


def test_building_gives_the_same_layers_with_fresh_parameters():
    network = Sequential([layer for layer, _ in LAYERS])
    rebuilt = build_network(describe_network(network))
    assert describe_network(rebuilt) == describe_network(network)
    for before, after in zip(network.layers, rebuilt.layers, strict=True):
        assert type(before) is type(after)
        assert vars(before).keys() == vars(after).keys()
        for key, param in before.params.items():
            assert after.params[key].shape == param.shape
            assert after.params[key].dtype == np.float32


def test_a_network_without_parameters_is_float64():
    assert describe_network(Sequential([Flatten(), ReLU()]))["dtype"] == "float64"


def test_building_twice_gives_equal_parameters():
    """The placeholders are drawn with a fixed seed: building is deterministic."""
    description = {"dtype": "float64", "layers": [DENSE]}
    first, second = build_network(description), build_network(description)
    assert np.array_equal(first.layers[0].params["W"], second.layers[0].params["W"])


class Doubler(Dense):
    pass


@pytest.mark.parametrize(
    "network, error, phrase",
    [
        ([Dense(2, 2)], InvalidTypeError, "network must be a Sequential; got list"),
        (Sequential([ReLU(), Doubler(2, 2)]), InvalidInputError, "layers[1] is a Doubler, a layer"),
        (
            Sequential([Dense(2, 2), Dense(2, 2, dtype=np.float32)]),
            InvalidInputError,
            "must be all float32 or all float64; got float32, float64",
        ),
    ],
    ids=["not-sequential", "unknown-type", "mixed-dtypes"],
)
def test_what_cannot_be_described(network, error, phrase):
    with pytest.raises(error) as info:
        describe_network(network)
    assert phrase in str(info.value)


DENSE = {"type": "Dense", "in_features": 2, "out_features": 3}


@pytest.mark.parametrize(
    "description, phrase",
    [
        ("layers", "an architecture must be an object; got 'layers'"),
        ({"layers": [DENSE]}, "must have the keys 'dtype' and 'layers'; got ['layers']"),
        ({"dtype": "int8", "layers": [DENSE]}, "dtype must be one of ('float32', 'float64')"),
        ({"dtype": "float64", "layers": {}}, "layers must be a non-empty list; got {}"),
        ({"dtype": "float64", "layers": [DENSE, 3]}, "layers[1] of the architecture must be an"),
        ({"dtype": "float64", "layers": [{"type": "Conv3D"}]}, "has the unknown type 'Conv3D'"),
        (
            {"dtype": "float64", "layers": [{"type": "Dense", "in_features": 2}]},
            "a Dense, must have the settings ['in_features', 'out_features'] and may have "
            "['init']; got ['in_features']",
        ),
        (
            {"dtype": "float64", "layers": [{**DENSE, "dtype": "float32"}]},
            "a Dense, must have the settings ['in_features', 'out_features'] and may have "
            "['init']; got ['dtype', 'in_features', 'out_features']",
        ),
        (
            {"dtype": "float64", "layers": [{"type": "ReLU", "slope": 0.1}]},
            "a ReLU, must have the settings []; got ['slope']",
        ),
        (
            {"dtype": "float64", "layers": [{**DENSE, "init": "glorot"}]},
            "a Dense: init must be one of ('he', 'xavier'); got 'glorot'",
        ),
        (
            {"dtype": "float64", "layers": [{**DENSE, "in_features": 0}]},
            "layers[0] of the architecture, a Dense: in_features must be a positive integer",
        ),
        (
            {"dtype": "float64", "layers": [{"type": "LeakyReLU", "slope": "0.1"}]},
            "a LeakyReLU: slope must be a number",
        ),
        (
            {"dtype": "float64", "layers": [{"type": "MaxPool2D", "size": 2, "stride": True}]},
            "a MaxPool2D: stride must be a positive integer",
        ),
    ],
    ids=[
        "text",
        "no-dtype",
        "int8",
        "layers-dict",
        "layer-number",
        "unknown",
        "missing-setting",
        "dtype-per-layer",
        "extra-setting",
        "bad-init",
        "zero",
        "slope-text",
        "bool",
    ],
)
def test_what_cannot_be_built(description, phrase):
    with pytest.raises(InvalidInputError) as info:
        build_network(description)
    assert phrase in str(info.value)
