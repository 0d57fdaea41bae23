import numpy as np

from nn_from_scratch import article_dataset


def test_the_articles_four_samples():
    x, y = article_dataset()
    assert x.shape == (4, 3) and y.shape == (4, 1)
    np.testing.assert_array_equal(x[:, 2], 1.0)
    np.testing.assert_array_equal(y[:, 0], np.logical_xor(x[:, 0], x[:, 1]))


def test_each_call_returns_fresh_arrays():
    x, _ = article_dataset()
    x[0, 0] = 99
    assert article_dataset()[0][0, 0] == 0
