"""The notebooks made from the chapters run from top to bottom, printing what the chapters show.

pytest-codeblocks runs every block but can check only one output per chain
of blocks.  Here each chapter's notebook (one code cell per ``python``
block) is executed by a Jupyter kernel, and the stdout of every cell is
compared with the ``~~~text title="Output"`` fence written under its block.
One run checks both that the downloadable notebook works and that the
printed numbers quoted in the chapter are the ones the code prints.  The
notebooks of one worker share one kernel, each starting with a cell that
clears what the one before left (``fresh_start``).

The notebook's install cell does not run here: the package is installed
already (tests/book/test_notebook_standalone.py runs two notebooks with their
install cell, in a fresh environment).  In its place a cell hides the
optional libraries of the extras the cell would not install, so each run
also checks that the chapter needs no more than ``notebook_extras.chapter_extras``
says.
"""

import importlib.util

import chapter_notebook
import literate
import nbformat
import notebook_extras
import pytest
from conftest import DOCS, chapter_files
from jupyter_client.manager import KernelManager
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


def chapter_code_cells(notebook):
    """The code cells made from the chapter's blocks: all but the install cell."""
    return [
        c
        for c in notebook.cells
        if c.cell_type == "code" and c.id != chapter_notebook.INSTALL_CELL_ID
    ]


def hide_extras_not_installed(notebook, path):
    """Replace the install cell by one hiding the libraries of the extras it leaves out.

    ``sys.modules[name] = None`` makes ``import name`` fail and
    ``importlib.util.find_spec(name)`` return None, as if it were not installed.
    A library an earlier notebook imported is kept aside (``sys._nn_hidden``),
    for ``fresh_start`` to put back: PyTorch cannot be imported a second time
    in one process.
    """
    extras = notebook_extras.chapter_extras(path)
    hidden = sorted(lib for extra, lib in notebook_extras.EXTRAS.items() if extra not in extras)
    (install,) = [c for c in notebook.cells if c.id == chapter_notebook.INSTALL_CELL_ID]
    install.source = (
        "import sys\n"
        f"sys._nn_hidden = {{name: sys.modules.get(name) for name in {hidden!r}}}\n"
        "sys.modules.update(dict.fromkeys(sys._nn_hidden))"
    )
    install.metadata.pop("tags")  # its skip-execution tag is for the install command


def assert_prints_what_the_chapter_shows(path, notebook):
    """Every chapter cell of the executed notebook ran, without error, printing its Output fence."""
    code_cells = chapter_code_cells(notebook)
    assert code_cells and all(c.execution_count for c in code_cells)
    errors = [o for c in code_cells for o in c.outputs if o.get("output_type") == "error"]
    assert not errors, [f"{e.get('ename')}: {e.get('evalue')}" for e in errors]
    blocks = [b for chain in literate.python_chains(literate.read_blocks(path)) for b in chain]
    assert len(blocks) == len(code_cells)
    for block, cell in zip(blocks, code_cells, strict=True):
        assert cell.source == block.code.rstrip("\n"), f"{path.name}, block at line {block.line}"
        if block.output is not None:
            assert cell_stdout(cell) == block.output, f"{path.name}, block at line {block.line}"


@pytest.fixture(scope="module")
def kernel():
    """One Jupyter kernel for every notebook of this module (a worker's share).

    Starting a kernel costs about a second; each notebook instead begins with
    a cell that gives it a fresh start in the running one (``fresh_start``).
    """
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel()
    try:
        yield manager
    finally:
        manager.shutdown_kernel(now=True)


def fresh_start(notebook, work_dir):
    """Put a first cell that clears what earlier notebooks left in the shared kernel.

    It empties the namespace, un-hides the libraries an earlier notebook's
    first cell hid, and moves to an empty working folder, as a new kernel
    would be.  Modules stay imported: a notebook that uses one must still
    import it itself, or its cells fail on the unknown name.
    """
    source = (
        "%reset -f\n"
        "import os, sys\n"
        "for _name, _module in getattr(sys, '_nn_hidden', {}).items():\n"
        "    if _module is None:\n"
        "        sys.modules.pop(_name, None)\n"
        "    else:\n"
        "        sys.modules[_name] = _module\n"
        "sys._nn_hidden = {}\n"
        f"os.chdir({str(work_dir)!r})\n"
        "del os, sys"
    )
    notebook.cells.insert(0, nbformat.v4.new_code_cell(source, id="fresh-start"))


@pytest.mark.parametrize("path", CHAPTERS_WITH_CODE, ids=lambda p: str(p.relative_to(DOCS)))
def test_chapter_notebook_executes_and_prints_what_the_chapter_shows(path, tmp_path, kernel):
    if "torch" in notebook_extras.chapter_extras(path) and not importlib.util.find_spec("torch"):
        pytest.skip(
            "PyTorch is not installed; it is optional (the torch extra), and .ci/run runs "
            "this chapter's notebook with its CPU build"
        )
    notebook = chapter_notebook.chapter_notebook(path, chapter_url=None)
    nbformat.validate(notebook)
    hide_extras_not_installed(notebook, path)
    fresh_start(notebook, tmp_path)
    NotebookClient(notebook, km=kernel, timeout=120).execute()
    first = notebook.cells.pop(0)
    assert first.id == "fresh-start" and first.execution_count, first
    assert not any(o.output_type == "error" for o in first.outputs), first.outputs
    (install,) = [c for c in notebook.cells if c.id == chapter_notebook.INSTALL_CELL_ID]
    assert install.execution_count and not any(o.output_type == "error" for o in install.outputs)
    assert_prints_what_the_chapter_shows(path, notebook)


def test_notebook_bytes_are_stable():
    path = DOCS / "part-1" / "putting-it-all-together.md"
    first = nbformat.writes(chapter_notebook.chapter_notebook(path, chapter_url="u"))
    assert first == nbformat.writes(chapter_notebook.chapter_notebook(path, chapter_url="u"))
