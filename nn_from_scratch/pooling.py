"""Max pooling: keep the largest value of each window.

Taught in the chapter "Convolutions for image classification" of Part II.
"""

import numpy as np

from .im2col import check_image_shape, output_shape
from .layers import Layer
from .validation import check_positive_int


class MaxPool2D(Layer):
    """The maximum of every ``size x size`` window, channel by channel.

    ``stride`` defaults to ``size``: windows side by side, not overlapping.
    When a side does not divide evenly, the last rows or columns that do not
    fill a window are dropped (the floor, as in PyTorch); their gradient is
    zero.  When a window holds its maximum twice, the first one in reading
    order is the winner and receives the whole gradient.

    Between ``forward`` and ``backward`` the layer keeps only ``winner``:
    for every output number, the offset of the winner in its window, one
    byte each for windows of up to 16 x 16 pixels.  Nothing is cached
    across calls.
    """

    def __init__(self, size=2, stride=None):
        super().__init__()
        self.size = check_positive_int("size", size)
        self.stride = self.size if stride is None else check_positive_int("stride", stride)

    def config(self):
        # A stride equal to the size is the default, written None.
        stride = None if self.stride == self.size else self.stride
        return {"size": self.size, "stride": stride}

    def windows(self, x, out_h, out_w):
        """For each offset ``(i, j)`` of a window, in reading order: the view of ``x`` it reads."""
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
        check_image_shape("the input of MaxPool2D", x)
        self.x_shape = x.shape
        out_h, out_w = output_shape(*x.shape[2:], self.size, self.size, self.stride, 0)
        views = self.windows(x, out_h, out_w)
        output = views[0].copy(order="K")
        # For every window, the offset of its largest value so far, in the
        # smallest integer type that counts all offsets.  A later offset
        # takes over only if strictly larger: on a tie the first one stays.
        self.winner = np.zeros_like(output, dtype=np.min_scalar_type(len(views) - 1))
        for offset, view in enumerate(views[1:], start=1):
            self.winner = np.where(view > output, offset, self.winner)
            np.maximum(output, view, out=output)
        return output

    def backward(self, dL_doutput):
        n, channels, height, width = self.x_shape
        # The gradient is laid out samples last, like the images a
        # convolution makes (its backward reads them without a copy), and
        # the slopes from above like winner: NumPy then walks all in step.
        dL_dinput = np.zeros((channels, height, width, n), dtype=dL_doutput.dtype)
        dL_dinput = dL_dinput.transpose(3, 0, 1, 2)
        upstream = np.empty_like(self.winner, dtype=dL_doutput.dtype)
        upstream[...] = dL_doutput
        out_h, out_w = dL_doutput.shape[2:]
        # Only the winner of a window moved the output: it receives the
        # whole slope, the other pixels nothing (the mask multiplies as 1
        # and 0).  Where windows overlap, a pixel adds up the slopes of all
        # the windows it won, one offset after the other.
        for offset, window in enumerate(self.windows(dL_dinput, out_h, out_w)):
            window += upstream * (self.winner == offset)
        return dL_dinput
