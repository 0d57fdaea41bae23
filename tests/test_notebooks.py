"""The notebooks made from the chapters run from top to bottom, printing what the chapters show.

pytest-codeblocks runs every block but can check only one output per chain
of blocks.  Here each chapter's notebook (one code cell per ``python``
block) is executed by a Jupyter kernel, and the stdout of every cell is
compared with the ``~~~text title="Output"`` fence written under its block.
One run checks both that the downloadable notebook works and that the
printed numbers quoted in the chapter are the ones the code prints.
"""

import literate
import nbformat
import pytest
from conftest import DOCS, chapter_files
from nbclient import NotebookClient

CHAPTERS_WITH_CODE = [p for p in chapter_files() if literate.python_chains(literate.read_blocks(p))]


def test_there_are_notebooks():
    assert any(p.name == "putting-it-all-together.md" for p in CHAPTERS_WITH_CODE)


def cell_stdout(cell):
    return "".join(
        o.get("text", "")
        for o in cell.outputs
        if o.get("output_type") == "stream" and o.get("name") == "stdout"
    )


@pytest.mark.parametrize("path", CHAPTERS_WITH_CODE, ids=lambda p: str(p.relative_to(DOCS)))
def test_chapter_notebook_executes_and_prints_what_the_chapter_shows(path, tmp_path):
    notebook = literate.chapter_notebook(path, chapter_url=None)
    nbformat.validate(notebook)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert code_cells and all(c.execution_count for c in code_cells)
    assert not any(o.get("output_type") == "error" for c in code_cells for o in c.outputs)
    blocks = [b for chain in literate.python_chains(literate.read_blocks(path)) for b in chain]
    assert len(blocks) == len(code_cells)
    for block, cell in zip(blocks, code_cells, strict=True):
        if block.output is not None:
            assert cell_stdout(cell) == block.output, f"{path.name}, block at line {block.line}"


def test_notebook_bytes_are_stable():
    path = DOCS / "part-1" / "putting-it-all-together.md"
    first = nbformat.writes(literate.chapter_notebook(path, chapter_url="u"))
    assert first == nbformat.writes(literate.chapter_notebook(path, chapter_url="u"))
