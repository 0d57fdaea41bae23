"""The digits MLP: its shape, its recipe, and a short reproducible training run."""

import numpy as np
import pytest
from conftest import skip_without_digits

skip_without_digits()

from nn_from_scratch.digits import load_digits_split  # noqa: E402
from nn_from_scratch.errors import InvalidInputError  # noqa: E402
from nn_from_scratch.layers import Dense, ReLU  # noqa: E402
from nn_from_scratch.metrics import accuracy  # noqa: E402
from nn_from_scratch.mlp import (  # noqa: E402
    MLP_RECIPE,
    MLP_SIZES,
    digits_mlp,
    make_optimizer,
    train_digits_mlp,
)
from nn_from_scratch.optimizers import SGD, Adam, RMSProp  # noqa: E402
from nn_from_scratch.training import TrainingRecipe  # noqa: E402


def test_shape_of_the_network():
    network = digits_mlp(seed=0)
    assert [type(layer) for layer in network.layers] == [Dense, ReLU, Dense]
    assert network.layers[0].params["W"].shape == MLP_SIZES[:2]
    assert network.parameter_count() == 64 * 128 + 128 + 128 * 10 + 10
    assert digits_mlp(seed=0, dtype=np.float32).layers[2].params["W"].dtype == np.float32


def test_recipe_stays_within_thirty_epochs():
    assert MLP_RECIPE.epochs <= 30 and MLP_RECIPE.optimizer == "adam"


def test_make_optimizer_builds_what_the_recipe_says():
    network = digits_mlp(seed=0)
    adam = make_optimizer(MLP_RECIPE, network)
    assert isinstance(adam, Adam) and adam.learning_rate == MLP_RECIPE.learning_rate
    plain = TrainingRecipe(epochs=1, batch_size=8, learning_rate=0.1, optimizer="sgd")
    assert isinstance(make_optimizer(plain, network), SGD)
    assert make_optimizer(plain, network).momentum == 0.0  # nothing hidden
    heavy = TrainingRecipe(1, 8, 0.1, optimizer="sgd", momentum=0.9)
    assert make_optimizer(heavy, network).momentum == 0.9
    rmsprop = make_optimizer(TrainingRecipe(1, 8, 0.01, optimizer="rmsprop"), network)
    assert isinstance(rmsprop, RMSProp) and rmsprop.learning_rate == 0.01
    with pytest.raises(InvalidInputError, match="optimizer"):
        make_optimizer(TrainingRecipe(1, 8, 0.1, optimizer="adagrad"), network)
    with pytest.raises(InvalidInputError, match="momentum is for the optimizer 'sgd'"):
        make_optimizer(TrainingRecipe(1, 8, 0.1, momentum=0.9), network)


def test_training_is_reproducible_reports_progress_and_never_sees_the_test_part():
    calls = []
    network, history = train_digits_mlp(3, epochs=2, progress=lambda *a: calls.append(a))
    again, same = train_digits_mlp(3, epochs=2)
    assert history == same and len(history.train_accuracy) == 2
    assert history.validation_accuracy == [] and history.validation_loss == []
    assert calls[-1][:3] == (1, 44, 45) and isinstance(calls[-1][3], float)
    np.testing.assert_array_equal(network.layers[0].params["W"], again.layers[0].params["W"])
    split = load_digits_split()
    assert accuracy(split.y_test, network.predict_labels(split.x_test)) > 0.85


def test_float32_training():
    network, history = train_digits_mlp(0, epochs=2, dtype=np.float32)
    assert network.layers[0].params["W"].dtype == np.float32
    split = load_digits_split()
    assert accuracy(split.y_test, network.predict_labels(split.x_test)) > 0.85


def test_bad_epochs():
    with pytest.raises(InvalidInputError, match="epochs"):
        train_digits_mlp(0, epochs=0)
