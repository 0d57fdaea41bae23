"""Optimisers: in-place updates, the textbook equations, replaced parameters, bad input."""

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.layers import Dense, ReLU
from nn_from_scratch.optimizers import SGD, Adam, RMSProp, adam_step_in_learning_rates
from nn_from_scratch.sequential import Sequential


def layers_with_grads(seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    layers = [Dense(3, 4, seed=rng, dtype=dtype), ReLU(), Dense(4, 2, seed=rng, dtype=dtype)]
    for layer in layers:
        for name, param in layer.params.items():
            layer.grads[name] = rng.standard_normal(param.shape).astype(dtype)
    return layers


@pytest.mark.parametrize(
    "make", [lambda ls: SGD(ls, 0.1, momentum=0.9), lambda ls: RMSProp(ls), lambda ls: Adam(ls)]
)
def test_updates_happen_in_place(make):
    layers = layers_with_grads()
    arrays = [p for layer in layers for p in layer.params.values()]
    before = [a.copy() for a in arrays]
    make(layers).step()
    after = [p for layer in layers for p in layer.params.values()]
    assert all(a is b for a, b in zip(arrays, after, strict=True))
    assert all(not np.array_equal(a, b) for a, b in zip(arrays, before, strict=True))


def test_sgd_without_momentum_is_plain_gradient_descent():
    layers = layers_with_grads(1)
    expected = [
        [p - 0.05 * layer.grads[name] for name, p in layer.params.items()] for layer in layers
    ]
    optimizer = SGD(layers, learning_rate=0.05)
    optimizer.step()
    for layer, wanted in zip(layers, expected, strict=True):
        for param, value in zip(layer.params.values(), wanted, strict=True):
            np.testing.assert_array_equal(param, value)


def test_sgd_momentum_accumulates_velocity():
    layers = layers_with_grads(2)
    W = layers[0].params["W"]
    start, grad = W.copy(), layers[0].grads["W"].copy()
    optimizer = SGD(layers, learning_rate=0.1, momentum=0.5)
    optimizer.step()
    optimizer.step()  # the same gradient twice: velocity = g, then 1.5 g
    np.testing.assert_allclose(W, start - 0.1 * grad - 0.1 * 1.5 * grad, rtol=1e-12)


def test_adam_first_step_has_size_learning_rate():
    layers = layers_with_grads(3)
    W = layers[0].params["W"]
    start = W.copy()
    Adam(layers, learning_rate=0.01).step()
    np.testing.assert_allclose(np.abs(W - start), 0.01, rtol=1e-6)
    np.testing.assert_array_equal(np.sign(start - W), np.sign(layers[0].grads["W"]))


def test_adam_matches_the_textbook_equations_for_every_parameter():
    """One long vector and the paper's order of operations change nothing but rounding."""
    layers = layers_with_grads(4)
    slots = [(layer, name) for layer in layers for name in layer.params]
    value = {slot: slot[0].params[slot[1]].copy() for slot in slots}
    m = {slot: 0.0 for slot in slots}
    v = {slot: 0.0 for slot in slots}
    optimizer = Adam(layers, learning_rate=0.003, beta1=0.8, beta2=0.99, epsilon=1e-4)
    rng = np.random.default_rng(0)
    for t in range(1, 6):
        for slot in slots:
            layer, name = slot
            grad = layer.grads[name] = rng.standard_normal(layer.params[name].shape)
            m[slot] = 0.8 * m[slot] + 0.2 * grad
            v[slot] = 0.99 * v[slot] + 0.01 * grad**2
            m_hat, v_hat = m[slot] / (1 - 0.8**t), v[slot] / (1 - 0.99**t)
            value[slot] -= 0.003 * m_hat / (np.sqrt(v_hat) + 1e-4)
        optimizer.step()
        for (layer, name), expected in value.items():
            np.testing.assert_allclose(layer.params[name], expected, rtol=1e-12, atol=1e-15)


def test_rmsprop_first_step_is_learning_rate_over_root_of_one_minus_rho():
    """No bias correction: v starts at 0, so the first step is eta / sqrt(1 - rho) in size."""
    layers = layers_with_grads(5)
    W = layers[0].params["W"]
    start = W.copy()
    RMSProp(layers, learning_rate=0.01, rho=0.9, epsilon=1e-15).step()
    np.testing.assert_allclose(np.abs(W - start), 0.01 / np.sqrt(0.1), rtol=1e-6)
    np.testing.assert_array_equal(np.sign(start - W), np.sign(layers[0].grads["W"]))


def test_rmsprop_matches_the_textbook_equations_for_every_parameter():
    layers = layers_with_grads(6)
    slots = [(layer, name) for layer in layers for name in layer.params]
    value = {slot: slot[0].params[slot[1]].copy() for slot in slots}
    v = {slot: 0.0 for slot in slots}
    optimizer = RMSProp(layers, learning_rate=0.003, rho=0.8, epsilon=1e-4)
    rng = np.random.default_rng(1)
    for _ in range(5):
        for slot in slots:
            layer, name = slot
            grad = layer.grads[name] = rng.standard_normal(layer.params[name].shape)
            v[slot] = 0.8 * v[slot] + 0.2 * grad**2
            value[slot] -= 0.003 * grad / (np.sqrt(v[slot]) + 1e-4)
        optimizer.step()
        for (layer, name), expected in value.items():
            np.testing.assert_allclose(layer.params[name], expected, rtol=1e-12, atol=1e-15)


def test_rmsprop_steps_alike_whatever_the_size_of_the_gradients():
    """sqrt(v) is the typical size of a parameter's gradients, so the steps do not scale with it."""
    sizes = []
    for scale in (1e-4, 1.0, 1e4):
        layers = layers_with_grads(7)
        W = layers[0].params["W"]
        start = W.copy()
        optimizer = RMSProp(layers, learning_rate=0.01)
        rng = np.random.default_rng(2)
        for _ in range(20):
            layers[0].grads["W"] = scale * (1.0 + 0.3 * rng.standard_normal(W.shape))
            optimizer.step()
        sizes.append(np.abs(W - start))
    np.testing.assert_allclose(sizes[0], sizes[1], rtol=1e-3)
    np.testing.assert_allclose(sizes[2], sizes[1], rtol=1e-6)


def test_adam_step_in_learning_rates_is_each_entrys_last_step_over_eta():
    layers = layers_with_grads(8)
    optimizer = Adam(layers, learning_rate=0.01)
    with pytest.raises(InvalidInputError, match="not taken a step"):
        adam_step_in_learning_rates(optimizer)
    rng = np.random.default_rng(3)
    for t in range(1, 4):
        for layer in layers:
            for name, param in layer.params.items():
                layer.grads[name] = rng.standard_normal(param.shape)
        before = np.concatenate(
            [p.ravel().copy() for layer in layers for p in layer.params.values()]
        )
        optimizer.step()
        after = np.concatenate([p.ravel() for layer in layers for p in layer.params.values()])
        ratios = adam_step_in_learning_rates(optimizer)
        np.testing.assert_allclose(ratios, np.abs(after - before) / 0.01, rtol=1e-9)
        if t == 1:
            np.testing.assert_allclose(ratios, 1.0, rtol=1e-6)  # m_hat = g, v_hat = g**2
    with pytest.raises(InvalidTypeError, match="Adam optimiser"):
        adam_step_in_learning_rates(SGD(layers))


@pytest.mark.parametrize(
    "make", [lambda ls: SGD(ls, 0.1, momentum=0.9), lambda ls: RMSProp(ls), lambda ls: Adam(ls)]
)
def test_float32_state_stays_float32(make):
    layers = layers_with_grads(dtype=np.float32)
    make(layers).step()
    assert all(p.dtype == np.float32 for layer in layers for p in layer.params.values())


def test_accepts_a_sequential_and_layers_without_params():
    network = Sequential(layers_with_grads())
    optimizer = SGD(network)
    assert optimizer.layers == network.layers
    assert sum(p.size for _, p, _ in optimizer.parameters()) == network.parameter_count()
    SGD([ReLU()]).step()  # nothing to train: a no-op
    RMSProp([ReLU()]).step()
    Adam([ReLU()]).step()


@pytest.mark.parametrize(
    "make", [lambda ls: SGD(ls, 0.1, momentum=0.9), lambda ls: RMSProp(ls), lambda ls: Adam(ls)]
)
def test_a_parameter_replaced_by_a_new_array_is_the_one_trained(make):
    layers = layers_with_grads()
    optimizer = make(layers)
    optimizer.step()
    old = layers[0].params["W"]
    new = old + 1.0  # as when weights are loaded by assignment
    layers[0].params["W"] = new
    kept_old, start = old.copy(), new.copy()
    optimizer.step()
    assert layers[0].params["W"] is new and not np.array_equal(new, start)
    np.testing.assert_array_equal(old, kept_old)  # the stale array is left alone


@pytest.mark.parametrize(
    "make", [lambda ls: SGD(ls, 0.1, momentum=0.9), lambda ls: RMSProp(ls), lambda ls: Adam(ls)]
)
def test_a_parameter_of_another_shape_is_refused_before_anything_changes(make):
    layers = layers_with_grads()
    optimizer = make(layers)
    layers[2].params["W"] = np.zeros((4, 5))
    layers[2].grads["W"] = np.zeros((4, 5))
    before = [p.copy() for layer in layers for p in layer.params.values()]
    with pytest.raises(InvalidInputError) as info:
        optimizer.step()
    assert str(info.value) == (
        "layers[2].params['W'] has shape (4, 5), but had (4, 2) when the optimiser was built: "
        "build a new optimiser"
    )
    after = [p for layer in layers for p in layer.params.values()]
    assert all(np.array_equal(a, b) for a, b in zip(before, after, strict=True))


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda ls: SGD(ls, learning_rate=0), InvalidInputError, "learning_rate"),
        (lambda ls: SGD(ls, learning_rate=float("nan")), InvalidInputError, "learning_rate"),
        (lambda ls: SGD(ls, learning_rate="0.1"), InvalidTypeError, "learning_rate"),
        (lambda ls: SGD(ls, momentum=1.0), InvalidInputError, "momentum"),
        (lambda ls: SGD(ls, momentum=-0.1), InvalidInputError, "momentum"),
        (lambda ls: RMSProp(ls, learning_rate=0.0), InvalidInputError, "learning_rate"),
        (lambda ls: RMSProp(ls, rho=1.0), InvalidInputError, "rho"),
        (lambda ls: RMSProp(ls, rho="0.9"), InvalidTypeError, "rho"),
        (lambda ls: RMSProp(ls, epsilon=-1e-8), InvalidInputError, "epsilon"),
        (lambda ls: RMSProp([3]), InvalidTypeError, "layers\\[0\\]"),
        (lambda ls: Adam(ls, learning_rate=-1e-3), InvalidInputError, "learning_rate"),
        (lambda ls: Adam(ls, beta1=1.0), InvalidInputError, "beta1"),
        (lambda ls: Adam(ls, beta2=None), InvalidTypeError, "beta2"),
        (lambda ls: Adam(ls, epsilon=0), InvalidInputError, "epsilon"),
        (lambda ls: Adam(5), InvalidTypeError, "layers"),
        (lambda ls: Adam([object()]), InvalidTypeError, "layers\\[0\\]"),
    ],
)
def test_bad_arguments(make, error, match):
    with pytest.raises(error, match=match):
        make(layers_with_grads())
