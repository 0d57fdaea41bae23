"""``side_by_side_losses``: our training and PyTorch's, on the same batches, give the same losses.

Optional: PyTorch is never a dependency of the package.  When it is
installed (its CPU build, see benchmarks/README.md), the digits MLP and CNN
and their PyTorch twins, in float64, lose the same on every step.
"""

import numpy as np
import pytest

torch = pytest.importorskip(
    "torch",
    reason="PyTorch is not installed; it is optional (pip install torch==<version> of its "
    "CPU build, see benchmarks/README.md) and only used to cross-check our training",
)
pytest.importorskip("sklearn", reason="the digits ship with scikit-learn (the digits extra)")

from nn_from_scratch.cnn import digits_cnn, image_split  # noqa: E402
from nn_from_scratch.digits import load_digits_split  # noqa: E402
from nn_from_scratch.errors import InvalidInputError  # noqa: E402
from nn_from_scratch.layers import Dense  # noqa: E402
from nn_from_scratch.mlp import digits_mlp  # noqa: E402
from nn_from_scratch.sequential import Sequential  # noqa: E402
from nn_from_scratch.side_by_side import side_by_side_losses  # noqa: E402


@pytest.mark.parametrize("model", ["MLP", "CNN"])
def test_the_same_batches_give_the_same_losses(model):
    split = load_digits_split()
    if model == "CNN":
        network, split = digits_cnn(seed=3), image_split(split)
    else:
        network = digits_mlp(seed=3)
    ours, theirs = side_by_side_losses(network, split.x_train, split.y_train, steps=8, seed=4)
    assert ours.shape == theirs.shape == (8,)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-10)
    assert ours[-1] < ours[0]  # it trained


def test_the_step_count_is_checked():
    network = Sequential([Dense(2, 2, seed=0)])
    x, labels = np.zeros((4, 2)), np.zeros(4, dtype=int)
    with pytest.raises(InvalidInputError, match="steps"):
        side_by_side_losses(network, x, labels, steps=0)
