"""im2col and col2im: a convolution turned into one matrix product, and back.

Taught in the chapter "Convolutions for image classification" of Part II.

``im2col`` copies every kernel-sized patch of a batch of images into one
column of a matrix ``cols`` (one row per filter weight), so that a
convolution becomes the single product ``W_mat @ cols``, where ``W_mat`` is
``W.reshape(C_out, -1)``, one row per filter.  ``col2im`` is its adjoint: it
adds every column back onto the pixels it came from, which is exactly what
the backward pass of a convolution needs.

Both loop over the ``kh * kw`` kernel offsets only, never over pixels or
samples: for one offset ``(i, j)``, the pixels that meet weight
``W[:, :, i, j]`` form a shifted (and, with a stride, strided) copy of the
whole batch, which NumPy moves in one slice.
"""

import functools
import numbers

import numpy as np

from .errors import InvalidInputError, InvalidTypeError
from .validation import check_positive_int


def check_image_batch(name, x):
    """Raise unless ``x`` is a 4-D NumPy array of real numbers, ``(N, C, H, W)``."""
    if not isinstance(x, np.ndarray) or x.dtype.kind not in "biuf":
        kind = f"an array of dtype {x.dtype}" if isinstance(x, np.ndarray) else type(x).__name__
        raise InvalidTypeError(f"{name} must be a NumPy array of real numbers; got {kind}")
    check_image_shape(name, x)


def check_image_shape(name, x):
    """Raise unless the array ``x`` has four axes, ``(N, C, H, W)``: the layers' shape check."""
    if x.ndim != 4:
        raise InvalidInputError(
            f"{name} must be 4-D, (N, C, H, W) = (samples, channels, height, width); "
            f"got {x.ndim}-D shape {x.shape}"
        )


def check_padding(padding):
    """Return ``padding`` as an ``int`` if it is a whole number >= 0, or raise."""
    if isinstance(padding, bool) or not isinstance(padding, numbers.Integral):
        raise InvalidTypeError(
            f"padding must be a whole number >= 0; got {type(padding).__name__} {padding!r}"
        )
    if padding < 0:
        raise InvalidInputError(f"padding must be a whole number >= 0; got {padding}")
    return int(padding)


@functools.lru_cache(maxsize=256, typed=True)
def output_shape(height, width, kh, kw, stride, padding):
    """``(out_h, out_w)``: how many kernel positions fit down and across the padded image.

    ``out = (size + 2 padding - kernel) // stride + 1`` on each side.  The
    sizes are checked here; only valid ones are remembered, so the check
    costs nothing the next time the same shapes come by.
    """
    for name, value in [("kh", kh), ("kw", kw), ("stride", stride)]:
        check_positive_int(name, value)
    check_padding(padding)
    padded_height, padded_width = height + 2 * padding, width + 2 * padding
    if kh > padded_height or kw > padded_width:
        raise InvalidInputError(
            f"the kernel ({kh} x {kw}) is larger than the padded image "
            f"({padded_height} x {padded_width}: {height} x {width} plus padding {padding})"
        )
    return (padded_height - kh) // stride + 1, (padded_width - kw) // stride + 1


def pad_images(x, padding):
    """The images ``x`` (N, C, H, W) with ``padding`` zeros on all four sides, batch axis last.

    Returns a C-contiguous array of shape ``(C, H + 2 padding, W + 2 padding, N)``:
    with the samples innermost, every shifted slice of it is made of long
    contiguous runs, which NumPy copies fast even for tiny images.
    """
    n, channels, height, width = x.shape
    padded = np.zeros(
        (channels, height + 2 * padding, width + 2 * padding, n),
        dtype=x.dtype,
    )
    padded[:, padding : padding + height, padding : padding + width] = x.transpose(1, 2, 3, 0)
    return padded


def im2col(x, kh, kw, stride=1, padding=0):
    """Every ``kh x kw`` patch of the images ``x`` (N, C, H, W) as one column of a matrix.

    Returns ``cols`` of shape ``(C * kh * kw, out_h * out_w * N)``.  Row
    ``(c, i, j)`` holds the pixel that meets filter weight ``W[:, c, i, j]``,
    in the order of ``W.reshape(C_out, -1)``, so that a convolution is
    ``W.reshape(C_out, -1) @ cols``.  Columns run over output rows, then
    output columns, then samples (the sample index changes fastest).
    """
    check_image_batch("x", x)
    n, channels, height, width = x.shape
    out_h, out_w = output_shape(height, width, kh, kw, stride, padding)
    padded = pad_images(x, padding)
    cols = np.empty((channels, kh, kw, out_h, out_w, n), dtype=x.dtype)
    for i in range(kh):
        rows = slice(i, i + stride * out_h, stride)
        for j in range(kw):
            columns = slice(j, j + stride * out_w, stride)
            # Every pixel that meets weight (i, j) of the filters, for all
            # channels, positions and samples at once: one shifted slice.
            cols[:, i, j] = padded[:, rows, columns]
    return cols.reshape(channels * kh * kw, out_h * out_w * n)


def col2im(cols, x_shape, kh, kw, stride, padding):
    """Add every column of ``cols`` back onto the pixels it was copied from.

    The adjoint of :func:`im2col`: a pixel that sat in several patches
    receives the sum of all its copies; the padding is cut off at the end.
    Returns an array of shape ``x_shape`` = (N, C, H, W).
    """
    n, channels, height, width = x_shape
    out_h, out_w = output_shape(height, width, kh, kw, stride, padding)
    if cols.shape != (channels * kh * kw, out_h * out_w * n):
        raise InvalidInputError(
            "cols must have shape "
            f"{(channels * kh * kw, out_h * out_w * n)} "
            f"for images of shape {tuple(x_shape)}; got {cols.shape}"
        )
    patches = cols.reshape(channels, kh, kw, out_h, out_w, n)
    padded = np.zeros(
        (channels, height + 2 * padding, width + 2 * padding, n),
        dtype=cols.dtype,
    )
    for i in range(kh):
        rows = slice(i, i + stride * out_h, stride)
        for j in range(kw):
            columns = slice(j, j + stride * out_w, stride)
            # At one offset, patches never share a pixel: plain += is safe.
            padded[:, rows, columns] += patches[:, i, j]
    image = padded[:, padding : padding + height, padding : padding + width]
    return image.transpose(3, 0, 1, 2)
