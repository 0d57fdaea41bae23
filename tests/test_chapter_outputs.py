"""Printed output shown in a chapter is what its code prints.

pytest-codeblocks runs every block but can check only one output per chain
of blocks; here each chain runs again, block by block in one namespace, and
the stdout of each block is compared with the ``~~~text title="Output"``
fence written under it.
"""

import contextlib
import io

import literate
import pytest
from conftest import DOCS, chapter_files

CHAPTERS_WITH_OUTPUT = [
    path
    for path in chapter_files()
    if any(b.output is not None for b in literate.read_blocks(path))
]


@pytest.mark.parametrize("path", CHAPTERS_WITH_OUTPUT, ids=lambda p: str(p.relative_to(DOCS)))
def test_printed_output_matches_the_chapter(path):
    for chain in literate.python_chains(literate.read_blocks(path)):
        namespace = {"__name__": "__main__"}
        for block in chain:
            stdout = io.StringIO()
            with contextlib.redirect_stdout(stdout):
                exec(compile(block.code, f"{path}:{block.line}", "exec"), namespace)
            if block.output is not None:
                assert stdout.getvalue() == block.output, f"{path.name}, block at line {block.line}"


def test_output_fences_follow_python_blocks():
    """A ``title="Output"`` fence anywhere else would silently go unchecked."""
    for path in chapter_files():
        text = path.read_text(encoding="utf-8")
        shown = text.count('~~~text title="Output"')
        checked = sum(b.output is not None for b in literate.read_blocks(path))
        assert shown == checked, (
            f"{path}: {shown} output fences, {checked} attached to a python block"
        )


def test_only_python_uses_backtick_fences():
    for path in chapter_files():
        for block in literate.read_blocks(path):
            if block.fence == "`":
                assert block.info == "python", (
                    f"{path}:{block.line}: backtick fence {block.info!r}; use ~~~ for non-Python "
                    "(pytest-codeblocks would chain a following block onto it)"
                )


def test_blocks_that_do_not_run_say_why():
    for path in chapter_files():
        for block in literate.read_blocks(path):
            for mark in block.marks:
                if mark.startswith(("pytest.mark.skip", "pytest.mark.xfail")):
                    assert "reason=" in mark, f"{path}:{block.line}: {mark} needs a reason"
