"""The overfitting experiment: a wide network, a small training subset, and the remedies.

Taught in the chapter "Generalisation: training, validation and test" of Part II.

The network has two hidden layers of 256 ReLU units (``WIDE_SIZES``),
about 85,000 parameters, and learns from 200 training images, 20 of each
digit (``small_subset``): enough freedom to learn every one of them by
heart.  It is trained with Adam as ``WIDE_RECIPE`` says and scored on the
validation part of :func:`nn_from_scratch.digits.load_digits_three_way_split`
after every epoch.  ``train_wide_mlp`` runs it with one remedy or none;
``experiments/generalisation.py`` runs every remedy over five seeds.
"""

import numpy as np

from .dropout import Dropout
from .errors import InvalidInputError
from .layers import Dense, ReLU
from .losses import SoftmaxCrossEntropy
from .optimizers import Adam
from .sequential import Sequential
from .training import TrainingRecipe, fit
from .validation import check_positive_int, random_generator
from .weight_decay import AdamW, L2WeightDecay

#: Pixels per digit, two wide hidden layers, classes.
WIDE_SIZES = (64, 256, 256, 10)

#: Training images of each digit in the small subset.
SUBSET_PER_DIGIT = 20

#: The seed that picks the small subset.
SUBSET_SEED = 200

#: How the wide network is trained, with and without a remedy.
WIDE_RECIPE = TrainingRecipe(epochs=50, batch_size=32, learning_rate=0.001, optimizer="adam")

#: The strength of each remedy, chosen on the validation part by experiments/generalisation.py
#: (the rule is in its results, experiments/results/generalisation.md).
CHOSEN_STRENGTHS = {"l2": 1e-4, "adamw": 3.0, "dropout": 0.5}

#: The remedies ``train_wide_mlp`` knows, and what the strength of each is.
REMEDIES = {
    "none": None,
    "l2": "weight_decay of L2WeightDecay around Adam",
    "adamw": "weight_decay of AdamW",
    "dropout": "rate of Dropout after each hidden layer",
}


def small_subset(x, labels, per_class, seed):
    """``(x, labels)`` of ``per_class`` samples of every class, picked at random, in order.

    Every class must have at least ``per_class`` samples.
    """
    per_class = check_positive_int("per_class", per_class)
    rng = random_generator(seed)
    chosen = []
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        if len(members) < per_class:
            raise InvalidInputError(
                f"class {label} has {len(members)} samples; per_class asks for {per_class}"
            )
        chosen.append(rng.permutation(members)[:per_class])
    indices = np.sort(np.concatenate(chosen))
    return x[indices], labels[indices]


def wide_mlp(seed=None, dropout=0.0):
    """64 -> 256 ReLU -> 256 ReLU -> 10, with ``Dropout(dropout)`` after each ReLU if not 0."""
    rng = random_generator(seed)
    n_input, n_hidden1, n_hidden2, n_output = WIDE_SIZES
    layers = [Dense(n_input, n_hidden1, seed=rng), ReLU()]
    if dropout:
        layers.append(Dropout(dropout, seed=rng))
    layers += [Dense(n_hidden1, n_hidden2, seed=rng), ReLU()]
    if dropout:
        layers.append(Dropout(dropout, seed=rng))
    layers.append(Dense(n_hidden2, n_output, seed=rng))
    return Sequential(layers)


def remedy_optimizer(network, remedy, strength, learning_rate):
    """The optimiser for ``remedy``: Adam, Adam inside L2WeightDecay, or AdamW."""
    if remedy == "l2":
        return L2WeightDecay(Adam(network, learning_rate), strength)
    if remedy == "adamw":
        return AdamW(network, learning_rate, weight_decay=strength)
    return Adam(network, learning_rate)


def train_wide_mlp(split, remedy="none", strength=None, seed=0, epochs=None):
    """Train ``wide_mlp`` on the small subset of ``split`` with ``remedy``.

    Returns ``(network, history)``.

    ``split`` is a ``DigitsThreeWaySplit``; the history holds the
    validation scores of every epoch.  ``strength`` is the remedy's
    setting (see ``REMEDIES``), None for ``"none"``.
    """
    if remedy not in REMEDIES:
        raise InvalidInputError(f"remedy must be one of {list(REMEDIES)}; got {remedy!r}")
    if remedy == "none" and strength is not None:
        raise InvalidInputError(f"remedy 'none' takes no strength; got {strength!r}")
    if remedy != "none" and strength is None:
        raise InvalidInputError(f"remedy {remedy!r} needs a strength: the {REMEDIES[remedy]}")
    epochs = WIDE_RECIPE.epochs if epochs is None else check_positive_int("epochs", epochs)
    rng = random_generator(seed)
    network = wide_mlp(rng, dropout=strength if remedy == "dropout" else 0.0)
    x, labels = small_subset(split.x_train, split.y_train, SUBSET_PER_DIGIT, SUBSET_SEED)
    optimizer = remedy_optimizer(network, remedy, strength, WIDE_RECIPE.learning_rate)
    history = fit(
        network,
        SoftmaxCrossEntropy(),
        optimizer,
        x,
        labels,
        epochs=epochs,
        batch_size=WIDE_RECIPE.batch_size,
        seed=rng,
        validation=(split.x_validation, split.y_validation),
    )
    return network, history
