"""Data of the explorable "step through the epochs" (Convolutions, Part II).

The CNN of the chapter's figures (:func:`~nn_from_scratch.figures.convolution.cnn_figure_run`,
trained once per build for the figures and for this), after every epoch
from 0 (untrained) to the recipe's last.  Per epoch, as
:func:`~.encoding.levels`:

- the first layer's filters, one string of ``C * 9`` characters, on a scale
  from ``-limit`` to ``limit`` with ``limit`` the epoch's largest ``|weight|``
  (so level 31.5, between two characters, is zero);
- the test digit's feature maps after the first ReLU and after the second,
  each from 0 to the epoch's largest value of that layer;

and, as numbers: the loss and accuracy on the training images, and the
probability the network gives each of the ten classes for the digit.
"""

import numpy as np

from ..cnn import image_split
from ..digits import load_digits_split
from ..figures.convolution import FEATURE_MAP_SAMPLE, cnn_figure_run
from .encoding import levels, rounded, scaled

WORDS = (
    "Epochs trained",
    "epoch",
    "epochs trained: {epochs}, training loss: {loss}",
    "training loss",
    "training accuracy",
    "one test digit, 8 × 8",
    "filters of layer 1, 3 × 3",
    "layer 1: feature maps after ReLU",
    "layer 2: feature maps after ReLU",
    "the network's answer",
    "label",
    "{digit}: {probability}",
)
"""The English texts the page shows; each edition gets them in its language."""


def nonzero(value):
    """``value``, or 1.0 if it is 0 (a scale needs a positive top)."""
    return float(value) or 1.0


def epoch_data(snapshot):
    """One epoch of the explorable, from that epoch's
    :class:`~nn_from_scratch.figures.convolution.EpochSnapshot`."""
    limit = nonzero(np.abs(snapshot.filters).max())
    first_peak = nonzero(snapshot.first_maps.max())
    second_peak = nonzero(snapshot.second_maps.max())
    return {
        "loss": rounded(snapshot.train_loss),
        "accuracy": scaled(snapshot.train_accuracy, 3)[0],
        "probabilities": scaled(snapshot.probabilities, 3),
        "filter_limit": rounded(limit, 3),
        "filters": levels(snapshot.filters, -limit, limit),
        "first": levels(snapshot.first_maps, 0.0, first_peak),
        "second": levels(snapshot.second_maps, 0.0, second_peak),
    }


def convolution_data():
    """The explorable's data, without its words (:data:`WORDS`)."""
    _, _, epochs = cnn_figure_run()
    split = image_split(load_digits_split())
    digit = split.x_test[FEATURE_MAP_SAMPLE, 0]
    first, second = epochs[0].first_maps, epochs[0].second_maps
    return {
        "digit": levels(digit, 0.0, 1.0),
        "label": int(split.y_test[FEATURE_MAP_SAMPLE]),
        "shapes": {
            "filters": list(epochs[0].filters.shape),
            "first": list(first.shape),
            "second": list(second.shape),
        },
        "epochs": [epoch_data(snapshot) for snapshot in epochs],
    }
