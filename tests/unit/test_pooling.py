"""MaxPool2D: the maximum of each window, its gradient routed to one winner."""

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.gradient_check import check_layer
from nn_from_scratch.pooling import MaxPool2D

# (x shape, size, stride): batch of one, non-square and odd sizes, overlapping windows.
CASES = [
    ((1, 1, 4, 4), 2, None),
    ((2, 3, 6, 8), 2, None),
    ((1, 2, 5, 7), 2, None),
    ((3, 1, 7, 5), 3, 2),
    ((2, 2, 5, 6), 2, 1),
    ((1, 4, 6, 6), 3, None),
]


def naive_max_pool(x, size, stride):
    n, channels, height, width = x.shape
    out_h = (height - size) // stride + 1
    out_w = (width - size) // stride + 1
    out = np.zeros((n, channels, out_h, out_w))
    for y in range(out_h):
        for x_ in range(out_w):
            window = x[:, :, y * stride : y * stride + size, x_ * stride : x_ * stride + size]
            out[:, :, y, x_] = window.max(axis=(2, 3))
    return out


def distinct(rng, shape):
    """Values 0.01 apart in random order: no ties, no near-ties in any window."""
    return rng.permutation(int(np.prod(shape))).reshape(shape) * 0.01 - 1.0


@pytest.mark.parametrize("shape, size, stride", CASES)
def test_forward_equals_the_naive_loop(shape, size, stride):
    x = np.random.default_rng(0).normal(size=shape)
    expected = naive_max_pool(x, size, size if stride is None else stride)
    np.testing.assert_array_equal(MaxPool2D(size, stride).forward(x), expected)


@pytest.mark.parametrize("shape, size, stride", CASES)
def test_gradient_matches_finite_differences(shape, size, stride):
    rng = np.random.default_rng(1)
    errors = check_layer(MaxPool2D(size, stride), distinct(rng, shape), seed=2)
    assert errors["input"] < 1e-6, errors


def test_the_gradient_goes_to_the_winner_only():
    x = np.array([[[[1.0, 5.0, 0.0, 2.0], [3.0, 4.0, 7.0, 1.0], [0.0, 0.0, 9.0, 9.0]]]])
    pool = MaxPool2D(2)
    np.testing.assert_array_equal(pool.forward(x), [[[[5.0, 7.0]]]])
    dL_doutput = np.array([[[[10.0, 20.0]]]])
    dL_dinput = pool.backward(dL_doutput)
    # The third row does not fill a window: dropped (the floor), zero gradient.
    expected = [[[[0.0, 10.0, 0.0, 0.0], [0.0, 0.0, 20.0, 0.0], [0.0, 0.0, 0.0, 0.0]]]]
    np.testing.assert_array_equal(dL_dinput, expected)
    np.testing.assert_array_equal(dL_doutput, [[[[10.0, 20.0]]]])


def test_ties_have_one_winner_the_first_in_reading_order():
    x = np.zeros((2, 3, 4, 4))
    x[1, 2, 2:, 2:] = 1.0
    pool = MaxPool2D(2)
    pool.forward(x)
    dL_dinput = pool.backward(np.ones((2, 3, 2, 2)))
    assert dL_dinput.sum() == 2 * 3 * 2 * 2
    winners = np.zeros((4, 4))
    winners[::2, ::2] = 1.0
    np.testing.assert_array_equal(dL_dinput[0, 0], winners)
    np.testing.assert_array_equal(dL_dinput[1, 2], winners)


def test_overlapping_windows_add_up_their_gradients():
    x = np.array([[[[0.0, 0.0, 0.0], [0.0, 9.0, 0.0], [0.0, 0.0, 0.0]]]])
    pool = MaxPool2D(2, stride=1)
    np.testing.assert_array_equal(pool.forward(x), np.full((1, 1, 2, 2), 9.0))
    dL_dinput = pool.backward(np.ones((1, 1, 2, 2)))
    assert dL_dinput[0, 0, 1, 1] == 4.0 and dL_dinput.sum() == 4.0


def test_float32_is_kept():
    pool = MaxPool2D()
    x = np.random.default_rng(0).normal(size=(2, 2, 4, 6)).astype(np.float32)
    out = pool.forward(x)
    assert out.dtype == np.float32 and out.shape == (2, 2, 2, 3)
    assert pool.backward(np.ones_like(out)).dtype == np.float32


