"""The digits classifier of Part II: one hidden ReLU layer, trained with Adam.

Taught in the chapter "Many layers and mini-batches" of Part II.
"""

import numpy as np

from .digits import load_digits_split
from .errors import InvalidInputError
from .layers import Dense, ReLU
from .losses import SoftmaxCrossEntropy
from .optimizers import SGD, Adam, RMSProp
from .sequential import Sequential
from .training import TrainingRecipe, fit
from .validation import check_positive_int, random_generator

#: Pixels per digit, hidden units, classes.
MLP_SIZES = (64, 128, 10)

#: How the digits MLP is trained, by the chapter, the tests, the command line and the benchmarks.
MLP_RECIPE = TrainingRecipe(epochs=11, batch_size=32, learning_rate=0.005, optimizer="adam")


def digits_mlp(seed=None, dtype=np.float64):
    """A fresh, untrained MLP for the digits: 64 -> 128 ReLU -> 10 logits."""
    rng = random_generator(seed)
    n_input, n_hidden, n_output = MLP_SIZES
    return Sequential(
        [
            Dense(n_input, n_hidden, seed=rng, dtype=dtype),
            ReLU(),
            Dense(n_hidden, n_output, seed=rng, dtype=dtype),
        ]
    )


def make_optimizer(recipe, network):
    """The optimiser ``recipe`` names, for ``network``'s layers."""
    if recipe.optimizer in ("adam", "rmsprop") and recipe.momentum:
        raise InvalidInputError(
            f"recipe.momentum is for the optimizer 'sgd'; {recipe.optimizer!r} has no "
            f"momentum setting here. Got momentum={recipe.momentum} with {recipe.optimizer!r}"
        )
    if recipe.optimizer == "adam":
        return Adam(network, learning_rate=recipe.learning_rate)
    if recipe.optimizer == "rmsprop":
        return RMSProp(network, learning_rate=recipe.learning_rate)
    if recipe.optimizer == "sgd":
        return SGD(network, learning_rate=recipe.learning_rate, momentum=recipe.momentum)
    raise InvalidInputError(
        f"recipe.optimizer must be 'adam', 'rmsprop' or 'sgd'; got {recipe.optimizer!r}"
    )


def train_with_recipe(network, recipe, split, seed=None, epochs=None, progress=None):
    """Train ``network`` on the training part of ``split`` as ``recipe`` says; return the History.

    The History holds the training curves only: the test part is not looked
    at here, so that it can be scored once, after training.
    """
    epochs = recipe.epochs if epochs is None else check_positive_int("epochs", epochs)
    return fit(
        network,
        SoftmaxCrossEntropy(),
        make_optimizer(recipe, network),
        split.x_train,
        split.y_train,
        epochs=epochs,
        batch_size=recipe.batch_size,
        seed=seed,
        progress=progress,
    )


def train_digits_mlp(seed, epochs=None, progress=None, dtype=np.float64):
    """Build the digits MLP with ``seed`` and train it with ``MLP_RECIPE``.

    Returns ``(network, history)``.
    """
    rng = random_generator(seed)
    network = digits_mlp(rng, dtype)
    history = train_with_recipe(network, MLP_RECIPE, load_digits_split(), rng, epochs, progress)
    return network, history
