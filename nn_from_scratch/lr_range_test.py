"""The learning-rate range test: one short run with a rate that grows at every step.

Taught in the chapter "Debugging a training run" of Part II.

:func:`lr_range_test` trains a fresh network for a few hundred mini-batch
steps, multiplying the learning rate by the same factor after every step,
from a rate too small to change anything to one large enough to wreck the
network, and records the loss of every batch.  :func:`usable_range` reads
off that curve where the loss starts to fall, where it falls fastest and
where it stops falling.
"""

from typing import NamedTuple

import numpy as np

from .diagnostics import checked_batch
from .errors import InvalidInputError, InvalidTypeError
from .optimizers import check_fraction
from .training import check_training_parts, minibatches
from .validation import check_positive_finite, check_positive_int, random_generator


class RangeTest(NamedTuple):
    """The rate of every step and the loss of its batch, measured before the step."""

    rates: np.ndarray
    losses: np.ndarray


class UsableRange(NamedTuple):
    """Three rates read off a range test: the loss starts to fall, falls fastest, is lowest."""

    low: float
    steepest: float
    high: float


def check_rates(start, stop, steps):
    """Return ``(start, stop, steps)`` if ``0 < start < stop`` and ``steps >= 2``, or raise."""
    start = check_positive_finite("start", start)
    stop = check_positive_finite("stop", stop)
    if start >= stop:
        raise InvalidInputError(f"start must be smaller than stop; got start={start}, stop={stop}")
    steps = check_positive_int("steps", steps)
    if steps < 2:
        raise InvalidInputError(f"steps must be at least 2; got {steps}")
    return start, stop, steps


def check_adjustable_rate(optimizer):
    """Raise unless ``optimizer`` has a ``learning_rate`` that can be set between steps."""
    if not isinstance(getattr(optimizer, "learning_rate", None), float):
        raise InvalidTypeError(
            "optimizer must have a float attribute learning_rate, read at every "
            f"step, like SGD and Adam; got {type(optimizer).__name__}"
        )


def endless_batches(n_samples, batch_size, rng):
    """The batches of :func:`~nn_from_scratch.training.minibatches`, epoch after epoch."""
    while True:
        yield from minibatches(n_samples, batch_size, rng)


def lr_range_test(
    network,
    loss,
    optimizer,
    x,
    labels,
    start=1e-5,
    stop=10.0,
    steps=200,
    batch_size=32,
    seed=None,
    give_up=4.0,
):
    """Train with a rate raised geometrically from ``start`` to ``stop``.

    Step ``i`` of ``steps`` uses the rate ``start * (stop / start) **
    (i / (steps - 1))``, so every step multiplies it by the same factor.
    The loss of each mini-batch is recorded before its step.  The test
    stops early once a loss is not finite or exceeds ``give_up`` times the
    first one: the rate is then far too large.  Trains ``network``; build a
    fresh one for the real run.
    """
    check_training_parts(network, loss, optimizer, None)
    check_adjustable_rate(optimizer)
    start, stop, steps = check_rates(start, stop, steps)
    batch_size = check_positive_int("batch_size", batch_size)
    give_up = check_positive_finite("give_up", give_up)
    x, labels = checked_batch(network, x, labels)
    rates = start * (stop / start) ** (np.arange(steps) / (steps - 1))
    batches = endless_batches(len(x), batch_size, random_generator(seed))
    losses = []
    # A rate far too large overflows: the loss then says so.
    with np.errstate(over="ignore", invalid="ignore"):
        for rate, indices in zip(rates, batches, strict=False):
            batch_loss = loss.forward(network.forward(x[indices]), labels[indices])
            losses.append(batch_loss)
            if not batch_loss <= give_up * losses[0]:  # NaN too
                break
            network.backward(loss.backward())
            optimizer.learning_rate = float(rate)
            optimizer.step()
    return RangeTest(rates[: len(losses)], np.array(losses))


def smoothed(losses, window):
    """The mean of every ``window`` neighbouring losses: ``len - window + 1`` values.

    Each mean is centred on its middle loss, so the curve is not shifted
    towards later rates, as a running average would be.
    """
    return np.convolve(losses, np.ones(window) / window, mode="valid")


def check_smoothing(test, window, min_fall):
    """Return ``(window, min_fall)`` if ``test`` can be read with them, or raise.

    ``window`` must be odd, ``min_fall`` a fraction in [0, 1), and the test
    must have at least ``window + 2`` losses, so that a slope is left after
    smoothing.
    """
    window = check_positive_int("window", window)
    if window % 2 == 0:
        raise InvalidInputError(f"window must be odd; got {window}")
    min_fall = check_fraction("min_fall", min_fall)
    losses = getattr(test, "losses", None)
    if not isinstance(losses, np.ndarray) or losses.ndim != 1:
        raise InvalidTypeError(
            f"test must be the RangeTest of lr_range_test; got {type(test).__name__}"
        )
    if len(losses) < window + 2:
        raise InvalidInputError(
            f"the test has {len(losses)} losses: too few to smooth over "
            f"{window} and still see a slope; run more steps"
        )
    return window, min_fall


def usable_range(test, window=11, min_fall=0.1):
    """Read a :class:`RangeTest`: ``UsableRange(low, steepest, high)``, or None.

    The losses are smoothed over ``window`` neighbouring steps (an odd
    number).  ``low`` is the first rate where the smoothed loss is a
    fraction ``min_fall`` below where it started, ``high`` the rate where it
    is lowest from there on, and ``steepest`` the rate between them where it
    falls fastest against the logarithm of the rate.  None if the smoothed
    loss never falls that far: no rate of the test trains the network.
    """
    window, min_fall = check_smoothing(test, window, min_fall)
    smooth = smoothed(test.losses, window)
    half = window // 2
    rates = test.rates[half : len(test.rates) - half]
    fallen = np.flatnonzero(smooth <= (1 - min_fall) * smooth[0])
    if not fallen.size:
        return None
    low = fallen[0]
    high = low + int(np.argmin(smooth[low:]))
    steepest = low
    if high - low >= 2:
        # The slope against log(rate), between low and high.
        span = slice(low, high + 1)
        slopes = np.gradient(smooth[span], np.log(rates[span]))
        steepest = low + int(np.argmin(slopes))
    return UsableRange(float(rates[low]), float(rates[steepest]), float(rates[high]))
