"""A 2-D convolution layer, computed as one matrix product with im2col.

Taught in the chapter "Convolutions for image classification" of Part II.
"""

import numpy as np

from .errors import InvalidInputError
from .im2col import check_image_shape, check_padding, col2im, im2col, output_shape
from .initializers import he_normal
from .layers import Layer, check_float_dtype
from .validation import check_positive_int


def kernel_pair(kernel_size):
    """Return ``(kh, kw)`` from one whole number or a pair of them."""
    if isinstance(kernel_size, (tuple, list)):
        if len(kernel_size) != 2:
            raise InvalidInputError(
                f"kernel_size must be one whole number or a pair (kh, kw); got {kernel_size!r}"
            )
        kh, kw = kernel_size
        return check_positive_int("kh", kh), check_positive_int("kw", kw)
    size = check_positive_int("kernel_size", kernel_size)
    return size, size


def check_channels(x, channels):
    """Raise unless the array ``x`` has the shape (N, C, H, W) with ``channels`` channels."""
    check_image_shape("the input of Conv2D", x)
    if x.shape[1] != channels:
        raise InvalidInputError(
            f"the input of Conv2D must have {channels} channels (axis 1 of (N, C, H, W)); "
            f"got shape {x.shape}"
        )


class Conv2D(Layer):
    """A 2-D convolution: ``C_out`` filters of shape ``(C_in, kh, kw)`` slid over the image.

    ``W`` has shape ``(C_out, C_in, kh, kw)`` and starts with He
    initialisation (normal, variance ``2 / (C_in kh kw)``); ``b`` has shape
    ``(C_out,)`` and starts at zero.  The input ``(N, C_in, H, W)`` becomes
    ``(N, C_out, out_h, out_w)`` with ``out_h = (H + 2 padding - kh) // stride + 1``.
    """

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        padding=0,
        seed=None,
        dtype="float64",
    ):
        super().__init__()
        self.in_channels = check_positive_int("in_channels", in_channels)
        self.out_channels = check_positive_int("out_channels", out_channels)
        self.kh, self.kw = kernel_pair(kernel_size)
        self.stride = check_positive_int("stride", stride)
        self.padding = check_padding(padding)
        dtype = check_float_dtype(dtype)
        shape = (self.out_channels, self.in_channels, self.kh, self.kw)
        # He initialisation: each output adds up C_in * kh * kw products.
        fan_in = self.in_channels * self.kh * self.kw
        self.params["W"] = he_normal(shape, fan_in, seed, dtype)
        self.params["b"] = np.zeros(self.out_channels, dtype=dtype)

    def config(self):
        return {
            "in_channels": self.in_channels,
            "out_channels": self.out_channels,
            "kernel_size": (self.kh, self.kw),
            "stride": self.stride,
            "padding": self.padding,
            "dtype": self.params["W"].dtype.name,
        }

    def forward(self, x):
        check_channels(x, self.in_channels)
        n, _, height, width = x.shape
        out_h, out_w = output_shape(height, width, self.kh, self.kw, self.stride, self.padding)
        self.x_shape = x.shape
        # One column per patch, one row per weight of a filter.
        self.cols = im2col(x, self.kh, self.kw, self.stride, self.padding)
        weights = self.params["W"].reshape(self.out_channels, -1)
        # Every filter times every patch: one matrix product.
        output = weights @ self.cols
        output += self.params["b"][:, None]
        # Rows are channels, columns are (y, x, sample): seen as an
        # array of shape (N, C_out, out_h, out_w).
        return output.reshape(self.out_channels, out_h, out_w, n).transpose(3, 0, 1, 2)

    def backward(self, dL_doutput):
        # As in forward: one row per channel, one column per patch.
        dL_dout = dL_doutput.transpose(1, 2, 3, 0).reshape(self.out_channels, -1)
        weights = self.params["W"].reshape(self.out_channels, -1)
        # output = weights @ cols + b: a weight's slope adds up its input
        # times the output's slope over every patch of every sample ...
        self.grads["W"] = (dL_dout @ self.cols.T).reshape(self.params["W"].shape)
        self.grads["b"] = dL_dout.sum(axis=1)
        # ... a patch entry's slope adds up the filters' weights times the
        # output's slopes ...
        dL_dcols = weights.T @ dL_dout
        # ... and a pixel's slope adds up the slopes of all its copies.
        return col2im(
            dL_dcols,
            self.x_shape,
            self.kh,
            self.kw,
            self.stride,
            self.padding,
        )
