"""Mini-batches and fit: coverage, reproducibility, progress, one probe, ownership, bad input."""

import re

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError, TrainingDivergedError
from nn_from_scratch.layers import Dense, ReLU
from nn_from_scratch.losses import MeanSquaredError, SoftmaxCrossEntropy
from nn_from_scratch.optimizers import SGD, Adam
from nn_from_scratch.sequential import Sequential
from nn_from_scratch.training import History, TrainingRecipe, fit, minibatches


def blobs(n=60, seed=0):
    """Three well separated clouds of points in 2-D."""
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 3
    centres = np.array([[0.0, 3.0], [3.0, -2.0], [-3.0, -2.0]])
    return centres[labels] + rng.standard_normal((n, 2)) * 0.5, labels


def network(seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    return Sequential(
        [Dense(2, 8, seed=rng, dtype=dtype), ReLU(), Dense(8, 3, seed=rng, dtype=dtype)]
    )


def train(seed=0, dtype=np.float64, **kwargs):
    x, labels = blobs()
    net = network(seed, dtype)
    options = {"epochs": 5, "batch_size": 8, "seed": seed, **kwargs}
    history = fit(net, SoftmaxCrossEntropy(), Adam(net, 0.05), x, labels, **options)
    return net, history


def parameters(net):
    return [param.copy() for layer in net.layers for param in layer.params.values()]


@pytest.mark.parametrize(("n", "batch_size"), [(10, 3), (9, 3), (1, 5), (7, 7)])
def test_minibatches_cover_every_sample_once(n, batch_size):
    batches = list(minibatches(n, batch_size, np.random.default_rng(0)))
    assert [len(b) for b in batches[:-1]] == [batch_size] * (len(batches) - 1)
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(n))


def test_fit_learns_and_records_one_entry_per_epoch():
    x, labels = blobs()
    net, history = train(validation=(x, labels))
    assert isinstance(history, History)
    for values in (history.train_loss, history.train_accuracy, history.validation_loss):
        assert len(values) == 5
    assert history.train_loss[-1] < history.train_loss[0]
    assert history.validation_accuracy[-1] == 1.0


def test_fit_without_validation_has_no_validation_entries():
    _, history = train()
    assert history.validation_accuracy == [] and history.validation_loss == []


def test_fit_is_reproducible_with_a_seed():
    a, history_a = train(seed=4)
    b, history_b = train(seed=4)
    assert history_a == history_b
    np.testing.assert_array_equal(a.layers[0].params["W"], b.layers[0].params["W"])


def test_float32_is_preserved():
    net, history = train(dtype=np.float32)
    assert all(p.dtype == np.float32 for layer in net.layers for p in layer.params.values())
    assert all(isinstance(v, float) for v in history.train_loss)


def test_progress_is_called_after_every_batch_with_its_mean_loss():
    calls = []
    _, history = train(epochs=2, batch_size=25, progress=lambda *args: calls.append(args))
    assert [call[:3] for call in calls] == [(e, b, 3) for e in range(2) for b in range(3)]
    assert all(isinstance(call[3], float) for call in calls)
    for epoch in range(2):  # batches of 25, 25 and 10: the epoch's loss is their weighted mean
        losses = [call[3] for call in calls if call[0] == epoch]
        weighted = (25 * losses[0] + 25 * losses[1] + 10 * losses[2]) / 60
        assert weighted == pytest.approx(history.train_loss[epoch], rel=1e-12)


class CountingReLU(ReLU):
    """A ReLU that counts the batches it sees."""

    calls = 0

    def forward(self, x):
        self.calls += 1
        return super().forward(x)


class CountingLoss(SoftmaxCrossEntropy):
    """A loss that counts the batches it scores."""

    calls = 0

    def forward(self, logits, labels):
        self.calls += 1
        return super().forward(logits, labels)


@pytest.mark.parametrize("with_validation", [False, True])
def test_the_inputs_are_probed_once_then_every_pass_is_training(with_validation):
    x, labels = blobs()  # 60 samples: 8 batches of 8 per epoch
    rng = np.random.default_rng(0)
    counting = CountingReLU()
    net = Sequential([Dense(2, 8, seed=rng), counting, Dense(8, 3, seed=rng)])
    loss = CountingLoss()
    validation = (x[:20], labels[:20]) if with_validation else None
    fit(net, loss, SGD(net), x, labels, 2, 8, seed=0, validation=validation)
    # One probe of the training data (and one of the validation data), then
    # 2 epochs of 8 batches (and one validation pass after each epoch).
    assert counting.calls == 1 + 16 + (1 + 2 if with_validation else 0)
    assert loss.calls == 1 + 16 + (2 if with_validation else 0)


