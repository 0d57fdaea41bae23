"""The checker checked: finite differences, relative error, check_layer and check_loss."""

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.gradient_check import (
    check_layer,
    check_loss,
    numerical_gradient,
    one_sided_gradient,
    preserved_state,
    relative_error,
)
from nn_from_scratch.layers import Dense

# ---------------------------------------------------------------- numerical_gradient


def test_numerical_gradient_of_a_cube_is_three_squares():
    rng = np.random.default_rng(0)
    a = rng.uniform(-2, 2, size=(3, 4))
    numeric = numerical_gradient(lambda: np.sum(a**3), a)
    assert numeric.shape == a.shape
    assert relative_error(3 * a**2, numeric) < 1e-9


def test_numerical_gradient_of_matrix_products():
    """L = sum((A @ B) * G): dL/dA = G @ B.T and dL/dB = A.T @ G."""
    rng = np.random.default_rng(1)
    A, B, G = rng.normal(size=(2, 3)), rng.normal(size=(3, 5)), rng.normal(size=(2, 5))
    f = lambda: np.sum((A @ B) * G)  # noqa: E731
    assert relative_error(G @ B.T, numerical_gradient(f, A)) < 1e-9
    assert relative_error(A.T @ G, numerical_gradient(f, B)) < 1e-9


def test_numerical_gradient_of_a_scalar_array_and_a_4d_array():
    value = np.array(2.0)
    assert numerical_gradient(lambda: float(value) ** 3, value) == pytest.approx(12.0, rel=1e-9)
    images = np.random.default_rng(2).normal(size=(2, 1, 3, 2))
    numeric = numerical_gradient(lambda: np.sum(np.sin(images)), images)
    assert relative_error(np.cos(images), numeric) < 1e-9


def test_numerical_gradient_restores_every_entry_bit_for_bit():
    rng = np.random.default_rng(3)
    a = rng.normal(size=(4, 3)) * 10.0 ** rng.integers(-8, 8, size=(4, 3))
    before = a.copy()
    numerical_gradient(lambda: np.sum(np.tanh(a)), a, epsilon=1e-3)
    assert np.array_equal(a, before)


def test_numerical_gradient_works_on_views_and_float32_and_returns_float64():
    base = np.arange(12.0).reshape(3, 4)
    column = base[:, 1]  # a view: nudging it nudges base
    numeric = numerical_gradient(lambda: np.sum(base**2), column)
    np.testing.assert_allclose(numeric, 2 * column, rtol=1e-6)
    single = np.linspace(-1, 1, 5, dtype=np.float32)
    numeric32 = numerical_gradient(lambda: float(np.sum(single * 3)), single, epsilon=1e-2)
    assert numeric32.dtype == np.float64 and single.dtype == np.float32
    np.testing.assert_allclose(numeric32, 3.0, rtol=1e-3)


@pytest.mark.parametrize(
    "array, error",
    [([1.0, 2.0], InvalidTypeError), (np.arange(3), InvalidTypeError), (2.0, InvalidTypeError)],
)
def test_numerical_gradient_wants_a_float_array(array, error):
    with pytest.raises(error, match="NumPy array of floats"):
        numerical_gradient(lambda: 0.0, array)


@pytest.mark.parametrize("epsilon", [0.0, -1e-6, float("nan"), float("inf")])
def test_numerical_gradient_wants_a_positive_finite_step(epsilon):
    with pytest.raises(InvalidInputError, match="epsilon"):
        numerical_gradient(lambda: 0.0, np.zeros(2), epsilon)
    with pytest.raises(InvalidTypeError, match="epsilon"):
        numerical_gradient(lambda: 0.0, np.zeros(2), "small")


def test_central_error_falls_like_epsilon_squared_one_sided_like_epsilon():
    """On x**3 at 2 the errors are exactly h**2 (central) and 6h + h**2 (one-sided)."""
    x = np.array([2.0])
    cube = lambda: float(x[0]) ** 3  # noqa: E731
    for h in (1e-1, 1e-2, 1e-3):
        central = numerical_gradient(cube, x, h)[0]
        one_sided = one_sided_gradient(cube, x, h)[0]
        assert abs(central - 12) == pytest.approx(h**2, rel=1e-4)
        assert abs(one_sided - 12) == pytest.approx(6 * h + h**2, rel=1e-4)
        assert x[0] == 2.0


