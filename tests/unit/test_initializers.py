"""He and Xavier initialisation: scale, shape, dtype, seeds and bad input."""

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.initializers import he_normal, spread_through_layers, xavier_uniform


def test_he_normal_has_variance_two_over_fan_in():
    weights = he_normal((200, 300), 200, seed=0)
    assert weights.shape == (200, 300) and weights.dtype == np.float64
    assert weights.var() == pytest.approx(2 / 200, rel=0.02)
    assert abs(weights.mean()) < 0.002


def test_xavier_uniform_has_variance_two_over_fan_in_plus_fan_out():
    weights = xavier_uniform((100, 300), 100, 300, seed=0)
    limit = np.sqrt(6 / 400)
    assert np.abs(weights).max() <= limit
    assert weights.var() == pytest.approx(2 / 400, rel=0.02)


def test_conv_shapes_and_float32():
    weights = he_normal((8, 3, 3, 3), 27, seed=1, dtype=np.float32)
    assert weights.shape == (8, 3, 3, 3) and weights.dtype == np.float32
    again = he_normal((8, 3, 3, 3), 27, seed=1)
    np.testing.assert_array_equal(weights, again.astype(np.float32))


def test_generators_are_used_as_they_are():
    rng = np.random.default_rng(5)
    first = he_normal((2, 2), 2, seed=rng)
    second = he_normal((2, 2), 2, seed=rng)
    assert not np.array_equal(first, second)


@pytest.mark.parametrize(("fan_in", "error"), [(0, InvalidInputError), (1.5, InvalidTypeError)])
def test_bad_fans(fan_in, error):
    with pytest.raises(error, match="fan_in"):
        he_normal((2, 2), fan_in)
    with pytest.raises(error, match="fan_in"):
        xavier_uniform((2, 2), fan_in, 2)
    with pytest.raises(error, match="fan_out"):
        xavier_uniform((2, 2), 2, fan_in)


def test_he_keeps_the_spread_steady_where_a_scale_of_one_explodes():
    naive = spread_through_layers(lambda n, rng: rng.normal(size=(n, n)), n_layers=4, width=64)
    he = spread_through_layers(lambda n, rng: he_normal((n, n), n, rng), n_layers=4, width=64)
    assert naive[-1] / naive[0] > 100  # about sqrt(64 / 2) per layer
    assert 0.5 < he[-1] / he[0] < 2
