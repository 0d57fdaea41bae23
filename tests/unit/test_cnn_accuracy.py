"""Acceptance: the digits CNN reaches a median test accuracy of at least 98% over 5 seeds."""

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="the digits ship with scikit-learn (the digits extra)")

from nn_from_scratch.cnn import CNN_RECIPE, train_digits_cnn  # noqa: E402


def test_cnn_median_test_accuracy_over_five_seeds():
    final = [train_digits_cnn(seed)[1].test_accuracy[-1] for seed in range(5)]
    assert CNN_RECIPE.epochs <= 30
    assert np.median(final) >= 0.98, final
