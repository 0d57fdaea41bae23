"""Early stopping from the history: the best epoch, and the retraining that reaches it again."""

import numpy as np
import pytest

from nn_from_scratch.dropout import Dropout
from nn_from_scratch.early_stopping import best_epoch, stop_early
from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.layers import Dense, ReLU
from nn_from_scratch.losses import SoftmaxCrossEntropy
from nn_from_scratch.optimizers import Adam
from nn_from_scratch.sequential import Sequential
from nn_from_scratch.training import History, fit


def history(accuracy, loss):
    return History(validation_accuracy=list(accuracy), validation_loss=list(loss))


@pytest.mark.parametrize(
    ("accuracy", "loss", "best"),
    [
        ([0.5, 0.9, 0.7], [1.0, 0.5, 0.6], 2),
        ([0.9, 0.9, 0.8], [0.4, 0.3, 0.2], 2),  # a tie in accuracy: the lower loss wins
        ([0.9, 0.9, 0.9], [0.3, 0.3, 0.3], 1),  # a full tie: the earliest epoch
        ([0.7], [2.0], 1),
    ],
)
def test_best_epoch(accuracy, loss, best):
    assert best_epoch(history(accuracy, loss)) == best


def test_best_epoch_needs_validation_scores():
    with pytest.raises(InvalidInputError, match=r"fit\(\.\.\., validation="):
        best_epoch(History(train_loss=[1.0], train_accuracy=[0.5]))
    with pytest.raises(InvalidTypeError, match="history must be a History from fit; got list"):
        best_epoch([0.9, 0.8])


def noisy_blobs(n, seed):
    """Three overlapping clouds in 2-D: a small network overfits them."""
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 3
    centres = np.array([[0.0, 1.0], [1.0, -0.5], [-1.0, -0.5]])
    return centres[labels] + rng.standard_normal((n, 2)), labels


X, LABELS = noisy_blobs(30, 0)
X_VALIDATION, LABELS_VALIDATION = noisy_blobs(60, 1)


def make_train(seed):
    def train(epochs):
        rng = np.random.default_rng(seed)
        network = Sequential(
            [Dense(2, 32, seed=rng), ReLU(), Dropout(0.2, seed=rng), Dense(32, 3, seed=rng)]
        )
        result = fit(
            network,
            SoftmaxCrossEntropy(),
            Adam(network, 0.05),
            X,
            LABELS,
            epochs,
            batch_size=8,
            seed=rng,
            validation=(X_VALIDATION, LABELS_VALIDATION),
        )
        return network, result

    return train


def test_stop_early_retrains_to_the_best_epoch_exactly():
    train = make_train(seed=3)
    network, best, full = stop_early(train, epochs=12)
    assert len(full.validation_accuracy) == 12
    assert best == best_epoch(full)
    assert full.validation_accuracy[best - 1] == max(full.validation_accuracy)
    # The network is the one the long run had after its best epoch.
    again, _ = train(best)
    for ours, theirs in zip(network.layers, again.layers, strict=True):
        for name, param in ours.params.items():
            np.testing.assert_array_equal(param, theirs.params[name])


def test_a_train_without_fixed_seeds_is_caught():
    calls = []

    def unseeded(epochs):
        calls.append(epochs)
        return make_train(seed=len(calls))(epochs)  # another seed at every call

    with pytest.raises(InvalidInputError, match="train\\(epochs\\) must fix every seed"):
        stop_early(unseeded, epochs=8)


@pytest.mark.parametrize("epochs", [0, -1, 2.5, "3"])
def test_bad_epochs(epochs):
    error = InvalidTypeError if not isinstance(epochs, int) else InvalidInputError
    with pytest.raises(error, match="epochs must be a positive integer"):
        stop_early(make_train(0), epochs)
