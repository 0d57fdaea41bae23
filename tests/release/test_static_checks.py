"""ruff (lint and format) and mypy are clean on the package, hooks, tests and benchmarks."""

import subprocess
import sys

import pytest
from conftest import ROOT

PATHS = ["nn_from_scratch", "tests", "docs/hooks", "benchmarks", "experiments"]


def run(*command):
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    "command", [["ruff", "check", *PATHS], ["ruff", "format", "--check", *PATHS]]
)
def test_ruff(command):
    pytest.importorskip("ruff", reason="ruff is in the test extra")
    result = run(*command)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy():
    pytest.importorskip("mypy", reason="mypy is in the test extra")
    result = run("mypy", "nn_from_scratch")
    assert result.returncode == 0, result.stdout + result.stderr
