"""Layers: gradients against finite differences, the contract, dtypes and bad input."""

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.gradient_check import check_layer
from nn_from_scratch.layers import Dense, Layer, LeakyReLU, ReLU, Sigmoid, Tanh, check_float_dtype

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


def test_dense_can_skip_the_input_gradient():
    layer = Dense(3, 2, seed=0)
    layer.forward(np.ones((4, 3)))
    layer.needs_input_gradient = False
    assert layer.backward(np.ones((4, 2))) is None
    assert layer.grads["W"].shape == (3, 2)


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
