"""Weight decay: the L2 penalty and its gradient, coupled (L2WeightDecay) and decoupled (AdamW)."""

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.gradient_check import numerical_gradient, relative_error
from nn_from_scratch.layers import Dense, ReLU
from nn_from_scratch.losses import SoftmaxCrossEntropy
from nn_from_scratch.optimizers import SGD, Adam
from nn_from_scratch.sequential import Sequential
from nn_from_scratch.training import fit
from nn_from_scratch.weight_decay import DECAYED, AdamW, L2WeightDecay, l2_penalty


def network(seed=0):
    rng = np.random.default_rng(seed)
    net = Sequential([Dense(3, 4, seed=rng), ReLU(), Dense(4, 2, seed=rng)])
    for layer in net.layers[::2]:
        layer.params["b"][...] = rng.standard_normal(layer.params["b"].shape)
    return net


def set_gradients(net, rng):
    """Give every parameter a random gradient, as a backward would."""
    for layer in net.layers:
        for name, param in layer.params.items():
            layer.grads[name] = rng.standard_normal(param.shape)


def copies(net, store="params"):
    return [
        {name: value.copy() for name, value in getattr(layer, store).items()}
        for layer in net.layers
    ]


class NoStep(SGD):
    """An optimiser whose step changes nothing: what L2WeightDecay adds stays in grads."""

    def step(self):
        pass


def test_the_weights_decay_not_the_biases():
    assert DECAYED == ("W",)
    net = network()
    weights = sum(float(np.sum(layer.params["W"] ** 2)) for layer in net.layers[::2])
    biases = sum(float(np.sum(layer.params["b"] ** 2)) for layer in net.layers[::2])
    assert l2_penalty(net, 0.3) == pytest.approx(0.15 * weights, rel=1e-15)
    assert l2_penalty(net.layers, 0.3, decayed=("W", "b")) == pytest.approx(
        0.15 * (weights + biases), rel=1e-15
    )


@pytest.mark.parametrize("decayed", [("W",), ("W", "b")])
def test_the_penalty_gradient_is_what_the_coupled_decay_adds(decayed):
    """Finite differences of (λ/2)‖θ‖² against the λθ that L2WeightDecay adds to grads."""
    net = network(1)
    weight_decay = 0.7
    zero = copies(net)  # the gradient of the data loss: zero, so only the penalty remains
    for layer, kept in zip(net.layers, zero, strict=True):
        layer.grads.update({name: np.zeros_like(value) for name, value in kept.items()})
    L2WeightDecay(NoStep(net), weight_decay, decayed).step()  # grads += λθ, no step
    for layer in net.layers:
        for name, param in layer.params.items():
            numerical = numerical_gradient(lambda: l2_penalty(net, weight_decay, decayed), param)
            if name in decayed:
                assert relative_error(layer.grads[name], numerical) < 1e-9
            else:
                assert not layer.grads[name].any() and not numerical.any()


def test_coupled_decay_with_sgd_is_sgd_on_the_penalised_gradient():
    rng = np.random.default_rng(3)
    ours, reference = network(2), network(2)
    optimizer = L2WeightDecay(SGD(ours, 0.1, momentum=0.9), 0.05)
    plain = SGD(reference, 0.1, momentum=0.9)
    for _ in range(4):
        set_gradients(ours, rng)
        for layer, own in zip(reference.layers, ours.layers, strict=True):
            for name, grad in own.grads.items():
                extra = 0.05 * layer.params[name] if name == "W" else 0.0
                layer.grads[name] = grad + extra
        optimizer.step()
        plain.step()
    for mine, theirs in zip(copies(ours), copies(reference), strict=True):
        for name in mine:
            np.testing.assert_allclose(mine[name], theirs[name], rtol=1e-14, atol=1e-15)


def test_the_wrapper_offers_the_layers_so_fit_checks_them():
    x = np.random.default_rng(0).standard_normal((12, 3))
    labels = np.arange(12) % 2
    net = network()
    history = fit(
        net, SoftmaxCrossEntropy(), L2WeightDecay(Adam(net, 0.01), 1e-3), x, labels, 2, 4, seed=0
    )
    assert len(history.train_loss) == 2
    other = network()
    with pytest.raises(InvalidInputError, match="optimizer was built for another network"):
        fit(
            net,
            SoftmaxCrossEntropy(),
            L2WeightDecay(Adam(other), 1e-3),
            x,
            labels,
            1,
            4,
        )


