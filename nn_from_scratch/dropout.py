"""Dropout: a layer that silences a random part of its input while the network learns.

Taught in the chapter "Generalisation: training, validation and test" of Part II.

This is *inverted* dropout, the form the frameworks use.  In training mode
(``layer.training`` True) every entry of the input is kept with probability
``1 - rate`` and set to 0 otherwise, and the kept entries are divided by
``1 - rate``, so that the output has the input's mean.  In evaluation mode
the layer is the identity: the network answers without chance, and because
of the scaling during training it needs no correction.  The mask of the
last ``forward`` is kept for ``backward``, which lets the gradient through
where the input was kept, scaled alike.
"""

from .layers import Layer
from .optimizers import check_fraction
from .validation import random_generator


class Dropout(Layer):
    """Inverted dropout: zero an entry with probability ``rate``, scale the rest by ``1/(1-rate)``.

    ``rate`` is a number in [0, 1).  ``seed`` (None, a whole number or a
    ``numpy.random.Generator``) drives the masks; it is not a setting, so
    ``config()`` holds the rate alone.  ``draw_mask`` is the one place where
    chance enters: replace it, and the layer is a fixed function (the
    gradient check of the chapter does so).
    """

    def __init__(self, rate, seed=None):
        super().__init__()
        self.rate = check_fraction("rate", rate)
        self.rng = random_generator(seed)
        self.mask = None

    def config(self):
        return {"rate": self.rate}

    def draw_mask(self, shape):
        """A new mask: ``1 / (1 - rate)`` for a kept entry (probability ``1 - rate``), else 0."""
        keep = self.rng.random(shape) >= self.rate
        return keep / (1.0 - self.rate)

    def forward(self, x):
        if not self.training:
            self.mask = None  # evaluation: the identity
            return x
        self.mask = self.draw_mask(x.shape).astype(x.dtype, copy=False)
        return x * self.mask

    def backward(self, dL_doutput):
        if self.mask is None:
            return dL_doutput
        # Chain rule: output = x * mask, so the slope is the mask itself.
        return dL_doutput * self.mask
