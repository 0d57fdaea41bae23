"""The chapters' Python code fits the site's content column without scrolling.

Every ``python`` block of docs/ is written to a file of its own and checked
with ruff's E501 (line too long) at the column's width.  Only E501: the
blocks of a chapter are chained, so a name a block uses is often defined in
an earlier block, and other rules would raise false alarms.  The printed
output (``~~~text`` fences) is left alone: the code produces it.
"""

import re
import subprocess
import sys

import literate
import pytest
from conftest import ROOT, chapter_files

# At 1280 px the content column shows 80 monospace characters in a code block
# (688 px wide, 656 px inside its padding, 8.18 px per character), and
# Material's copy button covers the last 4 of the first line: 80 - 4 = 76.
CODE_LINE_LENGTH = 76

# "DIR/part-2__convolutions__block_07.py:3:77: E501 Line too long (84 > 76)"
_RUFF_LINE = re.compile(r"^(?P<file>[^:\s]+\.py):(?P<row>\d+):\d+: (?P<message>.*)$")
_TOO_LONG = re.compile(r"E501 Line too long \((?P<length>\d+) > \d+\)")


def python_blocks():
    """[(chapter path relative to the repository, block number from 1, code)]."""
    found = []
    for path in chapter_files():
        blocks = [b for b in literate.read_blocks(path) if b.fence == "`" and b.info == "python"]
        for number, block in enumerate(blocks, start=1):
            found.append((path.relative_to(ROOT).as_posix(), number, block.code))
    return found


def file_name(chapter, number):
    """A file name for a block: its chapter's path under docs/ and its number."""
    stem = chapter.removeprefix("docs/").removesuffix(".md").replace("/", "__")
    return f"{stem}__block_{number:02d}.py"


def too_long_lines(tmp_path, blocks, line_length=CODE_LINE_LENGTH):
    """One message per line of ``blocks`` longer than ``line_length``, by ruff's E501."""
    pytest.importorskip("ruff", reason="ruff is in the test extra")
    where = {}
    for chapter, number, code in blocks:
        name = file_name(chapter, number)
        (tmp_path / name).write_text(code, encoding="utf-8")
        where[name] = (chapter, number)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--isolated",
            "--select",
            "E501",
            "--line-length",
            str(line_length),
            "--output-format",
            "concise",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    # 0: no findings, 1: findings; anything else means ruff itself failed.
    assert result.returncode in (0, 1), result.stdout + result.stderr
    messages = []
    for line in result.stdout.splitlines():
        match = _RUFF_LINE.match(line)
        if not match:
            continue
        chapter, number = where[match["file"].replace("\\", "/").rsplit("/", 1)[-1]]
        too_long = _TOO_LONG.search(match["message"])
        detail = (
            f"{too_long['length']} > {line_length} characters" if too_long else match["message"]
        )
        messages.append(f"{chapter}, block {number}, line {match['row']}: {detail}")
    assert messages or result.returncode == 0, result.stdout + result.stderr
    return messages


def test_there_are_python_blocks():
    blocks = python_blocks()
    assert len(blocks) > 100
    assert any(chapter == "docs/part-2/convolutions.md" for chapter, _, _ in blocks)
    assert all(chapter.startswith("docs/") for chapter, _, _ in blocks)


def test_python_blocks_fit_the_content_column(tmp_path):
    messages = too_long_lines(tmp_path, python_blocks())
    assert not messages, (
        f"{len(messages)} lines of Python in docs/ are wider than {CODE_LINE_LENGTH} "
        "characters and need sideways scrolling on the site:\n" + "\n".join(messages)
    )


def test_the_check_finds_and_places_a_long_line(tmp_path):
    """A line one character too long, in a second block, is reported where it is."""
    long_line = "total = " + "1 + " * 17 + "1"
    assert len(long_line) == CODE_LINE_LENGTH + 1
    blocks = [
        ("docs/part-2/example.md", 1, "x = 1\n"),
        ("docs/part-2/example.md", 2, f"y = 2\n{long_line}\n"),
    ]
    assert too_long_lines(tmp_path, blocks) == [
        f"docs/part-2/example.md, block 2, line 2: 77 > {CODE_LINE_LENGTH} characters"
    ]
