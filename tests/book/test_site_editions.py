"""The built site holds both editions, joined: language, language switch, glossary, search.

``mkdocs build`` makes the English edition at the site's root and, through
``docs/hooks/hook_editions.py``, the Traditional Chinese one under ``zh-TW/``.
These tests read the session's build (``built_site``); the browser tests
(``test_browser*.py``) open every page of both editions.
"""

import json
import posixpath
import re
import urllib.parse

import editions
import hook_search  # docs/hooks is on sys.path (tests/conftest.py)
import pytest

SWITCH = re.compile(
    r'<a href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]+)" lang="[^"]+" class="md-select__link">'
)
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


def pages(site):
    """``{page path under the site: html}`` for every page of both editions (not the 404s)."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site).as_posix()
        if relative.split("/")[0] in {"assets", "search", "_screenshots"}:
            continue
        found[relative] = path.read_text(encoding="utf-8")
    return found


def edition_of(relative):
    return "zh-TW" if relative.startswith("zh-TW/") else "en"


def test_every_page_says_its_language(site):
    found = pages(site)
    assert sum(edition_of(p) == "zh-TW" for p in found) >= 20
    for relative, html in found.items():
        assert f'<html lang="{edition_of(relative)}"' in html, relative


def test_the_language_switch_lands_on_the_same_page(site):
    """Each switch link leads to an existing page: the twin, or the other edition's home."""
    for relative, html in pages(site).items():
        links = {match["lang"]: match["href"] for match in SWITCH.finditer(html)}
        assert set(links) == {"en", "zh-TW"}, relative
        here = posixpath.dirname(relative)
        for language, href in links.items():
            target = posixpath.normpath(posixpath.join(here, urllib.parse.unquote(href)))
            target = "index.html" if target == "." else f"{target}/index.html"
            assert (site / target).is_file(), (relative, language, href)
            page = relative.removeprefix("zh-TW/")
            twin = page if language == "en" else f"zh-TW/{page}"
            expected = (
                twin
                if (site / twin).is_file()
                else ("index.html" if language == "en" else "zh-TW/index.html")
            )
            assert target == expected, (relative, language, target)


def test_every_chapter_has_its_twin_in_the_built_site(site):
    for page in editions.english_pages():
        url = page.removesuffix(".md").removesuffix("index")
        built = f"{url}/index.html".lstrip("/").replace("//", "/")
        assert (site / built).is_file() and (site / "zh-TW" / built).is_file(), page


def test_the_chinese_pages_keep_the_english_anchors(site):
    """A link such as backpropagation.md#the-chain-rule works in both editions."""
    for relative, html in pages(site).items():
        if edition_of(relative) != "zh-TW" or "glossary" in relative:
            continue
        twin = site / relative.removeprefix("zh-TW/")
        english_ids = re.findall(r'<h[1-6] id="([^"]+)"', twin.read_text(encoding="utf-8"))
        assert re.findall(r'<h[1-6] id="([^"]+)"', html) == english_ids, relative


def test_links_to_the_english_reference_are_marked(site):
    html = (site / "zh-TW/part-1/putting-it-all-together/index.html").read_text("utf-8")
    links = re.findall(r'<a href="([^"]*reference/[^"]*)" hreflang="en">', html)
    assert links, "the chapter links to the command-line reference"
    for href in links:
        target = posixpath.normpath(posixpath.join("zh-TW/part-1/putting-it-all-together", href))
        assert (site / target.split("#")[0] / "index.html").is_file(), href


def test_the_glossary_page_lists_every_entry(site):
    html = (site / "zh-TW/glossary/index.html").read_text(encoding="utf-8")
    data = editions.glossary()
    for section in data["terms"]:
        for entry in section["entries"]:
            assert f"<td>{entry['zh']}</td>" in html, entry
    for entry in data["avoid"]:
        assert f"<td>{entry['mainland']}</td>" in html, entry


def test_chinese_figures_have_chinese_alt_text(site):
    for relative, html in pages(site).items():
        if edition_of(relative) == "zh-TW":
            for alt in re.findall(r'<img alt="([^"]*)" src="[^"]*figures/', html):
                assert CJK.search(alt), (relative, alt)


def test_the_chinese_search_index_keeps_the_book_terms_whole(site):
    index = json.loads((site / "zh-TW/search/search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    words = {w for doc in index["docs"] for w in separator.split(doc["title"] + " " + doc["text"])}
    for term in ("反向傳播", "學習率", "卷積", "互斥或", "梯度下降法", "神經網路", "偏置"):
        assert term in words, term
    assert set(hook_search.glossary_words()) & words, "no glossary term reached the index"
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) == len(set(locations)), "two sections share an address"


def test_the_404_pages_speak_their_language_and_lead_home(site):
    for page, heading, homes in (
        ("404.html", "404 - Not found", {"en": "/", "zh-TW": "/zh-TW/"}),
        ("zh-TW/404.html", "404 - 找不到這個頁面", {"en": "/../", "zh-TW": "/"}),
    ):
        html = (site / page).read_text(encoding="utf-8")
        assert f"<h1>{heading}</h1>" in html, page
        links = {match["lang"]: match["href"] for match in SWITCH.finditer(html)}
        assert set(links) == set(homes), page
        for language, tail in homes.items():
            assert links[language].endswith(tail), (page, language, links[language])


def test_api_pages_index_their_names_not_their_docstrings(built_site):
    """hook_search keeps each API object's heading in the index and skips its text."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {doc["location"]: doc for doc in index["docs"]}
    bridge = entries["reference/bridge/#nn_from_scratch.bridge.to_torch"]
    assert bridge["title"].startswith("to_torch") and bridge["text"] == ""
    # A chapter keeps its prose.
    chapter = " ".join(
        doc["text"] for doc in index["docs"] if doc["location"].startswith("part-3/autograd/")
    )
    assert "reverse-mode" in chapter


def test_word_breaks_beside_another_separator_are_dropped():
    separator = "[\\s\\u200b\\u3000\\-、。，．？！；]+"
    text = "\u200b本書\u200b\u200b用到\u200b，\u200b以及 \u200bx\u200b"
    assert hook_search.without_redundant_breaks(text, separator) == "本書\u200b用到，以及 x"
    # The split is the same: the separator splits on runs of any of its characters.
    pattern = re.compile(separator.replace("\\u200b", "\u200b"))
    words = [w for w in pattern.split(text) if w]
    assert words == [w for w in pattern.split("本書\u200b用到，以及 x") if w]
