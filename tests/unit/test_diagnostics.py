"""The checks of "Debugging a training run": each passes a healthy network, catches a broken
one, refuses bad input in words, and gives the same answer for the same seeds."""

import math

import numpy as np
import pytest
from conftest import skip_without_digits

from nn_from_scratch.diagnostics import (
    InitialLoss,
    checked_batch,
    dead_fraction,
    gradient_errors,
    initial_loss,
    layer_statistics,
    layer_vector,
    overfit_small_batch,
    update_ratios,
)
from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.layers import Dense, LeakyReLU, ReLU, Sigmoid, Tanh
from nn_from_scratch.losses import SoftmaxCrossEntropy
from nn_from_scratch.optimizers import SGD, Adam
from nn_from_scratch.sequential import Sequential
from nn_from_scratch.vanishing import gradient_size_by_depth

skip_without_digits()

from nn_from_scratch.digits import load_digits_split  # noqa: E402
from nn_from_scratch.mlp import MLP_RECIPE, digits_mlp  # noqa: E402

RATE = MLP_RECIPE.learning_rate


@pytest.fixture(scope="module")
def split():
    return load_digits_split()


@pytest.fixture(scope="module")
def tiny(split):
    """Twenty training images and their labels, the chapter's tiny batch."""
    return split.x_train[:20], split.y_train[:20]


def flip_relu_sign(network):
    """The broken backward of the chapter: ReLU's gradient with a minus sign too many."""
    relu = network.layers[1]
    relu.backward = lambda dL_doutput: -dL_doutput * (relu.x > 0)
    return network


def drop_relu_mask(network):
    """The broken backward of the chapter: ReLU passing the gradient everywhere."""
    network.layers[1].backward = lambda dL_doutput: dL_doutput
    return network


def loss_without_onehot():
    """Softmax cross-entropy whose backward forgets the one-hot term."""
    loss = SoftmaxCrossEntropy()
    loss.backward = lambda: loss.probabilities / len(loss.labels)
    return loss


# --- inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("network", [None, object(), [Dense(2, 2)], Sequential.__new__(Sequential)])
def test_a_non_network_is_refused(network, tiny):
    with pytest.raises(InvalidTypeError, match="network must be like a Sequential"):
        checked_batch(network, *tiny)


def test_checked_batch_converts_and_checks(tiny):
    network = digits_mlp(seed=0)
    x, labels = checked_batch(network, tiny[0].tolist(), tiny[1].tolist())
    assert x.dtype == np.float64 and labels.dtype == np.int64
    with pytest.raises(InvalidInputError, match="expects 64 features per sample; got 63"):
        checked_batch(network, tiny[0][:, :63], tiny[1])
    with pytest.raises(InvalidInputError, match="less than the number of classes, 10; got 10"):
        checked_batch(network, tiny[0], np.full(20, 10))
    with pytest.raises(InvalidInputError, match="one label per sample, 20; got 19"):
        checked_batch(network, tiny[0], tiny[1][:19])
    with pytest.raises(InvalidTypeError, match="integer class labels"):
        checked_batch(network, tiny[0], np.full(20, 0.5))


@pytest.mark.parametrize(
    "check",
    [
        lambda net, x, y: initial_loss(net, x, y),
        lambda net, x, y: overfit_small_batch(net, SoftmaxCrossEntropy(), Adam(net), x, y),
        lambda net, x, y: update_ratios(net, SoftmaxCrossEntropy(), Adam(net), x, y),
        lambda net, x, y: layer_statistics(net, SoftmaxCrossEntropy(), x, y),
    ],
    ids=["initial_loss", "overfit_small_batch", "update_ratios", "layer_statistics"],
)
def test_every_check_refuses_data_that_does_not_fit(check, tiny):
    network = digits_mlp(seed=0)
    with pytest.raises(InvalidInputError, match="features per sample"):
        check(network, tiny[0][:, :10], tiny[1])
    with pytest.raises(InvalidInputError, match="finite"):
        check(network, np.full((20, 64), np.nan), tiny[1])


