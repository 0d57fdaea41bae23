"""Checks for the inputs of classifiers: sample arrays and integer class labels.

Used at the entry points of the chapter "Many layers and mini-batches" of
Part II (training, prediction, metrics); they run once per call, never
inside the per-batch loop.
"""

import numpy as np

from .errors import InvalidInputError, InvalidTypeError


def as_samples(name, x, dtype=None):
    """Return ``x`` as a float array of ndim >= 2 (one sample per row), finite, or raise.

    Integer and boolean input becomes ``dtype`` (float64 if not given);
    float input keeps its dtype unless ``dtype`` is given.
    """
    try:
        array = np.asarray(x)
    except ValueError as error:
        raise InvalidInputError(
            f"{name} must be an array of numbers of equal-length rows; got {error}"
        ) from None
    if array.dtype.kind not in "biuf":
        raise InvalidTypeError(
            f"{name} must hold real numbers; got an array of dtype {array.dtype}"
        )
    if array.ndim < 2:
        raise InvalidInputError(
            f"{name} must have one sample per row (at least 2-D); got shape {array.shape}"
        )
    if array.shape[0] == 0 or array.size == 0:
        raise InvalidInputError(f"{name} must hold at least one sample; got shape {array.shape}")
    if dtype is None:
        dtype = array.dtype if array.dtype.kind == "f" else np.float64
    array = array.astype(dtype, copy=False)
    if not np.isfinite(array).all():
        raise InvalidInputError(f"{name} must contain only finite numbers; found NaN or infinity")
    return array


def check_labels(name, labels, n_samples=None, n_classes=None):
    """Return ``labels`` as an int64 vector of class numbers in ``[0, n_classes)``, or raise."""
    array = np.asarray(labels)
    # Floats holding whole numbers (and the empty float array) are accepted as labels.
    if array.dtype.kind == "f" and np.all(np.isfinite(array) & (array == np.round(array))):
        array = array.astype(np.int64)
    if array.dtype.kind not in "iu":
        raise InvalidTypeError(
            f"{name} must be integer class labels; got an array of dtype {array.dtype}"
        )
    if array.ndim != 1:
        raise InvalidInputError(
            f"{name} must be 1-D, one label per sample; got shape {array.shape}"
        )
    if n_samples is not None and array.shape[0] != n_samples:
        raise InvalidInputError(
            f"{name} must hold one label per sample, {n_samples}; got {array.shape[0]}"
        )
    if array.size and array.min() < 0:
        raise InvalidInputError(f"{name} must be >= 0; got {array.min()}")
    if n_classes is not None and array.size and array.max() >= n_classes:
        raise InvalidInputError(
            f"{name} must be less than the number of classes, {n_classes}; got {array.max()}"
        )
    return array.astype(np.int64, copy=False)
