"""The handwritten digits: 1,797 images of 8 x 8 pixels, split 80/20 once and for all.

Taught in the chapter "Many layers and mini-batches" of Part II.

The images ship inside scikit-learn (``sklearn.datasets.load_digits``), so
nothing is downloaded; scikit-learn is needed only here, and only when the
data is first asked for.  The split is ours: stratified (each digit keeps
its share in both parts) and fixed by ``DIGITS_SPLIT_SEED``.
"""

import functools
import importlib.util
import numbers
import pathlib
from typing import NamedTuple

import numpy as np

from .errors import InvalidInputError, InvalidTypeError
from .validation import random_generator

#: The seed of the one train/test split every chapter, test and benchmark uses.
DIGITS_SPLIT_SEED = 1797

#: The seed of the validation part carved out of the training images.
VALIDATION_SPLIT_SEED = 64

#: Pixels of the data set are whole numbers from 0 (white) to 16 (black).
DIGITS_MAX_PIXEL = 16.0


class DigitsSplit(NamedTuple):
    """Training and test images (rows of 64 pixels in [0, 1]) and their labels 0..9."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


class DigitsThreeWaySplit(NamedTuple):
    """Training, validation and test images with their labels.

    The test part is the one of :func:`load_digits_split`; the training and
    validation parts together are its training part.
    """

    x_train: np.ndarray
    y_train: np.ndarray
    x_validation: np.ndarray
    y_validation: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


SKLEARN_HINT = (
    "the handwritten digits ship with scikit-learn, an optional dependency: "
    "pip install 'nn-from-scratch-book[digits]'"
)


@functools.lru_cache(maxsize=1)
def raw_digits():
    """``(pixels (1797, 64) float64 in [0, 16], labels (1797,) int64)``, read-only.

    Importing scikit-learn takes about a second, longer than everything else
    here, so the table behind ``load_digits`` (``digits.csv.gz`` inside the
    installed scikit-learn: 64 pixels then the label on each row) is read
    directly when it is where scikit-learn keeps it; otherwise
    ``sklearn.datasets.load_digits`` is called.
    """
    spec = importlib.util.find_spec("sklearn")
    if spec is None or spec.origin is None:
        raise ImportError(SKLEARN_HINT)
    table_path = pathlib.Path(spec.origin).parent / "datasets" / "data" / "digits.csv.gz"
    if table_path.is_file():
        table = np.loadtxt(table_path, delimiter=",")
        pixels, labels = table[:, :-1], table[:, -1].astype(np.int64)
    else:
        pixels, labels = digits_from_sklearn()
    pixels.flags.writeable = False
    labels.flags.writeable = False
    return pixels, labels


def digits_from_sklearn():
    """``(pixels, labels)`` as ``sklearn.datasets.load_digits`` gives them."""
    try:
        from sklearn.datasets import load_digits  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise ImportError(SKLEARN_HINT) from None
    data = load_digits()
    return np.asarray(data.data, dtype=np.float64), np.asarray(data.target, dtype=np.int64)


def stratified_split(labels, test_fraction, seed):
    """Return ``(train_indices, test_indices)``, each sorted, with every class split alike.

    Of the ``n`` samples of a class, ``round(test_fraction * n)`` (at least
    one, at most ``n - 1``) go to the test part, chosen at random.
    """
    rng = random_generator(seed)
    test = []
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        n_test = min(
            max(round(test_fraction * len(members)), 1),
            len(members) - 1,
        )
        test.append(rng.permutation(members)[:n_test])
    test_indices = np.sort(np.concatenate(test))
    train_indices = np.setdiff1d(np.arange(len(labels)), test_indices)
    return train_indices, test_indices


def load_digits_split(test_fraction=0.2, seed=DIGITS_SPLIT_SEED):
    """The digits, scaled to [0, 1] and split into training and test parts."""
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, numbers.Real):
        raise InvalidTypeError(f"test_fraction must be a number; got {test_fraction!r}")
    if not 0.0 < test_fraction < 1.0:
        raise InvalidInputError(f"test_fraction must be between 0 and 1; got {test_fraction}")
    pixels, labels = raw_digits()
    train, test = stratified_split(labels, float(test_fraction), seed)
    x = pixels / DIGITS_MAX_PIXEL
    return DigitsSplit(x[train], labels[train], x[test], labels[test])


def load_digits_three_way_split(validation_fraction=0.2, seed=VALIDATION_SPLIT_SEED):
    """The digits split three ways: the test part of :func:`load_digits_split`, untouched,
    and its training part cut again, stratified, into training and validation parts.

    Recipes are compared on the validation part; the test part is scored once,
    at the end.
    """
    if isinstance(validation_fraction, bool) or not isinstance(validation_fraction, numbers.Real):
        raise InvalidTypeError(f"validation_fraction must be a number; got {validation_fraction!r}")
    if not 0.0 < validation_fraction < 1.0:
        raise InvalidInputError(
            f"validation_fraction must be between 0 and 1; got {validation_fraction}"
        )
    split = load_digits_split()
    train, validation = stratified_split(split.y_train, float(validation_fraction), seed)
    return DigitsThreeWaySplit(
        split.x_train[train],
        split.y_train[train],
        split.x_train[validation],
        split.y_train[validation],
        split.x_test,
        split.y_test,
    )


def to_images(x):
    """Rows of 64 pixels as images ``(N, 1, 8, 8)``, the layout of convolutions."""
    x = np.asarray(x)
    if x.ndim != 2 or x.shape[1] != 64:
        raise InvalidInputError(f"x must have shape (N, 64), one digit per row; got {x.shape}")
    return x.reshape(len(x), 1, 8, 8)
