"""Our RMSProp against torch.optim.RMSprop, number for number.

Optional: PyTorch is never a dependency of the package.  When it is
installed (its CPU build, see benchmarks/README.md), several steps with the
same gradients must leave the same parameters in float64, to 1e-10: the
same running mean of the squared gradient (``alpha`` there is ``rho``
here), epsilon added outside the square root, no bias correction.
"""

import numpy as np
import pytest
from conftest import close_to_torch

torch = pytest.importorskip(
    "torch",
    reason="PyTorch is not installed; it is optional (pip install torch==<version> of its "
    "CPU build, see benchmarks/README.md) and only used to cross-check our optimisers",
)

from nn_from_scratch.layers import Dense  # noqa: E402
from nn_from_scratch.optimizers import RMSProp  # noqa: E402

TOLERANCE = 1e-10


def close(ours, theirs):
    close_to_torch(ours, theirs, TOLERANCE)


def run_both(make_ours, make_theirs, steps, gradient_scale=1.0, seed=14):
    """Take ``steps`` steps with the same gradients in both; compare the parameters after each."""
    layers = [Dense(5, 3, seed=12), Dense(3, 2, seed=13)]
    params_torch = [
        torch.tensor(layer.params[name].copy(), requires_grad=True)
        for layer in layers
        for name in layer.params
    ]
    ours, theirs = make_ours(layers), make_theirs(params_torch)
    rng = np.random.default_rng(seed)
    for _ in range(steps):
        for layer in layers:
            for name, param in layer.params.items():
                layer.grads[name] = gradient_scale * rng.standard_normal(param.shape)
        gradients = [layer.grads[name] for layer in layers for name in layer.params]
        for param_torch, gradient in zip(params_torch, gradients, strict=True):
            param_torch.grad = torch.tensor(gradient)
        ours.step()
        theirs.step()
        ours_now = [layer.params[name] for layer in layers for name in layer.params]
        for layer_param, param_torch in zip(ours_now, params_torch, strict=True):
            close(layer_param, param_torch)


@pytest.mark.parametrize(
    ("learning_rate", "rho", "epsilon", "gradient_scale"),
    [
        (0.01, 0.99, 1e-8, 1.0),  # PyTorch's defaults
        (1e-3, 0.9, 1e-8, 1.0),  # ours
        (0.05, 0.5, 1e-3, 1.0),  # an epsilon large enough to matter
        (0.01, 0.9, 1e-6, 1e-5),  # tiny gradients: epsilon's place decides the step
    ],
)
def test_rmsprop_matches_torch(learning_rate, rho, epsilon, gradient_scale):
    run_both(
        lambda layers: RMSProp(layers, learning_rate=learning_rate, rho=rho, epsilon=epsilon),
        lambda params: torch.optim.RMSprop(params, lr=learning_rate, alpha=rho, eps=epsilon),
        steps=6,
        gradient_scale=gradient_scale,
    )


def test_rmsprop_first_step_matches_torch_with_zero_gradients():
    """A parameter whose gradient is 0 does not move, in both."""
    run_both(
        lambda layers: RMSProp(layers, learning_rate=0.01, rho=0.9),
        lambda params: torch.optim.RMSprop(params, lr=0.01, alpha=0.9),
        steps=3,
        gradient_scale=0.0,
    )
