"""The digits CNN: its layers, its recipe, its gradients, and a short training run."""

import numpy as np
import pytest

from nn_from_scratch.cnn import CNN_CHANNELS, CNN_RECIPE, digits_cnn, image_split
from nn_from_scratch.conv import Conv2D
from nn_from_scratch.digits import DigitsSplit
from nn_from_scratch.flatten import Flatten
from nn_from_scratch.gradient_check import numerical_gradient, relative_error
from nn_from_scratch.layers import Dense, ReLU
from nn_from_scratch.losses import SoftmaxCrossEntropy
from nn_from_scratch.pooling import MaxPool2D
from nn_from_scratch.sequential import Sequential


def test_layers_and_parameter_count():
    network = digits_cnn(seed=0)
    assert [type(layer) for layer in network.layers] == [
        Conv2D, ReLU, MaxPool2D, Conv2D, ReLU, MaxPool2D, Flatten, Dense,
    ]  # fmt: skip
    c1, c2 = CNN_CHANNELS
    expected = (c1 * 9 + c1) + (c2 * c1 * 9 + c2) + (c2 * 4 * 10 + 10)
    assert network.parameter_count() == expected
    logits = network.forward(np.zeros((3, 1, 8, 8)))
    assert logits.shape == (3, 10)


def test_seeds_and_dtypes():
    a, b = digits_cnn(seed=3), digits_cnn(seed=3)
    for layer_a, layer_b in zip(a.layers, b.layers, strict=True):
        for name in layer_a.params:
            np.testing.assert_array_equal(layer_a.params[name], layer_b.params[name])
    assert not np.array_equal(digits_cnn(seed=4).layers[0].params["W"], a.layers[0].params["W"])
    network = digits_cnn(seed=0, dtype=np.float32)
    assert network.forward(np.zeros((2, 1, 8, 8), dtype=np.float32)).dtype == np.float32


def test_recipe():
    assert CNN_RECIPE.epochs <= 30
    assert CNN_RECIPE.batch_size == 32 and CNN_RECIPE.optimizer == "adam"


def test_image_split_only_reshapes():
    x = np.arange(2 * 64, dtype=float).reshape(2, 64)
    split = image_split(DigitsSplit(x, np.array([0, 1]), x[:1], np.array([1])))
    assert split.x_train.shape == (2, 1, 8, 8) and split.x_test.shape == (1, 1, 8, 8)
    np.testing.assert_array_equal(split.x_train[1, 0, 2], x[1, 16:24])


@pytest.mark.parametrize("batch_size, height, width", [(1, 5, 7), (3, 6, 6), (2, 7, 5)])
def test_gradient_of_a_small_cnn(batch_size, height, width):
    """Every parameter and the input, through conv (stride 2, padding 1), pool, flatten, dense."""
    rng = np.random.default_rng(batch_size)
    network = Sequential(
        [
            Conv2D(2, 3, 3, stride=1, padding=1, seed=rng),
            ReLU(),
            MaxPool2D(2),
            Conv2D(3, 4, (2, 3), stride=2, padding=1, seed=rng),
            ReLU(),
            Flatten(),
        ]
    )
    x = rng.normal(size=(batch_size, 2, height, width))
    features = network.forward(x).shape[1]
    network.layers.append(Dense(features, 5, seed=rng))
    for layer in network.layers:
        if "b" in layer.params:
            layer.params["b"][...] = rng.normal(size=layer.params["b"].shape)
    labels = rng.integers(0, 5, size=batch_size)
    loss = SoftmaxCrossEntropy()

    def value():
        return loss.forward(network.forward(x), labels)

    value()
    dL_dinput = network.backward(loss.backward())
    assert relative_error(dL_dinput, numerical_gradient(value, x)) < 1e-6
    for layer in network.layers:
        analytic = {name: grad.copy() for name, grad in layer.grads.items()}
        for name, param in layer.params.items():
            assert relative_error(analytic[name], numerical_gradient(value, param)) < 1e-6


def test_a_short_training_run_learns():
    pytest.importorskip("sklearn", reason="the digits ship with scikit-learn (the digits extra)")
    from nn_from_scratch.cnn import image_split, train_digits_cnn
    from nn_from_scratch.digits import load_digits_split

    calls = []
    network, history = train_digits_cnn(seed=0, epochs=2, progress=lambda *a: calls.append(a))
    assert len(history.train_accuracy) == 2 and history.validation_accuracy == []
    split = image_split(load_digits_split())
    assert np.mean(network.predict_labels(split.x_test) == split.y_test) > 0.8
    assert calls[-1][:3] == (1, 44, 45)  # the second epoch's last batch
    repeat = train_digits_cnn(seed=0, epochs=2)[1]
    assert repeat == history
