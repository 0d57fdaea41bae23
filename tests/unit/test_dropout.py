"""Dropout and the two modes: masks, gradients, the identity in evaluation, and who switches."""

import numpy as np
import pytest

from nn_from_scratch.dropout import Dropout
from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.gradient_check import check_layer, numerical_gradient, relative_error
from nn_from_scratch.layers import Dense, ReLU
from nn_from_scratch.losses import SoftmaxCrossEntropy
from nn_from_scratch.optimizers import SGD
from nn_from_scratch.sequential import Sequential, in_mode
from nn_from_scratch.training import evaluate, fit


def with_fixed_mask(layer, shape):
    """Pin ``layer``'s mask: every forward then multiplies by the same one."""
    mask = layer.draw_mask(shape)
    layer.draw_mask = lambda _shape: mask
    return mask


def test_training_mode_keeps_scaled_entries_and_zeroes_the_others():
    x = np.random.default_rng(0).standard_normal((200, 50))
    layer = Dropout(0.3, seed=1)
    assert layer.training
    output = layer.forward(x)
    kept = output != 0
    np.testing.assert_allclose(output[kept], x[kept] / 0.7, rtol=1e-15)
    np.testing.assert_array_equal(layer.mask != 0, kept)
    # 10,000 draws: the share kept is 0.7 to within a few standard errors (0.0046).
    assert abs(kept.mean() - 0.7) < 0.02


def test_the_scaling_keeps_the_mean():
    x = np.ones((400, 250))
    output = Dropout(0.5, seed=0).forward(x)
    assert set(np.unique(output)) == {0.0, 2.0}
    assert abs(output.mean() - 1.0) < 0.01


def test_backward_uses_the_mask_of_the_last_forward():
    rng = np.random.default_rng(2)
    layer = Dropout(0.5, seed=3)
    layer.forward(rng.standard_normal((4, 6)))
    mask = layer.mask.copy()
    dL_doutput = rng.standard_normal((4, 6))
    kept = dL_doutput.copy()
    np.testing.assert_array_equal(layer.backward(dL_doutput), dL_doutput * mask)
    np.testing.assert_array_equal(dL_doutput, kept)


@pytest.mark.parametrize(("shape", "rate"), [((1, 3), 0.5), ((6, 4), 0.1), ((2, 3, 4, 2), 0.8)])
def test_gradient_in_training_mode_with_a_fixed_mask(shape, rate):
    rng = np.random.default_rng(len(shape))
    layer = Dropout(rate, seed=rng)
    with_fixed_mask(layer, shape)
    errors = check_layer(layer, rng.standard_normal(shape), seed=rng)
    assert max(errors.values()) < 1e-9, errors


def test_gradient_by_hand_with_a_fixed_mask():
    """The same check without check_layer: the slope of sum(forward(x) * G) is G * mask."""
    rng = np.random.default_rng(5)
    layer = Dropout(0.4, seed=rng)
    x = rng.standard_normal((3, 5))
    mask = with_fixed_mask(layer, x.shape)
    G = rng.standard_normal((3, 5))
    numerical = numerical_gradient(lambda: float(np.sum(layer.forward(x) * G)), x)
    layer.forward(x)
    assert relative_error(layer.backward(G), numerical) < 1e-9
    np.testing.assert_allclose(numerical, G * mask, atol=1e-8)


def test_evaluation_mode_is_the_identity_forward_and_backward():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 7))
    layer = Dropout(0.9, seed=0)
    layer.training = False
    assert layer.forward(x) is x
    assert layer.mask is None
    dL_doutput = rng.standard_normal((5, 7))
    np.testing.assert_array_equal(layer.backward(dL_doutput), dL_doutput)
    errors = check_layer(layer, x, seed=1)
    assert set(errors) == {"input"} and errors["input"] < 1e-9


def test_rate_zero_keeps_everything():
    x = np.random.default_rng(0).standard_normal((3, 4))
    np.testing.assert_array_equal(Dropout(0.0, seed=0).forward(x), x)


def test_a_seed_gives_the_same_masks_and_masks_change_between_calls():
    x = np.ones((8, 8))
    a, b = Dropout(0.5, seed=7), Dropout(0.5, seed=7)
    first = a.forward(x)
    np.testing.assert_array_equal(first, b.forward(x))
    assert not np.array_equal(first, a.forward(x))


def test_float32_stays_float32():
    x = np.ones((4, 4), dtype=np.float32)
    layer = Dropout(0.25, seed=0)
    assert layer.forward(x).dtype == np.float32
    assert layer.backward(np.ones((4, 4), dtype=np.float32)).dtype == np.float32


def test_config_and_repr():
    layer = Dropout(0.5, seed=3)
    assert layer.config() == {"rate": 0.5}
    assert repr(layer) == "Dropout(0.5)"
    assert layer.params == {} and layer.grads == {}


