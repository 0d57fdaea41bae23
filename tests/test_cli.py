import subprocess
import sys

import pytest

from nn_from_scratch.cli import main


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
