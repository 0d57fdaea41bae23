"""Layers: gradients against finite differences, the contract, dtypes, repr and bad input."""

import json

import numpy as np
import pytest

from nn_from_scratch.activations import leaky_relu, leaky_relu_derivative
from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.gradient_check import check_layer
from nn_from_scratch.layers import (
    Dense,
    Layer,
    LeakyReLU,
    ReLU,
    Sigmoid,
    Tanh,
    check_float_dtype,
    constructor_call,
)

ACTIVATIONS = [Sigmoid, Tanh, ReLU, LeakyReLU, lambda: LeakyReLU(0.2)]


@pytest.mark.parametrize("batch", [1, 2, 7])
@pytest.mark.parametrize("sizes", [(1, 1), (3, 5), (6, 2)])
@pytest.mark.parametrize("init", ["he", "xavier"])
def test_dense_gradients(batch, sizes, init):
    rng = np.random.default_rng(batch * 10 + sizes[0])
    layer = Dense(*sizes, seed=rng, init=init)
    layer.params["b"][...] = rng.standard_normal(sizes[1])
    errors = check_layer(layer, rng.standard_normal((batch, sizes[0])), seed=rng)
    assert set(errors) == {"input", "W", "b"}
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("make", ACTIVATIONS)
@pytest.mark.parametrize("shape", [(1, 1), (4, 3), (2, 3, 5)])
def test_activation_gradients(make, shape):
    rng = np.random.default_rng(sum(shape))
    layer = make()
    errors = check_layer(layer, rng.standard_normal(shape) * 3, seed=rng)
    assert layer.params == {} and layer.grads == {}
    assert errors["input"] < 1e-6, errors


@pytest.mark.parametrize("make", [*ACTIVATIONS, lambda: Dense(4, 3, seed=0)])
def test_backward_leaves_the_upstream_gradient_alone(make):
    rng = np.random.default_rng(1)
    layer = make()
    output = layer.forward(rng.standard_normal((5, 4)))
    dL_doutput = rng.standard_normal(output.shape)
    kept = dL_doutput.copy()
    dL_dinput = layer.backward(dL_doutput)
    np.testing.assert_array_equal(dL_doutput, kept)
    assert dL_dinput.shape == (5, 4)


@pytest.mark.parametrize("make", [*ACTIVATIONS, lambda: Dense(4, 3, seed=0)])
def test_backward_uses_what_the_last_forward_kept(make):
    """The documented trap: a forward in between replaces the batch backward works on."""
    rng = np.random.default_rng(2)
    x1, x2 = rng.standard_normal((5, 4)), rng.standard_normal((5, 4))
    layer, fresh = make(), make()
    if layer.params:
        fresh.params = {key: value.copy() for key, value in layer.params.items()}
    dL_doutput = rng.standard_normal(layer.forward(x1).shape)
    layer.forward(x2)
    fresh.forward(x2)
    np.testing.assert_array_equal(layer.backward(dL_doutput), fresh.backward(dL_doutput))
    for key in layer.grads:
        np.testing.assert_array_equal(layer.grads[key], fresh.grads[key])


def test_dense_starts_with_zero_bias_and_seeded_weights():
    a, b = Dense(8, 4, seed=3), Dense(8, 4, seed=3)
    np.testing.assert_array_equal(a.params["W"], b.params["W"])
    np.testing.assert_array_equal(a.params["b"], np.zeros(4))


@pytest.mark.parametrize("make", [*ACTIVATIONS, lambda: Dense(4, 4, seed=0, dtype=np.float32)])
def test_float32_is_preserved(make):
    layer = make()
    x = np.random.default_rng(0).standard_normal((3, 4)).astype(np.float32)
    output = layer.forward(x)
    assert output.dtype == np.float32
    assert layer.backward(np.ones_like(output)).dtype == np.float32
    assert all(g.dtype == np.float32 for g in layer.grads.values())


def test_float32_and_float64_dense_start_alike():
    a = Dense(5, 3, seed=1)
    b = Dense(5, 3, seed=1, dtype=np.float32)
    np.testing.assert_array_equal(a.params["W"].astype(np.float32), b.params["W"])


def test_base_layer_is_abstract():
    layer = Layer()
    assert layer.params == {} and layer.grads == {}
    with pytest.raises(NotImplementedError):
        layer.forward(np.ones((1, 1)))
    with pytest.raises(NotImplementedError):
        layer.backward(np.ones((1, 1)))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"in_features": 0, "out_features": 2}, InvalidInputError, "in_features"),
        ({"in_features": 2, "out_features": -1}, InvalidInputError, "out_features"),
        ({"in_features": 2.5, "out_features": 2}, InvalidTypeError, "in_features"),
        ({"in_features": 2, "out_features": 2, "init": "zeros"}, InvalidInputError, "init"),
        ({"in_features": 2, "out_features": 2, "dtype": np.int64}, InvalidInputError, "dtype"),
        ({"in_features": 2, "out_features": 2, "dtype": "nonsense"}, InvalidTypeError, "dtype"),
        ({"in_features": 2, "out_features": 2, "seed": -1}, InvalidInputError, "seed"),
    ],
)
def test_dense_rejects_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        Dense(**kwargs)


@pytest.mark.parametrize(
    ("slope", "error"),
    [
        (-0.1, InvalidInputError),
        (1.0, InvalidInputError),
        ("a", InvalidTypeError),
        (True, InvalidTypeError),
    ],
)
def test_leaky_relu_rejects_bad_slopes(slope, error):
    with pytest.raises(error, match="slope"):
        LeakyReLU(slope)