def test_divergence_is_reported_naming_epoch_and_batch_without_warnings():
    # The suite turns RuntimeWarnings into errors: none may escape before our error.
    x, labels = blobs()
    net = network()
    with pytest.raises(TrainingDivergedError) as info:
        fit(net, SoftmaxCrossEntropy(), SGD(net, learning_rate=1e150), x, labels, 3, 8, seed=0)
    first = str(info.value).splitlines()[0]
    assert re.fullmatch(
        r"the loss became (nan|inf) in epoch \d, batch \d of 8: training diverged\. "
        r"The usual cause is a learning rate that is too large; try a smaller one\.",
        first,
    ), first


def test_a_loss_that_cannot_take_class_labels_is_refused_before_the_loop():
    x, labels = blobs()
    net = network()
    with pytest.raises(InvalidInputError) as info:
        fit(net, MeanSquaredError(), SGD(net), x, labels, 1, 4)
    assert re.fullmatch(  # the rows are those of the probe
        r"MeanSquaredError needs targets of the prediction's shape \((\d), 3\); got \(\1,\): "
        r"for class labels use SoftmaxCrossEntropy",
        str(info.value).splitlines()[0],
    )


class Plain:
    """A loss of the user's own, with no checks: mean squared logits."""

    def forward(self, prediction, labels):
        self.prediction = prediction
        return float(np.mean(prediction**2))

    def backward(self):
        return 2 * self.prediction / self.prediction.size


class Broken(Plain):
    def forward(self, prediction, labels):
        return float(np.mean(prediction @ labels))  # (N, 3) @ (N,): NumPy's ValueError


def test_a_loss_of_ones_own_trains_and_its_numpy_error_is_wrapped():
    x, labels = blobs()
    net = network()
    history = fit(net, Plain(), SGD(net), x, labels, 2, 8, seed=0)
    assert history.train_loss[1] < history.train_loss[0]
    with pytest.raises(InvalidInputError) as info:
        fit(net, Broken(), SGD(net), x, labels, 1, 4)
    assert re.match(
        r"loss Broken cannot score the network's output of shape \((\d), 3\) against labels "
        r"of shape \(\1,\): matmul",
        str(info.value),
    )


def test_a_parameter_replaced_after_the_optimiser_was_built_is_trained():
    """Loading weights by assignment must not leave training to change nothing."""
    x, labels = blobs()
    net = network()
    optimizer = Adam(net, 0.05)
    loaded = network(seed=7).layers[0].params["W"].copy()
    net.layers[0].params["W"] = loaded
    start = loaded.copy()
    history = fit(net, SoftmaxCrossEntropy(), optimizer, x, labels, 5, 8, seed=0)
    assert net.layers[0].params["W"] is loaded  # updated in place
    assert not np.array_equal(loaded, start)
    assert history.train_accuracy[-1] == 1.0


def test_an_optimiser_built_for_another_network_is_refused_and_both_stay_untouched():
    """Re-running a notebook cell rebuilds the network but may keep the old optimiser."""
    x, labels = blobs()
    old = network(seed=1)
    optimizer = Adam(old, 0.05)
    fit(old, SoftmaxCrossEntropy(), optimizer, x, labels, 1, 8, seed=0)
    new = network(seed=2)
    old_before, new_before = parameters(old), parameters(new)
    with pytest.raises(InvalidInputError) as info:
        fit(new, SoftmaxCrossEntropy(), optimizer, x, labels, 1, 8, seed=0)
    assert str(info.value) == (
        "optimizer was built for another network: its layers[0], a Dense, is not one of "
        "this network's layers. Build the optimiser from this network: Adam(network, ...)"
    )
    for before, after in ((old_before, parameters(old)), (new_before, parameters(new))):
        assert all(np.array_equal(a, b) for a, b in zip(before, after, strict=True))


