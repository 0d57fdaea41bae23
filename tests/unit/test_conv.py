"""Conv2D: the same numbers as a loop over pixels, exact gradients, and clear complaints."""

import numpy as np
import pytest

from nn_from_scratch.conv import Conv2D
from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.flatten import Flatten
from nn_from_scratch.gradient_check import check_layer
from nn_from_scratch.im2col import im2col
from nn_from_scratch.sequential import Sequential

# (x shape, C_out, kernel_size, stride, padding)
CASES = [
    ((1, 1, 5, 7), 2, 3, 1, 0),
    ((2, 3, 5, 7), 4, 3, 2, 1),
    ((3, 2, 6, 6), 3, (2, 3), 1, 1),
    ((1, 2, 4, 4), 1, 3, 2, 0),
    ((2, 4, 7, 5), 5, (3, 1), 2, 2),
    ((1, 3, 3, 3), 2, 1, 1, 0),
]


def naive_conv2d(x, W, b, stride, padding):
    """The definition, one output number at a time."""
    n, _, height, width = x.shape
    c_out, _, kh, kw = W.shape
    padded = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out_h = (height + 2 * padding - kh) // stride + 1
    out_w = (width + 2 * padding - kw) // stride + 1
    out = np.zeros((n, c_out, out_h, out_w))
    for sample in range(n):
        for channel in range(c_out):
            for y in range(out_h):
                for x_ in range(out_w):
                    top, left = y * stride, x_ * stride
                    patch = padded[sample, :, top : top + kh, left : left + kw]
                    out[sample, channel, y, x_] = np.sum(patch * W[channel]) + b[channel]
    return out


def layer_for(shape, c_out, kernel_size, stride, padding, seed=0):
    rng = np.random.default_rng(seed)
    layer = Conv2D(shape[1], c_out, kernel_size, stride, padding, seed=rng)
    layer.params["b"][...] = rng.normal(size=c_out)
    return layer, rng.normal(size=shape)