# ---------------------------------------------------------------- relative_error


def test_relative_error_edge_cases():
    a = np.array([[1.0, -2.0], [3.0, 0.5]])
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(a, a) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0)
    assert relative_error(a, np.zeros_like(a)) == pytest.approx(1.0)
    assert relative_error(a, a / 2) == pytest.approx(1 / 3)  # |1 - c| / (1 + c)
    assert isinstance(relative_error(a, a), float)


def test_relative_error_is_symmetric_and_blind_to_scale():
    rng = np.random.default_rng(4)
    a, n = rng.normal(size=10), rng.normal(size=10)
    assert relative_error(a, n) == pytest.approx(relative_error(n, a))
    assert relative_error(a, n) == pytest.approx(relative_error(1e6 * a, 1e6 * n))
    assert relative_error(a, n) == pytest.approx(relative_error(1e-9 * a, 1e-9 * n))


def test_relative_error_accepts_lists_and_ints():
    assert relative_error([1, 2], [1, 2]) == 0.0
    assert relative_error(3, 3.0) == 0.0


def test_relative_error_refuses_different_shapes_and_non_numbers():
    with pytest.raises(InvalidInputError, match="same shape"):
        relative_error(np.zeros((2, 3)), np.zeros((3, 2)))
    with pytest.raises(InvalidTypeError, match="real numbers"):
        relative_error(np.array(["a"]), np.array([1.0]))


# ---------------------------------------------------------------- check_layer


@pytest.mark.parametrize("batch, features, outputs", [(1, 1, 1), (1, 5, 3), (4, 3, 4), (7, 2, 6)])
def test_check_layer_passes_dense(batch, features, outputs):
    rng = np.random.default_rng(batch * 100 + features * 10 + outputs)
    layer = Dense(features, outputs, seed=rng)
    layer.params["b"][...] = rng.normal(size=outputs)
    errors = check_layer(layer, rng.normal(size=(batch, features)), seed=rng)
    assert set(errors) == {"input", "W", "b"}
    assert max(errors.values()) < 1e-6, errors


def test_check_layer_leaves_layer_and_input_as_they_were():
    rng = np.random.default_rng(5)
    layer = Dense(3, 2, seed=0)
    x = rng.normal(size=(4, 3))
    layer.forward(x)
    layer.backward(np.ones((4, 2)))
    params = {name: value.copy() for name, value in layer.params.items()}
    grads = {name: value.copy() for name, value in layer.grads.items()}
    x_before, cached = x.copy(), layer.x
    params_dict, grads_dict = layer.params, layer.grads
    check_layer(layer, x, seed=1)
    assert layer.params is params_dict and layer.grads is grads_dict
    for name in params:
        assert np.array_equal(layer.params[name], params[name])
        assert np.array_equal(layer.grads[name], grads[name])
    assert np.array_equal(x, x_before)
    assert layer.x is cached


def test_check_layer_is_reproducible_with_a_seed():
    rng = np.random.default_rng(6)
    layer, x = Dense(3, 3, seed=2), rng.normal(size=(2, 3))
    assert check_layer(layer, x, seed=9) == check_layer(layer, x, seed=9)
    check_layer(layer, x, seed=np.random.default_rng(9))
    with pytest.raises(InvalidTypeError, match="seed"):
        check_layer(layer, x, seed=1.5)


class TransposeForgotten(Dense):
    """Deliberately broken: the input gradient uses W instead of W.T."""

    def backward(self, dL_doutput):
        super().backward(dL_doutput)
        return dL_doutput @ self.params["W"]


class BiasGradientAveraged(Dense):
    """Deliberately broken: the bias gradient is averaged over the batch, not summed."""

    def backward(self, dL_doutput):
        dL_dinput = super().backward(dL_doutput)
        self.grads["b"] = dL_doutput.mean(axis=0)
        return dL_dinput


class ScalesItsArgument(Dense):
    """Deliberately broken: doubles dL_doutput in place, then computes correct gradients."""

    def backward(self, dL_doutput):
        dL_doutput *= 2.0
        return super().backward(dL_doutput / 2.0)


