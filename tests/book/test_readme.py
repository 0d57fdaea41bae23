"""The README's two commands stay true, and its Python example runs."""

import contextlib
import io
import re

import literate
from conftest import ROOT

README = ROOT / "README.md"
SERVE = (
    'python3 -m venv .venv && .venv/bin/pip install -e ".[docs]" '
    "&& NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs serve"
)
TEST = 'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest'


def test_readme_gives_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert SERVE in text and TEST in text


def test_ci_runs_the_readme_test_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert TEST in lines


def test_readme_python_example_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    blocks = [b for b in literate.read_blocks(README) if b.info == "python"]
    assert blocks
    for block in blocks:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            exec(block.code, {"__name__": "__main__"})
        assert re.search(r"\d", out.getvalue())
