"""Acceptance: the digits MLP reaches a median test accuracy of at least 97.5% over 5 seeds."""

import importlib.util

import numpy as np
import pytest

if importlib.util.find_spec("sklearn") is None:  # importing it would take a second
    pytest.skip("the digits ship with scikit-learn (the digits extra)", allow_module_level=True)

from nn_from_scratch.mlp import MLP_RECIPE, train_digits_mlp  # noqa: E402


def test_mlp_median_test_accuracy_over_five_seeds():
    final = [train_digits_mlp(seed)[1].test_accuracy[-1] for seed in range(5)]
    assert MLP_RECIPE.epochs <= 30
    assert np.median(final) >= 0.975, final
