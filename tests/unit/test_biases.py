"""The network with biases: gradients, the ones-column equivalence, seeds, checks."""

import numpy as np
import pytest

from nn_from_scratch import (
    InvalidInputError,
    InvalidTypeError,
    NeuralNetwork,
    backprop_gradients,
    forward_pass,
)
from nn_from_scratch.biases import (
    NeuralNetworkWithBiases,
    backprop_gradients_with_biases,
    convergence_comparison,
    forward_pass_with_biases,
)
from nn_from_scratch.data import ARTICLE_SEED
from nn_from_scratch.gradient_check import numerical_gradient, relative_error
from nn_from_scratch.loss import sum_squared_error


@pytest.mark.parametrize(
    "samples, features, hidden, outputs",
    [(1, 1, 1, 1), (1, 4, 3, 2), (4, 2, 4, 1), (9, 3, 5, 3)],
)
def test_all_four_gradients_match_finite_differences(samples, features, hidden, outputs):
    rng = np.random.default_rng(samples * 1000 + features * 100 + hidden * 10 + outputs)
    x = rng.normal(size=(samples, features))
    y = rng.random((samples, outputs))
    params = {
        "W1": rng.normal(size=(features, hidden)),
        "b1": rng.normal(size=hidden),
        "W2": rng.normal(size=(hidden, outputs)),
        "b2": rng.normal(size=outputs),
    }

    def loss():
        output = forward_pass_with_biases(x, *(params[k] for k in ("W1", "b1", "W2", "b2")))[1]
        return sum_squared_error(y, output)

    layer1, output = forward_pass_with_biases(x, *(params[k] for k in ("W1", "b1", "W2", "b2")))
    analytic = dict(
        zip(
            ("W1", "b1", "W2", "b2"),
            backprop_gradients_with_biases(x, y, layer1, output, params["W2"]),
            strict=True,
        )
    )
    for name, array in params.items():
        assert analytic[name].shape == array.shape
        assert relative_error(analytic[name], numerical_gradient(loss, array)) < 1e-6, name


def test_bias_gradients_are_sums_of_the_pre_activation_gradients():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(1, 3)), rng.random((1, 2))
    w1, b1, w2, b2 = (
        rng.normal(size=(3, 4)),
        rng.normal(size=4),
        rng.normal(size=(4, 2)),
        rng.normal(size=2),
    )
    layer1, output = forward_pass_with_biases(x, w1, b1, w2, b2)
    _, dL_db1, dL_dW2, dL_db2 = backprop_gradients_with_biases(x, y, layer1, output, w2)
    # With one sample, dL_dW2 = layer1.T @ dL_dz2 and dL_db2 = dL_dz2[0].
    np.testing.assert_allclose(dL_dW2, layer1.T @ dL_db2[None, :])


def test_the_ones_column_is_a_hidden_bias(article_data):
    x, y = article_data
    for seed in (ARTICLE_SEED, 0, 7):
        article = NeuralNetwork(x, y, seed=seed)
        biased = NeuralNetworkWithBiases(x[:, :2], y, seed=seed)
        np.testing.assert_array_equal(biased.weights1, article.weights1[:2])
        np.testing.assert_array_equal(biased.bias1, article.weights1[2])
        np.testing.assert_array_equal(biased.weights2, article.weights2)
        biased.bias2 = np.zeros(1)
        np.testing.assert_allclose(biased.predict(x[:, :2]), article.predict(x), rtol=1e-14)


