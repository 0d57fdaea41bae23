"""The Markdown that docs/hooks/notebook_markdown.py turns the chapters' prose into,
in the chapter notebooks and on planted Markdown.
"""

import re

import chapter_notebook
import hook_notebooks
import literate
import notebook_markdown
import pytest
from conftest import DOCS, chapter_files
from mkdocs.structure.files import File, Files

CHAPTERS_WITH_CODE = [p for p in chapter_files() if literate.python_chains(literate.read_blocks(p))]
SITE_URL = "https://example.org/book/"
IDS = {"ids": lambda p: str(p.relative_to(DOCS))}


def markdown_cells(notebook):
    return [c.source for c in notebook.cells if c.cell_type == "markdown"]


def published_urls():
    """The pages' addresses, as the hook computes them for a site at SITE_URL."""

    class Config:
        site_url = SITE_URL

    pages = [
        File(p.relative_to(DOCS).as_posix(), str(DOCS), "/nowhere", use_directory_urls=True)
        for p in chapter_files()
    ]
    return hook_notebooks.page_urls(Files(pages), Config())


# Links.


def test_published_notebook_links_to_its_chapter():
    urls = published_urls()
    path = DOCS / "part-1" / "backpropagation.md"
    assert urls[path.resolve()] == SITE_URL + "part-1/backpropagation/"
    assert urls[(DOCS / "index.md").resolve()] == SITE_URL
    notebook = chapter_notebook.chapter_notebook(path, urls[path.resolve()], urls)
    about = notebook.cells[0].source
    assert f"[Backpropagation]({SITE_URL}part-1/backpropagation/)" in about
    text = "\n".join(markdown_cells(notebook))
    assert f"[loss function]({SITE_URL}part-1/loss-function/)" in text


@pytest.mark.parametrize("published", [False, True], ids=["local", "published"])
def test_every_link_is_absolute_and_leads_to_a_page(published):
    urls = published_urls() if published else {}
    pages = {u.rstrip("/") for u in urls.values()}
    for path in CHAPTERS_WITH_CODE:
        notebook = chapter_notebook.chapter_notebook(path, urls.get(path.resolve()), urls)
        for cell in markdown_cells(notebook):
            for target in re.findall(r"\]\(([^)\s]*)", outside_code(cell)):
                assert re.match(r"https?://", target), f"{path.name}: {target}"
                if target.startswith(SITE_URL):
                    assert target.partition("#")[0].rstrip("/") in pages, target
                else:
                    assert published or "example.org" not in target


# No syntax that only MkDocs understands.


def outside_code(markdown):
    """The Markdown without its fenced blocks, inline code and maths."""
    text = re.sub(r"^([ \t>]*)(`{3,}|~{3,}).*?^[ \t>]*\2", "", markdown, flags=re.S | re.M)
    text = re.sub(r"\$\$.+?\$\$", "", text, flags=re.S)
    return re.sub(r"(`+).+?\1|\$[^$\n]+\$", "", text)


LEAKS = {
    "admonition": r"^[ \t>]*(!!!|\?\?\?)",
    "content tab": r"^[ \t>]*===",
    "attribute list": r"\{[ \t]*[:.#]",
    "palette image": r"#only-(light|dark)",
    "snippet": r"--8<--",
    "HTML comment": r"<!--",
    "relative link": r"\]\((?!https?://)",
    "icon": r":(material|fontawesome|octicons|simple)-",
    "bracket maths": r"\\[(\[]",
    "md_in_html": r"\bmarkdown=",
}


@pytest.mark.parametrize("path", CHAPTERS_WITH_CODE, **IDS)
def test_no_mkdocs_syntax_leaks_into_the_notebook(path):
    for cell in markdown_cells(chapter_notebook.chapter_notebook(path, None)):
        text = outside_code(cell)
        for name, pattern in LEAKS.items():
            assert not re.search(pattern, text, flags=re.M), f"{path.name}: {name} in {cell!r}"
        for fence in re.findall(r"^[ \t>]*(?:`{3,}|~{3,})(.*)$", cell, flags=re.M):
            assert re.fullmatch(r"[\w+#-]*", fence), f"{path.name}: fence options {fence!r}"


# The converter, on planted Markdown.


