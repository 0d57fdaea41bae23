"""im2col and col2im: the patches they copy, their adjointness, and their complaints."""

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.im2col import col2im, im2col, output_shape, pad_images

# (x shape, kh, kw, stride, padding): batch of one, non-square images and
# kernels, several channel counts, stride 2, padding 1 and 2.
CASES = [
    ((1, 1, 4, 4), 2, 2, 1, 0),
    ((2, 3, 5, 7), 3, 3, 1, 1),
    ((3, 2, 6, 5), 2, 3, 2, 0),
    ((1, 4, 7, 5), 3, 2, 2, 1),
    ((2, 1, 3, 3), 3, 3, 1, 2),
    ((2, 2, 8, 8), 1, 1, 1, 0),
]


def naive_im2col(x, kh, kw, stride, padding):
    """One column per patch, patches in (y, x, sample) order: the slow, obvious way."""
    n, channels, height, width = x.shape
    padded = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out_h = (height + 2 * padding - kh) // stride + 1
    out_w = (width + 2 * padding - kw) // stride + 1
    columns = []
    for y in range(out_h):
        for x_ in range(out_w):
            for sample in range(n):
                top, left = y * stride, x_ * stride
                columns.append(padded[sample, :, top : top + kh, left : left + kw].ravel())
    return np.array(columns).T


@pytest.mark.parametrize("shape, kh, kw, stride, padding", CASES)
def test_im2col_copies_every_patch_into_one_column(shape, kh, kw, stride, padding):
    x = np.random.default_rng(0).normal(size=shape)
    np.testing.assert_array_equal(
        im2col(x, kh, kw, stride, padding), naive_im2col(x, kh, kw, stride, padding)
    )


@pytest.mark.parametrize("shape, kh, kw, stride, padding", CASES)
def test_col2im_is_the_adjoint_of_im2col(shape, kh, kw, stride, padding):
    rng = np.random.default_rng(1)
    x = rng.normal(size=shape)
    cols = im2col(x, kh, kw, stride, padding)
    c = rng.normal(size=cols.shape)
    back = col2im(c, shape, kh, kw, stride, padding)
    assert back.shape == shape
    # <im2col(x), c> == <x, col2im(c)>
    assert np.isclose(np.sum(cols * c), np.sum(x * back), rtol=1e-12, atol=1e-12)


def test_col2im_counts_how_often_each_pixel_was_copied():
    shape = (1, 1, 4, 4)
    ones = np.ones_like(im2col(np.zeros(shape), 3, 3, 1, 0))
    counts = col2im(ones, shape, 3, 3, 1, 0)[0, 0]
    expected = np.array([[1, 2, 2, 1], [2, 4, 4, 2], [2, 4, 4, 2], [1, 2, 2, 1]])
    np.testing.assert_array_equal(counts, expected)


def test_output_shape_is_the_formula():
    assert output_shape(8, 8, 3, 3, 1, 1) == (8, 8)
    assert output_shape(5, 7, 3, 3, 2, 1) == (3, 4)
    assert output_shape(5, 7, 2, 3, 1, 0) == (4, 5)


def test_pad_images_puts_the_samples_last():
    x = np.arange(2 * 3 * 2 * 2, dtype=float).reshape(2, 3, 2, 2)
    padded = pad_images(x, 1)
    assert padded.shape == (3, 4, 4, 2)
    np.testing.assert_array_equal(padded[:, 1:3, 1:3].transpose(3, 0, 1, 2), x)
    assert padded.sum() == x.sum()


def test_dtypes():
    x32 = np.ones((1, 1, 3, 3), dtype=np.float32)
    cols = im2col(x32, 2, 2)
    assert cols.dtype == np.float32
    assert col2im(cols, x32.shape, 2, 2, 1, 0).dtype == np.float32
    assert im2col(np.ones((1, 1, 3, 3), dtype=int), 2, 2).sum() == 16


@pytest.mark.parametrize(
    "x, kh, kw, stride, padding, error, message",
    [
        (np.zeros((3, 3)), 2, 2, 1, 0, InvalidInputError, "4-D"),
        (np.zeros((1, 2, 3, 3, 1)), 2, 2, 1, 0, InvalidInputError, "4-D"),
        ([[[[1.0]]]], 1, 1, 1, 0, InvalidTypeError, "NumPy array"),
        (np.array([[[["a"]]]]), 1, 1, 1, 0, InvalidTypeError, "real numbers"),
        (np.zeros((1, 1, 3, 3)), 4, 2, 1, 0, InvalidInputError, "larger than the padded image"),
        (np.zeros((1, 1, 3, 3)), 2, 6, 1, 1, InvalidInputError, "larger than the padded image"),
        (np.zeros((1, 1, 3, 3)), 0, 2, 1, 0, InvalidInputError, "kh must be a positive"),
        (np.zeros((1, 1, 3, 3)), 2, 2.0, 1, 0, InvalidTypeError, "kw must be a positive"),
        (np.zeros((1, 1, 3, 3)), 2, 2, 0, 0, InvalidInputError, "stride must be a positive"),
        (np.zeros((1, 1, 3, 3)), 2, 2, 1, -1, InvalidInputError, "padding must be a whole"),
        (np.zeros((1, 1, 3, 3)), 2, 2, 1, True, InvalidTypeError, "padding must be a whole"),
    ],
)
def test_im2col_says_what_is_wrong(x, kh, kw, stride, padding, error, message):
    with pytest.raises(error, match=message):
        im2col(x, kh, kw, stride, padding)


def test_col2im_checks_the_shape_of_cols():
    with pytest.raises(InvalidInputError, match=r"cols must have shape \(4, 18\)"):
        col2im(np.zeros((4, 9)), (2, 1, 4, 4), 2, 2, 1, 0)
