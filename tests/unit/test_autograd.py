"""The scalar autograd: each primitive's derivative, the chain rule through a graph, Part I's
gradients to 1e-12, and finite differences."""

import math

import numpy as np
import pytest

from nn_from_scratch import backprop_gradients, forward_pass, sum_squared_error
from nn_from_scratch.autograd import (
    MAX_EXP,
    Value,
    article_loss,
    as_value,
    grads,
    sigmoid_value,
    topological_order,
    value_array,
)
from nn_from_scratch.errors import InvalidInputError
from nn_from_scratch.gradient_check import numerical_gradient, relative_error
from nn_from_scratch.network import NeuralNetwork


def derivative(f, x, h=1e-6):
    """Central difference of a float function."""
    return (f(x + h) - f(x - h)) / (2 * h)


@pytest.mark.parametrize(
    "build, plain",
    [
        (lambda v: v + 3.0, lambda x: x + 3.0),
        (lambda v: 3.0 + v, lambda x: 3.0 + x),
        (lambda v: v * v, lambda x: x * x),
        (lambda v: 2.5 * v, lambda x: 2.5 * x),
        (lambda v: v.exp(), math.exp),
        (lambda v: v.log(), math.log),
        (lambda v: -v, lambda x: -x),
        (lambda v: v - 1.5, lambda x: x - 1.5),
        (lambda v: 1.5 - v, lambda x: 1.5 - x),
        (lambda v: v / 4.0, lambda x: x / 4.0),
        (lambda v: 4.0 / v, lambda x: 4.0 / x),
        (lambda v: v / v.exp(), lambda x: x / math.exp(x)),
        (sigmoid_value, lambda x: 1 / (1 + math.exp(-x))),
    ],
)
@pytest.mark.parametrize("x", [0.3, 1.7])
def test_every_operation_has_the_value_and_slope_of_the_plain_function(build, plain, x):
    v = Value(x)
    out = build(v)
    out.backward()
    assert out.data == pytest.approx(plain(x), rel=1e-15)
    assert v.grad == pytest.approx(derivative(plain, x), rel=1e-8)


def test_a_value_used_twice_adds_both_paths():
    """d/dx of x * x + x is 2x + 1: the chain rule sums over every way x reaches the result."""
    x = Value(3.0)
    y = x * x + x
    y.backward()
    assert (y.data, x.grad) == (12.0, 7.0)


def test_backward_starts_afresh_each_time():
    x = Value(2.0)
    y = x * x
    y.backward()
    y.backward()
    assert x.grad == 4.0


def test_the_order_puts_every_value_after_its_parents():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    e = d * c
    order = topological_order(e)
    assert order[-1] is e and len(order) == len(set(order)) == 5
    position = {value: i for i, value in enumerate(order)}
    for value in order:
        assert all(position[parent] < position[value] for parent in value.parents)


def test_a_long_chain_needs_no_recursion():
    x = Value(1.0)
    total = x
    for _ in range(20_000):
        total = total + x
    total.backward()
    assert x.grad == 20_001.0


def test_constants_become_values_and_values_stay():
    v = Value(1.0)
    assert as_value(v) is v
    c = as_value(2)
    assert (c.data, c.parents, c.grad) == (2.0, (), 0.0)
    assert repr(Value(0.5)) == "Value(data=0.5, grad=0)"


def test_out_of_range_arguments_get_clear_errors():
    with pytest.raises(InvalidInputError, match="log needs a positive number; got 0.0"):
        Value(0.0).log()
    with pytest.raises(InvalidInputError, match="too large for a float"):
        Value(MAX_EXP + 1).exp()
    assert math.isfinite(Value(MAX_EXP).exp().data)


@pytest.mark.parametrize("seed", [0, 1, 2018])
def test_the_article_network_gets_part_ones_gradients(article_data, seed):
    x, y = article_data
    network = NeuralNetwork(x, y, seed=seed)
    weights1, weights2 = value_array(network.weights1), value_array(network.weights2)
    loss = article_loss(x, y, weights1, weights2)
    loss.backward()
    layer1, output = forward_pass(x, network.weights1, network.weights2)
    dL_dW1, dL_dW2 = backprop_gradients(x, y, layer1, output, network.weights2)
    assert loss.data == pytest.approx(sum_squared_error(y, output), abs=1e-12)
    np.testing.assert_allclose(grads(weights1), dL_dW1, rtol=0, atol=1e-12)
    np.testing.assert_allclose(grads(weights2), dL_dW2, rtol=0, atol=1e-12)


def test_the_article_network_passes_finite_differences(article_data):
    x, y = article_data
    rng = np.random.default_rng(7)
    weights1, weights2 = rng.normal(size=(3, 4)), rng.normal(size=(4, 1))
    values1, values2 = value_array(weights1), value_array(weights2)
    article_loss(x, y, values1, values2).backward()

    def loss():
        return sum_squared_error(y, forward_pass(x, weights1, weights2)[1])

    assert relative_error(grads(values1), numerical_gradient(loss, weights1)) < 1e-7
    assert relative_error(grads(values2), numerical_gradient(loss, weights2)) < 1e-7


def test_value_arrays_keep_the_shape():
    values = value_array([[1.0, 2.0, 3.0]])
    assert values.shape == (1, 3) and values.dtype == object
    assert [v.data for v in values.ravel()] == [1.0, 2.0, 3.0]
    assert grads(values).tolist() == [[0.0, 0.0, 0.0]]
