"""Each chapter's code, run block by block, prints what the chapter shows.

Its downloadable notebook holds that code, one cell per block.

pytest-codeblocks runs every block but can check only one output per chain
of blocks.  Here each chapter's blocks run again, in order, in one
namespace (as the cells of its downloadable notebook do), and the stdout of
every block is compared with the ``~~~text title="Output"`` fence written
under it.  The notebook itself is checked to hold exactly those blocks, one
code cell each, in that order.  Running every notebook in a Jupyter kernel
again would repeat the same code at a kernel start per chapter; one chapter's
notebook is run in a kernel here, and the site build runs
"Putting it all together" in a kernel for its notebook page.
"""

import contextlib
import io

import literate
import nbformat
import numpy as np
import pytest
from conftest import DOCS, chapter_files
from nbclient import NotebookClient

CHAPTERS_WITH_CODE = [p for p in chapter_files() if literate.python_chains(literate.read_blocks(p))]


def chapter_blocks(path):
    return [b for chain in literate.python_chains(literate.read_blocks(path)) for b in chain]


def test_there_are_notebooks():
    assert any(p.name == "putting-it-all-together.md" for p in CHAPTERS_WITH_CODE)


@pytest.mark.parametrize("path", CHAPTERS_WITH_CODE, ids=lambda p: str(p.relative_to(DOCS)))
def test_chapter_code_prints_what_the_chapter_shows(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a block may write files, as a notebook would
    namespace = {"__name__": "__main__"}
    with np.printoptions():  # the chapters set print options; restore them afterwards
        for block in chapter_blocks(path):
            stdout = io.StringIO()
            with contextlib.redirect_stdout(stdout):
                exec(compile(block.code, f"{path}:{block.line}", "exec"), namespace)
            if block.output is not None:
                assert stdout.getvalue() == block.output, f"{path.name}, block at line {block.line}"


@pytest.mark.parametrize("path", CHAPTERS_WITH_CODE, ids=lambda p: str(p.relative_to(DOCS)))
def test_chapter_notebook_holds_the_chapter_blocks_in_order(path):
    notebook = literate.chapter_notebook(path, chapter_url=None)
    nbformat.validate(notebook)
    cells = [c.source for c in notebook.cells if c.cell_type == "code"]
    assert cells == [b.code.rstrip("\n") for b in chapter_blocks(path)]


def cell_stdout(cell):
    return "".join(
        o.get("text", "")
        for o in cell.outputs
        if o.get("output_type") == "stream" and o.get("name") == "stdout"
    )


def test_a_chapter_notebook_runs_in_a_jupyter_kernel(tmp_path):
    path = DOCS / "part-1" / "backpropagation.md"
    notebook = literate.chapter_notebook(path, chapter_url=None)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert code_cells and all(c.execution_count for c in code_cells)
    assert not any(o.get("output_type") == "error" for c in code_cells for o in c.outputs)
    for block, cell in zip(chapter_blocks(path), code_cells, strict=True):
        if block.output is not None:
            assert cell_stdout(cell) == block.output, f"block at line {block.line}"


def test_notebook_bytes_are_stable():
    path = DOCS / "part-1" / "putting-it-all-together.md"
    first = nbformat.writes(literate.chapter_notebook(path, chapter_url="u"))
    assert first == nbformat.writes(literate.chapter_notebook(path, chapter_url="u"))
