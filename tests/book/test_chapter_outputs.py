"""The chapters' fences follow the conventions that let their output be checked.

The printed output itself is compared cell by cell in tests/book/test_notebooks.py,
which runs each chapter's notebook; these tests make sure no ``Output``
fence or code block escapes that check.
"""

import literate
from conftest import chapter_files


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
