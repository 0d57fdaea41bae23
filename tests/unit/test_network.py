import numpy as np
import pytest

from nn_from_scratch import NeuralNetwork, forward_pass
from nn_from_scratch.data import ARTICLE_SEED


def test_attributes_and_shapes(article_data):
    x, y = article_data
    network = NeuralNetwork(x, y, seed=1)
    assert network.input.shape == (4, 3) and network.y.shape == (4, 1)
    assert network.weights1.shape == (3, 4) and network.weights2.shape == (4, 1)
    assert network.layer1.shape == (4, 4) and network.output.shape == (4, 1)
    assert 0 <= network.weights1.min() and network.weights1.max() < 1


def test_hidden_units_is_a_parameter(article_data):
    x, y = article_data
    network = NeuralNetwork(x, y, hidden_units=7, seed=1)
    assert network.weights1.shape == (3, 7) and network.weights2.shape == (7, 1)


def test_same_seed_same_run_bit_for_bit(article_data):
    x, y = article_data
    runs = [NeuralNetwork(x, y, seed=5) for _ in range(2)]
    losses = [network.train(200) for network in runs]
    np.testing.assert_array_equal(losses[0], losses[1])
    np.testing.assert_array_equal(runs[0].weights1, runs[1].weights1)
    np.testing.assert_array_equal(runs[0].weights2, runs[1].weights2)


def test_a_generator_can_be_the_seed(article_data):
    x, y = article_data
    a = NeuralNetwork(x, y, seed=np.random.default_rng(9))
    b = NeuralNetwork(x, y, seed=9)
    np.testing.assert_array_equal(a.weights1, b.weights1)


def test_documented_seed_learns_the_data_and_loss_never_increases(article_data):
    x, y = article_data
    network = NeuralNetwork(x, y, seed=ARTICLE_SEED)
    losses = network.train(1500)
    assert losses.shape == (1500,)
    assert np.all(np.diff(losses) <= 0), "the loss went up at some iteration"
    assert np.max(np.abs(network.predict(x) - y)) < 0.05


def test_feedforward_and_backprop_read_and_write_the_attributes(article_data):
    x, y = article_data
    network = NeuralNetwork(x, y, seed=0)
    network.weights1 = np.full((3, 4), 0.5)
    network.weights2 = np.full((4, 1), -0.5)
    output = network.feedforward()
    assert output is network.output
    np.testing.assert_array_equal(output, forward_pass(x, network.weights1, network.weights2)[1])
    before = network.weights2.copy()
    network.backprop()
    assert not np.array_equal(before, network.weights2)


def test_train_continues_from_the_current_weights(article_data):
    x, y = article_data
    once, twice = NeuralNetwork(x, y, seed=3), NeuralNetwork(x, y, seed=3)
    once.train(100)
    twice.train(60)
    twice.train(40)
    np.testing.assert_array_equal(once.weights1, twice.weights1)


def test_predict_new_inputs(article_data):
    x, y = article_data
    network = NeuralNetwork(x, y, seed=ARTICLE_SEED)
    network.train(1500)
    prediction = network.predict([[1, 1, 1]])
    assert prediction.shape == (1, 1) and prediction[0, 0] < 0.1


@pytest.mark.parametrize("seed", [None, 0])
def test_lists_are_accepted(seed):
    network = NeuralNetwork([[0, 1], [1, 0]], [[1], [0]], seed=seed)
    assert network.input.dtype == np.float64
