"""Every loss of ``nn_from_scratch.losses`` passes ``check_loss``, on several random shapes.

The losses are discovered: every class defined in the module with a
``forward`` and a ``backward`` counts, and one without an entry in
``FACTORIES`` fails ``test_every_loss_has_a_gradient_check``.  Each case
builds ``(loss, prediction, target)`` from a random generator.
"""

import inspect

import numpy as np
import pytest

from nn_from_scratch import losses
from nn_from_scratch.gradient_check import check_loss

THRESHOLD = 1e-6


def package_loss_classes():
    """{name: class} for every class of nn_from_scratch.losses with forward and backward."""
    return {
        name: cls
        for name, cls in inspect.getmembers(losses, inspect.isclass)
        if cls.__module__ == losses.__name__
        and callable(getattr(cls, "forward", None))
        and callable(getattr(cls, "backward", None))
    }


def mean_squared_error(n, outputs):
    return lambda rng: (
        losses.MeanSquaredError(),
        rng.normal(size=(n, outputs)),
        rng.normal(size=(n, outputs)),
    )


def softmax_cross_entropy(n, classes, scale=1.0):
    return lambda rng: (
        losses.SoftmaxCrossEntropy(),
        rng.normal(size=(n, classes)) * scale,
        rng.integers(0, classes, size=n),
    )


#: Several cases per loss class name; each case is ``rng -> (loss, prediction, target)``.
FACTORIES = {
    "MeanSquaredError": [
        mean_squared_error(1, 1),
        mean_squared_error(1, 4),
        mean_squared_error(5, 3),
        mean_squared_error(8, 10),
    ],
    "SoftmaxCrossEntropy": [
        softmax_cross_entropy(1, 2),
        softmax_cross_entropy(1, 10),
        softmax_cross_entropy(6, 3),
        softmax_cross_entropy(16, 10, scale=5.0),  # confident, far from uniform
    ],
}

CASES = [
    pytest.param(name, index, id=f"{name}-{index}")
    for name in sorted(package_loss_classes())
    for index in range(len(FACTORIES.get(name, [])))
]


def test_every_loss_has_a_gradient_check():
    found = package_loss_classes()
    assert {"MeanSquaredError", "SoftmaxCrossEntropy"} <= set(found)
    missing = sorted(set(found) - set(FACTORIES))
    assert not missing, f"losses without an entry in FACTORIES: {missing}"
    assert set(FACTORIES) <= set(found)
    for name, cases in FACTORIES.items():
        assert len(cases) >= 3, f"{name}: give at least three shapes"
        batch_sizes = [len(case(np.random.default_rng(0))[1]) for case in cases]
        assert 1 in batch_sizes, f"{name}: no batch of one sample"


@pytest.mark.parametrize("name, index", CASES)
def test_loss_gradient(name, index):
    rng = np.random.default_rng([index, *name.encode()])
    loss, prediction, target = FACTORIES[name][index](rng)
    assert type(loss).__name__ == name
    assert check_loss(loss, prediction, target) < THRESHOLD
