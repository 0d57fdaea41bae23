"""Release check: build the sdist and wheel, install the wheel in a fresh venv, run it.

Slow-ish (a build and a virtual environment), so it is one module with one
module-scoped fixture.
"""

import os
import subprocess
import sys
import venv
import zipfile

import pytest


@pytest.fixture(scope="module")
def dist(package_dist):
    pytest.importorskip("build", reason="the 'build' package is in the test extra")
    return package_dist


@pytest.fixture(scope="module")
def wheel(dist):
    (path,) = dist.glob("*.whl")
    return path


def test_sdist_and_wheel_are_built(dist):
    assert len(list(dist.glob("*.tar.gz"))) == 1
    assert len(list(dist.glob("*.whl"))) == 1


def test_wheel_holds_the_package_and_nothing_else(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    package = [n for n in names if n.startswith("nn_from_scratch/")]
    # The package has no type annotations (the chapters show its code, and
    # annotations would crowd the maths), so it does not claim to be typed.
    assert "nn_from_scratch/py.typed" not in names
    (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    assert "Typing :: Typed" not in zipfile.ZipFile(wheel).read(metadata).decode()
    assert "nn_from_scratch/network.py" in names and "nn_from_scratch/__main__.py" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert any(n.endswith(".dist-info/METADATA") for n in names)
    others = [n for n in names if n not in package and ".dist-info/" not in n]
    assert not others, f"unexpected files in the wheel: {others}"
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
    print("\n".join(sorted(names)))


def test_wheel_installs_and_runs_in_a_fresh_venv(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    # No pip inside the new venv (installing it there takes seconds): this
    # process's pip installs into it with --python.
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = subprocess.run(
        [str(python), "-m", "nn_from_scratch", "--iterations", "1500"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env,
    )
    assert run.returncode == 0, run.stderr
    assert "seed 2018" in run.stdout and "final loss:" in run.stdout
    script = subprocess.run(
        [str(env_dir / "bin" / "nn-from-scratch"), "--iterations", "5"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env,
    )
    assert script.returncode == 0, script.stderr
    # matplotlib is an optional extra: asking for figures without it explains how to get it.
    figures = subprocess.run(
        [str(python), "-m", "nn_from_scratch", "--iterations", "5", "--figures", "out"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env,
    )
    assert figures.returncode == 2
    assert "pip install 'nn-from-scratch-book[figures]'" in figures.stderr
