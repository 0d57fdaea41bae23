"""A text progress bar for training, and a loss that keeps its running mean.

Used by the command line (``python -m nn_from_scratch digits``) with the
``progress`` callback of :func:`nn_from_scratch.training.fit`.  On a
terminal the line of the current epoch is redrawn after every batch;
anywhere else (a file, a pipe, a CI log) only the finished line of each
epoch is written, so a log gets one line per epoch and no control
characters.
"""

import sys

from .validation import check_positive_int


def is_terminal(stream):
    """``True`` if ``stream`` is an open terminal, ``False`` otherwise (files, pipes, StringIO)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


def bar_characters(done, total, width):
    """``done`` of ``total`` as ``width`` characters: ``#`` for done, ``-`` for still to do."""
    filled = width * done // total
    return "#" * filled + "-" * (width - filled)


class ProgressBar:
    """Shows how far training has got, one line per epoch.

    A line reads, for example::

        epoch  3/20 [########################] 45/45 batches  loss 0.1234  test accuracy 96.39%

    ``update`` is called after every batch: on a terminal it redraws the
    line of the current epoch (a carriage return, no new line); elsewhere it
    writes nothing.  ``finish_epoch`` writes the epoch's finished line, with
    the test accuracy, and a new line.  ``interactive`` forces one behaviour
    or the other; by default it is ``stream.isatty()``.
    """

    def __init__(self, epochs, stream=None, interactive=None, width=24):
        self.epochs = check_positive_int("epochs", epochs)
        self.width = check_positive_int("width", width)
        self.stream = sys.stderr if stream is None else stream
        self.interactive = is_terminal(self.stream) if interactive is None else bool(interactive)
        self.drawn = 0  # characters of the unfinished line now on the terminal

    def line(self, epoch, batches_done, n_batches, loss, test_accuracy=None):
        """The text of the line for ``epoch`` (counted from 0) after ``batches_done`` batches."""
        digits, batch_digits = len(str(self.epochs)), len(str(n_batches))
        text = (
            f"epoch {epoch + 1:>{digits}}/{self.epochs} "
            f"[{bar_characters(batches_done, n_batches, self.width)}] "
            f"{batches_done:>{batch_digits}}/{n_batches} batches  loss {loss:.4f}"
        )
        if test_accuracy is not None:
            text += f"  test accuracy {100 * test_accuracy:.2f}%"
        return text

    def update(self, epoch, batch, n_batches, loss):
        """After batch ``batch`` (from 0) of ``n_batches``: redraw the line on a terminal."""
        if self.interactive:
            text = self.line(epoch, batch + 1, n_batches, loss)
            # Spaces wipe what is left of a longer line drawn before.
            self.stream.write("\r" + text.ljust(self.drawn))
            self.stream.flush()
            self.drawn = len(text)

    def finish_epoch(self, epoch, n_batches, loss, test_accuracy):
        """Write the finished line of ``epoch``, with its test accuracy, and a new line."""
        text = self.line(epoch, n_batches, n_batches, loss, test_accuracy)
        if self.interactive:
            text = "\r" + text.ljust(self.drawn)
        self.stream.write(text + "\n")
        self.stream.flush()
        self.drawn = 0

    def close(self):
        """End the line of an unfinished epoch (after an error, say) with a new line."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = 0


class RunningLoss:
    """A loss that remembers the mean of its values since the last ``reset``.

    It wraps another loss (``forward(prediction, target)`` and ``backward()``)
    and passes both calls through unchanged; each value is weighted by its
    batch size, so ``mean()`` is the mean over the samples seen so far.
    """

    def __init__(self, loss):
        self.loss = loss
        self.reset()

    def reset(self):
        self.total = 0.0
        self.samples = 0

    def forward(self, prediction, target):
        value = self.loss.forward(prediction, target)
        self.total += value * len(target)
        self.samples += len(target)
        return value

    def backward(self):
        return self.loss.backward()

    def mean(self):
        """The mean loss per sample since the last ``reset`` (NaN before any batch)."""
        return self.total / self.samples if self.samples else float("nan")
