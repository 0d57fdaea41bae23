"""A downloaded notebook runs on its own: its first cell installs all it needs.

A fresh virtual environment gets pip and a Jupyter kernel (ipykernel), and
nothing else.  The notebooks run in that environment, their install cell
included, unchanged: ``%pip install nn-from-scratch-book`` (or with the
``digits`` extra) finds our package in a folder holding a wheel built from
this repository, because the kernel's environment sets ``PIP_FIND_LINKS``
to it (the package is not on PyPI yet); its dependencies come from the
package index pip is configured with.  Each notebook must run without error
and print what the chapter's Output fences show.

Two notebooks, one environment, in this order: Part I's Backpropagation,
which needs the package alone, then Part II's Many layers and mini-batches,
the cheapest chapter that needs the ``digits`` extra (scikit-learn).  When
Part II's notebook runs, the environment holds what Part I's install cell
put there, which its own install cell installs too: so each notebook runs
with nothing but what its own first cell installs, and the environment is
made once.  A build, an environment and downloads: one module, one test.
"""

import hashlib
import json
import os
import shutil
import subprocess

import background
import chapter_notebook
import notebook_extras
import pytest
from conftest import DOCS, ROOT
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from test_notebooks import assert_prints_what_the_chapter_shows, cell_stdout

PART_1 = DOCS / "part-1" / "backpropagation.md"
PART_2 = DOCS / "part-2" / "many-layers.md"
KERNEL = "fresh-venv"


def run(command):
    result = subprocess.run([str(word) for word in command], capture_output=True, text=True)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def wheel_folder(package_dist, tmp_path_factory):
    """A folder holding this repository's wheel alone (the run's build, tests/conftest.py)."""
    folder = tmp_path_factory.mktemp("wheels")
    (wheel,) = package_dist.glob("*.whl")
    shutil.copy(wheel, folder)
    return folder


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory):
    """The Python of a new virtual environment holding pip and ipykernel only.

    Usually made in the background while the run began (tests/background.py).
    """
    outcome = background.result("kernel", tmp_path_factory.mktemp("jobs"))
    assert outcome["returncode"] == 0, outcome["stderr"]
    return outcome["output"]


def kernel_environment(python, wheel_folder):
    """This process's environment, minus what would let the kernel see our code."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["VIRTUAL_ENV"] = str(python.parent.parent)
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"
    # Added to the find-links already set, if any (the variable replaces pip's config).
    env["PIP_FIND_LINKS"] = f"{wheel_folder} {env.get('PIP_FIND_LINKS', '')}".strip()
    return env


def kernel_manager(python, kernels_dir):
    spec_dir = kernels_dir / KERNEL
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (fresh venv)",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    specs = KernelSpecManager(kernel_dirs=[str(kernels_dir)])
    return KernelManager(kernel_name=KERNEL, kernel_spec_manager=specs)


def run_notebook(path, python, wheel_folder, work_dir):
    """Execute the chapter's downloadable notebook, as it is, with the fresh kernel."""
    notebook = chapter_notebook.chapter_notebook(path, None)
    client = NotebookClient(
        notebook,
        km=kernel_manager(python, work_dir / "kernels"),
        timeout=600,  # the install cell downloads, unless pip's cache has it all
        skip_cells_with_tag="",  # run the install cell too, as Jupyter does
        resources={"metadata": {"path": str(work_dir)}},  # not the repository
    )
    client.execute(env=kernel_environment(python, wheel_folder))
    return notebook


def install_output(notebook):
    (cell,) = [c for c in notebook.cells if c.id == chapter_notebook.INSTALL_CELL_ID]
    assert cell.execution_count and not any(o.output_type == "error" for o in cell.outputs)
    return cell_stdout(cell)


def run_python(python, script, work_dir):
    """Run ``script`` with the fresh Python, outside the repository."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, cwd=work_dir, env=env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def has_module(python, name, work_dir):
    check = f"import importlib.util; print(importlib.util.find_spec({name!r}) is not None)"
    return run_python(python, check, work_dir).strip() == "True"


def installed_package_digests(python, work_dir):
    script = (
        "import hashlib, pathlib, nn_from_scratch\n"
        "folder = pathlib.Path(nn_from_scratch.__file__).parent\n"
        "for p in sorted(folder.rglob('*.py')):\n"
        "    print(p.relative_to(folder).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())\n"
    )
    return run_python(python, script, work_dir)


def test_notebooks_install_what_they_need_in_a_fresh_venv(fresh_python, wheel_folder, tmp_path):
    assert notebook_extras.chapter_extras(PART_1) == ()
    assert notebook_extras.chapter_extras(PART_2) == ("digits",)
    assert not has_module(fresh_python, "nn_from_scratch", tmp_path)
    assert not has_module(fresh_python, "numpy", tmp_path)

    part_1 = run_notebook(PART_1, fresh_python, wheel_folder, tmp_path)
    assert "nn-from-scratch-book" in install_output(part_1)
    assert_prints_what_the_chapter_shows(PART_1, part_1)
    assert not has_module(fresh_python, "sklearn", tmp_path), "Part I installed scikit-learn"
    # The package installed is the wheel of this repository, not another one.
    package = ROOT / "nn_from_scratch"
    expected = "".join(
        f"{p.relative_to(package).as_posix()} {hashlib.sha256(p.read_bytes()).hexdigest()}\n"
        for p in sorted(package.rglob("*.py"))
    )
    assert installed_package_digests(fresh_python, tmp_path) == expected

    part_2 = run_notebook(PART_2, fresh_python, wheel_folder, tmp_path)
    assert "scikit-learn" in install_output(part_2)
    assert_prints_what_the_chapter_shows(PART_2, part_2)
