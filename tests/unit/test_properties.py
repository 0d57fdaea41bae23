"""Property-based tests: random shapes and values at the public entry points.

Valid input trains and predicts without a single NumPy warning (the suite
turns RuntimeWarnings into errors); invalid input raises the package's own
errors, never an IndexError or a NumPy error from deep inside.
"""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nn_from_scratch import (
    InvalidInputError,
    InvalidTypeError,
    NeuralNetwork,
    sum_squared_error,
)
from nn_from_scratch.cli import main

PACKAGE_ERRORS = (InvalidInputError, InvalidTypeError)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@st.composite
def training_data(draw):
    samples = draw(st.integers(1, 12))
    features = draw(st.integers(1, 6))
    outputs = draw(st.integers(1, 3))
    x = draw(hnp.arrays(np.float64, (samples, features), elements=finite))
    y = draw(hnp.arrays(np.float64, (samples, outputs), elements=st.floats(0, 1)))
    return x, y


@SETTINGS
@given(training_data(), st.integers(1, 8), st.integers(1, 20), st.integers(0, 2**32 - 1))
def test_valid_input_trains_without_warnings(data, hidden_units, iterations, seed):
    x, y = data
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        network = NeuralNetwork(x, y, hidden_units=hidden_units, seed=seed)
        losses = network.train(iterations)
        predictions = network.predict(x)
    assert losses.shape == (iterations,) and np.isfinite(losses).all()
    assert predictions.shape == y.shape
    assert ((predictions >= 0) & (predictions <= 1)).all()


def anything():
    """Arbitrary junk a user might pass where an array is expected."""
    arrays = hnp.arrays(
        st.sampled_from([np.float64, np.int32, np.bool_, np.complex128, np.str_, np.object_]),
        hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
    )
    scalars = st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=3))
    lists = st.lists(st.one_of(st.integers(-3, 3), st.lists(st.integers(-3, 3), max_size=3)))
    return st.one_of(arrays, scalars, lists)


@SETTINGS
@given(anything(), anything())
def test_any_input_is_accepted_or_refused_with_a_package_error(x, y):
    try:
        network = NeuralNetwork(x, y, seed=0)
    except PACKAGE_ERRORS as error:
        assert str(error)
        return
    network.train(2)


@SETTINGS
@given(training_data(), anything())
def test_predict_accepts_or_refuses_cleanly(data, new_x):
    network = NeuralNetwork(*data, seed=0)
    try:
        predictions = network.predict(new_x)
    except PACKAGE_ERRORS:
        return
    assert predictions.shape[1] == data[1].shape[1]


@SETTINGS
@given(anything(), st.integers(-5, 0) | st.floats() | st.text(max_size=2) | st.none())
def test_bad_counts_are_refused(hidden_units, iterations):
    x, y = [[0.0, 1.0], [1.0, 0.0]], [[1.0], [0.0]]
    with pytest.raises(PACKAGE_ERRORS):
        NeuralNetwork(x, y, seed=0).train(iterations)
    if not (isinstance(hidden_units, int) and hidden_units >= 1):
        with pytest.raises(PACKAGE_ERRORS):
            NeuralNetwork(x, y, hidden_units=hidden_units, seed=0)


@SETTINGS
@given(
    hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=4), elements=finite),
    hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=4), elements=finite),
)
def test_loss_refuses_mismatched_shapes(y, y_hat):
    if y.shape == y_hat.shape:
        assert sum_squared_error(y, y_hat) >= 0
    else:
        with pytest.raises(InvalidInputError):
            sum_squared_error(y, y_hat)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["--iterations", "--seed", "--hidden-units", "0", "-1", "x", "2"])))
def test_command_line_never_crashes_with_a_traceback(arguments):
    try:
        code = main(arguments)
    except SystemExit as exit:
        assert exit.code in (0, 2)
    else:
        assert code == 0
