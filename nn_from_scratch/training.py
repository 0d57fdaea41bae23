"""Mini-batch training: shuffle, cut into batches, and step after every batch.

Taught in the chapter "Many layers and mini-batches" of Part II.
"""

import copy
import dataclasses
import math

import numpy as np

from .errors import InvalidInputError, InvalidTypeError, TrainingDivergedError
from .label_checks import as_samples, check_labels
from .sequential import forward_checked, parameter_dtype
from .validation import check_positive_int, random_generator


@dataclasses.dataclass
class History:
    """What happened during training, one entry per epoch.

    ``train_loss`` and ``train_accuracy`` are averaged over the epoch's
    mini-batches, as they went by (no extra pass over the data);
    ``test_loss`` and ``test_accuracy`` are measured on the ``validation``
    data after each epoch (empty without it).
    """

    train_loss: list = dataclasses.field(default_factory=list)
    train_accuracy: list = dataclasses.field(default_factory=list)
    test_loss: list = dataclasses.field(default_factory=list)
    test_accuracy: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class TrainingRecipe:
    """How a network is trained: epochs, batch size, optimiser and its learning rate."""

    epochs: int
    batch_size: int
    learning_rate: float
    optimizer: str = "adam"


def minibatches(n_samples, batch_size, rng):
    """Yield the sample indices of one epoch, shuffled, ``batch_size`` at a time.

    The last batch is smaller when ``batch_size`` does not divide ``n_samples``.
    ``rng`` is a ``numpy.random.Generator`` (or a seed for one).  The checks
    run when the iteration starts.
    """
    n_samples = check_positive_int("n_samples", n_samples)
    batch_size = check_positive_int("batch_size", batch_size)
    order = random_generator(rng).permutation(n_samples)
    for start in range(0, n_samples, batch_size):
        yield order[start : start + batch_size]


def fit(
    network,
    loss,
    optimizer,
    x,
    labels,
    epochs,
    batch_size,
    seed=None,
    validation=None,
    progress=None,
):
    """Train ``network`` on ``(x, labels)`` with mini-batches; return a ``History``.

    Every epoch shuffles the samples (with ``seed``), and for every batch
    runs forward, loss, backward and ``optimizer.step()``.  ``validation``
    is an optional ``(x_test, labels_test)`` pair; ``progress(epoch, batch,
    n_batches)`` is called after every batch.  All inputs are checked here,
    once, so the loop itself does no checking.
    """
    epochs = check_positive_int("epochs", epochs)
    batch_size = check_positive_int("batch_size", batch_size)
    rng = random_generator(seed)
    for name, obj, methods in (
        ("network", network, ("forward", "backward")),
        ("loss", loss, ("forward", "backward")),
        ("optimizer", optimizer, ("step",)),
    ):
        if not all(callable(getattr(obj, method, None)) for method in methods):
            raise InvalidTypeError(f"{name} must have methods {methods}; got {type(obj).__name__}")
    if not getattr(network, "layers", None):
        raise InvalidTypeError("network must have a non-empty list of layers, like a Sequential")
    if progress is not None and not callable(progress):
        raise InvalidTypeError(f"progress must be None or callable; got {type(progress).__name__}")
    dtype = parameter_dtype(network)
    x = as_samples("x", x, dtype)
    n_classes = forward_checked(network, x).shape[1]
    labels = check_labels("labels", labels, len(x), n_classes)
    if validation is not None:
        x_test, labels_test = unpack_validation(validation)
        x_test = as_samples("validation x", x_test, dtype)
        forward_checked(network, x_test, "validation x")
        labels_test = check_labels("validation labels", labels_test, len(x_test), n_classes)
        validation = (x_test, labels_test)
    check_loss_fits(loss, network, x[:batch_size], labels[:batch_size])
    return train_loop(
        network, loss, optimizer, x, labels, epochs, batch_size, rng, validation, progress
    )


def unpack_validation(validation):
    """Return ``(x_test, labels_test)`` from ``validation``, or raise."""
    if not isinstance(validation, (tuple, list)) or len(validation) != 2:
        raise InvalidInputError(
            "validation must be None or a pair (x_test, labels_test); "
            f"got {type(validation).__name__}"
        )
    return validation


