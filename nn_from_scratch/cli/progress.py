"""A text progress bar for training.

Used by the command line (``python -m nn_from_scratch digits``), through
the ``progress`` callback of :func:`nn_from_scratch.training.fit`, to show
the mean loss of the epoch so far.  On a terminal the line of the current
epoch is redrawn after every batch; anywhere else (a file, a pipe, a CI
log) only the finished line of each epoch is written, so a log gets one
line per epoch and no control characters.
"""

import os
import shutil
import sys

from ..validation import check_positive_int

#: The most columns a line of the bar takes: a log, a pipe or a terminal of
#: unknown size gets this many, a narrower terminal fewer.
MAX_COLUMNS = 80

#: The shortest bar drawn, however little room the rest of the line leaves.
MIN_BAR_WIDTH = 8


def is_terminal(stream):
    """``True`` if ``stream`` is an open terminal, ``False`` otherwise (files, pipes, StringIO)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


def terminal_columns(stream):
    """The columns of the terminal ``stream`` writes to, at most ``MAX_COLUMNS``.

    When ``stream`` has no size of its own, ``shutil.get_terminal_size``
    decides (the ``COLUMNS`` variable, then the standard output), and
    ``MAX_COLUMNS`` if that does not know either.
    """
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):  # no file descriptor, or not a terminal
        columns = shutil.get_terminal_size((MAX_COLUMNS, 24)).columns
    return min(columns, MAX_COLUMNS) if columns > 0 else MAX_COLUMNS


def bar_characters(done, total, width):
    """``done`` of ``total`` as ``width`` characters: ``#`` for done, ``-`` for still to do."""
    filled = width * done // total
    return "#" * filled + "-" * (width - filled)


class ProgressBar:
    """Shows how far training has got, one line per epoch.

    A line reads, for example::

        epoch  3/20 [#######################################] 45/45 batches  loss 0.1234

    ``update`` is called after every batch: on a terminal it redraws the
    line of the current epoch (a carriage return, no new line); elsewhere it
    writes nothing.  ``finish_epoch`` writes the epoch's finished line and a
    new line.  ``interactive`` forces one behaviour or the other; by default
    it is ``stream.isatty()``.

    A line fits in ``columns`` characters: by default 80 (``MAX_COLUMNS``),
    or the width of a narrower terminal.  The bar takes the room the rest of
    the line leaves, but no less than ``MIN_BAR_WIDTH`` characters;
    ``width`` fixes it instead.
    """

    def __init__(self, epochs, stream=None, interactive=None, width=None, columns=None):
        self.epochs = check_positive_int("epochs", epochs)
        self.width = None if width is None else check_positive_int("width", width)
        self.stream = sys.stderr if stream is None else stream
        self.interactive = is_terminal(self.stream) if interactive is None else bool(interactive)
        if columns is None:
            columns = terminal_columns(self.stream) if self.interactive else MAX_COLUMNS
        self.columns = check_positive_int("columns", columns)
        self.drawn = 0  # characters of the unfinished line now on the terminal

    def line(self, epoch, batches_done, n_batches, loss):
        """The text of the line for ``epoch`` (counted from 0) after ``batches_done`` batches."""
        loss_text = f"{loss:.4f}"
        width = self.width or self.fitted_width(n_batches, loss_text)
        bar = bar_characters(batches_done, n_batches, width)
        return self.compose(epoch, bar, batches_done, n_batches, loss_text)

    def compose(self, epoch, bar, batches_done, n_batches, loss_text):
        """Lay out one line from its parts; the numbers are already text."""
        digits, batch_digits = len(str(self.epochs)), len(str(n_batches))
        return (
            f"epoch {epoch + 1:>{digits}}/{self.epochs} [{bar}] "
            f"{batches_done:>{batch_digits}}/{n_batches} batches  loss {loss_text}"
        )

    def fitted_width(self, n_batches, loss_text):
        """The widest bar that keeps a line short of ``columns`` (at least the minimum).

        A line stops one column short of the edge, where a terminal could
        wrap it (see ``update``).  The room for a loss of 9.9999 is kept even
        when the loss is shorter, so the bar stays the same width from line
        to line; only a loss of 10 or more makes it shorter.
        """
        rest = self.compose(self.epochs - 1, "", n_batches, n_batches, loss_text.rjust(6))
        return max(MIN_BAR_WIDTH, self.columns - 1 - len(rest))

    def update(self, epoch, batch, n_batches, loss):
        """After batch ``batch`` (from 0) of ``n_batches``: redraw the line on a terminal."""
        if self.interactive:
            # A line that reached the terminal's last column could wrap, and
            # "\r" would not go back to its start: keep it one column shorter.
            text = self.line(epoch, batch + 1, n_batches, loss)[: self.columns - 1]
            # Spaces wipe what is left of a longer line drawn before.
            self.stream.write("\r" + text.ljust(self.drawn))
            self.stream.flush()
            self.drawn = len(text)

    def finish_epoch(self, epoch, n_batches, loss):
        """Write the finished line of ``epoch`` and a new line."""
        text = self.line(epoch, n_batches, n_batches, loss)
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
