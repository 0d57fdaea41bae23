"""The way from the site to the repository (repo_url, edit_uri, hook_repository).

The suite's build sets REPO_URL and EDIT_URI to made-up test values
(tests/conftest.py); plain ``mkdocs build`` and ``mkdocs serve`` set neither.
"""

import html
import re

import hook_repository
import pytest
import yaml
from conftest import DOCS, ROOT, TEST_EDIT_URI, TEST_REPO_NAME, TEST_REPO_URL
from mkdocs.exceptions import PluginError

WORKFLOW = ROOT / ".github" / "workflows" / "docs.yml"
CHAPTERS = ["index.md"] + sorted(
    path.relative_to(DOCS).as_posix()
    for part in ("part-1", "part-2")
    for path in (DOCS / part).glob("*.md")
)
NOTEBOOK_PAGE = "notebooks/putting-it-all-together/index.html"


def html_of(site, source):
    """The built page of the Markdown file ``source`` (a path under docs/)."""
    if source == "index.md":
        return (site / "index.html").read_text(encoding="utf-8")
    return (site / source.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def anchors(text, css_class):
    """The opening ``<a>`` tags of ``text`` whose class list holds ``css_class``."""
    found = []
    for tag in re.findall(r"<a\b[^>]*>", text):
        classes = re.search(r'\bclass="([^"]*)"', tag)
        if classes and css_class in classes.group(1).split():
            found.append(tag)
    return found


def href(tag):
    return html.unescape(re.search(r'\bhref="([^"]*)"', tag).group(1))


def plain_text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_the_header_links_the_repository(built_site):
    page = html_of(built_site, "index.md")
    header = page[page.index("<header") : page.index("</header>")]
    assert [href(tag) for tag in anchors(header, "md-source")] == [TEST_REPO_URL]
    # The navigation drawer (narrow screens) has the same link.
    assert [href(tag) for tag in anchors(page, "md-source")] == [TEST_REPO_URL] * 2
    names = re.findall(r'<div class="md-source__repository">\s*([^<]*?)\s*</div>', page)
    assert names == [TEST_REPO_NAME] * 2, names


def test_no_page_asks_a_forge_for_repository_facts(built_site):
    # Material's "source" component fetches stars and forks from the GitHub
    # API in the reader's browser; overrides/partials/source.html leaves out
    # the attribute that mounts it.
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert 'data-md-component="source"' not in text, path.relative_to(built_site)
        assert "api.github.com" not in text, path.relative_to(built_site)


@pytest.mark.parametrize("source", CHAPTERS)
def test_every_chapter_links_its_markdown_source(built_site, source):
    buttons = anchors(html_of(built_site, source), "md-content__button")
    branch_docs = TEST_EDIT_URI.removeprefix("blob/")  # main/docs/
    view = f"{TEST_REPO_URL}/raw/{branch_docs}{source}"
    edit = f"{TEST_REPO_URL}/blob/{branch_docs}{source}"
    assert sorted(href(tag) for tag in buttons) == sorted([view, edit]), buttons
    (view_tag,) = [tag for tag in buttons if href(tag) == view]
    assert 'title="View source of this page"' in view_tag
    assert (DOCS / source).is_file()


def test_the_notebook_page_links_no_source(built_site):
    # Its .ipynb is written by hook_notebooks into .cache/, not kept in docs/.
    page = (built_site / NOTEBOOK_PAGE).read_text(encoding="utf-8")
    assert anchors(page, "md-content__button") == []


def test_the_home_page_says_how_to_install(built_site):
    page = html_of(built_site, "index.md")
    start = page.index('id="install-the-package"')
    section = plain_text(page[start : page.index("<h2", start)])
    assert "pip install nn-from-scratch-book" in section
    assert 'pip install "nn-from-scratch-book[digits]"' in section
    assert 'pip install "nn-from-scratch-book[figures]"' in section
    assert f'pip install "git+{TEST_REPO_URL}"' in section
    assert "pip install -e ." in section
    assert hook_repository.MARKER not in page


# hook_repository on its own, without a build.


def home_markdown():
    return (DOCS / hook_repository.HOME).read_text(encoding="utf-8")


@pytest.mark.parametrize("repo_url", [None, ""])
def test_without_a_repository_the_marker_is_removed(repo_url):
    markdown = home_markdown()
    result = hook_repository.install_from_repository(markdown, repo_url)
    assert hook_repository.MARKER not in result
    assert "git+" not in result
    assert "pip install -e ." in result
    assert result == markdown.replace(hook_repository.MARKER, "")


def test_with_a_repository_the_marker_becomes_the_git_command():
    result = hook_repository.install_from_repository(home_markdown(), TEST_REPO_URL + "/")
    assert hook_repository.MARKER not in result
    assert f'\n~~~sh\npip install "git+{TEST_REPO_URL}"\n' in result


@pytest.mark.parametrize(
    "markdown", ["# Home\n\nNo marker.\n", "<!-- install-from-repository -->\n" * 2]
)
def test_a_home_page_without_one_marker_fails_the_build(markdown):
    with pytest.raises(PluginError, match="install-from-repository"):
        hook_repository.install_from_repository(markdown, None)


# Where REPO_URL and EDIT_URI come from.


def test_a_plain_build_has_no_repository(monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.delenv("REPO_URL", raising=False)
    monkeypatch.delenv("EDIT_URI", raising=False)
    monkeypatch.delenv("REPO_NAME", raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.repo_url is None
    assert not config.edit_uri


def test_the_publishing_workflow_sets_the_repository():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (build,) = [s for s in workflow["jobs"]["build"]["steps"] if "mkdocs build" in s.get("run", "")]
    assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert build["env"]["EDIT_URI"] == "blob/${{ github.ref_name }}/docs/"
    assert build["env"]["REPO_NAME"] == "${{ github.repository }}"
    assert "SITE_URL" in build["env"]