@pytest.mark.parametrize(
    "slope", [-0.1, -1e-12, 1.0, 1.5, 2, float("nan"), float("inf"), "0.1", True, None]
)
def test_one_slope_rule_for_the_layer_and_the_functions(slope):
    """LeakyReLU, leaky_relu and leaky_relu_derivative refuse a slope alike, word for word."""
    calls = [
        lambda: LeakyReLU(slope),
        lambda: leaky_relu([1.0], slope),
        lambda: leaky_relu_derivative([1.0], slope),
    ]
    refusals = []
    for call in calls:
        with pytest.raises((InvalidInputError, InvalidTypeError)) as info:
            call()
        refusals.append((type(info.value), str(info.value)))
    assert refusals[0] == refusals[1] == refusals[2]
    assert "slope must be" in refusals[0][1] and "[0, 1)" in refusals[0][1]


@pytest.mark.parametrize("slope", [0, 0.0, 0.01, 0.5, 0.999, np.float32(0.25)])
def test_every_slope_in_zero_to_one_is_accepted_by_both(slope):
    z = np.array([-2.0, 0.0, 3.0])
    layer = LeakyReLU(slope)
    assert layer.slope == float(slope)
    np.testing.assert_array_equal(layer.forward(z), leaky_relu(z, slope))
    np.testing.assert_array_equal(layer.backward(np.ones(3)), leaky_relu_derivative(z, slope))


def test_check_float_dtype():
    assert check_float_dtype("float32") == np.float32
    assert check_float_dtype(np.float64) == np.float64


@pytest.mark.parametrize(
    ("shape", "message"),
    [
        ((4,), "Dense expects input of shape (samples, 4); got shape (4,)"),
        ((2, 3), "Dense expects input of shape (samples, 4); got shape (2, 3)"),
        ((2, 1, 4), "Dense expects input of shape (samples, 4); got shape (2, 1, 4)"),
    ],
)
def test_dense_forward_refuses_a_wrong_shape(shape, message):
    with pytest.raises(InvalidInputError) as info:
        Dense(4, 3, seed=0).forward(np.ones(shape))
    assert str(info.value) == message


# (layer, its repr): the call that built it, with the settings left at their defaults omitted.
REPRS = [
    (Dense(64, 128, seed=0), "Dense(64, 128)"),
    (Dense(64, 10, seed=0, init="xavier"), "Dense(64, 10, init='xavier')"),
    (Dense(3, 2, seed=0, dtype=np.float32), "Dense(3, 2, dtype='float32')"),
    (Dense(3, 2, seed=0, init="he", dtype="float64"), "Dense(3, 2)"),
    (ReLU(), "ReLU()"),
    (LeakyReLU(), "LeakyReLU()"),
    (LeakyReLU(0.2), "LeakyReLU(slope=0.2)"),
    (LeakyReLU(0), "LeakyReLU(slope=0.0)"),
    (Tanh(), "Tanh()"),
    (Sigmoid(), "Sigmoid()"),
    (Layer(), "Layer()"),
]


@pytest.mark.parametrize("layer, text", REPRS, ids=[text for _, text in REPRS])
def test_repr_is_the_call_that_builds_the_layer(layer, text):
    assert repr(layer) == text
    namespace = {cls.__name__: cls for cls in (Dense, ReLU, LeakyReLU, Tanh, Sigmoid, Layer)}
    rebuilt = eval(text, namespace)
    assert type(rebuilt) is type(layer)
    assert rebuilt.config() == layer.config()


@pytest.mark.parametrize("layer", [layer for layer, _ in REPRS], ids=[t for _, t in REPRS])
def test_config_is_json_and_rebuilds_the_layer(layer):
    config = layer.config()
    assert json.loads(json.dumps(config)) == config  # plain values, no arrays
    rebuilt = type(layer)(**config)
    assert rebuilt.config() == config
    assert {k: v.shape for k, v in rebuilt.params.items()} == {
        k: v.shape for k, v in layer.params.items()
    }
    assert {v.dtype for v in rebuilt.params.values()} <= {np.dtype(config.get("dtype", "f8"))}


def test_dense_config_names_every_setting():
    assert Dense(5, 2, seed=0, init="xavier", dtype=np.float32).config() == {
        "in_features": 5,
        "out_features": 2,
        "init": "xavier",
        "dtype": "float32",
    }


def test_constructor_call_writes_required_settings_by_position_in_signature_order():
    settings = {"out_features": 4, "dtype": "float64", "in_features": 3, "init": "xavier"}
    assert constructor_call(Dense, settings) == "Dense(3, 4, init='xavier')"
    assert constructor_call(LeakyReLU, {}) == "LeakyReLU()"


def test_a_layer_of_ones_own_gets_a_repr_too():
    class Doubler(Layer):
        def forward(self, x):
            return 2 * x

        def backward(self, dL_doutput):
            return 2 * dL_doutput

    assert repr(Doubler()) == "Doubler()"


@pytest.mark.parametrize("make", ACTIVATIONS)
def test_activation_layers_compute_what_the_functions_compute(make):
    """The layers call NumPy directly; the checked functions give the same numbers."""
    from nn_from_scratch import activation, activations

    functions = {
        "ReLU": activations.relu,
        "LeakyReLU": lambda z: activations.leaky_relu(z, layer.slope),
        "Tanh": activations.tanh,
        "Sigmoid": activation.sigmoid,
    }
    layer = make()
    x = np.random.default_rng(4).standard_normal((6, 5)) * 3
    np.testing.assert_allclose(layer.forward(x), functions[type(layer).__name__](x), rtol=1e-15)
