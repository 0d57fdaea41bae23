"""How often a classifier is right, and which classes it confuses.

Taught in the chapter "Many layers and mini-batches" of Part II.
"""

import numpy as np

from .errors import InvalidInputError
from .label_checks import check_labels
from .validation import check_positive_int


def accuracy(labels, predicted):
    """The fraction of samples whose predicted label is the true one."""
    labels = check_labels("labels", labels)
    predicted = check_labels("predicted", predicted, n_samples=len(labels))
    if labels.size == 0:
        raise InvalidInputError("labels must hold at least one label")
    return float(np.mean(labels == predicted))


def confusion_matrix(labels, predicted, n_classes=10):
    """Counts ``(n_classes, n_classes)``: row = true class, column = predicted class."""
    n_classes = check_positive_int("n_classes", n_classes)
    labels = check_labels("labels", labels, n_classes=n_classes)
    predicted = check_labels("predicted", predicted, len(labels), n_classes)
    counts = np.bincount(
        labels * n_classes + predicted,
        minlength=n_classes * n_classes,
    )
    return counts.reshape(n_classes, n_classes)