def test_adamw_with_a_zero_gradient_only_shrinks_the_weights():
    net = network(4)
    before = copies(net)
    optimizer = AdamW(net, learning_rate=0.01, weight_decay=0.5)
    for _ in range(10):
        for layer in net.layers:
            layer.grads.update({k: np.zeros_like(v) for k, v in layer.params.items()})
        optimizer.step()
    for layer, kept in zip(net.layers, before, strict=True):
        for name, value in kept.items():
            factor = (1 - 0.005) ** 10 if name == "W" else 1.0
            np.testing.assert_allclose(layer.params[name], value * factor, rtol=1e-14)


def test_adamw_shrinks_first_then_takes_adams_step():
    rng = np.random.default_rng(5)
    ours, reference = network(6), network(6)
    optimizer = AdamW(ours, learning_rate=0.01, weight_decay=0.2, decayed=("W", "b"))
    adam = Adam(reference, learning_rate=0.01)
    for _ in range(3):
        set_gradients(ours, rng)
        for layer, own in zip(reference.layers, ours.layers, strict=True):
            layer.grads.update({k: v.copy() for k, v in own.grads.items()})
            for param in layer.params.values():
                param *= 1 - 0.01 * 0.2
        optimizer.step()
        adam.step()
    for mine, theirs in zip(copies(ours), copies(reference), strict=True):
        for name in mine:
            np.testing.assert_array_equal(mine[name], theirs[name])


def test_adamw_keeps_adams_settings_and_checks():
    optimizer = AdamW(network(), learning_rate=0.002, beta1=0.8, beta2=0.99, epsilon=1e-7)
    assert (optimizer.learning_rate, optimizer.beta1, optimizer.beta2, optimizer.epsilon) == (
        0.002,
        0.8,
        0.99,
        1e-7,
    )
    assert optimizer.weight_decay == 0.01 and optimizer.decayed == ("W",)
    with pytest.raises(InvalidInputError, match="beta1 must be in"):
        AdamW(network(), beta1=1.0)


@pytest.mark.parametrize(
    ("weight_decay", "error", "match"),
    [
        (0.0, InvalidInputError, "weight_decay must be a positive finite number; got 0.0"),
        (-1e-3, InvalidInputError, "weight_decay must be a positive finite number"),
        (float("inf"), InvalidInputError, "weight_decay must be a positive finite number"),
        ("0.1", InvalidTypeError, "weight_decay must be a positive finite number"),
        (None, InvalidTypeError, "weight_decay must be a positive finite number"),
    ],
)
def test_bad_weight_decay(weight_decay, error, match):
    net = network()
    for make in (
        lambda: L2WeightDecay(SGD(net), weight_decay),
        lambda: AdamW(net, weight_decay=weight_decay),
        lambda: l2_penalty(net, weight_decay),
    ):
        with pytest.raises(error, match=match):
            make()


def test_a_decay_that_would_flip_the_weights_is_refused():
    with pytest.raises(InvalidInputError, match=r"learning_rate \* weight_decay must be below 1"):
        AdamW(network(), learning_rate=0.5, weight_decay=2.0)


@pytest.mark.parametrize(
    ("decayed", "match"),
    [
        ("W", "decayed must be a tuple of parameter names, such as"),
        (3, "decayed must be a tuple of parameter names; got int"),
        (("W", 1), "decayed must hold parameter names"),
    ],
)
def test_bad_decayed(decayed, match):
    with pytest.raises(InvalidTypeError, match=match):
        L2WeightDecay(SGD(network()), 0.1, decayed)
    with pytest.raises(InvalidTypeError, match=match):
        AdamW(network(), decayed=decayed)


def test_the_wrapped_optimizer_must_be_one():
    with pytest.raises(InvalidTypeError, match="optimizer must be an optimiser"):
        L2WeightDecay(network(), 0.1)
