"""Losses: values, gradients against finite differences, stability, dtypes."""

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.gradient_check import check_loss
from nn_from_scratch.losses import MeanSquaredError, SoftmaxCrossEntropy


@pytest.mark.parametrize("shape", [(1, 1), (1, 4), (6, 3)])
def test_mean_squared_error_gradient(shape):
    rng = np.random.default_rng(shape[0] + shape[1])
    prediction, target = rng.standard_normal(shape), rng.standard_normal(shape)
    assert check_loss(MeanSquaredError(), prediction, target) < 1e-6


def test_mean_squared_error_value():
    loss = MeanSquaredError()
    value = loss.forward(np.array([[1.0, 2.0], [0.0, 0.0]]), np.array([[0.0, 0.0], [0.0, 1.0]]))
    assert value == pytest.approx((1 + 4 + 1) / 2)


@pytest.mark.parametrize(("n", "classes"), [(1, 2), (1, 10), (7, 3), (16, 10)])
def test_softmax_cross_entropy_gradient(n, classes):
    rng = np.random.default_rng(n * classes)
    logits = rng.standard_normal((n, classes)) * 3
    labels = rng.integers(0, classes, n)
    assert check_loss(SoftmaxCrossEntropy(), logits, labels) < 1e-6


def test_softmax_cross_entropy_value_and_gradient_formula():
    logits = np.array([[2.0, 1.0, 0.1], [0.0, 0.0, 0.0]])
    labels = np.array([0, 2])
    loss = SoftmaxCrossEntropy()
    value = loss.forward(logits, labels)
    probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    expected = -np.mean(np.log(probabilities[[0, 1], labels]))
    assert value == pytest.approx(expected, rel=1e-12)
    onehot = np.eye(3)[labels]
    np.testing.assert_allclose(loss.backward(), (probabilities - onehot) / 2, rtol=1e-12)


def test_softmax_cross_entropy_is_stable_for_huge_logits():
    loss = SoftmaxCrossEntropy()
    logits = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0]])
    assert loss.forward(logits, np.array([0, 0])) == pytest.approx(1e4)
    assert np.all(np.isfinite(loss.backward()))


@pytest.mark.parametrize("loss", [MeanSquaredError(), SoftmaxCrossEntropy()])
def test_float32_is_preserved(loss):
    prediction = np.ones((3, 4), dtype=np.float32)
    target = np.array([0, 1, 3]) if isinstance(loss, SoftmaxCrossEntropy) else prediction * 0
    assert isinstance(loss.forward(prediction, target), float)
    assert loss.backward().dtype == np.float32


def test_backward_twice_gives_the_same_gradient():
    loss = SoftmaxCrossEntropy()
    loss.forward(np.array([[1.0, 2.0]]), np.array([1]))
    np.testing.assert_array_equal(loss.backward(), loss.backward())


def first_line(call):
    with pytest.raises((InvalidInputError, InvalidTypeError)) as info:
        call()
    return type(info.value), str(info.value).splitlines()[0]


MSE, SCE = MeanSquaredError(), SoftmaxCrossEntropy()
BAD = [
    (
        lambda: MSE.forward(np.zeros((4, 10)), np.arange(4)),
        InvalidInputError,
        "MeanSquaredError needs targets of the prediction's shape (4, 10); got (4,): "
        "for class labels use SoftmaxCrossEntropy",
    ),
    (
        lambda: MSE.forward(np.zeros((4, 1)), np.zeros(4)),
        InvalidInputError,
        "MeanSquaredError needs targets of the prediction's shape (4, 1); got (4,)",
    ),
    (
        lambda: MSE.forward(np.zeros((0, 3)), np.zeros((0, 3))),
        InvalidInputError,
        "MeanSquaredError needs at least one sample (one per row); got shape (0, 3)",
    ),
    (
        lambda: SCE.forward(np.zeros((4, 3)), np.arange(3)),
        InvalidInputError,
        "SoftmaxCrossEntropy needs one class label per row of the logits, shape (4,); "
        "got shape (3,)",
    ),
    (
        lambda: SCE.forward(np.zeros((4, 3)), np.array([0, 1, 2, 3])),
        InvalidInputError,
        "SoftmaxCrossEntropy needs labels in [0, 3), one class per column of the logits; got 3",
    ),
    (
        lambda: SCE.forward(np.zeros((2, 3)), np.array([0, -1])),
        InvalidInputError,
        "SoftmaxCrossEntropy needs labels in [0, 3), one class per column of the logits; got -1",
    ),
    (
        lambda: SCE.forward(np.zeros(3), np.array([0])),
        InvalidInputError,
        "SoftmaxCrossEntropy needs logits of shape (samples, classes), at least one of each; "
        "got shape (3,)",
    ),
    (
        lambda: SCE.forward(np.zeros((2, 3)), np.array([0.0, 1.0])),
        InvalidTypeError,
        "SoftmaxCrossEntropy needs integer class labels; got an array of dtype float64",
    ),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD)
def test_mismatched_input_gets_a_clear_error(call, error, message):
    assert first_line(call) == (error, message)
