"""Checks run at the package's public entry points.

Each check names the argument, says what was expected and what was given,
and returns the value converted to what the rest of the code relies on
(plain lists become float arrays).  Used by the class of the chapter
"What is a neural network?", by the command line, and by the constructors
and entry points of Part II; the rule for where Part II checks its inputs
is stated in :mod:`nn_from_scratch.layers`.
"""

import math
import numbers

import numpy as np

from .errors import InvalidInputError, InvalidTypeError, TrainingDivergedError


def _describe(value):
    if isinstance(value, np.ndarray):
        return f"an array of dtype {value.dtype} and shape {value.shape}"
    return f"{type(value).__name__} {value!r}"


def as_real_array(name, value, what="an array of numbers"):
    """Return ``value`` as a NumPy array of real numbers (bool, int or float), or raise.

    ``what`` describes the expected value in the message for ragged lists.
    """
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise InvalidInputError(
            f"{name} must be {what} (rows of equal length); "
            f"NumPy could not make an array of it: {error}"
        ) from None
    if array.dtype.kind not in "biuf":
        raise InvalidTypeError(
            f"{name} must hold real numbers (int, float or bool); "
            f"got an array of dtype {array.dtype}"
        )
    return array


def as_matrix(name, value):
    """Return ``value`` as a 2-D float64 array with finite entries, or raise."""
    array = as_real_array(name, value, what="a 2-D array of numbers")
    if array.ndim != 2:
        hint = " (use .reshape(-1, 1) for a single column)" if array.ndim == 1 else ""
        raise InvalidInputError(
            f"{name} must be 2-D, one sample per row; got {array.ndim}-D shape {array.shape}{hint}"
        )
    if array.size == 0:
        raise InvalidInputError(
            f"{name} must have at least one row and one column; got shape {array.shape}"
        )
    array = array.astype(np.float64, copy=False)
    position = first_non_finite(array)
    if position is not None:
        row, column = position
        raise InvalidInputError(
            f"{name} must contain only finite numbers; found {array[row, column]} "
            f"at row {row}, column {column}"
        )
    return array


def first_non_finite(array):
    """Return ``(row, column)`` of the first NaN or infinity in a 2-D array, or ``None``."""
    bad = np.argwhere(~np.isfinite(array))
    return None if bad.size == 0 else (int(bad[0][0]), int(bad[0][1]))


def check_training_data(x, y):
    """Return ``(x, y)`` as float matrices with matching rows and 0 <= y <= 1."""
    x = as_matrix("x", x)
    y = as_matrix("y", y)
    if x.shape[0] != y.shape[0]:
        raise InvalidInputError(
            f"x and y must have one row per sample, the same number of rows; "
            f"got {x.shape[0]} rows in x and {y.shape[0]} in y"
        )
    if y.min() < 0.0 or y.max() > 1.0:
        raise InvalidInputError(
            "y must lie in [0, 1], the range of the sigmoid output; "
            f"got values from {y.min()} to {y.max()}"
        )
    return x, y


def check_features(name, x, n_features):
    """Return ``x`` as a float matrix with ``n_features`` columns, or raise."""
    x = as_matrix(name, x)
    if x.shape[1] != n_features:
        raise InvalidInputError(
            f"{name} must have {n_features} columns, as the training data had; "
            f"got {x.shape[1]} (shape {x.shape})"
        )
    return x


def check_same_shape(name, value, reference_name, reference):
    """Raise unless ``value`` and ``reference`` have the same shape."""
    # Arrays, the common case (three times in every training step of
    # Part I), show their shapes directly; np.shape takes anything, slower.
    try:
        same = value.shape == reference.shape
    except AttributeError:
        same = np.shape(value) == np.shape(reference)
    if not same:
        raise InvalidInputError(
            f"{name} must have the same shape as {reference_name}, {np.shape(reference)}; "
            f"got {np.shape(value)}"
        )


def check_positive_int(name, value):
    """Return ``value`` as an ``int`` if it is a whole number >= 1, or raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidTypeError(f"{name} must be a positive integer; got {_describe(value)}")
    if value < 1:
        raise InvalidInputError(f"{name} must be a positive integer; got {value}")
    return int(value)


def check_positive_finite(name, value):
    """Return ``value`` as a ``float`` if it is a finite number > 0, or raise."""
    # The common case first, a plain float (twice in every training step of
    # Part I): the ABC test below costs several times as much.  NaN fails
    # both comparisons and goes on to the message.
    if type(value) is float and 0.0 < value < math.inf:
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"{name} must be a positive finite number; got {_describe(value)}")
    if not (math.isfinite(value) and value > 0):
        raise InvalidInputError(f"{name} must be a positive finite number; got {value}")
    return float(value)


def random_generator(seed):
    """Return ``np.random.default_rng(seed)`` once ``seed`` is known to be usable.

    ``seed`` may be ``None`` (fresh randomness), a whole number >= 0, or a
    ``numpy.random.Generator`` (used as it is).
    """
    if seed is None or isinstance(seed, np.random.Generator):
        return np.random.default_rng(seed)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise InvalidTypeError(
            "seed must be None, a whole number >= 0 or a numpy.random.Generator; "
            f"got {_describe(seed)}"
        )
    if seed < 0:
        raise InvalidInputError(f"seed must be a whole number >= 0; got {seed}")
    return np.random.default_rng(int(seed))


def check_finite_loss(loss, where):
    """Return ``loss`` unchanged if it is finite; otherwise stop training.

    ``where`` says when the loss was computed, for the message: an
    iteration number, or words such as ``"epoch 2, batch 7 of 45"``.
    """
    if not math.isfinite(loss):
        when = f"at iteration {where}" if isinstance(where, numbers.Integral) else f"in {where}"
        raise TrainingDivergedError(
            f"the loss became {loss} {when}: training diverged. "
            "The usual cause is a learning rate that is too large; try a smaller one."
        )
    return loss
