"""Dropout and weight decay against PyTorch, number for number.

Optional, like tests/unit/test_torch_parity.py: PyTorch is never a
dependency of the package.  Dropout is compared with the same mask (PyTorch
draws its own, so it is given ours: ``x * keep / (1 - p)``), and in
evaluation mode with ``torch.nn.Dropout`` itself.  Coupled weight decay is
compared with ``torch.optim.SGD(weight_decay=...)`` and
``torch.optim.Adam(weight_decay=...)``, decoupled with
``torch.optim.AdamW``, over several steps, in float64, to 1e-10.  PyTorch
decays every parameter it is given, so the biases, which ours leave alone
by default, go into a parameter group of their own with ``weight_decay=0``.
"""

import numpy as np
import pytest
from conftest import close_to_torch

torch = pytest.importorskip(
    "torch",
    reason="PyTorch is not installed; it is optional (pip install torch==<version> of its "
    "CPU build, see benchmarks/README.md) and only used to cross-check our layers",
)

from nn_from_scratch.dropout import Dropout  # noqa: E402
from nn_from_scratch.layers import Dense  # noqa: E402
from nn_from_scratch.optimizers import SGD, Adam  # noqa: E402
from nn_from_scratch.weight_decay import AdamW, L2WeightDecay  # noqa: E402

TOLERANCE = 1e-10


def close(ours, theirs):
    close_to_torch(ours, theirs, TOLERANCE)


@pytest.mark.parametrize(("shape", "rate"), [((1, 5), 0.5), ((16, 64), 0.2), ((3, 2, 4, 4), 0.7)])
def test_dropout_with_the_same_mask(shape, rate):
    rng = np.random.default_rng(len(shape))
    x = rng.standard_normal(shape)
    layer = Dropout(rate, seed=rng)
    output = layer.forward(x)
    keep = torch.tensor(layer.mask != 0, dtype=torch.float64)
    x_torch = torch.tensor(x, requires_grad=True)
    output_torch = x_torch * keep / (1 - rate)
    close(output, output_torch)
    dL_doutput = rng.standard_normal(shape)
    output_torch.backward(torch.tensor(dL_doutput))
    close(layer.backward(dL_doutput), x_torch.grad)


def test_dropout_keeps_the_share_torch_keeps_and_scales_alike():
    """Both keep about 1 - p of the entries and scale them by 1 / (1 - p)."""
    x = np.ones((200, 100))
    ours = Dropout(0.3, seed=0).forward(x)
    torch.manual_seed(0)
    theirs = torch.nn.functional.dropout(torch.tensor(x), p=0.3, training=True).numpy()
    assert set(np.unique(ours)) == set(np.unique(theirs)) == {0.0, 1 / 0.7}
    assert abs(np.mean(ours != 0) - np.mean(theirs != 0)) < 0.02


def test_dropout_in_evaluation_mode_is_torchs():
    x = np.random.default_rng(0).standard_normal((4, 6))
    layer = Dropout(0.5, seed=0)
    layer.training = False
    module = torch.nn.Dropout(0.5)
    module.eval()
    x_torch = torch.tensor(x, requires_grad=True)
    output_torch = module(x_torch)
    close(layer.forward(x), output_torch)
    dL_doutput = np.random.default_rng(1).standard_normal((4, 6))
    output_torch.backward(torch.tensor(dL_doutput))
    close(layer.backward(dL_doutput), x_torch.grad)


def optimizer_pair(make_ours, make_theirs, decay_biases, steps=5):
    """Take ``steps`` steps with the same gradients in both; compare the parameters.

    ``make_theirs(groups)`` gets PyTorch's parameter groups: the weights,
    and the biases, which decay only if ``decay_biases``.
    """
    layers = [Dense(5, 3, seed=12), Dense(3, 2, seed=13)]
    rng = np.random.default_rng(14)
    for layer in layers:
        layer.params["b"][...] = rng.standard_normal(layer.params["b"].shape)
    params_torch = {
        (index, name): torch.tensor(layer.params[name].copy(), requires_grad=True)
        for index, layer in enumerate(layers)
        for name in layer.params
    }
    weights = [p for (_, name), p in params_torch.items() if name == "W"]
    biases = [p for (_, name), p in params_torch.items() if name == "b"]
    groups = [
        {"params": weights},
        {"params": biases, **({} if decay_biases else {"weight_decay": 0.0})},
    ]
    ours, theirs = make_ours(layers), make_theirs(groups)
    for _ in range(steps):
        for index, layer in enumerate(layers):
            for name, param in layer.params.items():
                layer.grads[name] = rng.standard_normal(param.shape)
                params_torch[index, name].grad = torch.tensor(layer.grads[name].copy())
        ours.step()
        theirs.step()
    for (index, name), param_torch in params_torch.items():
        close(layers[index].params[name], param_torch)


@pytest.mark.parametrize("decayed", [("W",), ("W", "b")])
def test_coupled_decay_with_sgd_matches_torch(decayed):
    optimizer_pair(
        lambda layers: L2WeightDecay(SGD(layers, learning_rate=0.1, momentum=0.9), 0.05, decayed),
        lambda groups: torch.optim.SGD(groups, lr=0.1, momentum=0.9, weight_decay=0.05),
        decay_biases="b" in decayed,
    )


@pytest.mark.parametrize("decayed", [("W",), ("W", "b")])
def test_coupled_decay_with_adam_matches_torch(decayed):
    optimizer_pair(
        lambda layers: L2WeightDecay(
            Adam(layers, learning_rate=0.01, beta1=0.8, beta2=0.99, epsilon=1e-6), 0.3, decayed
        ),
        lambda groups: torch.optim.Adam(
            groups, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.3
        ),
        decay_biases="b" in decayed,
    )


@pytest.mark.parametrize("decayed", [("W",), ("W", "b")])
def test_decoupled_decay_matches_torch_adamw(decayed):
    optimizer_pair(
        lambda layers: AdamW(
            layers,
            learning_rate=0.01,
            beta1=0.8,
            beta2=0.99,
            epsilon=1e-6,
            weight_decay=2.0,
            decayed=decayed,
        ),
        lambda groups: torch.optim.AdamW(
            groups, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=2.0
        ),
        decay_biases="b" in decayed,
    )


def test_adamw_defaults_are_torchs():
    optimizer_pair(
        lambda layers: AdamW(layers, decayed=("W", "b")),
        lambda groups: torch.optim.AdamW(groups),
        decay_biases=True,
    )
