"""Acceptance: the digits CNN reaches a median test accuracy of at least 98% over 5 seeds."""

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="the digits ship with scikit-learn (the digits extra)")

from nn_from_scratch.cnn import CNN_RECIPE, image_split, train_digits_cnn  # noqa: E402
from nn_from_scratch.digits import load_digits_split  # noqa: E402
from nn_from_scratch.metrics import accuracy  # noqa: E402


def test_cnn_median_test_accuracy_over_five_seeds():
    """Each network is trained without seeing the test part, then scored on it once."""
    split = image_split(load_digits_split())
    networks = [train_digits_cnn(seed)[0] for seed in range(5)]
    final = [accuracy(split.y_test, network.predict_labels(split.x_test)) for network in networks]
    assert CNN_RECIPE.epochs <= 30
    assert np.median(final) >= 0.98, final
