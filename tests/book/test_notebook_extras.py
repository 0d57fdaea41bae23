"""Which extras a chapter's notebook installs (docs/hooks/notebook_extras.py).

The notebooks themselves, installing and running, are tests/book/test_notebooks.py's
and tests/book/test_notebook_standalone.py's.
"""

import importlib.metadata

import literate
import notebook_extras
from conftest import DOCS, PROJECT, chapter_files
from packaging.requirements import Requirement

CHAPTERS_WITH_CODE = [p for p in chapter_files() if literate.python_chains(literate.read_blocks(p))]


def test_distribution_is_the_name_in_pyproject():
    assert notebook_extras.DISTRIBUTION == PROJECT["name"]


def test_only_the_digits_and_pytorch_chapters_install_an_extra():
    extras = {
        p.relative_to(DOCS).as_posix(): notebook_extras.chapter_extras(p)
        for p in CHAPTERS_WITH_CODE
    }
    assert {page: e for page, e in extras.items() if e} == {
        "part-2/convolutions.md": ("digits",),
        "part-2/debugging.md": ("digits",),
        "part-2/generalisation.md": ("digits",),
        "part-2/learning-rate.md": ("digits",),
        "part-2/many-layers.md": ("digits",),
        "part-3/pytorch.md": ("digits", "torch"),
        "part-3/when-to-switch.md": ("digits", "torch"),
        "zh-TW/part-2/convolutions.md": ("digits",),
        "zh-TW/part-2/debugging.md": ("digits",),
        "zh-TW/part-2/generalisation.md": ("digits",),
        "zh-TW/part-2/learning-rate.md": ("digits",),
        "zh-TW/part-2/many-layers.md": ("digits",),
        "zh-TW/part-3/pytorch.md": ("digits", "torch"),
        "zh-TW/part-3/when-to-switch.md": ("digits", "torch"),
    }


def test_extras_are_those_of_our_distribution():
    # Read from the installed metadata, which pyproject.toml gives.
    distribution = importlib.metadata.distribution(notebook_extras.DISTRIBUTION)
    requirements = [Requirement(r) for r in distribution.requires]
    libraries = importlib.metadata.packages_distributions()
    for extra, library in notebook_extras.EXTRAS.items():
        names = {r.name for r in requirements if r.marker and r.marker.evaluate({"extra": extra})}
        # An optional library that is not installed (PyTorch) has no metadata
        # here; its distribution has its import name.
        assert set(libraries.get(library, [library])) & names, (extra, library, names)


def test_the_rule_follows_imports_through_the_package():
    # convolutions.md's code imports nn_from_scratch.mlp, which imports .digits,
    # which imports sklearn inside a function.
    reached = notebook_extras.modules_reached({"nn_from_scratch.mlp"})
    assert {"nn_from_scratch", "nn_from_scratch.digits", "sklearn.datasets"} <= reached
    assert not any(
        m.startswith("sklearn") for m in notebook_extras.modules_reached({"nn_from_scratch"})
    )
    figures = notebook_extras.modules_reached({"nn_from_scratch.figures"})
    assert any(m.startswith("matplotlib") for m in figures)


def test_install_command():
    assert notebook_extras.install_command(()) == "%pip install nn-from-scratch-book"
    assert (
        notebook_extras.install_command(("digits",))
        == '%pip install "nn-from-scratch-book[digits]"'
    )
    both = notebook_extras.install_command(("digits", "figures"))
    assert both == '%pip install "nn-from-scratch-book[digits,figures]"'