@pytest.fixture
def chapter(tmp_path):
    """Write a chapter at docs/part-9/chapter.md under tmp_path; return (path, links)."""
    folder = tmp_path / "docs" / "part-9"
    folder.mkdir(parents=True)
    (folder / "other.md").write_text("# Other\n", encoding="utf-8")

    def write(text, published=False):
        path = folder / "chapter.md"
        path.write_text(text, encoding="utf-8")
        urls = {}
        if published:
            urls = {
                path.resolve(): SITE_URL + "part-9/chapter/",
                (folder / "other.md").resolve(): SITE_URL + "part-9/other/",
            }
        return path, notebook_markdown.Links(path, urls.get(path.resolve()), urls)

    return write


def convert(chapter, text, published=False):
    path, links = chapter(text, published)
    return notebook_markdown.prose_markdown(text.splitlines(), links)


def test_admonitions_become_block_quotes(chapter):
    text = (
        '!!! warning "Mind the sign"\n\n    Subtract it.\n\n    $$\n    x\n    $$\n'
        "\nAfter.\n\n!!! note\n\n    Plain.\n\n"
        '??? tip ""\n\n    No title.\n'
    )
    assert convert(chapter, text) == (
        "> **Mind the sign**\n>\n> Subtract it.\n>\n> $$\n> x\n> $$\n\nAfter.\n\n"
        "> **Note**\n>\n> Plain.\n\n> No title."
    )


def test_admonitions_nested_in_a_list_stay_in_it(chapter):
    text = '1. Try it.\n\n    ??? tip "Hint"\n\n        Look at **step 2**.\n\n2. Next.\n'
    assert convert(chapter, text) == (
        "1. Try it.\n\n    > **Hint**\n    >\n    > Look at **step 2**.\n\n2. Next."
    )


def test_content_tabs_become_titled_text(chapter):
    text = '=== "NumPy"\n\n    ~~~python title="a.py"\n    x = 1\n    ~~~\n'
    assert convert(chapter, text) == "**NumPy**\n\n~~~python\nx = 1\n~~~"


def test_comments_snippets_attributes_and_icons_go(chapter):
    text = (
        "<!--pytest-codeblocks:cont-->\nA [button](other.md){ .md-button download } "
        ":material-download: here {1, 2} $\\{x\\}$.\n\n"
        '--8<-- "benchmarks/results.md"\n\n{: .annotate }\n\nEnd.'
    )
    assert convert(chapter, text) == "A button here {1, 2} $\\{x\\}$.\n\nEnd."


def test_bracket_maths_become_dollars_and_inline_code_is_untouched(chapter):
    text = "Let \\(a_1\\) be\n\\[\nb\n\\]\nand `[x](y.md){ .c }` stays."
    assert convert(chapter, text) == "Let $a_1$ be\n$$\nb\n$$\nand `[x](y.md){ .c }` stays."


def test_links_lead_to_the_published_pages_or_become_text(chapter):
    text = "See [the other](other.md#part), [above](#top), [away](https://x.org), [gone](gone.md)."
    assert convert(chapter, text) == "See the other, above, [away](https://x.org), gone."
    assert convert(chapter, text, published=True) == (
        f"See [the other]({SITE_URL}part-9/other/#part), [above]({SITE_URL}part-9/chapter/#top), "
        "[away](https://x.org), gone."
    )


def test_figures_become_their_description(chapter):
    text = (
        "![A curve going up](../figures/c-light.svg#only-light)\n"
        "![A curve going up](../figures/c-dark.svg#only-dark)\n"
    )
    assert convert(chapter, text) == "*Figure, shown in the chapter: A curve going up.*"
    assert convert(chapter, text, published=True) == (
        f"*Figure, shown in [the chapter]({SITE_URL}part-9/chapter/): A curve going up.*"
    )


def test_footnotes_and_markdown_attributes(chapter):
    text = 'Said[^1].\n\n<div markdown="1">\n\nIn.\n\n</div>\n\n[^1]: Where.'
    expected = "Said<sup>1</sup>.\n\n<div>\n\nIn.\n\n</div>\n\n<sup>1</sup> Where."
    assert convert(chapter, text) == expected


def test_a_paragraph_about_the_chapters_own_notebook_goes(chapter):
    text = "Intro.\n\nGet the [notebook](../downloads/chapter.ipynb){: download }.\n\nEnd."
    assert convert(chapter, text) == "Intro.\n\nEnd."


def test_an_explorable_goes_with_its_description_and_the_figure_stays(chapter):
    text = (
        "![A curve](../figures/c-light.svg#only-light)\n\n"
        '<div class="explorable" data-explorable="training-run" markdown>\n\n'
        "This is an *explorable*: the slider above.\n\n</div>\n\nAfter."
    )
    assert convert(chapter, text) == "*Figure, shown in the chapter: A curve.*\n\nAfter."
