"""Max pooling: keep the largest value of each window.

Taught in the chapter "Convolutions for image classification" of Part II.
"""

import functools

import numpy as np

from .im2col import check_image_batch, output_shape
from .layers import Layer
from .validation import check_positive_int


@functools.lru_cache(maxsize=64)
def window_positions(x_shape, size, stride):
    """Flat positions, in the gradient, of the pixel at each offset of every window.

    One array per offset ``(i, j)`` of a window, in reading order, each of
    the output's shape ``(N, C, out_h, out_w)``.  The gradient is built as
    an array ``(C, H, W, N)``, samples last like the columns of
    :func:`~nn_from_scratch.im2col.im2col`: pixel ``(n, c, y, x)`` sits at
    ``((c * H + y) * W + x) * N + n``.
    """
    n, channels, height, width = x_shape
    out_h, out_w = output_shape(height, width, size, size, stride, 0)
    # Built as (C, out_h, out_w, N) and seen as (N, C, out_h, out_w): the
    # memory layout of the pooled images, which NumPy then walks fastest.
    channel_starts = np.arange(channels).reshape(-1, 1, 1, 1) * (height * width * n)
    rows = (stride * np.arange(out_h)).reshape(-1, 1, 1) * (width * n)
    columns = (stride * np.arange(out_w)).reshape(-1, 1) * n
    corners = (channel_starts + rows + columns + np.arange(n)).transpose(3, 0, 1, 2)
    positions = [corners + (i * width + j) * n for i in range(size) for j in range(size)]
    for array in positions:
        array.flags.writeable = False  # shared by later calls
    return positions


class MaxPool2D(Layer):
    """The maximum of every ``size x size`` window, channel by channel.

    ``stride`` defaults to ``size``: windows side by side, not overlapping.
    When a side does not divide evenly, the last rows or columns that do not
    fill a window are dropped (the floor, as in PyTorch); their gradient is
    zero.  When a window holds its maximum twice, the first one in reading
    order is the winner and receives the whole gradient.
    """

    def __init__(self, size=2, stride=None):
        super().__init__()
        self.size = check_positive_int("size", size)
        self.stride = self.size if stride is None else check_positive_int("stride", stride)

    def __repr__(self):
        return f"MaxPool2D(size={self.size}, stride={self.stride})"

    def windows(self, x, out_h, out_w):
        """For each offset ``(i, j)`` in the window: the strided view of ``x`` it reads."""
        stride = self.stride
        return [
            x[
                :,
                :,
                i : i + stride * out_h : stride,
                j : j + stride * out_w : stride,
            ]
            for i in range(self.size)
            for j in range(self.size)
        ]

    def forward(self, x):
        check_image_batch("the input of MaxPool2D", x)
        self.x_shape = x.shape
        out_h, out_w = output_shape(*x.shape[2:], self.size, self.size, self.stride, 0)
        positions = window_positions(x.shape, self.size, self.stride)
        views = self.windows(x, out_h, out_w)
        output = views[0].copy(order="K")
        # Where the maximum so far sits in x; a later offset takes over only
        # if it is strictly larger, so on a tie the first one stays.
        self.winners = positions[0]
        for view, position in zip(views[1:], positions[1:], strict=True):
            larger = view > output
            self.winners = np.where(larger, position, self.winners)
            np.maximum(output, view, out=output)
        return output

    def backward(self, dL_doutput):
        n, channels, height, width = self.x_shape
        # Only the winner of a window moved the output: it receives the
        # whole slope.  bincount adds up the slopes that land on the same
        # pixel (only when windows overlap) and leaves zeros everywhere
        # else.  Both are read in the (C, out_h, out_w, N) order in which
        # winners is stored.
        dL_dinput = np.bincount(
            self.winners.transpose(1, 2, 3, 0).ravel(),
            weights=dL_doutput.transpose(1, 2, 3, 0).ravel(),
            minlength=n * channels * height * width,
        )
        dL_dinput = dL_dinput.astype(dL_doutput.dtype, copy=False)
        return dL_dinput.reshape(channels, height, width, n).transpose(3, 0, 1, 2)
