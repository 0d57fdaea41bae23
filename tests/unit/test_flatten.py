"""Flatten: images become rows and the gradient becomes images again."""

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError
from nn_from_scratch.flatten import Flatten
from nn_from_scratch.gradient_check import check_layer


@pytest.mark.parametrize("shape", [(1, 1, 2, 3), (3, 2, 5, 7), (2, 4), (2, 3, 4)])
def test_forward_backward_and_gradient(shape):
    x = np.random.default_rng(0).normal(size=shape)
    layer = Flatten()
    out = layer.forward(x)
    assert out.shape == (shape[0], int(np.prod(shape[1:])))
    np.testing.assert_array_equal(out[0], x[0].ravel())
    back = layer.backward(out)
    np.testing.assert_array_equal(back, x)
    assert check_layer(layer, x, seed=1)["input"] < 1e-6
    assert layer.params == {} and layer.grads == {}


def test_flatten_needs_a_batch_axis_and_another():
    with pytest.raises(InvalidInputError, match="at least one more"):
        Flatten().forward(np.zeros(5))
