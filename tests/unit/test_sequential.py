"""Sequential: gradients of a whole network, prediction, parameter count, bad input."""

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.gradient_check import numerical_gradient, relative_error
from nn_from_scratch.layers import Dense, LeakyReLU, ReLU, Sigmoid, Tanh
from nn_from_scratch.losses import SoftmaxCrossEntropy
from nn_from_scratch.sequential import Sequential, forward_checked, parameter_dtype


def small_network(seed):
    rng = np.random.default_rng(seed)
    return Sequential(
        [
            Dense(5, 6, seed=rng),
            Tanh(),
            Dense(6, 4, seed=rng, init="xavier"),
            LeakyReLU(0.1),
            Dense(4, 4, seed=rng),
            Sigmoid(),
            Dense(4, 3, seed=rng),
            ReLU(),
            Dense(3, 3, seed=rng),
        ]
    )


@pytest.mark.parametrize("batch", [1, 4])
def test_whole_network_gradients(batch):
    rng = np.random.default_rng(batch)
    network = small_network(batch)
    x = rng.standard_normal((batch, 5))
    labels = rng.integers(0, 3, batch)
    loss = SoftmaxCrossEntropy()

    def value():
        return loss.forward(network.forward(x), labels)

    value()
    dL_dinput = network.backward(loss.backward())
    analytic = {
        (i, name): layer.grads[name].copy()
        for i, layer in enumerate(network.layers)
        for name in layer.params
    }
    assert relative_error(dL_dinput, numerical_gradient(value, x)) < 1e-6
    for (i, name), grad in analytic.items():
        numerical = numerical_gradient(value, network.layers[i].params[name])
        assert relative_error(grad, numerical) < 1e-6, (i, name)


def test_predict_labels_is_argmax_in_batches():
    network = small_network(0)
    x = np.random.default_rng(1).standard_normal((11, 5))
    expected = network.forward(x).argmax(axis=1)
    np.testing.assert_array_equal(network.predict_labels(x, batch_size=3), expected)
    np.testing.assert_array_equal(network.predict_labels(x.tolist()), expected)


def test_parameter_count():
    network = Sequential([Dense(64, 128, seed=0), ReLU(), Dense(128, 10, seed=0)])
    assert network.parameter_count() == 64 * 128 + 128 + 128 * 10 + 10
    assert parameter_dtype(network) == np.float64
    assert parameter_dtype(Sequential([ReLU()])) == np.float64


def test_bad_input():
    network = small_network(0)
    with pytest.raises(InvalidInputError, match="does not fit"):
        network.predict_labels(np.ones((2, 4)))
    with pytest.raises(InvalidInputError, match="finite"):
        network.predict_labels(np.full((2, 5), np.nan))
    with pytest.raises(InvalidInputError, match="2-D"):
        network.predict_labels(np.ones(5))
    with pytest.raises(InvalidTypeError, match="real numbers"):
        network.predict_labels(np.array([["a"] * 5]))
    with pytest.raises(InvalidInputError, match="batch_size"):
        network.predict_labels(np.ones((2, 5)), batch_size=0)
    with pytest.raises(InvalidInputError, match="2-D array"):
        Sequential([ReLU()]).predict_labels(np.ones((2, 2, 2)))
    with pytest.raises(InvalidInputError, match="at least one layer"):
        Sequential([])
    with pytest.raises(InvalidTypeError, match="layers\\[1\\]"):
        Sequential([ReLU(), "dense"])


def test_a_layer_that_does_not_fit_is_named_with_the_real_shape_of_x():
    network = Sequential([Dense(64, 8, seed=0), ReLU(), Dense(8, 10, seed=0)])
    cases = [
        (
            np.ones((10, 60)),
            "x of shape (10, 60) does not fit the network's layers: "
            "layers[0], a Dense, expects 64 features per sample; got 60",
        ),
        (
            np.ones((10, 1, 8, 8)),
            "x of shape (10, 1, 8, 8) does not fit the network's layers: "
            "layers[0], a Dense, expects 2-D input with 64 features per sample; got 4-D",
        ),
    ]
    for x, message in cases:
        with pytest.raises(InvalidInputError) as info:
            network.predict_labels(x)
        assert str(info.value).splitlines()[0] == message
    with pytest.raises(InvalidInputError) as info:
        forward_checked(Sequential([Dense(2, 3, seed=0), Dense(4, 2, seed=0)]), np.ones((5, 2)))
    assert str(info.value) == (
        "x of shape (5, 2) does not fit the network's layers: "
        "layers[1], a Dense, expects 4 features per sample; got 3"
    )


def test_another_layer_that_refuses_its_input_is_quoted():
    class Picky(ReLU):
        def forward(self, x):
            raise InvalidInputError("Picky wants nothing")

    with pytest.raises(InvalidInputError) as info:
        Sequential([Picky()]).predict_labels(np.ones((3, 2)))
    assert str(info.value) == (
        "x of shape (3, 2) does not fit the network's layers: "
        "layers[0], a Picky, refuses its first sample: Picky wants nothing"
    )


def test_repr_is_the_code_that_builds_the_network():
    network = small_network(0)
    text = repr(network)
    assert text == (
        "Sequential([\n"
        "    Dense(5, 6),\n"
        "    Tanh(),\n"
        "    Dense(6, 4, init='xavier'),\n"
        "    LeakyReLU(slope=0.1),\n"
        "    Dense(4, 4),\n"
        "    Sigmoid(),\n"
        "    Dense(4, 3),\n"
        "    ReLU(),\n"
        "    Dense(3, 3),\n"
        "])"
    )
    namespace = {"Sequential": Sequential, "Dense": Dense, "LeakyReLU": LeakyReLU}
    namespace.update(ReLU=ReLU, Sigmoid=Sigmoid, Tanh=Tanh)
    rebuilt = eval(text, namespace)
    assert [layer.config() for layer in rebuilt.layers] == [
        layer.config() for layer in network.layers
    ]
    assert repr(rebuilt) == text