def test_an_optimiser_of_some_of_the_layers_trains_only_those():
    x, labels = blobs()
    net = network()
    frozen = parameters(net)[:2]
    fit(net, SoftmaxCrossEntropy(), Adam(net.layers[2:], 0.05), x, labels, 2, 8, seed=0)
    assert all(np.array_equal(a, b) for a, b in zip(frozen, parameters(net)[:2], strict=True))
    assert not np.array_equal(net.layers[2].params["W"], network().layers[2].params["W"])


def test_validation_x_that_does_not_fit_is_named():
    x, labels = blobs()
    net = network()
    with pytest.raises(InvalidInputError) as info:
        fit(
            net,
            SoftmaxCrossEntropy(),
            SGD(net),
            x,
            labels,
            1,
            4,
            validation=(x[:10, :1], labels[:10]),
        )
    assert str(info.value) == (
        "validation x of shape (10, 1) does not fit the network's layers: "
        "layers[0], a Dense, expects 2 features per sample; got 1"
    )


def test_recipe_is_frozen():
    recipe = TrainingRecipe(epochs=3, batch_size=4, learning_rate=0.1)
    assert recipe.optimizer == "adam"
    with pytest.raises(AttributeError):
        recipe.epochs = 4  # type: ignore[misc]


X, LABELS = blobs()
BAD = [
    ({"epochs": 0}, InvalidInputError, "epochs"),
    ({"epochs": 1.0}, InvalidTypeError, "epochs"),
    ({"batch_size": -2}, InvalidInputError, "batch_size"),
    ({"seed": "s"}, InvalidTypeError, "seed"),
    ({"x": X[:, :1]}, InvalidInputError, "does not fit"),
    ({"x": np.where(X > 2, np.inf, X)}, InvalidInputError, "finite"),
    ({"x": X[0]}, InvalidInputError, "at least 2-D"),
    ({"labels": LABELS[:-1]}, InvalidInputError, "one label per sample"),
    ({"labels": LABELS + 1}, InvalidInputError, "less than the number of classes, 3"),
    ({"labels": LABELS - 1}, InvalidInputError, ">= 0"),
    ({"labels": LABELS + 0.5}, InvalidTypeError, "integer class labels"),
    ({"labels": LABELS[:, None]}, InvalidInputError, "1-D"),
    ({"validation": (X, LABELS, 1)}, InvalidInputError, "validation must be"),
    ({"validation": (X[:, :1], LABELS)}, InvalidInputError, "does not fit"),
    ({"validation": (X, LABELS[:3])}, InvalidInputError, "validation labels"),
    ({"progress": 3}, InvalidTypeError, "progress"),
    ({"loss": object()}, InvalidTypeError, "loss must have"),
    ({"optimizer": None}, InvalidTypeError, "optimizer must have"),
    ({"network": [Dense(2, 3)]}, InvalidTypeError, "network must have"),
]


@pytest.mark.parametrize(("change", "error", "match"), BAD)
def test_bad_input(change, error, match):
    net = network()
    arguments = {
        "network": net,
        "loss": SoftmaxCrossEntropy(),
        "optimizer": Adam(net),
        "x": X,
        "labels": LABELS,
        "epochs": 1,
        "batch_size": 8,
        **change,
    }
    with pytest.raises(error, match=match):
        fit(**arguments)


def test_float_labels_holding_whole_numbers_are_accepted():
    net = network()
    fit(net, SoftmaxCrossEntropy(), Adam(net), X, LABELS.astype(float), epochs=1, batch_size=8)


@pytest.mark.parametrize(
    ("arguments", "error", "match"),
    [
        ((0, 2, 0), InvalidInputError, "n_samples"),
        ((5, 0, 0), InvalidInputError, "batch_size"),
        ((5, 2.0, 0), InvalidTypeError, "batch_size"),
        ((5, 2, "rng"), InvalidTypeError, "seed"),
    ],
)
def test_minibatches_rejects_bad_arguments(arguments, error, match):
    with pytest.raises(error, match=match):
        next(minibatches(*arguments))


def test_fit_needs_a_network_with_layers():
    class NoLayers:
        def forward(self, x):
            return x

        def backward(self, dL_doutput):
            return dL_doutput

    with pytest.raises(InvalidTypeError, match="list of layers"):
        fit(NoLayers(), SoftmaxCrossEntropy(), Adam([]), X, LABELS, epochs=1, batch_size=8)
