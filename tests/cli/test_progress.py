"""The progress bar of the command line."""

import io

import pytest

from nn_from_scratch.cli.progress import (
    MAX_COLUMNS,
    MIN_BAR_WIDTH,
    ProgressBar,
    bar_characters,
    is_terminal,
    terminal_columns,
)
from nn_from_scratch.errors import InvalidInputError, InvalidTypeError


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run_epochs(bar, epochs, n_batches):
    """Drive ``bar`` as the command line's progress callback would, with made-up losses."""
    for epoch in range(epochs):
        for batch in range(n_batches - 1):
            bar.update(epoch, batch, n_batches, loss=1.0 / (batch + 1))
        bar.finish_epoch(epoch, n_batches, loss=0.5 / (epoch + 1))


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
        "epoch  1/12 [##########] 45/45 batches  loss 0.5000",
        "epoch  2/12 [##########] 45/45 batches  loss 0.2500",
        "epoch  3/12 [##########] 45/45 batches  loss 0.1667",
    ]
    assert "\r" not in stream.getvalue()


def test_on_a_terminal_the_line_is_redrawn_after_every_batch():
    stream = Terminal()
    run_epochs(ProgressBar(2, stream=stream, width=4), epochs=2, n_batches=3)
    assert stream.getvalue() == (
        "\repoch 1/2 [#---] 1/3 batches  loss 1.0000"
        "\repoch 1/2 [##--] 2/3 batches  loss 0.5000"
        "\repoch 1/2 [####] 3/3 batches  loss 0.5000\n"
        "\repoch 2/2 [#---] 1/3 batches  loss 1.0000"
        "\repoch 2/2 [##--] 2/3 batches  loss 0.5000"
        "\repoch 2/2 [####] 3/3 batches  loss 0.2500\n"
    )


def test_a_shorter_line_wipes_the_longer_one_before_it():
    stream = Terminal()
    bar = ProgressBar(1, stream=stream, width=2)
    bar.update(0, 0, 2, loss=12345.0)
    bar.finish_epoch(0, 2, loss=1.0)
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
    bar.finish_epoch(0, 1, loss=0.25)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("epoch 1/1 [") and captured.err.endswith("loss 0.2500\n")


def test_is_terminal_is_false_for_files_and_closed_or_odd_streams(tmp_path):
    assert is_terminal(Terminal())
    assert not is_terminal(io.StringIO())
    closed = io.StringIO()
    closed.close()
    assert not is_terminal(closed)
    assert not is_terminal(object())
    with open(tmp_path / "log.txt", "w") as file:
        assert not is_terminal(file)


@pytest.mark.parametrize("epochs", [1, 9, 20, 999])
@pytest.mark.parametrize("n_batches", [1, 45, 1437])
def test_every_line_fits_in_80_columns_with_a_bar_of_one_width(epochs, n_batches, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal
    bar = ProgressBar(epochs, stream=Terminal())
    assert bar.columns == MAX_COLUMNS
    lines = [bar.line(epochs - 1, 1, n_batches, loss=2.3026)]  # the redrawn line
    for loss in (9.9999, 0.0123, 0.0):
        lines.append(bar.line(epochs - 1, n_batches, n_batches, loss))
    assert max(len(line) for line in lines) <= 80, lines
    assert len({line.index("]") for line in lines}) == 1, lines  # the bars line up
    assert lines[-1].count("#") >= MIN_BAR_WIDTH


def test_a_loss_of_10_or_more_shortens_the_bar_to_keep_the_line_in_79_columns():
    bar = ProgressBar(999)
    lines = [bar.line(0, 1437, 1437, loss) for loss in (1.0, 12.3456, 123.4567)]
    assert [len(line) for line in lines] == [79, 79, 79]
    assert [line.count("#") for line in lines] == [32, 31, 30]
    assert bar.line(0, 1437, 1437, 1e30).count("#") == MIN_BAR_WIDTH  # never shorter


def test_a_narrow_terminal_gets_shorter_lines_and_the_redrawn_line_never_wraps():
    stream = Terminal()
    run_epochs(ProgressBar(2, stream=stream, columns=72), epochs=2, n_batches=45)
    drawn = stream.getvalue().replace("\n", "\r").split("\r")
    assert max(len(line) for line in drawn) == 71  # one column short of the edge
    assert all(line.count("#") + line.count("-") == 32 for line in drawn if line)
    # Too narrow even for the shortest bar: the redrawn line is cut short of the edge.
    tiny = Terminal()
    ProgressBar(2, stream=tiny, columns=30).update(0, 0, 45, loss=1.0)
    assert tiny.getvalue() == "\r" + "epoch 1/2 [--------]  1/45 ba"


def test_terminal_columns_is_at_most_80(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert terminal_columns(Terminal()) == 80
    monkeypatch.setenv("COLUMNS", "50")
    assert terminal_columns(Terminal()) == 50
    assert ProgressBar(1, stream=Terminal()).columns == 50
    assert ProgressBar(1, stream=io.StringIO()).columns == 80  # a log has no width


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"epochs": 0}, InvalidInputError),
        ({"epochs": 2.5}, InvalidTypeError),
        ({"epochs": 3, "width": 0}, InvalidInputError),
        ({"epochs": 3, "columns": 0}, InvalidInputError),
    ],
)
def test_bad_settings(kwargs, error):
    with pytest.raises(error, match="must be a positive integer"):
        ProgressBar(**kwargs)


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