# --- the loss at initialisation -------------------------------------------------------------


def test_initial_loss_of_the_digits_mlp_is_a_little_above_ln_10(split):
    result = initial_loss(digits_mlp(seed=0), split.x_train, split.y_train)
    assert isinstance(result, InitialLoss)
    assert result.expected == math.log(10)
    assert result.expected < result.measured < result.expected + 0.5


def test_equal_logits_give_exactly_ln_c(tiny):
    network = digits_mlp(seed=0)
    network.layers[2].params["W"][:] = 0.0
    measured, expected = initial_loss(network, *tiny)
    assert measured == pytest.approx(expected, abs=1e-12)
    assert expected == pytest.approx(2.302585, abs=1e-6)


def test_ten_times_the_weights_is_caught(split):
    network = digits_mlp(seed=0)
    for layer in network.layers:
        if "W" in layer.params:
            layer.params["W"] *= 10
    measured, expected = initial_loss(network, split.x_train, split.y_train)
    assert measured > 10 * expected


def test_the_expected_loss_follows_the_number_of_classes(tiny):
    network = Sequential([Dense(64, 3, seed=0)])
    assert initial_loss(network, tiny[0], tiny[1] % 3).expected == math.log(3)


# --- memorising a few samples ---------------------------------------------------------------


def test_a_healthy_network_memorises_twenty_samples(tiny):
    network = digits_mlp(seed=0)
    result = overfit_small_batch(network, SoftmaxCrossEntropy(), Adam(network, RATE), *tiny, seed=0)
    assert len(result.history.train_loss) == 200
    assert result.steps is not None and result.steps < 50
    assert result.history.train_accuracy[result.steps] == 1.0
    assert max(result.history.train_accuracy[: result.steps]) < 1.0
    assert result.history.train_loss[-1] < 0.01


@pytest.mark.parametrize(
    "make",
    [
        lambda: (flip_relu_sign(digits_mlp(seed=0)), SoftmaxCrossEntropy()),
        lambda: (digits_mlp(seed=0), loss_without_onehot()),
    ],
    ids=["sign flipped", "one-hot missing"],
)
def test_a_broken_backward_cannot_memorise(make, tiny):
    network, loss = make()
    result = overfit_small_batch(network, loss, Adam(network, RATE), *tiny, seed=0)
    assert result.steps is None
    assert max(result.history.train_accuracy) < 0.9


def test_a_relu_without_its_mask_passes_this_check(tiny):
    """What the chapter shows: passing is not proof (gradient_errors catches this one)."""
    network = drop_relu_mask(digits_mlp(seed=0))
    result = overfit_small_batch(network, SoftmaxCrossEntropy(), Adam(network, RATE), *tiny, seed=0)
    assert result.steps is not None


def test_overfit_is_deterministic_with_seeds(tiny):
    runs = []
    for _ in range(2):
        network = digits_mlp(seed=3)
        runs.append(
            overfit_small_batch(
                network, SoftmaxCrossEntropy(), SGD(network, 0.1), *tiny, steps=20, seed=5
            )
        )
    assert runs[0].history == runs[1].history and runs[0].steps == runs[1].steps


@pytest.mark.parametrize(
    "steps, error", [(0, InvalidInputError), (2.5, InvalidTypeError), (True, InvalidTypeError)]
)
def test_overfit_refuses_a_bad_number_of_steps(steps, error, tiny):
    network = digits_mlp(seed=0)
    with pytest.raises(error, match="steps must be a positive integer"):
        overfit_small_batch(network, SoftmaxCrossEntropy(), Adam(network), *tiny, steps=steps)


def test_overfit_refuses_an_optimiser_of_another_network(tiny):
    network = digits_mlp(seed=0)
    with pytest.raises(InvalidInputError, match="built for another network"):
        overfit_small_batch(network, SoftmaxCrossEntropy(), Adam(digits_mlp(seed=1)), *tiny)


