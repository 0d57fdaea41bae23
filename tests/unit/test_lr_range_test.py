"""The learning-rate range test: its rates, its early stop, its reading, on healthy and broken
networks, with bad input refused in words and the same answer for the same seeds."""

import numpy as np
import pytest
from conftest import skip_without_digits

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.layers import Dense
from nn_from_scratch.losses import SoftmaxCrossEntropy
from nn_from_scratch.lr_range_test import (
    RangeTest,
    UsableRange,
    endless_batches,
    lr_range_test,
    smoothed,
    usable_range,
)
from nn_from_scratch.optimizers import SGD, Adam
from nn_from_scratch.sequential import Sequential

skip_without_digits()

from nn_from_scratch.digits import load_digits_split  # noqa: E402
from nn_from_scratch.mlp import MLP_RECIPE, digits_mlp  # noqa: E402


@pytest.fixture(scope="module")
def split():
    return load_digits_split()


@pytest.fixture(scope="module")
def adam_test(split):
    """The chapter's range test: the digits MLP, Adam, the default rates, seed 0."""
    network = digits_mlp(seed=0)
    return lr_range_test(
        network, SoftmaxCrossEntropy(), Adam(network), split.x_train, split.y_train, seed=0
    )


class RecordingSGD(SGD):
    """Plain SGD that notes the learning rate of every step."""

    def __init__(self, layers, learning_rate=0.1):
        super().__init__(layers, learning_rate)
        self.used = []

    def step(self):
        self.used.append(self.learning_rate)
        super().step()


def test_the_rate_grows_by_the_same_factor_at_every_step(split):
    network = digits_mlp(seed=0)
    optimizer = RecordingSGD(network)
    test = lr_range_test(
        network,
        SoftmaxCrossEntropy(),
        optimizer,
        split.x_train,
        split.y_train,
        start=1e-4,
        stop=1e-2,
        steps=5,
        seed=0,
    )
    np.testing.assert_allclose(test.rates, [1e-4, 10**-3.5, 1e-3, 10**-2.5, 1e-2], rtol=1e-12)
    assert optimizer.used == list(test.rates)  # every step at its own rate, in order
    assert len(test.losses) == 5 and np.all(np.isfinite(test.losses))


def test_the_losses_are_the_batches_losses_before_each_step(split):
    """Rerun by hand: the same batches, the same steps, the same losses."""
    rng = np.random.default_rng(4)
    network, by_hand = digits_mlp(seed=1), digits_mlp(seed=1)
    test = lr_range_test(
        network,
        SoftmaxCrossEntropy(),
        SGD(network),
        split.x_train,
        split.y_train,
        start=1e-3,
        stop=1e-1,
        steps=60,
        batch_size=500,
        seed=4,
    )
    loss, optimizer, losses = SoftmaxCrossEntropy(), SGD(by_hand), []
    batches = endless_batches(len(split.x_train), 500, rng)
    for rate, indices in zip(test.rates, batches, strict=False):
        losses.append(loss.forward(by_hand.forward(split.x_train[indices]), split.y_train[indices]))
        by_hand.backward(loss.backward())
        optimizer.learning_rate = float(rate)
        optimizer.step()
    np.testing.assert_array_equal(test.losses, losses)


def test_endless_batches_deal_every_sample_once_per_epoch():
    batches = endless_batches(10, 4, np.random.default_rng(0))
    first, second = [next(batches) for _ in range(3)], [next(batches) for _ in range(3)]
    for epoch in (first, second):
        assert sorted(np.concatenate(epoch)) == list(range(10))
        assert [len(b) for b in epoch] == [4, 4, 2]
    assert not all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))


def test_the_healthy_mlp_has_a_usable_range_around_the_recipes_rate(adam_test):
    usable = usable_range(adam_test)
    assert isinstance(usable, UsableRange)
    assert usable.low < usable.steepest < usable.high
    assert usable.low < MLP_RECIPE.learning_rate < usable.high
    # The steepest point lies within a factor of three of the recipe's rate.
    assert abs(np.log(usable.steepest / MLP_RECIPE.learning_rate)) < np.log(3)


def test_a_rate_far_too_large_ends_the_test_early(adam_test):
    assert len(adam_test.losses) < 200
    assert adam_test.losses[-1] > 4 * adam_test.losses[0]
    assert np.all(adam_test.losses[:-1] <= 4 * adam_test.losses[0])
    assert len(adam_test.rates) == len(adam_test.losses)
    assert adam_test.rates[-1] < 100 * MLP_RECIPE.learning_rate


def test_a_non_finite_loss_ends_the_test(split):
    network = digits_mlp(seed=0)
    test = lr_range_test(
        network,
        SoftmaxCrossEntropy(),
        SGD(network),
        split.x_train,
        split.y_train,
        start=1e3,
        stop=1e300,
        steps=50,
        seed=0,
        give_up=1e300,
    )
    assert not np.isfinite(test.losses[-1]) and len(test.losses) < 50