@pytest.mark.parametrize(
    ("rate", "error", "match"),
    [
        (1.0, InvalidInputError, r"rate must be in \[0, 1\); got 1"),
        (1.5, InvalidInputError, r"rate must be in \[0, 1\)"),
        (-0.1, InvalidInputError, r"rate must be in \[0, 1\)"),
        (float("nan"), InvalidInputError, r"rate must be in \[0, 1\)"),
        ("0.5", InvalidTypeError, r"rate must be a number in \[0, 1\); got '0.5'"),
        (True, InvalidTypeError, "rate must be a number"),
        (None, InvalidTypeError, "rate must be a number"),
    ],
)
def test_bad_rate(rate, error, match):
    with pytest.raises(error, match=match):
        Dropout(rate)


def test_bad_seed():
    with pytest.raises(InvalidInputError, match="seed must be a whole number >= 0"):
        Dropout(0.5, seed=-1)


# The two modes -------------------------------------------------------------


class ModeSpy(ReLU):
    """A ReLU that notes the mode of every forward."""

    def __init__(self):
        super().__init__()
        self.modes = []

    def forward(self, x):
        self.modes.append(self.training)
        return super().forward(x)


class Flagless:
    """A layer of one's own, without the Layer base and its flag."""

    def __init__(self):
        self.params, self.grads = {}, {}

    def forward(self, x):
        return x

    def backward(self, dL_doutput):
        return dL_doutput


def blobs(n=24, seed=0):
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 3
    centres = np.array([[0.0, 3.0], [3.0, -2.0], [-3.0, -2.0]])
    return centres[labels] + rng.standard_normal((n, 2)) * 0.5, labels


def spied_network(rate=0.5, seed=0):
    rng = np.random.default_rng(seed)
    spy = ModeSpy()
    network = Sequential(
        [Dense(2, 16, seed=rng), spy, Dropout(rate, seed=rng), Flagless(), Dense(16, 3, seed=rng)]
    )
    return network, spy


def flags(network):
    return [getattr(layer, "training", None) for layer in network.layers]


def test_in_mode_sets_and_restores_each_flag_and_leaves_flagless_layers_alone():
    network, _ = spied_network()
    network.layers[2].training = False  # a layer already in evaluation mode
    before = flags(network)
    with in_mode(network, training=False):
        assert flags(network) == [False, False, False, None, False]
    assert flags(network) == before
    with in_mode(network, training=True):
        assert flags(network) == [True, True, True, None, True]
    assert flags(network) == before
    assert not hasattr(network.layers[3], "training")


def test_in_mode_restores_after_an_error():
    network, _ = spied_network()
    with pytest.raises(RuntimeError), in_mode(network, training=False):
        raise RuntimeError("inside")
    assert flags(network) == [True, True, True, None, True]


@pytest.mark.parametrize("with_validation", [False, True])
def test_fit_trains_in_training_mode_and_probes_and_validates_in_evaluation_mode(
    with_validation,
):
    x, labels = blobs()  # 24 samples: 3 batches of 8 per epoch
    network, spy = spied_network()
    for layer in network.layers[:3]:
        layer.training = False  # fit switches them on, then back off
    validation = (x[:9], labels[:9]) if with_validation else None
    fit(
        network, SoftmaxCrossEntropy(), SGD(network), x, labels, 2, 8, seed=0, validation=validation
    )
    probes = [False, False] if with_validation else [False]
    epoch = [True] * 3 + ([False] if with_validation else [])
    assert spy.modes == probes + epoch * 2
    assert flags(network) == [False, False, False, None, True]


def test_evaluate_and_predict_labels_run_in_evaluation_mode_and_restore_it():
    x, labels = blobs()
    network, spy = spied_network(rate=0.9)
    evaluate(network, SoftmaxCrossEntropy(), x, labels)
    network.predict_labels(x)
    assert spy.modes and not any(spy.modes)
    assert flags(network) == [True, True, True, None, True]


def test_a_network_with_dropout_predicts_without_chance():
    x, labels = blobs()
    network, _ = spied_network(rate=0.9)
    first = network.predict_labels(x)
    np.testing.assert_array_equal(network.predict_labels(x), first)
    # The same network without its Dropout: the same answers.
    without = Sequential([layer for layer in network.layers if not isinstance(layer, Dropout)])
    np.testing.assert_array_equal(without.predict_labels(x), first)
    # In training mode the answers are random.
    logits = [network.forward(x) for _ in range(2)]
    assert not np.array_equal(*logits)


def test_training_with_dropout_is_reproducible_with_seeds():
    x, labels = blobs()

    def run():
        network, _ = spied_network(seed=4)
        history = fit(network, SoftmaxCrossEntropy(), SGD(network), x, labels, 3, 8, seed=1)
        return history.train_loss, network.layers[0].params["W"]

    (loss_a, W_a), (loss_b, W_b) = run(), run()
    assert loss_a == loss_b
    np.testing.assert_array_equal(W_a, W_b)
