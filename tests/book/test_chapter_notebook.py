"""The chapter notebooks that docs/hooks/chapter_notebook.py makes: their first
cells, and the cells their sections become.

Their Markdown is tests/book/test_notebook_markdown.py's; their install cell's
extras, tests/book/test_notebook_extras.py's.  Running them is
tests/book/test_notebooks.py's job (with the package installed) and
tests/book/test_notebook_standalone.py's (without it).
"""

import re

import chapter_notebook
import edition
import literate
import notebook_extras
import pytest
from conftest import DOCS, chapter_files

CHAPTERS_WITH_CODE = [p for p in chapter_files() if literate.python_chains(literate.read_blocks(p))]
IDS = {"ids": lambda p: str(p.relative_to(DOCS))}


# The first two cells.


@pytest.mark.parametrize("path", CHAPTERS_WITH_CODE, **IDS)
def test_notebook_opens_with_what_it_is_then_the_install_cell(path):
    about, install, *_ = chapter_notebook.chapter_notebook(path, None).cells
    title = literate.first_heading(path)
    assert about.cell_type == "markdown"
    assert about.source.startswith(f"# {title}\n")
    named = {"en": f"*{title}*", "zh-TW": f"「{title}」"}[edition.language_of_path(path)]
    assert named in about.source and "](" not in about.source
    skip = {"en": "skip that cell", "zh-TW": "略過那個儲存格"}[edition.language_of_path(path)]
    assert "`nn-from-scratch-book`" in about.source and skip in about.source
    assert install.cell_type == "code" and install.id == chapter_notebook.INSTALL_CELL_ID
    assert install.source == notebook_extras.install_command(notebook_extras.chapter_extras(path))
    # mkdocs-jupyter, which executes the notebook page at build time, skips it.
    assert install.metadata["tags"] == ["skip-execution"]


# No empty headings; what the sections become.


def heading_level(line):
    match = re.match(r"^(#{1,6}) ", line)
    return len(match.group(1)) if match else None


@pytest.mark.parametrize("path", CHAPTERS_WITH_CODE, **IDS)
def test_no_heading_is_left_empty(path):
    cells = chapter_notebook.chapter_notebook(path, None).cells
    for index, cell in enumerate(cells):
        if cell.cell_type != "markdown":
            continue
        lines = [line for line in cell.source.splitlines() if line.strip()]
        if all(heading_level(line) for line in lines):
            following = cells[index + 1] if index + 1 < len(cells) else None
            assert following is not None and following.cell_type == "code", (
                f"{path.name}: {cell.source!r} has nothing under it"
            )
        for line, next_line in zip(lines, lines[1:], strict=False):
            if heading_level(line) and heading_level(next_line):
                assert heading_level(next_line) > heading_level(line), f"{path.name}: {line!r}"


def test_sections_without_code_keep_their_prose():
    cells = chapter_notebook.chapter_notebook(DOCS / "part-1" / "backpropagation.md", None).cells
    forward = [c.source for c in cells if c.source.startswith("## The forward pass")]
    assert len(forward) == 1 and "chain rule" in forward[0]
    assert "*Figure, shown in the chapter: The chain of computations" in forward[0]


def test_empty_sections_are_dropped_or_top_their_subsection(tmp_path):
    path = tmp_path / "chapter.md"
    path.write_text(
        "# T\n\n## Empty\n\n## Parent\n\n### Child\n\n```python\nx = 1\n```\n\n"
        "## Prose\n\n<!-- nothing -->\n\n## Last\n",
        encoding="utf-8",
    )
    notebook = chapter_notebook.chapter_notebook(path, None)
    cells = [(c.cell_type, c.source) for c in notebook.cells[2:]]
    assert cells == [("markdown", "## Parent\n\n### Child"), ("code", "x = 1")]