# --- update ratios --------------------------------------------------------------------------


def test_adams_first_step_gives_the_predicted_ratio(split):
    x, labels = split.x_train[:32], split.y_train[:32]
    network = digits_mlp(seed=0)
    before = {index: layer_vector(network.layers[index]) for index in (0, 2)}
    ratios = update_ratios(network, SoftmaxCrossEntropy(), Adam(network, RATE), x, labels)
    assert set(ratios) == {0, 2}
    for index, theta in before.items():
        moved = np.mean(layer_vector(network.layers[index]) != theta)
        rms = np.linalg.norm(theta) / np.sqrt(theta.size)
        assert ratios[index] == pytest.approx(RATE * np.sqrt(moved) / rms, rel=1e-3)
        assert 1e-3 < ratios[index] < 1e-1


def test_a_hundred_times_the_rate_gives_a_hundred_times_the_ratio(split):
    x, labels = split.x_train[:32], split.y_train[:32]
    found = []
    for rate in (RATE, 100 * RATE):
        network = digits_mlp(seed=0)
        found.append(update_ratios(network, SoftmaxCrossEntropy(), Adam(network, rate), x, labels))
    for index in (0, 2):
        assert found[1][index] == pytest.approx(100 * found[0][index], rel=1e-6)
        assert found[1][index] > 1


def test_sgd_ratio_is_rate_times_gradient_over_weights(tiny):
    """For plain SGD the step is -rate * grad: the ratio follows from the gradients."""
    network = digits_mlp(seed=0)
    before = {index: layer_vector(network.layers[index]) for index in (0, 2)}
    ratios = update_ratios(network, SoftmaxCrossEntropy(), SGD(network, 0.1), *tiny)
    for index in (0, 2):
        grads = np.concatenate([g.ravel() for g in network.layers[index].grads.values()])
        expected = 0.1 * np.linalg.norm(grads) / np.linalg.norm(before[index])
        assert ratios[index] == pytest.approx(expected, rel=1e-12)


def test_an_all_zero_layer_gets_an_infinite_ratio(tiny):
    network = digits_mlp(seed=0)
    network.layers[2].params["W"][:] = 0.0
    ratios = update_ratios(network, SoftmaxCrossEntropy(), SGD(network, 0.1), *tiny)
    assert ratios[2] == math.inf and math.isfinite(ratios[0])


def test_update_ratios_refuses_a_foreign_optimiser_and_leaves_both_networks(tiny):
    network, other = digits_mlp(seed=0), digits_mlp(seed=1)
    optimizer = Adam(other)
    saved = [layer_vector(layer).copy() for layer in (*network.layers[::2], *other.layers[::2])]
    with pytest.raises(InvalidInputError, match="built for another network"):
        update_ratios(network, SoftmaxCrossEntropy(), optimizer, *tiny)
    after = [layer_vector(layer) for layer in (*network.layers[::2], *other.layers[::2])]
    assert all(np.array_equal(a, b) for a, b in zip(saved, after, strict=True))


def test_update_ratios_refuses_what_is_no_optimiser(tiny):
    network = digits_mlp(seed=0)
    with pytest.raises(InvalidTypeError, match="optimizer must have methods"):
        update_ratios(network, SoftmaxCrossEntropy(), object(), *tiny)


def test_update_ratios_is_deterministic(tiny):
    found = []
    for _ in range(2):
        network = digits_mlp(seed=7)
        found.append(update_ratios(network, SoftmaxCrossEntropy(), Adam(network), *tiny))
    assert found[0] == found[1]


# --- layer statistics -----------------------------------------------------------------------


