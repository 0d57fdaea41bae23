"""Flatten: images (N, C, H, W) become rows (N, C * H * W) for a dense layer.

Taught in the chapter "Convolutions for image classification" of Part II.
"""

from .errors import InvalidInputError
from .layers import Layer


class Flatten(Layer):
    """Reshape every sample into one row; the backward pass reshapes back."""

    def forward(self, x):
        if x.ndim < 2:
            raise InvalidInputError(
                "the input of Flatten must have a batch axis and at least "
                f"one more; got shape {x.shape}"
            )
        self.x_shape = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, dL_doutput):
        return dL_doutput.reshape(self.x_shape)
