"""Accuracy and the confusion matrix."""

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.metrics import accuracy, confusion_matrix


def test_accuracy():
    assert accuracy([0, 1, 2, 2], [0, 1, 1, 2]) == 0.75
    assert accuracy(np.array([3]), np.array([3])) == 1.0


def test_confusion_matrix_rows_are_true_classes():
    matrix = confusion_matrix([0, 1, 2, 2], [0, 1, 1, 2], n_classes=3)
    np.testing.assert_array_equal(matrix, [[1, 0, 0], [0, 1, 0], [0, 1, 1]])
    assert confusion_matrix([9], [0]).shape == (10, 10)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: accuracy([0, 1], [0]), InvalidInputError, "one label per sample"),
        (lambda: accuracy([], []), InvalidInputError, "at least one"),
        (lambda: accuracy([0.5], [0]), InvalidTypeError, "integer"),
        (lambda: confusion_matrix([0, 3], [0, 1], n_classes=3), InvalidInputError, "less than"),
        (lambda: confusion_matrix([0], [-1]), InvalidInputError, ">= 0"),
        (lambda: confusion_matrix([0], [0], n_classes=0), InvalidInputError, "n_classes"),
    ],
)
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()
