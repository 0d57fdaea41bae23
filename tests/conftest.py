"""Shared helpers for the test suite.

``docs/hooks`` holds the site's build hooks and the modules they use, which
the tests use too: ``literate``, the reader of chapter code blocks, and
``chapter_notebook`` (with ``notebook_extras`` and ``notebook_markdown``),
which makes a chapter's notebook.
"""

import os
import pathlib
import re
import subprocess
import sys
import time

# One BLAS thread per process: pytest-xdist already keeps both cores busy, and
# OpenBLAS's own threads then only fight over them (a digits training run took
# about 3x longer).  Set before NumPy is imported; inherited by the notebook
# kernels and the mkdocs builds the tests start.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import pytest  # noqa: E402

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser from PyPI (in the test extra)
    import tomli as tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: The ``[project]`` table of pyproject.toml: the distribution's name, version, extras.
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
sys.path.insert(0, str(DOCS / "hooks"))


def chapter_files():
    """Every Markdown page under docs/, sorted."""
    return sorted(DOCS.rglob("*.md"))


# The repository the test build links to (mkdocs.yml reads REPO_URL and
# EDIT_URI): a made-up test value, not the project's address.  Plain
# `mkdocs build` and `mkdocs serve` set neither and show no repository link.
TEST_REPO_URL = "https://github.com/example/nn-from-scratch-book"
TEST_EDIT_URI = "blob/main/docs/"
TEST_REPO_NAME = "example/nn-from-scratch-book"


def build_site(site_dir):
    """Run ``mkdocs build --strict`` into ``site_dir``; fail on any error or warning."""
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        REPO_URL=TEST_REPO_URL,
        EDIT_URI=TEST_EDIT_URI,
        REPO_NAME=TEST_REPO_NAME,
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    # MkDocs' own warnings ("WARNING -  ..."); a Jupyter kernel's log lines don't count.
    assert not re.search(r"^WARNING\s+-", result.stderr, flags=re.M), result.stderr
    print(f"\nmkdocs build --strict into {site_dir}: {time.perf_counter() - started:.1f} s")
    return site_dir


@pytest.fixture(scope="session")
def built_site(testrun_uid):
    """The site, built once per test run into ``site/`` (the usual build output).

    With pytest-xdist each worker has its own session; a file lock and a
    stamp holding the run's id let the first worker build and the others
    reuse its output.
    """
    from filelock import FileLock

    site = ROOT / "site"
    cache = ROOT / ".cache"
    cache.mkdir(exist_ok=True)
    stamp = cache / "site-built-by-test-run"
    with FileLock(str(cache / "site-build.lock")):
        if not (stamp.exists() and stamp.read_text() == testrun_uid and site.is_dir()):
            build_site(site)
            stamp.write_text(testrun_uid)
    return site


@pytest.fixture
def article_data():
    from nn_from_scratch import article_dataset

    return article_dataset()
