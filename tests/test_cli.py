import io
import re
import subprocess
import sys

import literate
import numpy as np
import pytest
from conftest import DOCS

from nn_from_scratch import cli, load
from nn_from_scratch.cli import main
from nn_from_scratch.cnn import digits_cnn, train_digits_cnn
from nn_from_scratch.digits import load_digits_split, raw_digits, to_images
from nn_from_scratch.errors import TrainingDivergedError
from nn_from_scratch.mlp import MLP_RECIPE, digits_mlp, train_digits_mlp


def test_default_run_prints_predictions_and_loss(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "1500 iterations, 4 hidden units, seed 2018"
    assert "input      target  prediction" in out
    assert len([line for line in out.splitlines() if line.startswith(("0 ", "1 "))]) == 4
    assert out.splitlines()[-1].startswith("final loss: ")


def test_options(capsys, tmp_path):
    assert (
        main(
            ["--iterations", "10", "--seed", "3", "--hidden-units", "2", "--figures", str(tmp_path)]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "10 iterations, 2 hidden units, seed 3" in out
    assert (tmp_path / "loss-curve.svg").read_bytes().startswith(b"<?xml")
    assert (tmp_path / "predictions.svg").stat().st_size > 1000


@pytest.mark.parametrize(
    "argument",
    [["--iterations", "0"], ["--hidden-units", "x"], ["--seed", "1.5"], ["--seed", "-1"]],
)
def test_bad_options_give_a_usage_error(argument, capsys):
    with pytest.raises(SystemExit) as info:
        main(argument)
    assert info.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_help_lists_every_option():
    result = subprocess.run(
        [sys.executable, "-m", "nn_from_scratch", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for option in ("--iterations", "--seed", "--hidden-units", "--figures"):
        assert option in result.stdout


# The command "digits" (Part II) -------------------------------------------------

ACCURACY_LINE = re.compile(r"test accuracy: (\d+\.\d\d)% \((\d+) of (\d+)\)")
EPOCH_LINE = re.compile(
    r"epoch (\d+)/(\d+) \[#+\] (\d+)/\3 batches  loss \d+\.\d{4}  test accuracy \d+\.\d\d%"
)


def run_digits(capsys, *arguments):
    """Run ``digits`` in-process; return (exit code, stdout lines, stderr text)."""
    code = main(["digits", *arguments])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def final_accuracy(lines):
    match = ACCURACY_LINE.fullmatch(lines[-1])
    assert match, f"the last line is not the test accuracy: {lines[-1]!r}"
    correct, total = int(match[2]), int(match[3])
    assert match[1] == f"{100 * correct / total:.2f}"
    return correct / total


def test_digits_ends_with_the_test_accuracy_of_the_recipe(capsys):
    code, out, err = run_digits(capsys, "--epochs", "2", "--seed", "3", "--quiet")
    assert code == 0 and err == ""
    assert out[0] == (
        f"mlp on the digits: {digits_mlp().parameter_count():,} parameters, 2 epochs, "
        f"batch size {MLP_RECIPE.batch_size}, {MLP_RECIPE.optimizer} "
        f"(learning rate {MLP_RECIPE.learning_rate:g}), seed 3"
    )
    # The same seed gives the same network as the chapter's train_digits_mlp.
    _, history = train_digits_mlp(3, epochs=2)
    assert final_accuracy(out) == history.test_accuracy[-1]


def test_digits_progress_is_one_line_per_epoch_without_a_terminal(capsys):
    code, out, err = run_digits(capsys, "--epochs", "2", "--batch-size", "500")
    assert code == 0
    lines = err.splitlines()
    assert "\r" not in err and len(lines) == 2, err
    for epoch, line in enumerate(lines, start=1):
        match = EPOCH_LINE.fullmatch(line)
        assert match, line
        assert (match[1], match[2], match[3]) == (str(epoch), "2", "3")
    assert lines[-1].endswith(f"test accuracy {100 * final_accuracy(out):.2f}%")


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_digits_progress_is_redrawn_on_a_terminal(capsys, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["digits", "--epochs", "1", "--batch-size", "400"]) == 0
    drawn = terminal.getvalue()
    # Four batches: three redraws of the line, then the finished line.
    assert drawn.count("\r") == 4 and drawn.count("\n") == 1 and drawn.endswith("%\n")
    assert "\r" + "epoch 1/1 [######------------------] 1/4 batches  loss " in drawn
    final_accuracy(capsys.readouterr().out.splitlines())


def test_digits_cnn_saves_a_model_that_load_reads_back(capsys, tmp_path):
    path = tmp_path / "cnn.npz"
    code, out, _ = run_digits(capsys, "--model", "cnn", "--epochs", "1", "--save", str(path))
    assert code == 0
    count = digits_cnn().parameter_count()
    assert out[0].startswith(f"cnn on the digits: {count:,} parameters, 1 epoch, ")
    assert out[-2] == f"wrote {path}"
    _, history = train_digits_cnn(0, epochs=1)
    assert final_accuracy(out) == history.test_accuracy[-1]
    split = load_digits_split()
    predicted = load(path).predict_labels(to_images(split.x_test))
    assert np.mean(predicted == split.y_test) == history.test_accuracy[-1]


def test_digits_without_scikit_learn_exits_2_with_the_install_hint(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn", None)  # what find_spec sees when it is missing
    raw_digits.cache_clear()
    try:
        code, out, err = run_digits(capsys, "--epochs", "1")
    finally:
        raw_digits.cache_clear()
    assert code == 2 and out == []
    assert err.startswith("error: ") and "pip install 'nn-from-scratch-book[digits]'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["digits", "--epochs", "0"], "argument --epochs: expected a whole number >= 1, got '0'"),
        (["digits", "--batch-size", "x"], "argument --batch-size: expected a whole number >= 1"),
        (["digits", "--seed", "-1"], "argument --seed: expected a whole number >= 0, got '-1'"),
        (["digits", "--model", "rnn"], "argument --model: invalid choice: 'rnn'"),
        (["digits", "--save", "."], "argument --save: '.' is a directory, expected a file name"),
        (
            ["digits", "--save", "no/dir/m.npz"],
            "argument --save: the directory of 'no/dir/m.npz' does not exist",
        ),
        (["--seed", "3", "digits"], "--seed is an option of the article's network, not of"),
        (["--iterations", "5", "--figures", "d", "digits"], "--iterations, --figures are options"),
        (["mnist"], "argument [COMMAND]: invalid choice: 'mnist'"),
    ],
)
def test_bad_digits_options_give_a_usage_error(arguments, message, capsys):
    with pytest.raises(SystemExit) as info:
        main(arguments)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "error: " + message in " ".join(err.split()), err


def test_digits_reports_a_diverged_training_and_a_failed_save(capsys, monkeypatch, tmp_path):
    def diverge(*args, **kwargs):
        raise TrainingDivergedError("the loss became nan at epoch 0: training diverged")

    with monkeypatch.context() as patch:
        patch.setattr(cli, "fit", diverge)
        code, out, err = run_digits(capsys, "--epochs", "1")
    assert code == 1 and err == "error: the loss became nan at epoch 0: training diverged\n"

    def refuse(network, path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cli, "save_sequential", refuse)
    code, out, err = run_digits(capsys, "--epochs", "1", "--quiet", "--save", str(tmp_path / "m"))
    assert code == 1 and "error: cannot write" in err and "Permission denied" in err


def test_the_reference_page_shows_the_real_digits_help_and_run(capsys, monkeypatch):
    blocks = {b.info: b.code for b in literate.read_blocks(DOCS / "reference" / "cli.md")}
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    with pytest.raises(SystemExit):
        main(["digits", "-h"])
    assert blocks['text title="python -m nn_from_scratch digits -h"'] == capsys.readouterr().out
    code, out, err = run_digits(capsys, "--epochs", "3", "--seed", "1")
    assert code == 0
    shown = blocks['text title="python -m nn_from_scratch digits --epochs 3 --seed 1 2>&1 | cat"']
    assert shown == "\n".join([out[0], *err.splitlines(), *out[1:]]) + "\n"


def test_digits_help_lists_every_option(capsys):
    with pytest.raises(SystemExit) as info:
        main(["digits", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for option in ("--model", "--epochs", "--batch-size", "--seed", "--save", "--quiet"):
        assert option in out
