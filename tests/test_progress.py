"""The progress bar of the command line, and the loss that keeps its running mean."""

import io

import numpy as np
import pytest

from nn_from_scratch.errors import InvalidInputError, InvalidTypeError
from nn_from_scratch.losses import SoftmaxCrossEntropy
from nn_from_scratch.progress import ProgressBar, RunningLoss, bar_characters, is_terminal


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run_epochs(bar, epochs, n_batches):
    """Drive ``bar`` as fit's progress callback would, with made-up losses and accuracies."""
    for epoch in range(epochs):
        for batch in range(n_batches - 1):
            bar.update(epoch, batch, n_batches, loss=1.0 / (batch + 1))
        bar.finish_epoch(epoch, n_batches, loss=0.5 / (epoch + 1), test_accuracy=0.9 + epoch / 100)


@pytest.mark.parametrize(
    "done, total, expected",
    [(0, 4, "--------"), (1, 4, "##------"), (3, 7, "###-----"), (4, 4, "########")],
)
def test_bar_characters(done, total, expected):
    assert bar_characters(done, total, 8) == expected


def test_without_a_terminal_each_epoch_writes_one_finished_line():
    stream = io.StringIO()
    run_epochs(ProgressBar(12, stream=stream, width=10), epochs=3, n_batches=45)
    assert stream.getvalue().splitlines() == [
        "epoch  1/12 [##########] 45/45 batches  loss 0.5000  test accuracy 90.00%",
        "epoch  2/12 [##########] 45/45 batches  loss 0.2500  test accuracy 91.00%",
        "epoch  3/12 [##########] 45/45 batches  loss 0.1667  test accuracy 92.00%",
    ]
    assert "\r" not in stream.getvalue()


def test_on_a_terminal_the_line_is_redrawn_after_every_batch():
    stream = Terminal()
    run_epochs(ProgressBar(2, stream=stream, width=4), epochs=2, n_batches=3)
    assert stream.getvalue() == (
        "\repoch 1/2 [#---] 1/3 batches  loss 1.0000"
        "\repoch 1/2 [##--] 2/3 batches  loss 0.5000"
        "\repoch 1/2 [####] 3/3 batches  loss 0.5000  test accuracy 90.00%\n"
        "\repoch 2/2 [#---] 1/3 batches  loss 1.0000"
        "\repoch 2/2 [##--] 2/3 batches  loss 0.5000"
        "\repoch 2/2 [####] 3/3 batches  loss 0.2500  test accuracy 91.00%\n"
    )


def test_a_shorter_line_wipes_the_longer_one_before_it():
    stream = Terminal()
    bar = ProgressBar(1, stream=stream, width=2)
    bar.update(0, 0, 2, loss=12345.0)
    bar.finish_epoch(0, 2, loss=1.0, test_accuracy=1.0)
    first, second = stream.getvalue().split("\r")[1:]
    assert len(second.rstrip("\n")) >= len(first)


@pytest.mark.parametrize("interactive", [True, False])
def test_interactive_overrides_the_stream(interactive):
    stream = io.StringIO()
    bar = ProgressBar(1, stream=stream, interactive=interactive)
    bar.update(0, 0, 2, loss=1.0)
    assert (stream.getvalue() != "") is interactive


def test_the_default_stream_is_stderr(capsys):
    bar = ProgressBar(1)
    bar.finish_epoch(0, 1, loss=0.25, test_accuracy=0.5)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("epoch 1/1 [") and captured.err.endswith("50.00%\n")


def test_is_terminal_is_false_for_files_and_closed_or_odd_streams(tmp_path):
    assert is_terminal(Terminal())
    assert not is_terminal(io.StringIO())
    closed = io.StringIO()
    closed.close()
    assert not is_terminal(closed)
    assert not is_terminal(object())
    with open(tmp_path / "log.txt", "w") as file:
        assert not is_terminal(file)


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"epochs": 0}, InvalidInputError),
        ({"epochs": 2.5}, InvalidTypeError),
        ({"epochs": 3, "width": 0}, InvalidInputError),
    ],
)
def test_bad_settings(kwargs, error):
    with pytest.raises(error, match="must be a positive integer"):
        ProgressBar(**kwargs)


def test_running_loss_passes_through_and_averages_over_samples():
    rng = np.random.default_rng(0)
    inner, running = SoftmaxCrossEntropy(), RunningLoss(SoftmaxCrossEntropy())
    assert np.isnan(running.mean())
    values = []
    for size in (5, 3):
        logits, labels = rng.normal(size=(size, 4)), rng.integers(0, 4, size)
        value = running.forward(logits, labels)
        assert value == inner.forward(logits, labels)
        assert np.array_equal(running.backward(), inner.backward())
        values.append(value)
    assert running.mean() == pytest.approx((5 * values[0] + 3 * values[1]) / 8, rel=1e-12)
    running.reset()
    assert np.isnan(running.mean())


def test_close_ends_an_unfinished_line_only():
    stream = Terminal()
    bar = ProgressBar(1, stream=stream)
    bar.close()
    assert stream.getvalue() == ""
    bar.update(0, 0, 3, loss=1.0)
    bar.close()
    assert stream.getvalue().endswith("loss 1.0000\n")
    bar.close()
    assert stream.getvalue().count("\n") == 1
