"""Gradient size by depth: shapes, seeds, the chapter's numbers, checks."""

import numpy as np
import pytest

from nn_from_scratch import InvalidInputError, InvalidTypeError
from nn_from_scratch.vanishing import ACTIVATIONS, gradient_size_by_depth


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_shape_and_seed(name):
    sizes = gradient_size_by_depth(name, depth=7, width=5, samples=1, seed=3)
    assert sizes.shape == (7,) and np.all(sizes >= 0)
    np.testing.assert_array_equal(sizes, gradient_size_by_depth(name, 7, 5, 1, seed=3))


def test_the_chapters_numbers():
    """Factors per layer quoted in the chapter "Activation functions"."""
    factors = {}
    for name in ("sigmoid", "tanh", "relu"):
        sizes = gradient_size_by_depth(name, seed=0)
        factors[name] = round((sizes[-1] / sizes[0]) ** (1 / 19), 2)
        if name != "sigmoid":
            assert 0.6 < sizes.min() and sizes.max() < 1.6
    assert factors == {"sigmoid": 0.30, "tanh": 1.02, "relu": 1.05}


def test_one_layer_is_the_slope_times_the_upstream_ones():
    from nn_from_scratch.activations import sigmoid_derivative

    rng = np.random.default_rng(0)
    a = rng.standard_normal((4, 3))
    W = rng.standard_normal((3, 3)) * np.sqrt(2.0 / 3)
    expected = np.sqrt(np.mean(sigmoid_derivative(a @ W) ** 2))
    sizes = gradient_size_by_depth("sigmoid", depth=1, width=3, samples=4, seed=0)
    np.testing.assert_allclose(sizes, [expected])


def test_bad_arguments():
    with pytest.raises(InvalidInputError, match="activation must be one of"):
        gradient_size_by_depth("softsign")
    with pytest.raises(InvalidInputError, match="depth"):
        gradient_size_by_depth("relu", depth=0)
    with pytest.raises(InvalidTypeError, match="width"):
        gradient_size_by_depth("relu", width=2.0)
    with pytest.raises(InvalidInputError, match="weight_variance"):
        gradient_size_by_depth("relu", weight_variance=0.0)
