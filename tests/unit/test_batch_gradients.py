"""The cosine between each mini-batch's gradient and the full gradient."""

import numpy as np
import pytest

from nn_from_scratch.batch_gradients import batch_gradient_cosines, gradient_vector
from nn_from_scratch.errors import InvalidInputError
from nn_from_scratch.losses import SoftmaxCrossEntropy
from nn_from_scratch.mlp import digits_mlp


def test_batch_gradient_cosines_compare_each_batch_with_the_full_gradient():
    rng = np.random.default_rng(0)
    x, labels = rng.random((20, 64)), rng.integers(0, 10, 20)
    network = digits_mlp(seed=1)
    before = [p.copy() for layer in network.layers for p in layer.params.values()]
    cosines, adds_up = batch_gradient_cosines(network, x, labels, batch_size=20, seed=2)
    np.testing.assert_allclose(cosines, [1.0])  # one batch: the full gradient itself
    assert adds_up
    cosines, adds_up = batch_gradient_cosines(network, x, labels, batch_size=6, seed=2)
    assert cosines.shape == (4,) and np.all(np.abs(cosines) <= 1 + 1e-12) and adds_up
    full = gradient_vector(network, SoftmaxCrossEntropy(), x, labels)
    assert full.shape == (network.parameter_count(),)
    after = [p for layer in network.layers for p in layer.params.values()]
    assert all(np.array_equal(a, b) for a, b in zip(before, after, strict=True))
    with pytest.raises(InvalidInputError, match="labels"):
        batch_gradient_cosines(network, x, labels[:5])
    with pytest.raises(InvalidInputError, match="batch_size"):
        batch_gradient_cosines(network, x, labels, batch_size=0)