def test_a_broken_loss_has_no_usable_range(split):
    loss = SoftmaxCrossEntropy()
    loss.backward = lambda: loss.probabilities / len(loss.labels)  # one-hot forgotten
    network = digits_mlp(seed=0)
    test = lr_range_test(network, loss, Adam(network), split.x_train, split.y_train, seed=0)
    assert usable_range(test) is None


def test_the_range_test_is_deterministic(split):
    tests = []
    for _ in range(2):
        network = digits_mlp(seed=2)
        tests.append(
            lr_range_test(
                network,
                SoftmaxCrossEntropy(),
                Adam(network),
                split.x_train,
                split.y_train,
                steps=40,
                seed=9,
            )
        )
    np.testing.assert_array_equal(tests[0].losses, tests[1].losses)
    np.testing.assert_array_equal(tests[0].rates, tests[1].rates)


def test_smoothed_is_a_centred_mean():
    np.testing.assert_allclose(smoothed(np.arange(7.0), 3), [1, 2, 3, 4, 5])
    np.testing.assert_allclose(smoothed(np.array([3.0, 0.0, 0.0, 3.0]), 3), [1, 1])


def test_usable_range_reads_a_known_curve():
    """Flat at 2, a straight fall to 0.5 between steps 30 and 60, flat, then a climb."""
    rates = 10.0 ** np.linspace(-5, 1, 121)
    losses = np.full(121, 2.0)
    losses[30:61] = np.linspace(2.0, 0.5, 31)
    losses[61:90] = 0.5
    losses[90:] = np.linspace(0.5, 3.0, 31)
    low, steepest, high = usable_range(RangeTest(rates, losses), window=5, min_fall=0.12)
    # 12% below 2.0 is 1.76: the mean of steps 33-37 (1.75) is the first below it.
    assert low == pytest.approx(rates[35])
    # The fall is straight, so every step of it is equally steep: rounding picks one.
    assert rates[35] <= steepest <= rates[58]
    assert rates[60] <= high <= rates[89]


def test_usable_range_without_a_slope_between_low_and_high():
    rates = 10.0 ** np.linspace(-3, 0, 20)
    losses = np.array([2.0] * 10 + [0.5] * 10)
    usable = usable_range(RangeTest(rates, losses), window=1, min_fall=0.5)
    assert usable.low == usable.steepest == rates[10]
    assert usable.high == rates[10]


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"start": 1.0, "stop": 1.0}, InvalidInputError, "start must be smaller than stop"),
        ({"start": 0.0}, InvalidInputError, "start must be a positive finite number"),
        ({"stop": float("inf")}, InvalidInputError, "stop must be a positive finite number"),
        ({"steps": 1}, InvalidInputError, "steps must be at least 2"),
        ({"steps": 10.0}, InvalidTypeError, "steps must be a positive integer"),
        ({"batch_size": 0}, InvalidInputError, "batch_size must be a positive integer"),
        ({"give_up": -1.0}, InvalidInputError, "give_up must be a positive finite number"),
        ({"seed": -1}, InvalidInputError, "seed must be a whole number"),
    ],
)
def test_bad_settings_are_refused(kwargs, error, message, split):
    network = digits_mlp(seed=0)
    with pytest.raises(error, match=message):
        lr_range_test(
            network, SoftmaxCrossEntropy(), Adam(network), split.x_train, split.y_train, **kwargs
        )


def test_bad_parts_are_refused(split):
    network = digits_mlp(seed=0)
    data = (split.x_train, split.y_train)
    with pytest.raises(InvalidInputError, match="built for another network"):
        lr_range_test(network, SoftmaxCrossEntropy(), Adam(digits_mlp(seed=1)), *data)

    class FixedRate:
        layers = network.layers

        def step(self):
            pass

    with pytest.raises(InvalidTypeError, match="float attribute learning_rate"):
        lr_range_test(network, SoftmaxCrossEntropy(), FixedRate(), *data)
    with pytest.raises(InvalidInputError, match="expects 64 features per sample"):
        lr_range_test(network, SoftmaxCrossEntropy(), Adam(network), split.x_train[:, :8], data[1])
    small = Sequential([Dense(64, 3, seed=0)])
    with pytest.raises(InvalidInputError, match="less than the number of classes, 3"):
        lr_range_test(small, SoftmaxCrossEntropy(), Adam(small), *data)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"window": 4}, InvalidInputError, "window must be odd"),
        ({"window": 0}, InvalidInputError, "window must be a positive integer"),
        ({"min_fall": 1.0}, InvalidInputError, "min_fall must be in"),
        ({"min_fall": "a lot"}, InvalidTypeError, "min_fall must be a number"),
        ({"window": 21}, InvalidInputError, "too few to smooth over 21"),
    ],
)
def test_bad_readings_are_refused(kwargs, error, message):
    test = RangeTest(10.0 ** np.linspace(-3, 0, 22), np.linspace(2.0, 1.0, 22))
    with pytest.raises(error, match=message):
        usable_range(test, **kwargs)


def test_usable_range_refuses_what_is_no_range_test():
    with pytest.raises(InvalidTypeError, match="test must be the RangeTest"):
        usable_range([1.0, 2.0])
