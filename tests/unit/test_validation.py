"""Bad input gets an error naming the argument, what was expected and what came."""

import re

import numpy as np
import pytest

from nn_from_scratch import (
    InvalidInputError,
    InvalidTypeError,
    NeuralNetwork,
    TrainingDivergedError,
)
from nn_from_scratch.validation import (
    check_finite_loss,
    check_positive_finite,
    check_same_shape,
)

X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
Y = [[0], [1], [1], [0]]


@pytest.mark.parametrize(
    "x, y, error, message",
    [
        (
            [0, 1, 1, 0],
            Y,
            InvalidInputError,
            "x must be 2-D, one sample per row; got 1-D shape (4,)",
        ),
        (X, [0, 1, 1, 0], InvalidInputError, "use .reshape(-1, 1)"),
        (X, Y[:3], InvalidInputError, "got 4 rows in x and 3 in y"),
        ([["a", "b"]], [[0]], InvalidTypeError, "x must hold real numbers"),
        (np.array([[object()]]), [[0]], InvalidTypeError, "dtype object"),
        ([[1.0, np.nan]], [[0]], InvalidInputError, "found nan at row 0, column 1"),
        ([[1.0, np.inf]], [[0]], InvalidInputError, "found inf at row 0, column 1"),
        (np.zeros((0, 3)), np.zeros((0, 1)), InvalidInputError, "at least one row"),
        ([[1, 2], [3]], [[0], [1]], InvalidInputError, "rows of equal length"),
        (X, [[0], [1], [2], [0]], InvalidInputError, "y must lie in [0, 1]"),
    ],
)
def test_bad_training_data(x, y, error, message):
    with pytest.raises(error) as info:
        NeuralNetwork(x, y)
    assert message in str(info.value)


@pytest.mark.parametrize("hidden_units", [0, -3, 2.5, "4", True, None])
def test_hidden_units_must_be_a_positive_int(hidden_units):
    with pytest.raises(
        (InvalidInputError, InvalidTypeError), match="hidden_units must be a positive integer"
    ):
        NeuralNetwork(X, Y, hidden_units=hidden_units)


@pytest.mark.parametrize("iterations", [0, -1, 1.0, "10"])
def test_iterations_must_be_a_positive_int(iterations):
    network = NeuralNetwork(X, Y, seed=0)
    with pytest.raises(
        (InvalidInputError, InvalidTypeError), match="iterations must be a positive integer"
    ):
        network.train(iterations)


def test_numpy_integers_are_integers():
    network = NeuralNetwork(X, Y, hidden_units=np.int64(3), seed=0)
    assert network.train(np.int32(2)).shape == (2,)


def test_predict_checks_the_feature_count():
    network = NeuralNetwork(X, Y, seed=0)
    with pytest.raises(
        InvalidInputError, match="x must have 3 columns, as the training data had; got 2"
    ):
        network.predict([[1, 0]])


def test_errors_are_value_and_type_errors():
    assert issubclass(InvalidInputError, ValueError)
    assert issubclass(InvalidTypeError, TypeError)


@pytest.mark.parametrize("value", [0, -0.1, float("nan"), float("inf"), "0.1", None])
def test_learning_rate_must_be_positive_and_finite(value):
    with pytest.raises(
        (InvalidInputError, InvalidTypeError),
        match="learning_rate must be a positive finite number",
    ):
        check_positive_finite("learning_rate", value)


@pytest.mark.parametrize("value", [0.5, 2, np.float32(0.25), np.int64(3)])
def test_positive_finite_numbers_come_back_as_floats(value):
    result = check_positive_finite("learning_rate", value)
    assert type(result) is float and result == float(value)


@pytest.mark.parametrize("value", [True, -1.0, float("-inf"), np.float64("nan")])
def test_booleans_and_numbers_outside_the_range_are_refused(value):
    with pytest.raises((InvalidInputError, InvalidTypeError), match="learning_rate must be"):
        check_positive_finite("learning_rate", value)


@pytest.mark.parametrize(
    "value, reference",
    [
        (np.zeros((4, 1)), np.ones((4, 1))),  # two arrays: the quick path
        ([[0.0], [1.0]], np.ones((2, 1))),  # a list has no .shape
        (np.zeros(3), [1, 2, 3]),
        (2.0, np.float64(3.0)),  # shape ()
    ],
)
def test_same_shapes_pass_whatever_holds_them(value, reference):
    check_same_shape("value", value, "reference", reference)


@pytest.mark.parametrize(
    "value, reference",
    [(np.zeros(4), np.zeros((4, 1))), ([0.0, 1.0], np.zeros((2, 1))), (1.0, np.zeros(1))],
)
def test_different_shapes_are_named_in_the_error(value, reference):
    expected = f"value must have the same shape as reference, {np.shape(reference)}; got"
    with pytest.raises(InvalidInputError, match=re.escape(expected)):
        check_same_shape("value", value, "reference", reference)


def test_diverged_loss_names_iteration_and_cause():
    with pytest.raises(TrainingDivergedError, match="at iteration 12.*learning rate"):
        check_finite_loss(float("nan"), 12)


def test_training_stops_when_the_loss_is_not_finite():
    network = NeuralNetwork(X, Y, seed=0)
    network.weights2[0, 0] = np.nan
    with pytest.raises(TrainingDivergedError, match="iteration 0"):
        network.train(5)


@pytest.mark.parametrize(
    "seed, error, message",
    [
        (-1, InvalidInputError, "seed must be a whole number >= 0; got -1"),
        (1.5, InvalidTypeError, "seed must be None, a whole number >= 0"),
        ("7", InvalidTypeError, "got str '7'"),
        (True, InvalidTypeError, "got bool True"),
    ],
)
def test_bad_seeds(seed, error, message):
    with pytest.raises(error, match=re.escape(message)):
        NeuralNetwork(X, Y, seed=seed)
