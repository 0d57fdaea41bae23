import dataclasses
import io
import re
import subprocess
import sys
from importlib import metadata

import literate
import numpy as np
import pytest
from conftest import DOCS

from nn_from_scratch import cli, load
from nn_from_scratch.cli import main, with_command
from nn_from_scratch.cnn import digits_cnn, image_split, train_digits_cnn
from nn_from_scratch.digits import load_digits_split, raw_digits
from nn_from_scratch.errors import TrainingDivergedError
from nn_from_scratch.losses import SoftmaxCrossEntropy
from nn_from_scratch.mlp import MLP_RECIPE, digits_mlp, make_optimizer, train_digits_mlp
from nn_from_scratch.training import fit
from nn_from_scratch.validation import random_generator


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


def test_figures_in_chinese(capsys, tmp_path):
    arguments = ["--iterations", "10", "--figures", str(tmp_path / "en")]
    assert main(arguments) == 0
    assert main([*arguments[:-1], str(tmp_path / "zh"), "--language", "zh-TW"]) == 0
    for name in ("loss-curve.svg", "predictions.svg"):
        english, chinese = (
            (tmp_path / "en" / name).read_bytes(),
            (tmp_path / "zh" / name).read_bytes(),
        )
        assert chinese.startswith(b"<?xml") and chinese != english, name