def test_healthy_statistics(split):
    rows = layer_statistics(digits_mlp(seed=0), SoftmaxCrossEntropy(), split.x_train, split.y_train)
    assert [row.layer for row in rows] == ["Dense(64, 128)", "ReLU()", "Dense(128, 10)"]
    relu = rows[1]
    assert 0.3 < relu.zero_fraction < 0.7 and relu.dead_fraction < 0.1
    assert relu.mean > 0 and all(row.gradient_rms > 0 for row in rows)


def test_a_large_negative_bias_kills_the_relus(split):
    network = digits_mlp(seed=0)
    network.layers[0].params["b"][:] = -2.0
    rows = layer_statistics(network, SoftmaxCrossEntropy(), split.x_train, split.y_train)
    assert rows[1].dead_fraction > 0.9 and rows[1].zero_fraction > 0.99
    network.layers[0].params["b"][:] = -5.0
    rows = layer_statistics(network, SoftmaxCrossEntropy(), split.x_train, split.y_train)
    assert rows[1].dead_fraction == 1.0
    assert rows[0].gradient_rms == 0.0  # nothing passes back through a dead ReLU


def test_statistics_are_the_numbers_of_the_outputs_and_gradients(tiny):
    network = digits_mlp(seed=0)
    rows = layer_statistics(network, SoftmaxCrossEntropy(), *tiny)
    hidden = network.layers[1].forward(network.layers[0].forward(tiny[0]))
    assert rows[1].mean == pytest.approx(hidden.mean())
    assert rows[1].std == pytest.approx(hidden.std())
    assert rows[1].zero_fraction == np.mean(hidden == 0)
    loss = SoftmaxCrossEntropy()
    loss.forward(network.forward(tiny[0]), tiny[1])
    assert rows[2].gradient_rms == pytest.approx(np.sqrt(np.mean(loss.backward() ** 2)))
    # The backward pass filled every parameter's gradient.
    assert set(network.layers[0].grads) == {"W", "b"}


def test_dead_fraction_counts_units_along_axis_1():
    output = np.ones((2, 3, 4, 4))
    output[:, 1] = 0.0  # channel 1 is 0 at every sample and position
    output[0, 2] = 0.0  # channel 2 only for one sample
    assert dead_fraction(output) == pytest.approx(1 / 3)
    assert dead_fraction(np.array([[0.0, 1.0], [0.0, 0.0]])) == 0.5


class SumOfOutputs:
    """A loss whose gradient is all ones, the starting gradient of ``gradient_size_by_depth``."""

    def forward(self, prediction, labels):
        self.shape = prediction.shape
        return float(np.sum(prediction))

    def backward(self):
        return np.ones(self.shape)


@pytest.mark.parametrize(
    "activation, layer_class",
    [("sigmoid", Sigmoid), ("tanh", Tanh), ("relu", ReLU), ("leaky_relu", LeakyReLU)],
)
def test_gradient_rms_is_what_vanishing_measures(activation, layer_class):
    """On the chain of ``gradient_size_by_depth``, with its weights, the two agree."""
    depth, width, samples, variance, seed = 6, 8, 5, 2.0, 11
    expected = gradient_size_by_depth(activation, depth, width, samples, variance, seed)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((samples, width))
    layers = []
    for _ in range(depth):
        dense = Dense(width, width)
        dense.params["W"] = rng.standard_normal((width, width)) * np.sqrt(variance / width)
        layers += [dense, layer_class()]
    rows = layer_statistics(Sequential(layers), SumOfOutputs(), x, np.zeros(samples, dtype=int))
    measured = [row.gradient_rms for row in rows[::2]][::-1]
    np.testing.assert_allclose(measured, expected, rtol=1e-10)


# --- gradient errors ------------------------------------------------------------------------


def step_by_hand(network, loss, x, labels, between=None):
    """A hand-written forward, loss and backward; ``between`` runs after the forward."""
    loss.forward(network.forward(x), labels)
    if between is not None:
        between(network)
    network.backward(loss.backward())


