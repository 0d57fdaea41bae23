import warnings

import numpy as np
import pytest

from nn_from_scratch import sigmoid, sigmoid_derivative_from_output


def test_sigmoid_known_values():
    assert sigmoid(0.0) == 0.5
    np.testing.assert_allclose(sigmoid(np.log(3.0)), 0.75, rtol=1e-15)
    np.testing.assert_allclose(sigmoid(-np.log(3.0)), 0.25, rtol=1e-15)


def test_sigmoid_is_symmetric():
    z = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(sigmoid(z) + sigmoid(-z), 1.0, rtol=0, atol=1e-15)


@pytest.mark.parametrize("z", [1e4, -1e4, 745.2, -745.2, 1e308, -1e308])
def test_sigmoid_never_overflows(z):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = sigmoid(np.array([z]))
    assert np.isfinite(value).all()
    assert value[0] == (1.0 if z > 0 else 0.0)


def test_sigmoid_matches_textbook_formula_where_that_is_safe():
    z = np.linspace(-20, 20, 81)
    np.testing.assert_allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-14)


def test_derivative_from_output_matches_central_differences():
    z = np.linspace(-6, 6, 49)
    h = 1e-5
    numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    analytic = sigmoid_derivative_from_output(sigmoid(z))
    np.testing.assert_allclose(analytic, numeric, rtol=1e-8, atol=1e-12)


def test_derivative_takes_the_output_not_the_pre_activation():
    z = np.array([2.0])
    assert not np.allclose(
        sigmoid_derivative_from_output(z), sigmoid_derivative_from_output(sigmoid(z))
    )