@pytest.mark.parametrize("shape, c_out, kernel_size, stride, padding", CASES)
def test_forward_equals_the_naive_loop(shape, c_out, kernel_size, stride, padding):
    layer, x = layer_for(shape, c_out, kernel_size, stride, padding)
    expected = naive_conv2d(x, layer.params["W"], layer.params["b"], stride, padding)
    np.testing.assert_allclose(layer.forward(x), expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("shape, c_out, kernel_size, stride, padding", CASES)
def test_gradients_match_finite_differences(shape, c_out, kernel_size, stride, padding):
    layer, x = layer_for(shape, c_out, kernel_size, stride, padding, seed=1)
    errors = check_layer(layer, x, seed=2)
    assert set(errors) == {"input", "W", "b"}
    assert max(errors.values()) < 1e-6, errors


def test_backward_leaves_the_upstream_gradient_alone():
    layer, x = layer_for((2, 3, 5, 7), 4, 3, 2, 1)
    out = layer.forward(x)
    dL_doutput = np.random.default_rng(3).normal(size=out.shape)
    copy = dL_doutput.copy()
    dL_dinput = layer.backward(dL_doutput)
    np.testing.assert_array_equal(dL_doutput, copy)
    assert dL_dinput.shape == x.shape
    assert layer.grads["W"].shape == (4, 3, 3, 3) and layer.grads["b"].shape == (4,)


def test_backward_always_returns_the_input_gradient_even_for_one_channel():
    """No switch: the first layer of a network computes its input gradient too."""
    layer, x = layer_for((2, 1, 4, 4), 2, 3, 1, 1)
    dL_doutput = np.ones_like(layer.forward(x))
    first = layer.backward(dL_doutput)
    assert first.shape == x.shape and first.dtype == x.dtype
    np.testing.assert_array_equal(layer.backward(dL_doutput), first)


def test_he_initialisation_and_seeds():
    layer = Conv2D(16, 32, 3, seed=0)
    assert layer.params["W"].shape == (32, 16, 3, 3)
    assert np.isclose(layer.params["W"].std(), np.sqrt(2 / (16 * 9)), rtol=0.05)
    np.testing.assert_array_equal(layer.params["b"], np.zeros(32))
    np.testing.assert_array_equal(
        Conv2D(2, 3, 2, seed=5).params["W"], Conv2D(2, 3, 2, seed=5).params["W"]
    )


@pytest.mark.parametrize(
    "layer, text",
    [
        (Conv2D(1, 8, 3, padding=1), "Conv2D(1, 8, (3, 3), padding=1)"),
        (Conv2D(1, 8, (3, 2), stride=2, padding=1), "Conv2D(1, 8, (3, 2), stride=2, padding=1)"),
        (Conv2D(2, 4, [1, 5], dtype=np.float32), "Conv2D(2, 4, (1, 5), dtype='float32')"),
    ],
)
def test_repr_and_config_rebuild_the_layer(layer, text):
    assert repr(layer) == text
    rebuilt = eval(text, {"Conv2D": Conv2D})
    assert rebuilt.config() == layer.config()
    assert type(layer)(**layer.config()).config() == layer.config()
    assert rebuilt.params["W"].shape == layer.params["W"].shape
    assert rebuilt.params["W"].dtype == layer.params["W"].dtype
    assert layer.config()["dtype"] in ("float32", "float64")


def test_float32_is_kept_and_float64_is_the_default():
    assert Conv2D(1, 2, 3).params["W"].dtype == np.float64
    layer = Conv2D(2, 3, 3, padding=1, seed=0, dtype=np.float32)
    x = np.ones((2, 2, 4, 5), dtype=np.float32)
    out = layer.forward(x)
    assert out.dtype == np.float32 and out.shape == (2, 3, 4, 5)
    dL_dinput = layer.backward(np.ones_like(out))
    assert dL_dinput.dtype == np.float32
    assert layer.grads["W"].dtype == np.float32 and layer.grads["b"].dtype == np.float32


@pytest.mark.parametrize(
    "arguments, error, message",
    [
        ((0, 2, 3), InvalidInputError, "in_channels must be a positive"),
        ((1, -2, 3), InvalidInputError, "out_channels must be a positive"),
        ((1, 2, 0), InvalidInputError, "kernel_size must be a positive"),
        ((1, 2, 2.5), InvalidTypeError, "kernel_size must be a positive"),
        ((1, 2, (3, 3, 3)), InvalidInputError, "one whole number or a pair"),
        ((1, 2, (3, 0)), InvalidInputError, "kw must be a positive"),
        ((1, 2, 3, 0), InvalidInputError, "stride must be a positive"),
        ((1, 2, 3, 1, -1), InvalidInputError, "padding must be a whole number >= 0"),
        ((1, 2, 3, 1, 0.5), InvalidTypeError, "padding must be a whole number >= 0"),
    ],
)
def test_constructor_says_what_is_wrong(arguments, error, message):
    with pytest.raises(error, match=message):
        Conv2D(*arguments)


def test_bad_dtype():
    with pytest.raises(InvalidInputError, match="float32 or float64"):
        Conv2D(1, 2, 3, dtype=np.int64)


@pytest.mark.parametrize(
    "x, message",
    [
        (np.zeros((2, 8, 8)), "must be 4-D"),
        (np.zeros((2, 3, 8, 8)), "must have 1 channels"),
        (np.zeros((2, 1, 2, 8)), "larger than the padded image"),
    ],
)
def test_forward_says_what_is_wrong(x, message):
    with pytest.raises(InvalidInputError, match=message):
        Conv2D(1, 2, 3).forward(x)


def test_data_is_checked_where_it_enters_not_in_forward():
    """Lists and text are handled by the entry point; forward itself gets arrays."""
    network = Sequential([Conv2D(1, 2, 1, seed=0), Flatten()])
    assert network.predict_labels([[[[1.0]]], [[[-1.0]]]]).shape == (2,)
    with pytest.raises(InvalidTypeError, match="real numbers"):
        network.predict_labels(np.array([[[["a"]]]]))
    with pytest.raises(InvalidTypeError, match="NumPy array"):
        im2col([[[[1.0]]]], 1, 1)  # a public function checks its own input
