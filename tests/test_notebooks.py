"""The notebooks made from the chapters run from top to bottom without error."""

import literate
import nbformat
import pytest
from conftest import DOCS, chapter_files
from nbclient import NotebookClient

CHAPTERS_WITH_CODE = [p for p in chapter_files() if literate.python_chains(literate.read_blocks(p))]


def test_there_are_notebooks():
    assert any(p.name == "putting-it-all-together.md" for p in CHAPTERS_WITH_CODE)


@pytest.mark.parametrize("path", CHAPTERS_WITH_CODE, ids=lambda p: p.stem)
def test_chapter_notebook_executes(path, tmp_path):
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


def test_notebook_bytes_are_stable():
    path = DOCS / "part-1" / "putting-it-all-together.md"
    first = nbformat.writes(literate.chapter_notebook(path, chapter_url="u"))
    assert first == nbformat.writes(literate.chapter_notebook(path, chapter_url="u"))