class ForgetsTheBias(Dense):
    def backward(self, dL_doutput):
        self.grads["W"] = self.x.T @ dL_doutput
        return dL_doutput @ self.params["W"].T


def test_check_layer_catches_a_forgotten_transpose():
    rng = np.random.default_rng(7)
    errors = check_layer(TransposeForgotten(4, 4, seed=0), rng.normal(size=(3, 4)), seed=0)
    assert errors["input"] > 1e-2
    assert errors["W"] < 1e-6 and errors["b"] < 1e-6


def test_check_layer_catches_a_wrong_parameter_gradient():
    rng = np.random.default_rng(8)
    errors = check_layer(BiasGradientAveraged(3, 2, seed=0), rng.normal(size=(5, 3)), seed=0)
    assert errors["b"] > 1e-2
    assert errors["input"] < 1e-6 and errors["W"] < 1e-6


def test_check_layer_notices_a_backward_that_changes_its_argument():
    rng = np.random.default_rng(9)
    layer = ScalesItsArgument(3, 2, seed=0)
    W = layer.params["W"].copy()
    with pytest.raises(AssertionError, match="in place"):
        check_layer(layer, rng.normal(size=(2, 3)), seed=0)
    assert np.array_equal(layer.params["W"], W)
    assert layer.grads == {}


def test_check_layer_names_missing_grads():
    with pytest.raises(InvalidInputError, match=r"\['b'\]"):
        check_layer(ForgetsTheBias(2, 2, seed=0), np.ones((1, 2)), seed=0)


def test_check_layer_refuses_float32_layers_but_accepts_integer_input():
    with pytest.raises(InvalidTypeError, match="float64"):
        check_layer(Dense(2, 2, seed=0, dtype=np.float32), np.ones((1, 2)))
    assert max(check_layer(Dense(2, 2, seed=0), np.array([[1, 2]]), seed=0).values()) < 1e-6


# ---------------------------------------------------------------- check_loss


class HalfSquaredError:
    """A small loss written here: 0.5 * sum((prediction - target)**2) / N."""

    def __init__(self, factor=1.0):
        self.factor = factor  # anything but 1 makes backward wrong

    def forward(self, prediction, target):
        self.difference = prediction - target
        return 0.5 * float(np.sum(self.difference**2)) / len(prediction)

    def backward(self):
        return self.factor * self.difference / len(self.difference)


class ClassScoreLoss:
    """Mean of minus the score of the true class; integer labels, gradient -1/N there."""

    def forward(self, scores, labels):
        self.shape, self.labels = scores.shape, labels
        return -float(np.mean(scores[np.arange(len(labels)), labels]))

    def backward(self):
        dL_dscores = np.zeros(self.shape)
        dL_dscores[np.arange(len(self.labels)), self.labels] = -1.0 / len(self.labels)
        return dL_dscores


def test_check_loss_passes_a_correct_loss_and_catches_a_wrong_one():
    rng = np.random.default_rng(10)
    prediction, target = rng.normal(size=(6, 2)), rng.normal(size=(6, 2))
    assert check_loss(HalfSquaredError(), prediction, target) < 1e-6
    assert check_loss(HalfSquaredError(factor=2.0), prediction, target) > 1e-2
    assert check_loss(HalfSquaredError(), prediction[:1], target[:1]) < 1e-6


def test_check_loss_passes_integer_labels_through_and_touches_nothing():
    rng = np.random.default_rng(11)
    scores, labels = rng.normal(size=(4, 3)), np.array([0, 2, 2, 1])
    scores_before = scores.copy()
    loss = ClassScoreLoss()
    loss.forward(scores, labels)
    cached = dict(vars(loss))
    assert check_loss(loss, scores, labels) < 1e-6
    assert np.array_equal(scores, scores_before)
    assert vars(loss).keys() == cached.keys()
    assert all(vars(loss)[name] is value for name, value in cached.items())


def test_preserved_state_restores_attributes_even_after_an_error():
    layer = Dense(2, 2, seed=0)
    with pytest.raises(RuntimeError), preserved_state(layer):
        layer.extra = 1
        layer.grads["W"] = np.zeros((2, 2))
        raise RuntimeError
    assert not hasattr(layer, "extra") and layer.grads == {}
