"""Early stopping, read from the history: the best epoch on the validation data, then a retraining.

Taught in the chapter "Generalisation: training, validation and test" of Part II.

Frameworks stop a run once the validation score has not improved for a
while (their "patience").  Here the run goes to its end, its ``History``
says which epoch scored best on the validation data, and the network is
trained again, from the same seed, for exactly that many epochs.  With the
same seed the second run repeats the first one's steps, so it ends with
the very parameters the first run had after its best epoch; no copy of
them had to be kept along the way.
"""

import numpy as np

from .errors import InvalidInputError, InvalidTypeError
from .validation import check_positive_int


def best_epoch(history):
    """The epoch, counted from 1, with the highest validation accuracy (the first of ties).

    The validation loss breaks ties between epochs of equal accuracy: the
    lowest wins.  ``history`` is the ``History`` of a ``fit`` given
    ``validation=``.
    """
    accuracy = getattr(history, "validation_accuracy", None)
    loss = getattr(history, "validation_loss", None)
    if accuracy is None or loss is None:
        raise InvalidTypeError(f"history must be a History from fit; got {type(history).__name__}")
    if not accuracy:
        raise InvalidInputError(
            "history holds no validation scores: train with "
            "fit(..., validation=(x_validation, labels_validation))"
        )
    # Highest accuracy first, then lowest loss, then the earliest epoch.
    order = np.lexsort((np.arange(len(accuracy)), loss, -np.asarray(accuracy)))
    return int(order[0]) + 1


def stop_early(train, epochs):
    """Train for ``epochs``, find the best epoch, and train again to it.

    ``train(epochs)`` must build a fresh network from a fixed seed, train it
    with ``fit(..., validation=...)`` for ``epochs`` epochs and return
    ``(network, history)``.  Returns ``(network, best, history)``: the
    network retrained for ``best`` epochs and the history of the full run.
    Raises ``InvalidInputError`` if the retrained network does not score
    what the full run scored at its best epoch, which happens when
    ``train`` does not fix every seed.
    """
    epochs = check_positive_int("epochs", epochs)
    _, history = train(epochs)
    best = best_epoch(history)
    network, again = train(best)
    expected = history.validation_accuracy[best - 1], history.validation_loss[best - 1]
    scored = again.validation_accuracy[-1], again.validation_loss[-1]
    if scored != expected:
        raise InvalidInputError(
            f"retrained for {best} epochs, the network scored "
            f"{again.validation_accuracy[-1]:.4f} on the validation data, not the "
            f"{expected[0]:.4f} of epoch {best}: train(epochs) must fix every seed "
            "(the starting weights, the shuffling, the dropout masks)"
        )
    return network, best, history
