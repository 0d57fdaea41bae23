"""Shared helpers for the test suite.

``docs/hooks`` holds the site's build hooks and the modules they use, which
the tests use too: ``literate``, the reader of chapter code blocks, and
``chapter_notebook`` (with ``notebook_extras`` and ``notebook_markdown``),
which makes a chapter's notebook.
"""

import importlib.util
import os
import pathlib
import re
import sys

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


def load_experiment(name):
    """The script ``experiments/<name>.py`` as a module.

    Imported, not run as ``__main__``, it leaves the thread variables alone.
    """
    spec = importlib.util.spec_from_file_location(
        f"experiment_{name}", ROOT / "experiments" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def close_to_torch(ours, theirs, tolerance=1e-10):
    """Assert that our float64 array equals PyTorch's (a tensor or an array) to ``tolerance``.

    Relative to the size of the numbers, when they are larger than 1.
    """
    import numpy as np

    theirs = theirs.detach().numpy() if hasattr(theirs, "detach") else np.asarray(theirs)
    assert ours.shape == theirs.shape, (ours.shape, theirs.shape)
    assert ours.dtype == np.float64
    scale = max(1.0, float(np.max(np.abs(theirs), initial=0.0)))
    assert np.max(np.abs(ours - theirs), initial=0.0) <= tolerance * scale


def chapter_files():
    """Every Markdown page under docs/, sorted."""
    return sorted(DOCS.rglob("*.md"))


def skip_without_digits():
    """Skip the calling test module unless scikit-learn (the digits extra) is installed.

    Asked with ``find_spec``: importing scikit-learn would take a second.
    """
    if importlib.util.find_spec("sklearn") is None:
        pytest.skip("the digits ship with scikit-learn (the digits extra)", allow_module_level=True)


# The repository the test build links to (mkdocs.yml reads REPO_URL and
# EDIT_URI): a made-up test value, not the project's address.  Plain
# `mkdocs build` and `mkdocs serve` set neither and show no repository link.
TEST_REPO_URL = "https://github.com/example/nn-from-scratch-book"
TEST_EDIT_URI = "blob/main/docs/"
TEST_REPO_NAME = "example/nn-from-scratch-book"


def check_build(returncode, stderr):
    """Fail unless a ``mkdocs build --strict`` ended well and without MkDocs warnings."""
    assert returncode == 0, f"mkdocs build --strict failed:\n{stderr}"
    # MkDocs' own warnings ("WARNING -  ..."); a Jupyter kernel's log lines don't count.
    assert not re.search(r"^WARNING\s+-", stderr, flags=re.M), stderr


def pytest_configure(config):
    """In the process that starts the run, start the slow builds it needs (tests/background.py).

    With ``NN_REQUIRE_TORCH=1`` (as ``.ci/run`` sets for the PyTorch
    comparisons), a missing PyTorch stops the run instead of skipping them.
    """
    if os.environ.get("NN_REQUIRE_TORCH") == "1" and importlib.util.find_spec("torch") is None:
        raise pytest.UsageError("NN_REQUIRE_TORCH=1 but PyTorch is not installed")
    if not hasattr(config, "workerinput") and not config.option.collectonly:
        import background

        background.start(config.args)


# The order in which pytest-xdist hands out the test files (pyproject.toml
# turns off its own reordering).  First the long runs that need nothing
# built, while the site builds in the background; then the browser tests,
# which wait for the site and keep both cores busy; the many short tests
# last, so that both workers end at about the same time.
FIRST = [
    "tests/book/test_notebooks.py",
    "docs/part-2/convolutions.md",
    "docs/part-1/putting-it-all-together.md",
    "docs/part-2/many-layers.md",
    "tests/book/test_browser.py",
    "tests/book/test_browser_more.py",
    "tests/book/test_browser_explorables.py",
    "tests/book/test_notebook_standalone.py",
    "tests/book/test_site.py",
    "tests/release/test_wheel.py",
]
LAST = ["tests/unit/"]


def run_order(item):
    path = item.nodeid.split("::")[0]
    if path in FIRST:
        return FIRST.index(path)
    return len(FIRST) + any(path.startswith(folder) for folder in LAST)


def pytest_collection_modifyitems(items):
    items.sort(key=run_order)  # stable: a file's tests keep their order


@pytest.fixture(scope="session")
def built_site(testrun_uid):
    """The site, built once per test run into ``site/`` (the usual build output).

    Usually the build was started in the background when the run began
    (tests/background.py) and this waits for it.  Otherwise (a run started
    in another way) the first worker to get here builds it; a file lock and
    a stamp holding the run's id let the others reuse its output.
    """
    import background
    from filelock import FileLock

    site = ROOT / "site"
    cache = ROOT / ".cache"
    cache.mkdir(exist_ok=True)
    stamp = cache / "site-built-by-test-run"
    with FileLock(str(cache / "site-build.lock")):
        if not (stamp.exists() and stamp.read_text() == testrun_uid and site.is_dir()):
            outcome = background.result("site", cache / "site-build")
            check_build(outcome["returncode"], outcome["stderr"])
            print(f"\nmkdocs build --strict: {outcome['seconds']} s")
            stamp.write_text(testrun_uid)
    return site


@pytest.fixture(scope="session")
def package_dist(tmp_path_factory):
    """A folder with the sdist and the wheel of this repository, built once per run."""
    import background

    outcome = background.result("dist", tmp_path_factory.mktemp("jobs"))
    assert outcome["returncode"] == 0, outcome["stderr"]
    return outcome["output"]


@pytest.fixture
def article_data():
    from nn_from_scratch import article_dataset

    return article_dataset()
