"""Our layers, losses and optimisers against PyTorch's, number for number.

Optional: PyTorch is never a dependency of the package.  When it is
installed (its CPU build, see benchmarks/README.md), every layer's forward
output and every gradient (with respect to the input and to each parameter)
must agree with what PyTorch's autograd computes, in float64, to 1e-10.
"""

import numpy as np
import pytest
from conftest import close_to_torch

torch = pytest.importorskip(
    "torch",
    reason="PyTorch is not installed; it is optional (pip install torch==<version> of its "
    "CPU build, see benchmarks/README.md) and only used to cross-check our layers",
)
F = torch.nn.functional

from nn_from_scratch.conv import Conv2D  # noqa: E402
from nn_from_scratch.flatten import Flatten  # noqa: E402
from nn_from_scratch.layers import Dense, LeakyReLU, ReLU, Sigmoid, Tanh  # noqa: E402
from nn_from_scratch.losses import MeanSquaredError, SoftmaxCrossEntropy  # noqa: E402
from nn_from_scratch.optimizers import SGD, Adam  # noqa: E402
from nn_from_scratch.pooling import MaxPool2D  # noqa: E402

TOLERANCE = 1e-10


def close(ours, theirs):
    close_to_torch(ours, theirs, TOLERANCE)


def compare_layer(layer, torch_forward, x, seed=0):
    """Run ``layer`` and ``torch_forward(x, **params)`` forwards and backwards; compare all."""
    upstream_rng = np.random.default_rng(seed)
    x_torch = torch.tensor(x, requires_grad=True)
    params_torch = {
        name: torch.tensor(value, requires_grad=True) for name, value in layer.params.items()
    }
    output_torch = torch_forward(x_torch, **params_torch)
    output = layer.forward(x.copy())
    close(output, output_torch)

    dL_doutput = upstream_rng.standard_normal(output.shape)
    kept = dL_doutput.copy()
    dL_dinput = layer.backward(dL_doutput)
    output_torch.backward(torch.tensor(dL_doutput))
    np.testing.assert_array_equal(dL_doutput, kept)  # backward never changes its argument
    close(dL_dinput, x_torch.grad)
    assert set(layer.grads) == set(layer.params)
    for name, param_torch in params_torch.items():
        close(layer.grads[name], param_torch.grad)


def random(shape, seed):
    return np.random.default_rng(seed).standard_normal(shape)


@pytest.mark.parametrize(("batch", "n_in", "n_out"), [(1, 3, 2), (7, 5, 4), (16, 64, 10)])
def test_dense(batch, n_in, n_out):
    layer = Dense(n_in, n_out, seed=batch)
    layer.params["b"][...] = random(n_out, 1)  # non-zero biases, so their gradient matters
    compare_layer(layer, lambda x, W, b: x @ W + b, random((batch, n_in), 2))


ACTIVATIONS = [
    (Sigmoid(), torch.sigmoid),
    (Tanh(), torch.tanh),
    (ReLU(), F.relu),
    (LeakyReLU(), lambda x: F.leaky_relu(x, 0.01)),
    (LeakyReLU(slope=0.2), lambda x: F.leaky_relu(x, 0.2)),
]


@pytest.mark.parametrize(
    ("layer", "torch_function"),
    ACTIVATIONS,
    ids=["sigmoid", "tanh", "relu", "leaky-relu", "leaky-relu-0.2"],
)
@pytest.mark.parametrize("shape", [(1, 1), (4, 3), (2, 3, 5, 4)])
def test_activation_layers(layer, torch_function, shape):
    compare_layer(layer, torch_function, 3 * random(shape, 3))


CONVOLUTIONS = [
    # (N, C_in, H, W), C_out, kernel_size, stride, padding
    ((1, 1, 8, 8), 4, 3, 1, 0),
    ((2, 3, 7, 5), 2, 3, 2, 1),
    ((3, 2, 6, 9), 5, (2, 3), 1, 2),
    ((1, 2, 5, 4), 3, (3, 1), 3, 1),
]


