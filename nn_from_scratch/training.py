"""Mini-batch training: shuffle, cut into batches, and step after every batch.

Taught in the chapter "Many layers and mini-batches" of Part II.  The modes
(``fit`` trains in training mode, ``evaluate`` scores in evaluation mode) are
explained in the chapter "Generalisation: training, validation and test".
"""

import dataclasses

import numpy as np

from .errors import InvalidInputError, InvalidTypeError
from .label_checks import as_samples, check_labels
from .sequential import forward_checked, in_mode, parameter_dtype
from .validation import check_finite_loss, check_positive_int, random_generator


@dataclasses.dataclass
class History:
    """What happened during training, one entry per epoch.

    ``train_loss`` and ``train_accuracy`` are averaged over the epoch's
    mini-batches, as they went by (no extra pass over the data);
    ``validation_loss`` and ``validation_accuracy`` are measured on the
    ``validation`` data after each epoch (empty without it).
    """

    train_loss: list = dataclasses.field(default_factory=list)
    train_accuracy: list = dataclasses.field(default_factory=list)
    validation_loss: list = dataclasses.field(default_factory=list)
    validation_accuracy: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class TrainingRecipe:
    """How a network is trained: epochs, batch size, optimiser and its settings.

    ``momentum`` is used by the optimiser ``"sgd"`` only.
    """

    epochs: int
    batch_size: int
    learning_rate: float
    optimizer: str = "adam"
    momentum: float = 0.0


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
    runs forward, loss, backward and ``optimizer.step()``, then calls
    ``progress(epoch, batch, n_batches, batch_loss)`` if given.
    ``validation`` is an optional pair ``(x_validation, labels_validation)``,
    scored after every epoch: data for choosing epochs or recipes, never the
    test data.  The inputs are checked here, once, with one probe through
    the network; inside the loop only the loss's own few comparisons and a
    check that each batch's loss is finite remain.

    Each layer's ``forward`` keeps what its ``backward`` needs (``Dense``
    keeps its input), so the two must come in pairs on the same batch: a
    ``predict_labels`` or ``evaluate`` in between would overwrite it, and
    ``backward`` would silently compute the gradients of the wrong batch.
    The loop keeps each pair together; ``progress`` is called after the
    step, where running the network is safe.

    The loop runs in training mode (every layer's ``training`` flag True,
    so ``Dropout`` drops), the probe and the validation scores in
    evaluation mode; afterwards every flag is as it was before the call.
    """
    epochs = check_positive_int("epochs", epochs)
    batch_size = check_positive_int("batch_size", batch_size)
    rng = random_generator(seed)
    check_training_parts(network, loss, optimizer, progress)
    dtype = parameter_dtype(network)
    x = as_samples("x", x, dtype)
    # The probe: the first sample through every layer, naming any that
    # refuses it.  In evaluation mode, so that it draws no dropout mask.
    with in_mode(network, training=False):
        probe = forward_checked(network, x)
        n_classes = probe.shape[1]
        labels = check_labels("labels", labels, len(x), n_classes)
        check_loss_fits(loss, probe, labels[: len(probe)])
        if validation is not None:
            validation = check_validation(network, validation, dtype, n_classes)
    # A diverging run overflows before its loss becomes NaN: no warnings
    # from NumPy, the loop reports it.
    with np.errstate(over="ignore", invalid="ignore"), in_mode(network, training=True):
        return train_loop(
            network, loss, optimizer, x, labels, epochs, batch_size, rng, validation, progress
        )


def check_training_parts(network, loss, optimizer, progress):
    """Raise unless network, loss, optimizer and progress can do their parts in ``fit``."""
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
    check_optimizer_trains(optimizer, network)


def check_optimizer_trains(optimizer, network):
    """Raise unless every layer ``optimizer`` was built from is one of ``network``'s layers.

    An optimiser keeps the layers it was built from.  Given another
    network's, it would train nothing here and change the other network.
    """
    for index, layer in enumerate(getattr(optimizer, "layers", ())):
        if not any(layer is own for own in network.layers):
            raise InvalidInputError(
                f"optimizer was built for another network: its layers[{index}], "
                f"a {type(layer).__name__}, is not one of this network's layers. "
                f"Build the optimiser from this network: {type(optimizer).__name__}(network, ...)"
            )


def check_loss_fits(loss, output, labels):
    """Score ``output`` (the probe's) against ``labels`` with ``loss``, or raise clearly.

    Run once by ``fit`` before the loop, so that a loss that cannot take
    class labels (``MeanSquaredError``) is refused with words, not mid-loop.
    """
    try:
        loss.forward(output, labels)
    except (InvalidInputError, InvalidTypeError):
        raise
    except (ValueError, IndexError) as error:
        raise InvalidInputError(
            f"loss {type(loss).__name__} cannot score the network's output of shape "
            f"{output.shape} against labels of shape {labels.shape}: {error}"
        ) from None


def check_validation(network, validation, dtype, n_classes):
    """Return ``(x_validation, labels_validation)``, checked like the training data."""
    if not isinstance(validation, (tuple, list)) or len(validation) != 2:
        raise InvalidInputError(
            "validation must be None or a pair (x_validation, labels_validation); "
            f"got {type(validation).__name__}"
        )
    x, labels = validation
    x = as_samples("validation x", x, dtype)
    forward_checked(network, x, "validation x")
    labels = check_labels("validation labels", labels, len(x), n_classes)
    return x, labels


def train_loop(network, loss, optimizer, x, labels, epochs, batch_size, rng, validation, progress):
    """The loop of ``fit``, on inputs it has already checked; returns the History."""
    history = History()
    n_samples = len(x)
    n_batches = -(-n_samples // batch_size)
    for epoch in range(epochs):
        loss_sum = 0.0
        correct = 0
        batches = minibatches(n_samples, batch_size, rng)
        for batch, indices in enumerate(batches):
            x_batch, labels_batch = x[indices], labels[indices]
            logits = network.forward(x_batch)
            batch_loss = check_finite_loss(
                loss.forward(logits, labels_batch),
                f"epoch {epoch + 1}, batch {batch + 1} of {n_batches}",
            )
            # The loss is a batch mean: weight it by the batch size.
            loss_sum += batch_loss * len(indices)
            predicted = logits.argmax(axis=1)
            correct += int(np.count_nonzero(predicted == labels_batch))
            network.backward(loss.backward())
            optimizer.step()
            if progress is not None:
                progress(epoch, batch, n_batches, batch_loss)
        history.train_loss.append(loss_sum / n_samples)
        history.train_accuracy.append(correct / n_samples)
        if validation is not None:
            validation_loss, validation_accuracy = evaluate(network, loss, *validation)
            history.validation_loss.append(validation_loss)
            history.validation_accuracy.append(validation_accuracy)
    return history


def evaluate(network, loss, x, labels, batch_size=512):
    """``(mean loss, accuracy)`` of ``network`` on ``(x, labels)``, already checked.

    Runs in evaluation mode and puts every layer's mode back afterwards.
    """
    loss_sum = 0.0
    correct = 0
    with in_mode(network, training=False):
        for start in range(0, len(x), batch_size):
            logits = network.forward(x[start : start + batch_size])
            batch_labels = labels[start : start + batch_size]
            loss_sum += loss.forward(logits, batch_labels) * len(batch_labels)
            correct += int(np.count_nonzero(logits.argmax(axis=1) == batch_labels))
    return loss_sum / len(x), correct / len(x)
