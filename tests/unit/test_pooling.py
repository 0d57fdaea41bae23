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
    assert repr(MaxPool2D(3, 2)) == "MaxPool2D(size=3, stride=2)"


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