def check_loss_fits(loss, network, x, labels):
    """Score the network's output for ``x`` (the first batch) with ``loss``, or raise clearly.

    Run once by ``fit`` before the loop, so that a loss that cannot take
    class labels (``MeanSquaredError``) is refused with words, not mid-loop.
    A shallow copy of the loss does the scoring, so a loss that keeps
    statistics of its calls (the command line's running mean) sees only the
    training batches.
    """
    output = network.forward(x)
    try:
        copy.copy(loss).forward(output, labels)
    except (InvalidInputError, InvalidTypeError):
        raise
    except (ValueError, IndexError) as error:
        raise InvalidInputError(
            f"loss {type(loss).__name__} cannot score the network's output of shape "
            f"{output.shape} against labels of shape {labels.shape}: {error}"
        ) from None


def unchecked_forward(loss):
    """The loss's ``forward_unchecked`` if it has one, else its ``forward``."""
    return getattr(loss, "forward_unchecked", loss.forward)


def check_finite_batch_loss(loss, epoch, batch, n_batches):
    """Return ``loss`` unchanged if it is finite; otherwise stop training, naming the batch."""
    if not math.isfinite(loss):
        raise TrainingDivergedError(
            f"the loss became {loss} in epoch {epoch + 1}, batch {batch + 1} of {n_batches}: "
            "training diverged. The usual cause is a learning rate that is too large; "
            "try a smaller one."
        )
    return loss


def train_loop(network, loss, optimizer, x, labels, epochs, batch_size, rng, validation, progress):
    """The loop of ``fit``, on inputs it has already checked."""
    # The data needs no gradient: let the first layer skip computing it.
    first = network.layers[0]
    needed = getattr(first, "needs_input_gradient", True)
    first.needs_input_gradient = False
    try:
        # A diverging run overflows before its loss becomes NaN: no
        # warnings from NumPy, the loop reports it.
        with np.errstate(over="ignore", invalid="ignore"):
            return epochs_loop(
                network, loss, optimizer, x, labels, epochs, batch_size, rng, validation, progress
            )
    finally:
        first.needs_input_gradient = needed


def epochs_loop(network, loss, optimizer, x, labels, epochs, batch_size, rng, validation, progress):
    """Train for ``epochs`` epochs; return the History."""
    history = History()
    n_samples = len(x)
    n_batches = -(-n_samples // batch_size)
    # fit checked the inputs once: skip the loss's own checks in the loop.
    loss_forward = unchecked_forward(loss)
    for epoch in range(epochs):
        loss_sum = 0.0
        correct = 0
        batches = minibatches(n_samples, batch_size, rng)
        for batch, indices in enumerate(batches):
            x_batch, labels_batch = x[indices], labels[indices]
            logits = network.forward(x_batch)
            batch_loss = loss_forward(logits, labels_batch)
            check_finite_batch_loss(batch_loss, epoch, batch, n_batches)
            # The loss is a batch mean: weight it by the batch size.
            loss_sum += batch_loss * len(indices)
            predicted = logits.argmax(axis=1)
            correct += int(np.count_nonzero(predicted == labels_batch))
            network.backward(loss.backward())
            optimizer.step()
            if progress is not None:
                progress(epoch, batch, n_batches)
        history.train_loss.append(loss_sum / n_samples)
        history.train_accuracy.append(correct / n_samples)
        if validation is not None:
            test_loss, test_accuracy = evaluate(network, loss, *validation)
            history.test_loss.append(test_loss)
            history.test_accuracy.append(test_accuracy)
    return history


def evaluate(network, loss, x, labels, batch_size=512):
    """``(mean loss, accuracy)`` of ``network`` on ``(x, labels)``, already checked."""
    loss_sum = 0.0
    correct = 0
    loss_forward = unchecked_forward(loss)
    for start in range(0, len(x), batch_size):
        logits = network.forward(x[start : start + batch_size])
        batch_labels = labels[start : start + batch_size]
        loss_sum += loss_forward(logits, batch_labels) * len(batch_labels)
        correct += int(np.count_nonzero(logits.argmax(axis=1) == batch_labels))
    return loss_sum / len(x), correct / len(x)
