"""Training with a learning rate, and the article's update sign."""

import warnings

import numpy as np
import pytest

from nn_from_scratch import (
    InvalidInputError,
    InvalidTypeError,
    NeuralNetwork,
    backprop_gradients,
    forward_pass,
    gradient_descent_step,
)
from nn_from_scratch.data import ARTICLE_SEED
from nn_from_scratch.learning_rate import (
    LEARNING_RATES,
    article_style_increments,
    train_with_learning_rate,
)


def test_rate_one_is_part_one_bit_for_bit(article_data):
    x, y = article_data
    network, losses = train_with_learning_rate(x, y, 1.0, iterations=200)
    reference = NeuralNetwork(x, y, seed=ARTICLE_SEED)
    np.testing.assert_array_equal(losses, reference.train(200))
    np.testing.assert_array_equal(network.weights1, reference.weights1)
    np.testing.assert_array_equal(network.weights2, reference.weights2)


def test_the_chapters_numbers(article_data):
    """The final losses and step counts quoted in the chapter "The learning rate"."""
    x, y = article_data
    assert LEARNING_RATES == (0.01, 0.1, 1.0, 3.0, 10.0, 100.0)
    finals = {}
    for rate in LEARNING_RATES:
        _, losses = train_with_learning_rate(x, y, rate)
        finals[rate] = round(losses[-1], 4)
        if rate == 3.0:
            rises = np.flatnonzero(np.diff(losses) > 0) + 1
            assert rises.size == 34 and rises[2] >= 60 and rises[-1] <= 115
    assert finals == {0.01: 1.0031, 0.1: 0.7215, 1.0: 0.0016, 3.0: 0.0005, 10.0: 0.0001, 100.0: 2.0}


@pytest.mark.parametrize("rate", [1e3, 1e10, 1e300])
def test_huge_rates_stay_finite_and_bounded(article_data, rate):
    x, y = article_data
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, losses = train_with_learning_rate(x, y, rate, iterations=50)
    assert losses.shape == (50,)
    assert np.all(np.isfinite(losses)) and np.all(losses <= len(y))


@pytest.mark.parametrize("rate", [0.1, 1.0, 10.0, 0.37])
def test_adding_the_articles_term_equals_subtracting_the_gradient(article_data, rate):
    x, y = article_data
    start = NeuralNetwork(x, y, seed=3)
    article1, article2 = start.weights1.copy(), start.weights2.copy()
    ours1, ours2 = start.weights1.copy(), start.weights2.copy()
    for _ in range(30):
        minus_dL_dW1, minus_dL_dW2 = article_style_increments(x, y, article1, article2)
        article1 += rate * minus_dL_dW1
        article2 += rate * minus_dL_dW2
        layer1, output = forward_pass(x, ours1, ours2)
        dL_dW1, dL_dW2 = backprop_gradients(x, y, layer1, output, ours2)
        np.testing.assert_array_equal(minus_dL_dW1, -dL_dW1)
        np.testing.assert_array_equal(minus_dL_dW2, -dL_dW2)
        ours1 = gradient_descent_step(ours1, dL_dW1, rate)
        ours2 = gradient_descent_step(ours2, dL_dW2, rate)
    np.testing.assert_array_equal(article1, ours1)
    np.testing.assert_array_equal(article2, ours2)


def test_seed_and_data_are_used():
    rng = np.random.default_rng(5)
    x, y = rng.random((6, 2)), rng.random((6, 1))
    first = train_with_learning_rate(x, y, 0.5, iterations=20, seed=11)[1]
    np.testing.assert_array_equal(first, train_with_learning_rate(x, y, 0.5, 20, seed=11)[1])
    assert not np.array_equal(first, train_with_learning_rate(x, y, 0.5, 20, seed=12)[1])
    assert np.all(np.diff(first) < 0)


@pytest.mark.parametrize(
    "rate, error",
    [
        (0.0, InvalidInputError),
        (-1.0, InvalidInputError),
        (float("nan"), InvalidInputError),
        ("1", InvalidTypeError),
    ],
)
def test_bad_learning_rate(article_data, rate, error):
    x, y = article_data
    with pytest.raises(error, match="learning_rate"):
        train_with_learning_rate(x, y, rate)


def test_bad_arguments(article_data):
    x, y = article_data
    with pytest.raises(InvalidInputError, match="iterations"):
        train_with_learning_rate(x, y, 1.0, iterations=0)
    with pytest.raises(InvalidTypeError, match="seed"):
        train_with_learning_rate(x, y, 1.0, seed="s")
    with pytest.raises(InvalidInputError, match="same number of rows"):
        train_with_learning_rate(x, y[:3], 1.0)
