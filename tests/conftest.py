"""Shared helpers for the test suite.

``docs/hooks`` holds the site's build hooks and ``literate``, the reader of
chapter code blocks that the tests use too.
"""

import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "hooks"))


def chapter_files():
    """Every Markdown page under docs/, sorted."""
    return sorted(DOCS.rglob("*.md"))


@pytest.fixture
def article_data():
    from nn_from_scratch import article_dataset

    return article_dataset()
