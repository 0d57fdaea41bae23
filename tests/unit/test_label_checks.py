"""The checks for sample arrays and class labels."""

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.label_checks import as_samples, check_labels


def test_as_samples_converts_and_keeps_float_dtypes():
    assert as_samples("x", [[1, 2]]).dtype == np.float64
    assert as_samples("x", np.ones((2, 2), np.float32)).dtype == np.float32
    assert as_samples("x", np.ones((2, 2)), np.float32).dtype == np.float32
    assert as_samples("x", np.ones((2, 1, 3, 3))).shape == (2, 1, 3, 3)


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        ([[1, 2], [3]], InvalidInputError, "equal-length"),
        (np.array([["a"]]), InvalidTypeError, "real numbers"),
        (np.ones(3), InvalidInputError, "at least 2-D"),
        (np.ones((0, 3)), InvalidInputError, "at least one sample"),
        (np.array([[1.0, np.nan]]), InvalidInputError, "finite"),
    ],
)
def test_as_samples_rejects(value, error, match):
    with pytest.raises(error, match=match):
        as_samples("x", value)


def test_check_labels():
    labels = check_labels("y", [2.0, 0.0], n_samples=2, n_classes=3)
    assert labels.dtype == np.int64
    np.testing.assert_array_equal(labels, [2, 0])
    with pytest.raises(InvalidTypeError, match="integer"):
        check_labels("y", [np.nan])
    with pytest.raises(InvalidTypeError, match="integer"):
        check_labels("y", [True])
