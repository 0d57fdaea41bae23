"""Acceptance: the digits MLP reaches a median test accuracy of at least 97.5% over 5 seeds."""

import numpy as np
from conftest import skip_without_digits

skip_without_digits()

from nn_from_scratch.digits import load_digits_split  # noqa: E402
from nn_from_scratch.metrics import accuracy  # noqa: E402
from nn_from_scratch.mlp import MLP_RECIPE, train_digits_mlp  # noqa: E402


def test_mlp_median_test_accuracy_over_five_seeds():
    """Each network is trained without seeing the test part, then scored on it once."""
    split = load_digits_split()
    networks = [train_digits_mlp(seed)[0] for seed in range(5)]
    final = [accuracy(split.y_test, network.predict_labels(split.x_test)) for network in networks]
    assert MLP_RECIPE.epochs <= 30
    assert np.median(final) >= 0.975, final
