"""The digits classifier with convolutions: two convolution stages, then a dense layer.

Taught in the chapter "Convolutions for image classification" of Part II.
"""

import numpy as np

from .conv import Conv2D
from .digits import DigitsSplit, load_digits_split, to_images
from .flatten import Flatten
from .layers import Dense, ReLU
from .mlp import train_with_recipe
from .pooling import MaxPool2D
from .sequential import Sequential
from .training import TrainingRecipe
from .validation import random_generator

#: Filters of the first and of the second convolution layer.
CNN_CHANNELS = (16, 32)

#: How the digits CNN is trained, by the chapter, the tests, the command line and the benchmarks.
CNN_RECIPE = TrainingRecipe(epochs=12, batch_size=32, learning_rate=0.01, optimizer="adam")


def digits_cnn(seed=None, dtype=np.float64):
    """A fresh, untrained CNN for the digits: (N, 1, 8, 8) images -> 10 logits."""
    rng = random_generator(seed)
    channels1, channels2 = CNN_CHANNELS
    return Sequential(
        [
            Conv2D(1, channels1, 3, padding=1, seed=rng, dtype=dtype),
            ReLU(),  # 8 x 8
            MaxPool2D(2),  # 4 x 4
            Conv2D(channels1, channels2, 3, padding=1, seed=rng, dtype=dtype),
            ReLU(),  # 4 x 4
            MaxPool2D(2),  # 2 x 2
            Flatten(),
            Dense(channels2 * 2 * 2, 10, seed=rng, dtype=dtype),
        ]
    )


def image_split(split):
    """The same DigitsSplit with every row of 64 pixels as an image (1, 8, 8)."""
    return DigitsSplit(
        to_images(split.x_train),
        split.y_train,
        to_images(split.x_test),
        split.y_test,
    )


def train_digits_cnn(seed, epochs=None, progress=None, dtype=np.float64):
    """Build the digits CNN with ``seed`` and train it with ``CNN_RECIPE``.

    Returns ``(network, history)``.
    """
    rng = random_generator(seed)
    network = digits_cnn(rng, dtype)
    split = image_split(load_digits_split())
    history = train_with_recipe(network, CNN_RECIPE, split, rng, epochs, progress)
    return network, history
