"""The explorables on the built site: their data, their script, only where they are used.

``hook_explorables`` adds each edition's ``explorables/<name>.json`` (from
``nn_from_scratch.explorables``) and puts ``javascripts/explorables.js`` on the
pages that place an explorable; the browser tests
(``test_browser_explorables.py``) check what the pages then show.
"""

import re
import types

import hook_explorables
import pytest

from nn_from_scratch.explorables import EXPLORABLES, book_explorables

pytest.importorskip("sklearn", reason="the digits ship with scikit-learn (the digits extra)")

#: Where each explorable is, in both editions.
PAGES = {
    "training-run": "part-1/putting-it-all-together/",
    "learning-rate": "part-2/learning-rate/",
    "convolution-epochs": "part-2/convolutions/",
}
EDITIONS = {"en": "", "zh-TW": "zh-TW/"}

SCRIPT_TAG = re.compile(r'<script defer src="[^"]*javascripts/explorables\.js"></script>')

#: Script and data an explorable may add to its page, uncompressed (the issue's budget).
BUDGET = 150_000


def test_every_explorable_has_its_page():
    assert set(PAGES) == set(EXPLORABLES)


def test_the_data_files_are_the_packages_bytes(built_site):
    for language, folder in EDITIONS.items():
        for path, content in book_explorables(language).items():
            assert (built_site / folder / path).read_bytes() == content, (language, path)


def test_only_the_pages_with_an_explorable_load_the_script(built_site):
    found = {}
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        names = hook_explorables.explorables_on(html)
        loads = SCRIPT_TAG.search(html) is not None
        assert loads == bool(names), page.relative_to(built_site)
        # The class that hides the replaced figure is set in the head, before any paint.
        head = html.partition("</head>")[0]
        assert (hook_explorables.SCRIPTS_ON in head) == bool(names), page.relative_to(built_site)
        styled = "stylesheets/explorables.css" in head
        assert styled == bool(names), page.relative_to(built_site)
        if names:
            found[page.parent.relative_to(built_site).as_posix() + "/"] = names
    expected = {
        folder + page: [name] for name, page in PAGES.items() for folder in EDITIONS.values()
    }
    assert found == expected


def test_script_and_data_fit_the_budget(built_site):
    script = (built_site / hook_explorables.SCRIPT).stat().st_size
    for folder in EDITIONS.values():
        for name in EXPLORABLES:
            data = (built_site / folder / "explorables" / f"{name}.json").stat().st_size
            assert script + data <= BUDGET, (folder, name, script, data)


def test_an_unknown_explorable_stops_the_build():
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="part-9/chapter.md"))
    html = '<div class="explorable" data-explorable="nope">'
    with pytest.raises(ValueError, match="part-9/chapter.md: no explorable named 'nope'"):
        hook_explorables.on_page_content(html, page, None, None)