def test_chinese_figures_without_the_font_fail_before_training(capsys, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", None)
    monkeypatch.setattr(cli, "NeuralNetwork", lambda *a, **k: pytest.fail("trained"))
    figures = tmp_path / "figures"
    assert main(["--figures", str(figures), "--language", "zh-TW"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "nn-from-scratch-book[docs]" in error
    assert not figures.exists()


def test_figures_without_matplotlib_fail_before_training(capsys, monkeypatch, tmp_path):
    def no_training(*args, **kwargs):
        raise AssertionError("the network was built although the figures cannot be drawn")

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # what import sees when it is missing
    monkeypatch.setattr(cli, "NeuralNetwork", no_training)
    assert main(["--iterations", "5", "--figures", str(tmp_path / "figures")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1
    assert "pip install 'nn-from-scratch-book[figures]'" in captured.err
    assert not (tmp_path / "figures").exists()


def run_module(*args):
    """``python -m nn_from_scratch ARGS`` in a new process; it must exit 0."""
    command = [sys.executable, "-m", "nn_from_scratch", *args]
    return subprocess.run(command, capture_output=True, text=True, check=True)


def test_version_names_the_program_and_the_installed_distribution():
    result = run_module("--version")
    version = metadata.version("nn-from-scratch-book")
    assert result.stdout == f"python -m nn_from_scratch {version} (nn-from-scratch-book)\n"


def test_version_without_distribution_metadata_says_it_is_unknown(capsys, monkeypatch):
    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    monkeypatch.setenv("COLUMNS", "80")  # argparse wraps the text to this width
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out == "python -m nn_from_scratch: version unknown, nn-from-scratch-book not installed\n"


def test_help_names_both_commands_and_the_default():
    out = " ".join(run_module("--help").stdout.split())
    assert out.startswith("usage: python -m nn_from_scratch [-h] [--version] COMMAND ...")
    for command in ("article", "digits"):
        assert f" {command} " in out
    assert "Without a command, 'article' runs" in out


def test_article_help_lists_every_option(capsys):
    with pytest.raises(SystemExit) as info:
        main(["article", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m nn_from_scratch article [-h]")
    for option in ("--iterations", "--seed", "--hidden-units", "--figures"):
        assert option in out


@pytest.mark.parametrize(
    "argv, expected",
    [
        ([], ["article"]),
        (["--iterations", "10"], ["article", "--iterations", "10"]),
        (["--figures", "out"], ["article", "--figures", "out"]),
        (["article", "--seed", "3"], ["article", "--seed", "3"]),
        (["digits", "--quiet"], ["digits", "--quiet"]),
        (["--help"], ["--help"]),
        (["-h"], ["-h"]),
        (["--version"], ["--version"]),
        (["mnist"], ["mnist"]),
    ],
)
def test_the_article_is_the_command_when_none_is_named(argv, expected):
    assert with_command(argv) == expected
    assert with_command(tuple(argv)) == expected


def test_options_without_a_command_are_the_article_s(capsys):
    assert main(["--iterations", "10", "--seed", "3"]) == 0
    without = capsys.readouterr().out
    assert main(["article", "--iterations", "10", "--seed", "3"]) == 0
    assert capsys.readouterr().out == without
    assert without.splitlines()[0] == "10 iterations, 4 hidden units, seed 3"


def test_python_dash_m_with_an_option_and_no_command():
    result = run_module("--iterations", "10")
    assert result.stdout.splitlines()[0] == "10 iterations, 4 hidden units, seed 2018"


# The command "digits" (Part II) -------------------------------------------------

ACCURACY_LINE = re.compile(r"test accuracy: (\d+\.\d\d)% \((\d+) of (\d+)\)")
EPOCH_LINE = re.compile(r"epoch (\d+)/(\d+) \[#+\] (\d+)/\3 batches  loss (\d+\.\d{4})")


def run_digits(capsys, *arguments):
    """Run ``digits`` in-process; return (exit code, stdout lines, stderr text)."""
    code = main(["digits", *arguments])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def accuracy_on_test_images(network, split):
    """The share of the test images of ``split`` that ``network`` labels right."""
    return np.mean(network.predict_labels(split.x_test) == split.y_test)


def final_accuracy(lines):
    match = ACCURACY_LINE.fullmatch(lines[-1])
    assert match, f"the last line is not the test accuracy: {lines[-1]!r}"
    correct, total = int(match[2]), int(match[3])
    assert match[1] == f"{100 * correct / total:.2f}"
    return correct / total


def test_digits_ends_with_the_test_accuracy_of_the_recipe(capsys):
    code, out, err = run_digits(capsys, "--epochs", "2", "--seed", "3", "--quiet")
    assert code == 0 and err == ""
    assert out[0] == f"mlp on the digits: {digits_mlp().parameter_count():,} parameters, seed 3"
    assert out[1] == (
        f"training: 2 epochs, batch size {MLP_RECIPE.batch_size}, {MLP_RECIPE.optimizer} "
        f"(learning rate {MLP_RECIPE.learning_rate:g})"
    )
    # The same seed gives the same network as the chapter's train_digits_mlp.
    network, _ = train_digits_mlp(3, epochs=2)
    assert final_accuracy(out) == accuracy_on_test_images(network, load_digits_split())


def test_digits_progress_is_one_line_per_epoch_without_a_terminal(capsys):
    code, out, err = run_digits(capsys, "--epochs", "2", "--batch-size", "500")
    assert code == 0
    lines = err.splitlines()
    assert "\r" not in err and len(lines) == 2, err
    # The loss shown for an epoch is its training loss, as fit's History keeps it
    # (three batches of 500, 500 and 437 images: a mean weighted by their sizes).
    rng = random_generator(0)
    network = digits_mlp(rng)
    recipe = dataclasses.replace(MLP_RECIPE, epochs=2, batch_size=500)
    split = load_digits_split()
    optimizer = make_optimizer(recipe, network)
    history = fit(
        network, SoftmaxCrossEntropy(), optimizer, split.x_train, split.y_train, 2, 500, seed=rng
    )
    for epoch, line in enumerate(lines, start=1):
        match = EPOCH_LINE.fullmatch(line)
        assert match, line
        assert (match[1], match[2], match[3]) == (str(epoch), "2", "3")
        assert match[4] == f"{history.train_loss[epoch - 1]:.4f}"
    assert final_accuracy(out) == accuracy_on_test_images(network, split)


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_digits_progress_is_redrawn_on_a_terminal(capsys, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("COLUMNS", "80")  # a StringIO has no size: the variable gives it
    assert main(["digits", "--epochs", "1", "--batch-size", "400"]) == 0
    drawn = terminal.getvalue()
    # Four batches: three redraws of the line, then the finished line.
    assert drawn.count("\r") == 4 and drawn.count("\n") == 1
    assert re.fullmatch(r"(\r[^\r\n]+ loss \d\.\d{4}){4}\n", drawn), drawn
    assert "\r" + "epoch 1/1 [" + "#" * 10 + "-" * 32 + "] 1/4 batches  loss " in drawn
    final_accuracy(capsys.readouterr().out.splitlines())


def test_digits_cnn_saves_a_model_that_load_reads_back(capsys, tmp_path):
    path = tmp_path / "cnn.npz"
    code, out, _ = run_digits(capsys, "--model", "cnn", "--epochs", "1", "--save", str(path))
    assert code == 0
    count = digits_cnn().parameter_count()
    assert out[0] == f"cnn on the digits: {count:,} parameters, seed 0"
    assert out[1].startswith("training: 1 epoch, batch size ")
    assert out[-2] == f"wrote {path}"
    network, _ = train_digits_cnn(0, epochs=1)
    split = image_split(load_digits_split())
    assert final_accuracy(out) == accuracy_on_test_images(network, split)
    assert accuracy_on_test_images(load(path), split) == accuracy_on_test_images(network, split)


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
        (["digits", "--iterations", "5"], "unrecognized arguments: --iterations 5"),
        (["--seed", "3", "digits"], "unrecognized arguments: digits"),
        (["article", "--model", "cnn"], "unrecognized arguments: --model cnn"),
        (["--vers"], "unrecognized arguments: --vers"),
        (["mnist"], "argument COMMAND: invalid choice: 'mnist'"),
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

    monkeypatch.setattr(cli, "save", refuse)
    code, out, err = run_digits(capsys, "--epochs", "1", "--quiet", "--save", str(tmp_path / "m"))
    assert code == 1 and "error: cannot write" in err and "Permission denied" in err


def test_the_reference_page_shows_the_real_help_and_digits_run(capsys, monkeypatch):
    blocks = {b.info: b.code for b in literate.read_blocks(DOCS / "reference" / "cli.md")}
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    for arguments in (["--help"], ["article", "-h"], ["digits", "-h"]):
        with pytest.raises(SystemExit):
            main(arguments)
        title = " ".join(["python -m nn_from_scratch", *arguments])
        assert blocks[f'text title="{title}"'] == capsys.readouterr().out
    code, out, err = run_digits(capsys, "--epochs", "3", "--seed", "1")
    assert code == 0
    shown = blocks['text title="python -m nn_from_scratch digits --epochs 3 --seed 1 2>&1 | cat"']
    assert shown == "\n".join([*out[:2], *err.splitlines(), *out[2:]]) + "\n"


def test_digits_help_lists_every_option(capsys):
    with pytest.raises(SystemExit) as info:
        main(["digits", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for option in ("--model", "--epochs", "--batch-size", "--seed", "--save", "--quiet"):
        assert option in out


# Every line fits in 80 columns ---------------------------------------------------


@pytest.mark.parametrize("model", ["mlp", "cnn"])
def test_every_line_of_digits_fits_in_80_columns(model, capsys, monkeypatch):
    code, out, err = run_digits(capsys, "--model", model, "--epochs", "2")
    assert code == 0
    lines = [*out, *err.splitlines()]
    assert len(lines) == 2 + 2 + 1  # header, one line per epoch, the test accuracy
    assert max(len(line) for line in lines) <= 80, lines
    # On a terminal, even a wide one, the redrawn lines too.
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["digits", "--model", model, "--epochs", "1"]) == 0
    drawn = re.split("[\r\n]", terminal.getvalue())
    assert len(drawn) > 10 and max(len(line) for line in drawn) <= 80, drawn


@pytest.mark.parametrize("build, recipe", cli.DIGITS_MODELS.values())
def test_the_header_fits_in_80_columns_for_long_runs(build, recipe):
    long_run = dataclasses.replace(recipe, epochs=999, batch_size=1437)
    lines = cli.run_header("cnn", build(), long_run, 2**32 - 1).splitlines()
    assert len(lines) == 2 and max(len(line) for line in lines) <= 80, lines