def test_the_equivalence_holds_on_any_data_and_through_training():
    """A network with b1 = the ones row and b2 = 0 follows the article's network step by step."""
    rng = np.random.default_rng(4)
    x2, y = rng.normal(size=(6, 2)), rng.random((6, 1))
    x3 = np.hstack([x2, np.ones((6, 1))])
    weights1, weights2 = rng.random((3, 5)), rng.random((5, 1))
    w1, b1, w2, b2 = weights1[:2].copy(), weights1[2].copy(), weights2.copy(), np.zeros(1)
    for _ in range(200):
        layer1, output = forward_pass(x3, weights1, weights2)
        dL_dW1, dL_dW2 = backprop_gradients(x3, y, layer1, output, weights2)
        hidden, prediction = forward_pass_with_biases(x2, w1, b1, w2, b2)
        dL_dw1, dL_db1, dL_dw2, _ = backprop_gradients_with_biases(x2, y, hidden, prediction, w2)
        np.testing.assert_allclose(prediction, output, rtol=1e-12)
        np.testing.assert_allclose(dL_db1, dL_dW1[2], rtol=1e-9, atol=1e-15)
        weights1, weights2 = weights1 - dL_dW1, weights2 - dL_dW2
        w1, b1, w2 = w1 - dL_dw1, b1 - dL_db1, w2 - dL_dw2
    np.testing.assert_allclose(b1, weights1[2], rtol=1e-10)


def test_the_chapters_comparison():
    result = convergence_comparison()
    assert list(result) == ["ones column, no biases (article)", "biases, no ones column", "neither"]
    finals = [round(losses[-1], 4) for _, losses in result.values()]
    assert finals == [0.0016, 0.0021, 0.0052]


@pytest.mark.parametrize("seed", range(5))
def test_without_any_bias_learning_is_slower(seed):
    """The claim of the chapter "Biases" for the seeds 0 to 4."""
    first_below = [
        int(np.argmax(losses < 0.01)) if np.any(losses < 0.01) else 10**6
        for _, losses in convergence_comparison(iterations=1100, seed=seed).values()
    ]
    assert first_below[2] > max(first_below[:2])


def test_training_learns_xor_and_is_reproducible(article_data):
    x, y = article_data
    first = NeuralNetworkWithBiases(x[:, :2], y, seed=3)
    losses = first.train(1500)
    second = NeuralNetworkWithBiases(x[:, :2], y, seed=3)
    np.testing.assert_array_equal(second.train(1500), losses)
    np.testing.assert_array_equal(second.bias2, first.bias2)
    assert np.abs(first.predict(x[:, :2]) - y).max() < 0.1
    other = NeuralNetworkWithBiases(x[:, :2], y, seed=4)
    assert not np.array_equal(other.weights1, NeuralNetworkWithBiases(x[:, :2], y, seed=3).weights1)


def test_a_generator_is_accepted_and_learning_rate_is_used(article_data):
    x, y = article_data
    a = NeuralNetworkWithBiases(x, y, seed=np.random.default_rng(1))
    b = NeuralNetworkWithBiases(x, y, seed=np.random.default_rng(1))
    assert not np.array_equal(a.train(10, learning_rate=0.1), b.train(10, learning_rate=2.0))


def test_shapes(article_data):
    x, y = article_data
    network = NeuralNetworkWithBiases(x, np.hstack([y, 1 - y]), hidden_units=3, seed=0)
    assert network.weights1.shape == (3, 3) and network.bias1.shape == (3,)
    assert network.weights2.shape == (3, 2) and network.bias2.shape == (2,)
    assert network.predict([[1, 0, 1]]).shape == (1, 2)


def test_bad_input_gives_clear_errors(article_data):
    x, y = article_data
    with pytest.raises(InvalidInputError, match="same number of rows"):
        NeuralNetworkWithBiases(x, y[:2])
    with pytest.raises(InvalidInputError, match=r"y must lie in \[0, 1\]"):
        NeuralNetworkWithBiases(x, y + 1)
    with pytest.raises(InvalidTypeError, match="hidden_units"):
        NeuralNetworkWithBiases(x, y, hidden_units=2.5)
    with pytest.raises(InvalidInputError, match="seed"):
        NeuralNetworkWithBiases(x, y, seed=-1)
    network = NeuralNetworkWithBiases(x, y, seed=0)
    with pytest.raises(InvalidInputError, match="iterations"):
        network.train(0)
    with pytest.raises(InvalidInputError, match="learning_rate"):
        network.train(5, learning_rate=-1.0)
    with pytest.raises(InvalidInputError, match="3 columns"):
        network.predict([[1.0, 0.0]])
    with pytest.raises(InvalidInputError, match="2-D"):
        network.predict([1.0, 0.0, 1.0])
