"""The overfitting experiment: the small subset, the wide network, the remedies, bad input."""

import numpy as np
import pytest
from conftest import skip_without_digits

from nn_from_scratch.dropout import Dropout
from nn_from_scratch.errors import InvalidInputError
from nn_from_scratch.layers import Dense, ReLU
from nn_from_scratch.optimizers import Adam
from nn_from_scratch.overfitting import (
    REMEDIES,
    SUBSET_PER_DIGIT,
    SUBSET_SEED,
    WIDE_RECIPE,
    WIDE_SIZES,
    remedy_optimizer,
    small_subset,
    train_wide_mlp,
    wide_mlp,
)
from nn_from_scratch.weight_decay import AdamW, L2WeightDecay


def test_small_subset_takes_the_same_number_of_every_class_in_order():
    labels = np.repeat(np.arange(4), [5, 6, 7, 8])
    x = np.arange(len(labels))[:, None] * 1.0
    chosen_x, chosen = small_subset(x, labels, 3, seed=0)
    assert np.bincount(chosen).tolist() == [3, 3, 3, 3]
    assert np.all(np.diff(chosen_x[:, 0]) > 0)  # in the order of the data
    np.testing.assert_array_equal(labels[chosen_x[:, 0].astype(int)], chosen)
    again_x, _ = small_subset(x, labels, 3, seed=0)
    np.testing.assert_array_equal(again_x, chosen_x)


def test_small_subset_refuses_a_class_too_small():
    labels = np.array([0, 0, 1])
    with pytest.raises(InvalidInputError, match="class 1 has 1 samples; per_class asks for 2"):
        small_subset(np.zeros((3, 1)), labels, 2, seed=0)


def test_wide_mlp_with_and_without_dropout():
    plain = wide_mlp(seed=0)
    assert [type(layer) for layer in plain.layers] == [Dense, ReLU, Dense, ReLU, Dense]
    widths = [layer.params["W"].shape for layer in plain.layers[::2]]
    assert widths == list(zip(WIDE_SIZES[:-1], WIDE_SIZES[1:], strict=True))
    dropped = wide_mlp(seed=0, dropout=0.5)
    assert [type(layer) for layer in dropped.layers] == [
        Dense, ReLU, Dropout, Dense, ReLU, Dropout, Dense
    ]  # fmt: skip
    assert dropped.layers[2].rate == 0.5


def test_remedy_optimizer():
    network = wide_mlp(seed=0)
    assert type(remedy_optimizer(network, "none", None, 0.001)) is Adam
    assert type(remedy_optimizer(network, "dropout", 0.5, 0.001)) is Adam
    coupled = remedy_optimizer(network, "l2", 1e-3, 0.001)
    assert isinstance(coupled, L2WeightDecay) and coupled.weight_decay == 1e-3
    decoupled = remedy_optimizer(network, "adamw", 2.0, 0.001)
    assert isinstance(decoupled, AdamW) and decoupled.weight_decay == 2.0


@pytest.mark.parametrize(
    ("remedy", "strength", "match"),
    [
        ("mixup", 0.1, r"remedy must be one of \['none', 'l2', 'adamw', 'dropout'\]"),
        ("none", 0.1, "remedy 'none' takes no strength; got 0.1"),
        ("dropout", None, "remedy 'dropout' needs a strength: the rate of Dropout"),
    ],
)
def test_train_wide_mlp_refuses_bad_remedies(remedy, strength, match):
    with pytest.raises(InvalidInputError, match=match):
        train_wide_mlp(None, remedy, strength)


def test_the_setting():
    assert set(REMEDIES) == {"none", "l2", "adamw", "dropout"}
    assert (SUBSET_PER_DIGIT, SUBSET_SEED) == (20, 200)
    assert WIDE_RECIPE.optimizer == "adam"


def test_one_short_run_on_the_digits():
    skip_without_digits()
    from nn_from_scratch.digits import load_digits_three_way_split

    split = load_digits_three_way_split()
    network, history = train_wide_mlp(split, "dropout", 0.5, seed=0, epochs=2)
    assert len(history.validation_accuracy) == 2
    assert network.parameter_count() == 64 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10
