"""Every layer of the package passes ``check_layer``, on several random shapes.

The layers are discovered, not listed: every module of ``nn_from_scratch``
is imported and every subclass of ``Layer`` defined in the package is
found.  A new layer without an entry in ``FACTORIES`` fails
``test_every_layer_has_a_gradient_check``.  Each entry is a list of cases;
a case builds ``(layer, x)`` from a random generator.  Shapes include a
batch of one sample and, for image layers, images that are not square.
The same cases check that every layer rebuilds from its ``config()`` and
its ``repr``.
"""

import importlib
import json
import pkgutil

import numpy as np
import pytest

import nn_from_scratch
from nn_from_scratch.conv import Conv2D
from nn_from_scratch.dropout import Dropout
from nn_from_scratch.flatten import Flatten
from nn_from_scratch.gradient_check import check_layer
from nn_from_scratch.layers import Dense, Layer, LeakyReLU, ReLU, Sigmoid, Tanh
from nn_from_scratch.pooling import MaxPool2D

THRESHOLD = 1e-6


def package_layer_classes():
    """{name: class} for every subclass of Layer defined in nn_from_scratch (Layer excluded)."""
    for module in pkgutil.iter_modules(nn_from_scratch.__path__):
        if module.name != "__main__":
            importlib.import_module(f"nn_from_scratch.{module.name}")
    found, stack = {}, list(Layer.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        # Test files subclass layers too (deliberately broken ones); only the package's count.
        if cls.__module__.split(".")[0] == "nn_from_scratch":
            assert found.get(cls.__name__, cls) is cls, f"two layers named {cls.__name__}"
            found[cls.__name__] = cls
    return found


def away_from_kink(rng, shape):
    """Normal samples, with any entry within 1e-3 of the kink at 0 drawn again further away."""
    x = rng.normal(size=shape)
    close = np.abs(x) < 1e-3
    x[close] = rng.uniform(0.1, 1.0, size=close.sum()) * rng.choice([-1.0, 1.0], size=close.sum())
    return x


def distinct_values(rng, shape):
    """Shuffled values 0.01 apart: no window of max pooling holds a tie or a near-tie."""
    return rng.permutation(int(np.prod(shape))).reshape(shape) * 0.01 - 1.0


def with_random_bias(layer, rng):
    """Biases start at zero; a nonzero bias makes the check of the input less special."""
    layer.params["b"][...] = rng.normal(size=layer.params["b"].shape)
    return layer


def dense(n, inputs, outputs, init="he"):
    return lambda rng: (
        with_random_bias(Dense(inputs, outputs, seed=rng, init=init), rng),
        rng.normal(size=(n, inputs)),
    )


def elementwise(make_layer, shape, sample=lambda rng, shape: rng.normal(size=shape)):
    return lambda rng: (make_layer(), sample(rng, shape))


def conv(shape, out_channels, kernel_size, stride=1, padding=0):
    n, channels, _, _ = shape
    return lambda rng: (
        with_random_bias(
            Conv2D(channels, out_channels, kernel_size, stride, padding, seed=rng), rng
        ),
        rng.normal(size=shape),
    )


def dropout(shape, rate):
    """Dropout in training mode with one fixed mask: every forward multiplies by the same mask."""

    def case(rng):
        layer = Dropout(rate, seed=rng)
        mask = layer.draw_mask(shape)
        layer.draw_mask = lambda _shape: mask
        return layer, rng.normal(size=shape)

    return case


def pool(shape, size=2, stride=None):
    return lambda rng: (MaxPool2D(size, stride), distinct_values(rng, shape))


#: Layers that take images (N, C, H, W) only.
IMAGE_LAYERS = {"Conv2D", "MaxPool2D"}
ACTIVATION_SHAPES = [(1, 1), (1, 4), (5, 3), (2, 3, 4, 5)]

#: Several cases per layer class name; each case is ``rng -> (layer, x)``.
FACTORIES = {
    "Dense": [dense(1, 1, 1), dense(1, 5, 3), dense(4, 3, 4), dense(6, 8, 2, init="xavier")],
    "Sigmoid": [elementwise(Sigmoid, shape) for shape in ACTIVATION_SHAPES],
    "Tanh": [elementwise(Tanh, shape) for shape in ACTIVATION_SHAPES],
    "ReLU": [elementwise(ReLU, shape, away_from_kink) for shape in ACTIVATION_SHAPES],
    "LeakyReLU": [
        *(elementwise(LeakyReLU, shape, away_from_kink) for shape in ACTIVATION_SHAPES),
        elementwise(lambda: LeakyReLU(slope=0.2), (3, 4), away_from_kink),
    ],
    "Conv2D": [
        conv((1, 1, 5, 7), 2, 3),
        conv((2, 3, 6, 5), 4, (2, 3), stride=2, padding=1),
        conv((3, 2, 4, 9), 1, 1),
        conv((1, 2, 7, 4), 3, 3, stride=3, padding=2),
    ],
    "MaxPool2D": [
        pool((1, 1, 4, 6)),
        pool((2, 3, 5, 7)),  # odd sides: the last row and column fit no window
        pool((2, 1, 7, 6), size=3, stride=2),  # overlapping windows
        pool((1, 2, 2, 8), size=2, stride=1),
    ],
    "Dropout": [dropout((1, 4), 0.5), dropout((5, 3), 0.2), dropout((2, 3, 4, 5), 0.7)],
    "Flatten": [
        elementwise(Flatten, (1, 2, 3, 4)),
        elementwise(Flatten, (3, 1, 5, 2)),
        elementwise(Flatten, (2, 7)),
    ],
}

CASES = [
    pytest.param(name, index, id=f"{name}-{index}")
    for name in sorted(package_layer_classes())
    for index in range(len(FACTORIES.get(name, [])))
]


def test_every_layer_has_a_gradient_check():
    missing = sorted(set(package_layer_classes()) - set(FACTORIES))
    assert not missing, f"layers without an entry in FACTORIES: {missing}"
    for name, cases in FACTORIES.items():
        assert len(cases) >= 3, f"{name}: give at least three shapes"


def test_the_table_names_only_real_layers():
    assert set(FACTORIES) <= set(package_layer_classes())


@pytest.mark.parametrize("name, index", CASES)
def test_layer_gradient(name, index):
    rng = np.random.default_rng([index, *name.encode()])
    layer, x = FACTORIES[name][index](rng)
    assert type(layer).__name__ == name
    errors = check_layer(layer, x, seed=rng)
    assert set(errors) == {"input", *layer.params}
    assert max(errors.values()) < THRESHOLD, errors


def test_the_cases_include_a_single_sample_and_non_square_images():
    for name, cases in FACTORIES.items():
        shapes = [np.shape(case(np.random.default_rng(0))[1]) for case in cases]
        assert any(shape[0] == 1 for shape in shapes), f"{name}: no batch of one sample"
        if name in IMAGE_LAYERS:
            assert any(shape[2] != shape[3] for shape in shapes), f"{name}: only square images"


@pytest.mark.parametrize("name, index", CASES)
def test_every_layer_rebuilds_from_its_config_and_its_repr(name, index):
    """``type(layer)(**layer.config())`` and ``eval(repr(layer))`` give a layer like it."""
    layer, _ = FACTORIES[name][index](np.random.default_rng(index))
    config = layer.config()
    json.dumps(config)  # plain values, no arrays: JSON can write them
    namespace = package_layer_classes()
    for rebuilt in (type(layer)(**config), eval(repr(layer), namespace)):
        assert type(rebuilt) is type(layer)
        assert rebuilt.config() == config
        assert {k: (v.shape, v.dtype) for k, v in rebuilt.params.items()} == {
            k: (v.shape, v.dtype) for k, v in layer.params.items()
        }