@pytest.mark.parametrize(
    "layer, text, config",
    [
        (MaxPool2D(), "MaxPool2D()", {"size": 2, "stride": None}),
        (MaxPool2D(2, stride=2), "MaxPool2D()", {"size": 2, "stride": None}),
        (MaxPool2D(3), "MaxPool2D(size=3)", {"size": 3, "stride": None}),
        (MaxPool2D(3, 2), "MaxPool2D(size=3, stride=2)", {"size": 3, "stride": 2}),
    ],
)
def test_repr_and_config_rebuild_the_layer(layer, text, config):
    assert repr(layer) == text
    assert layer.config() == config
    for rebuilt in (eval(text, {"MaxPool2D": MaxPool2D}), MaxPool2D(**config)):
        assert (rebuilt.size, rebuilt.stride) == (layer.size, layer.stride)


def test_memory_between_forward_and_backward_is_one_small_integer_per_output():
    """No cache that grows with every new batch size: the layer keeps only the winners."""
    import nn_from_scratch.pooling as pooling

    caches = [name for name, value in vars(pooling).items() if hasattr(value, "cache_info")]
    assert caches == ["output_shape"]  # pairs of ints, at most 256 of them
    pool = MaxPool2D(2)
    rng = np.random.default_rng(0)
    for n in (64, 63, 1, 512):
        out = pool.forward(rng.normal(size=(n, 4, 8, 8)).astype(np.float32))
        kept = {name: value for name, value in vars(pool).items() if hasattr(value, "nbytes")}
        assert set(kept) == {"winner"}
        assert kept["winner"].shape == out.shape and kept["winner"].itemsize == 1


def laid_out(array, layout):
    """The same (N, C, H, W) numbers, stored samples first (C order) or samples last."""
    if layout == "samples first":
        return np.ascontiguousarray(array)
    return np.ascontiguousarray(array.transpose(1, 2, 3, 0)).transpose(3, 0, 1, 2)


@pytest.mark.parametrize("x_layout", ["samples first", "samples last"])
@pytest.mark.parametrize("gradient_layout", ["samples first", "samples last"])
def test_every_memory_layout_gives_the_same_numbers(x_layout, gradient_layout):
    """After a convolution the images are stored samples last; after Flatten, samples first."""
    rng = np.random.default_rng(5)
    x, dL_doutput = distinct(rng, (3, 2, 6, 7)), rng.normal(size=(3, 2, 3, 3))
    reference = MaxPool2D(2)
    reference.forward(x)
    pool = MaxPool2D(2)
    np.testing.assert_array_equal(pool.forward(laid_out(x, x_layout)), naive_max_pool(x, 2, 2))
    np.testing.assert_array_equal(
        pool.backward(laid_out(dL_doutput, gradient_layout)), reference.backward(dL_doutput)
    )


def test_large_windows_count_their_offsets_in_a_wider_integer():
    rng = np.random.default_rng(6)
    x = distinct(rng, (2, 1, 17, 18))
    pool = MaxPool2D(17)  # 289 offsets: more than a uint8 counts
    np.testing.assert_array_equal(pool.forward(x), naive_max_pool(x, 17, 17))
    dL_dinput = pool.backward(np.ones((2, 1, 1, 1)))
    winners = x[:, :, :17, :17].reshape(2, -1).argmax(axis=1)
    assert dL_dinput.sum() == 2
    for sample in range(2):
        row, column = divmod(int(winners[sample]), 17)
        assert dL_dinput[sample, 0, row, column] == 1.0


@pytest.mark.parametrize(
    "arguments, error, message",
    [
        ((0,), InvalidInputError, "size must be a positive"),
        ((2.0,), InvalidTypeError, "size must be a positive"),
        ((2, 0), InvalidInputError, "stride must be a positive"),
    ],
)
def test_constructor_says_what_is_wrong(arguments, error, message):
    with pytest.raises(error, match=message):
        MaxPool2D(*arguments)


@pytest.mark.parametrize(
    "x, message",
    [
        (np.zeros((4, 4)), "must be 4-D"),
        (np.zeros((1, 1, 1, 4)), "larger than the padded image"),
    ],
)
def test_forward_says_what_is_wrong(x, message):
    with pytest.raises(InvalidInputError, match=message):
        MaxPool2D(2).forward(x)