@pytest.mark.parametrize(("shape", "c_out", "kernel", "stride", "padding"), CONVOLUTIONS)
def test_conv2d(shape, c_out, kernel, stride, padding):
    layer = Conv2D(shape[1], c_out, kernel, stride=stride, padding=padding, seed=4)
    layer.params["b"][...] = random(c_out, 5)

    def torch_conv(x, W, b):
        return F.conv2d(x, W, b, stride=stride, padding=padding)

    compare_layer(layer, torch_conv, random(shape, 6))


@pytest.mark.parametrize(
    ("shape", "size", "stride"),
    [((1, 1, 4, 4), 2, None), ((2, 3, 7, 5), 2, None), ((3, 2, 6, 9), 3, 1), ((1, 2, 5, 8), 2, 3)],
)
def test_max_pool(shape, size, stride):
    compare_layer(
        MaxPool2D(size, stride),
        lambda x: F.max_pool2d(x, size, stride if stride is not None else size),
        random(shape, 7),
    )


@pytest.mark.parametrize("shape", [(1, 1, 1, 1), (2, 3, 4, 5), (5, 7)])
def test_flatten(shape):
    compare_layer(Flatten(), lambda x: torch.flatten(x, 1), random(shape, 8))


def compare_loss(loss, torch_loss, prediction, target, target_torch):
    prediction_torch = torch.tensor(prediction, requires_grad=True)
    value_torch = torch_loss(prediction_torch, target_torch)
    value_torch.backward()
    value = loss.forward(prediction.copy(), target)
    assert isinstance(value, float)
    assert abs(value - value_torch.item()) <= TOLERANCE * max(1.0, abs(value))
    close(loss.backward(), prediction_torch.grad)


@pytest.mark.parametrize(("batch", "classes"), [(1, 2), (5, 3), (32, 10)])
def test_softmax_cross_entropy(batch, classes):
    labels = np.random.default_rng(batch).integers(0, classes, batch)
    # Large logits too: both sides must stay finite and agree.
    logits = 20 * random((batch, classes), 9)
    compare_loss(SoftmaxCrossEntropy(), F.cross_entropy, logits, labels, torch.tensor(labels))


@pytest.mark.parametrize(("batch", "outputs"), [(1, 1), (4, 1), (6, 3)])
def test_mean_squared_error(batch, outputs):
    # Ours: the mean over samples of the sum over outputs, i.e. a sum divided by N.
    def torch_mse(prediction, target):
        return F.mse_loss(prediction, target, reduction="sum") / batch

    target = random((batch, outputs), 10)
    prediction = random((batch, outputs), 11)
    compare_loss(MeanSquaredError(), torch_mse, prediction, target, torch.tensor(target))


def optimizer_pair(make_ours, make_theirs, steps=3):
    """Take ``steps`` steps with the same gradients in both; compare the parameters."""
    layers = [Dense(5, 3, seed=12), Dense(3, 2, seed=13)]
    params_torch = [
        torch.tensor(layer.params[name].copy(), requires_grad=True)
        for layer in layers
        for name in layer.params
    ]
    ours, theirs = make_ours(layers), make_theirs(params_torch)
    rng = np.random.default_rng(14)
    for _ in range(steps):
        for layer in layers:
            for name, param in layer.params.items():
                layer.grads[name] = rng.standard_normal(param.shape)
        gradients = [layer.grads[name] for layer in layers for name in layer.params]
        for param_torch, gradient in zip(params_torch, gradients, strict=True):
            param_torch.grad = torch.tensor(gradient)
        ours.step()
        theirs.step()
    for layer_param, param_torch in zip(
        [layer.params[name] for layer in layers for name in layer.params], params_torch, strict=True
    ):
        close(layer_param, param_torch)


def test_adam_matches_torch():
    optimizer_pair(
        lambda layers: Adam(layers, learning_rate=0.01, beta1=0.8, beta2=0.99, epsilon=1e-6),
        lambda params: torch.optim.Adam(params, lr=0.01, betas=(0.8, 0.99), eps=1e-6),
    )


def test_sgd_with_momentum_matches_torch():
    optimizer_pair(
        lambda layers: SGD(layers, learning_rate=0.1, momentum=0.9),
        lambda params: torch.optim.SGD(params, lr=0.1, momentum=0.9),
    )
