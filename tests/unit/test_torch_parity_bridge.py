"""``to_torch`` and ``from_torch``: every layer type, both ways, exactly.

Optional: PyTorch is never a dependency of the package.  When it is
installed (its CPU build, see benchmarks/README.md), a network of every layer
type, float32 and float64, untrained and trained, moves to PyTorch and back
with the same parameters bit for bit and the same predictions; PyTorch's
module computes what ours computes, to rounding; and what has no
counterpart is refused by name.
"""

import numpy as np
import pytest

torch = pytest.importorskip(
    "torch",
    reason="PyTorch is not installed; it is optional (pip install torch==<version> of its "
    "CPU build, see benchmarks/README.md) and only used to cross-check the bridge",
)

from nn_from_scratch.bridge import from_torch, to_torch  # noqa: E402
from nn_from_scratch.conv import Conv2D  # noqa: E402
from nn_from_scratch.dropout import Dropout  # noqa: E402
from nn_from_scratch.errors import InvalidInputError, InvalidTypeError  # noqa: E402
from nn_from_scratch.flatten import Flatten  # noqa: E402
from nn_from_scratch.layers import Dense, LeakyReLU, ReLU, Sigmoid, Tanh  # noqa: E402
from nn_from_scratch.losses import SoftmaxCrossEntropy  # noqa: E402
from nn_from_scratch.optimizers import Adam  # noqa: E402
from nn_from_scratch.pooling import MaxPool2D  # noqa: E402
from nn_from_scratch.sequential import Sequential, in_mode  # noqa: E402
from nn_from_scratch.training import fit  # noqa: E402

#: Rounding apart, PyTorch computes what we compute (its sums run in another order).
CLOSE = {"float32": 1e-5, "float64": 1e-12}


def every_layer(dtype):
    """A small image network with one layer of every type the bridge moves."""
    return Sequential(
        [
            Conv2D(1, 3, 3, padding=1, seed=1, dtype=dtype),
            LeakyReLU(0.1),
            MaxPool2D(2),
            Conv2D(3, 4, (3, 3), stride=2, padding=1, seed=2, dtype=dtype),
            Tanh(),
            Flatten(),
            Dropout(0.25, seed=3),
            Dense(16, 8, seed=4, dtype=dtype),
            ReLU(),
            Dense(8, 5, seed=5, dtype=dtype),
            Sigmoid(),
            Dense(5, 3, seed=6, init="xavier", dtype=dtype),
        ]
    )


def images(dtype, n=6):
    return np.random.default_rng(9).random((n, 1, 8, 8)).astype(dtype)


def predict(network, x):
    with in_mode(network, training=False):
        return network.forward(x)


def train_a_little(network, dtype):
    x = images(dtype, 24)
    labels = np.arange(24) % 3
    fit(
        network,
        SoftmaxCrossEntropy(),
        Adam(network, 0.01),
        x,
        labels,
        epochs=2,
        batch_size=8,
        seed=0,
    )


def assert_same_parameters(ours, back):
    assert [type(layer) for layer in back.layers] == [type(layer) for layer in ours.layers]
    for mine, theirs in zip(ours.layers, back.layers, strict=True):
        assert mine.params.keys() == theirs.params.keys()
        for name, value in mine.params.items():
            assert theirs.params[name].dtype == value.dtype
            np.testing.assert_array_equal(theirs.params[name], value)


@pytest.mark.parametrize("trained", [False, True], ids=["untrained", "trained"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_a_network_of_every_layer_goes_there_and_back_exactly(dtype, trained):
    ours = every_layer(dtype)
    if trained:
        train_a_little(ours, dtype)
    module = to_torch(ours)
    back = from_torch(module)
    assert_same_parameters(ours, back)
    x = images(dtype)
    np.testing.assert_array_equal(predict(back, x), predict(ours, x))
    # The settings move too.
    assert (back.layers[3].stride, back.layers[3].padding) == (2, 1)
    assert (back.layers[1].slope, back.layers[6].rate) == (0.1, 0.25)
    # PyTorch's module computes the same function.
    theirs = module.eval()(torch.from_numpy(x)).detach().numpy()
    assert theirs.dtype == np.dtype(dtype)
    np.testing.assert_allclose(theirs, predict(ours, x), rtol=0, atol=CLOSE[dtype])


def test_pytorch_keeps_a_linear_weight_transposed():
    dense = Dense(3, 2, seed=0)
    (linear,) = to_torch(Sequential([dense]))
    assert tuple(linear.weight.shape) == (2, 3)
    np.testing.assert_array_equal(linear.weight.detach().numpy(), dense.params["W"].T)


def test_a_pytorch_network_comes_over_with_its_settings():
    module = torch.nn.Sequential(
        torch.nn.Conv2d(1, 2, kernel_size=3, padding=1, dtype=torch.float64),
        torch.nn.MaxPool2d(2, stride=1),
        torch.nn.Flatten(),
        torch.nn.Linear(98, 4, dtype=torch.float64),
    )
    ours = from_torch(module)
    assert (ours.layers[1].size, ours.layers[1].stride) == (2, 1)
    x = images("float64")
    np.testing.assert_allclose(
        predict(ours, x), module(torch.from_numpy(x)).detach().numpy(), rtol=0, atol=1e-12
    )
    assert_same_parameters(ours, from_torch(to_torch(ours)))


@pytest.mark.parametrize(
    "module, message",
    [
        (torch.nn.BatchNorm1d(3), r"module 0 is a BatchNorm1d, which has no counterpart"),
        (torch.nn.MaxPool2d(2, padding=1), r"module 0, a MaxPool2d, has padding=1"),
        (torch.nn.Conv2d(1, 1, 3, stride=(1, 2)), r"module 0 has stride=\(1, 2\)"),
        (torch.nn.Conv2d(2, 2, 3, groups=2), r"module 0, a Conv2d, has groups=2"),
        (torch.nn.Linear(2, 2, bias=False), r"module 0 has no bias"),
        (torch.nn.Linear(2, 2, dtype=torch.float16), r"module 0 has float16 parameters"),
        (torch.nn.Flatten(0), r"module 0, a Flatten, has start_dim=0"),
    ],
)
def test_what_has_no_counterpart_is_refused_by_name(module, message):
    with pytest.raises(InvalidInputError, match=message):
        from_torch(torch.nn.Sequential(module))


def test_a_layer_without_a_counterpart_is_refused_by_name():
    class Doubling(ReLU):
        pass

    with pytest.raises(InvalidInputError, match=r"layers\[1\] is a Doubling, which has no PyTorch"):
        to_torch(Sequential([Dense(2, 2, seed=0), Doubling()]))


def test_only_sequentials_move():
    with pytest.raises(InvalidTypeError, match="network must be a Sequential; got list"):
        to_torch([Dense(2, 2, seed=0)])
    with pytest.raises(InvalidTypeError, match="module must be a torch.nn.Sequential; got Linear"):
        from_torch(torch.nn.Linear(2, 2))
