"""Activation functions: values, derivatives against finite differences, stability, dtypes."""

import warnings

import numpy as np
import pytest

from nn_from_scratch import InvalidInputError, InvalidTypeError
from nn_from_scratch.activation import sigmoid
from nn_from_scratch.activations import (
    leaky_relu,
    leaky_relu_derivative,
    log_softmax,
    relu,
    relu_derivative,
    sigmoid_derivative,
    softmax,
    softmax_backward,
    softmax_jacobian,
    tanh,
    tanh_derivative,
)
from nn_from_scratch.gradient_check import numerical_gradient, relative_error

ELEMENTWISE = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "leaky_relu": (leaky_relu, leaky_relu_derivative),
    "leaky_relu_0.2": (lambda z: leaky_relu(z, 0.2), lambda z: leaky_relu_derivative(z, 0.2)),
}
SHAPES = [(1,), (1, 1), (1, 7), (5, 3), (2, 3, 4)]


def away_from_kinks(rng, shape):
    """Random normal values, none closer to 0 than 1e-3 (ReLU's kink)."""
    z = rng.normal(size=shape) * 3
    return np.where(np.abs(z) < 1e-3, 0.5, z)


def test_values_at_known_points():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(sigmoid_derivative(z), sigmoid(z) * (1 - sigmoid(z)), rtol=1e-14)
    assert sigmoid_derivative(0.0) == 0.25
    np.testing.assert_allclose(tanh(z), np.tanh(z))
    np.testing.assert_allclose(tanh_derivative(z), 1 / np.cosh(z) ** 2, rtol=1e-12)
    np.testing.assert_array_equal(relu(z), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(relu_derivative(z), [0.0, 0.0, 1.0])
    np.testing.assert_allclose(leaky_relu(z), [-0.02, 0.0, 3.0])
    np.testing.assert_allclose(leaky_relu_derivative(z), [0.01, 0.01, 1.0])
    np.testing.assert_allclose(leaky_relu(z, slope=0.0), relu(z))
    np.testing.assert_allclose(softmax([0.0, np.log(3.0)]), [0.25, 0.75])


def test_tanh_is_a_rescaled_sigmoid():
    z = np.linspace(-6, 6, 25)
    np.testing.assert_allclose(tanh(z), 2 * sigmoid(2 * z) - 1, atol=1e-14)


def test_sigmoid_derivative_keeps_tiny_slopes():
    assert sigmoid(40.0) * (1 - sigmoid(40.0)) == 0.0
    np.testing.assert_allclose(sigmoid_derivative(40.0), np.exp(-40.0), rtol=1e-12)


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize("shape", SHAPES)
def test_derivative_matches_finite_differences(name, shape):
    function, derivative = ELEMENTWISE[name]
    rng = np.random.default_rng(len(shape) * 10 + shape[-1])
    z = away_from_kinks(rng, shape)
    u = rng.normal(size=shape)
    numerical = numerical_gradient(lambda: float(np.sum(u * function(z))), z)
    assert relative_error(u * derivative(z), numerical) < 1e-6


@pytest.mark.parametrize("shape, axis", [((1, 1), -1), ((1, 5), -1), ((4, 3), -1), ((4, 3), 0)])
def test_softmax_backward_matches_finite_differences(shape, axis):
    rng = np.random.default_rng(shape[0] + shape[1])
    z = rng.normal(size=shape) * 2
    dL_doutput = rng.normal(size=shape)
    before = dL_doutput.copy()
    numerical = numerical_gradient(lambda: float(np.sum(dL_doutput * softmax(z, axis))), z)
    assert relative_error(softmax_backward(z, dL_doutput, axis), numerical) < 1e-6
    np.testing.assert_array_equal(dL_doutput, before)


@pytest.mark.parametrize("size", [1, 2, 6])
def test_softmax_jacobian_matches_finite_differences(size):
    z = np.random.default_rng(size).normal(size=size)
    numerical = np.stack([numerical_gradient(lambda i=i: softmax(z)[i], z) for i in range(size)])
    jacobian = softmax_jacobian(z)
    assert relative_error(jacobian, numerical) < 1e-6 or np.abs(jacobian).max() == 0
    np.testing.assert_allclose(jacobian.sum(axis=1), 0, atol=1e-15)


def test_softmax_backward_equals_the_jacobian_product():
    rng = np.random.default_rng(3)
    z, dL_doutput = rng.normal(size=5), rng.normal(size=5)
    np.testing.assert_allclose(softmax_backward(z, dL_doutput), softmax_jacobian(z).T @ dL_doutput)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_stable_for_huge_inputs_without_warnings(dtype):
    z = np.array([[-1e4, 0.0, 1e4], [1e4, 1e4 - 1, -1e4], [-1e4, -1e4, -1e4]], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        results = [
            sigmoid(z),
            sigmoid_derivative(z),
            tanh(z),
            tanh_derivative(z),
            relu(z),
            leaky_relu(z),
            softmax(z),
            softmax(z, axis=0),
            log_softmax(z),
            log_softmax(z, axis=0),
            softmax_backward(z, np.ones_like(z)),
        ]
    for result in results:
        assert np.all(np.isfinite(result))
    np.testing.assert_allclose(softmax(z)[0], [0, 0, 1])
    np.testing.assert_allclose(log_softmax(z)[0], [-2e4, -1e4, 0])
    np.testing.assert_allclose(softmax(z)[2], [1 / 3] * 3, rtol=1e-6)
    assert sigmoid(np.float64(-1e4)) == 0.0 and sigmoid(np.float64(1e4)) == 1.0


@pytest.mark.parametrize("shape, axis", [((3,), -1), ((4, 5), -1), ((4, 5), 0), ((2, 3, 4), 1)])
def test_softmax_sums_to_one_and_log_softmax_is_its_log(shape, axis):
    z = np.random.default_rng(1).normal(size=shape) * 10
    s = softmax(z, axis)
    assert s.shape == z.shape
    np.testing.assert_allclose(s.sum(axis=axis), 1.0, rtol=1e-12)
    assert np.all(s >= 0)
    np.testing.assert_allclose(log_softmax(z, axis), np.log(s), rtol=1e-10, atol=1e-12)


def test_softmax_ignores_a_shift_of_every_score():
    z = np.random.default_rng(2).normal(size=(3, 4))
    np.testing.assert_allclose(softmax(z + 500.0), softmax(z), rtol=1e-12)


ALL = [
    sigmoid_derivative,
    tanh,
    tanh_derivative,
    relu,
    relu_derivative,
    leaky_relu,
    leaky_relu_derivative,
    softmax,
    log_softmax,
]


@pytest.mark.parametrize("function", ALL, ids=lambda f: f.__name__)
def test_float32_stays_float32_and_integers_become_float64(function):
    z32 = np.array([[-2.0, 0.5, 3.0]], dtype=np.float32)
    assert function(z32).dtype == np.float32
    assert function(np.array([[-2, 0, 3]])).dtype == np.float64
    assert function([[True, False]]).dtype == np.float64
    # float32 keeps about 7 digits; 1 - tanh**2 near saturation loses one or two of them.
    np.testing.assert_allclose(function(z32), function(z32.astype(np.float64)), rtol=1e-5)


def test_float32_softmax_backward():
    z = np.array([[1.0, 2.0, 3.0]], dtype=np.float32)
    assert softmax_backward(z, np.ones_like(z)).dtype == np.float32


def test_inputs_are_not_modified():
    z = np.array([[-1.0, 0.0, 2.0]])
    before = z.copy()
    for function in ALL:
        function(z)
    np.testing.assert_array_equal(z, before)


@pytest.mark.parametrize("function", ALL, ids=lambda f: f.__name__)
def test_non_numbers_are_refused(function):
    with pytest.raises(InvalidTypeError, match="real numbers"):
        function(np.array(["a", "b"]))
    with pytest.raises(InvalidTypeError, match="real numbers"):
        function(np.array([1 + 2j]))
    with pytest.raises(InvalidInputError, match="equal length"):
        function([[1.0, 2.0], [3.0]])


@pytest.mark.parametrize("function", [softmax, log_softmax])
def test_bad_axis(function):
    with pytest.raises(InvalidInputError, match="axis 2 does not exist"):
        function(np.zeros((2, 3)), axis=2)
    with pytest.raises(InvalidInputError, match="axis -1 does not exist"):
        function(np.float64(1.0))
    with pytest.raises(InvalidTypeError, match="axis must be an integer"):
        function(np.zeros((2, 3)), axis=1.0)


@pytest.mark.parametrize("slope", [-0.1, 1.0, 1.5, float("nan"), float("inf")])
def test_bad_slope(slope):
    """A slope must lie in [0, 1), the rule of the LeakyReLU layer too."""
    with pytest.raises(InvalidInputError, match=r"slope must be in \[0, 1\)"):
        leaky_relu([1.0], slope=slope)
    with pytest.raises(InvalidInputError, match=r"slope must be in \[0, 1\)"):
        leaky_relu_derivative([1.0], slope=slope)


def test_slope_must_be_a_number():
    with pytest.raises(InvalidTypeError, match="slope"):
        leaky_relu([1.0], slope="0.1")


def test_softmax_jacobian_and_backward_check_shapes():
    with pytest.raises(InvalidInputError, match="single vector"):
        softmax_jacobian(np.zeros((2, 2)))
    with pytest.raises(InvalidInputError, match="shape of z"):
        softmax_backward(np.zeros((2, 3)), np.zeros((3, 2)))