def test_gradients_in_order_agree_with_finite_differences(tiny):
    network, loss = digits_mlp(seed=0), SoftmaxCrossEntropy()
    step_by_hand(network, loss, *tiny)
    errors = gradient_errors(network, loss, *tiny, seed=0)
    assert set(errors) == {(0, "W"), (0, "b"), (2, "W"), (2, "b")}
    assert max(errors.values()) < 1e-6


def test_a_forward_between_forward_and_backward_is_caught(split, tiny):
    network, loss = digits_mlp(seed=0), SoftmaxCrossEntropy()
    other = split.x_train[20:40]
    step_by_hand(network, loss, *tiny, between=lambda net: net.predict_labels(other))
    errors = gradient_errors(network, loss, *tiny, seed=0)
    assert errors[(0, "W")] > 1e-2 and errors[(2, "W")] > 1e-2
    assert errors[(2, "b")] < 1e-6  # the loss's own gradient, untouched by the slip


def test_a_relu_without_its_mask_is_caught(tiny):
    network, loss = drop_relu_mask(digits_mlp(seed=0)), SoftmaxCrossEntropy()
    step_by_hand(network, loss, *tiny)
    errors = gradient_errors(network, loss, *tiny, seed=0)
    assert errors[(0, "W")] > 1e-2 and errors[(0, "b")] > 1e-2
    assert errors[(2, "W")] < 1e-6 and errors[(2, "b")] < 1e-6


def test_gradient_errors_leaves_the_parameters_as_they_were(tiny):
    network, loss = digits_mlp(seed=0), SoftmaxCrossEntropy()
    step_by_hand(network, loss, *tiny)
    saved = [layer_vector(layer).copy() for layer in network.layers[::2]]
    gradient_errors(network, loss, *tiny, entries=50, seed=1)
    for before, layer in zip(saved, network.layers[::2], strict=True):
        np.testing.assert_array_equal(before, layer_vector(layer))


def test_gradient_errors_is_deterministic_and_follows_its_seed(tiny):
    network, loss = digits_mlp(seed=0), SoftmaxCrossEntropy()
    step_by_hand(network, loss, *tiny)
    first = gradient_errors(network, loss, *tiny, seed=2)
    assert first == gradient_errors(network, loss, *tiny, seed=2)


def test_a_short_parameter_is_checked_whole(tiny):
    """A parameter with fewer entries than asked for is checked entry by entry, all of them."""
    network, loss = digits_mlp(seed=0), SoftmaxCrossEntropy()
    step_by_hand(network, loss, *tiny)
    network.layers[2].grads["b"] = network.layers[2].grads["b"].copy()
    network.layers[2].grads["b"][7] += 1.0  # one wrong entry of ten
    assert gradient_errors(network, loss, *tiny, entries=10, seed=0)[(2, "b")] > 0.1


def test_gradient_errors_refuses_bad_states_and_arguments(tiny):
    network, loss = digits_mlp(seed=0), SoftmaxCrossEntropy()
    with pytest.raises(InvalidInputError, match="no gradient for 'W' yet"):
        gradient_errors(network, loss, *tiny)
    step_by_hand(network, loss, *tiny)
    with pytest.raises(InvalidInputError, match="entries must be a positive integer"):
        gradient_errors(network, loss, *tiny, entries=0)
    network.layers[2].grads["W"] = np.zeros((3, 3))
    with pytest.raises(InvalidInputError, match=r"grads\['W'\] has shape \(3, 3\)"):
        gradient_errors(network, loss, *tiny)
    step_by_hand(network, loss, *tiny)
    network.layers[2].params["W"] = np.asfortranarray(network.layers[2].params["W"])
    with pytest.raises(InvalidInputError, match="not one contiguous array"):
        gradient_errors(network, loss, *tiny)
    single = digits_mlp(seed=0, dtype=np.float32)
    step_by_hand(single, loss, tiny[0].astype(np.float32), tiny[1])
    with pytest.raises(InvalidTypeError, match="float64"):
        gradient_errors(single, loss, *tiny)
