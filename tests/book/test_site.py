"""The site builds with ``mkdocs build --strict``, and its generated files are reproducible.

The session's build (``built_site``) is read by every test here.  A second,
independent Python process then makes every figure and every downloadable
notebook again, with the same functions the build hooks call; their bytes
must equal the build's.  (A second full ``mkdocs build`` would check the same
files, but it costs a whole build of the test suite's time.)
"""

import hashlib
import json
import pathlib
import re

import background
import pytest

CHAPTERS = [
    ("Home", "index.html"),
    ("What is a neural network?", "part-1/what-is-a-neural-network/index.html"),
    ("Training the network", "part-1/training-the-network/index.html"),
    ("Feedforward", "part-1/feedforward/index.html"),
    ("The loss function", "part-1/loss-function/index.html"),
    ("Backpropagation", "part-1/backpropagation/index.html"),
    ("Gradient descent", "part-1/gradient-descent/index.html"),
    ("Putting it all together", "part-1/putting-it-all-together/index.html"),
    ("Next steps", "part-1/next-steps/index.html"),
    ("Final thoughts", "part-1/final-thoughts/index.html"),
    ("Activation functions", "part-2/activation-functions/index.html"),
    ("The learning rate", "part-2/learning-rate/index.html"),
    ("Biases", "part-2/biases/index.html"),
    ("Checking gradients", "part-2/checking-gradients/index.html"),
    ("Many layers and mini-batches", "part-2/many-layers/index.html"),
    ("Generalisation: training, validation and test", "part-2/generalisation/index.html"),
    ("Convolutions for image classification", "part-2/convolutions/index.html"),
    ("Debugging a training run", "part-2/debugging/index.html"),
    ("Autograd in sixty lines", "part-3/autograd/index.html"),
    ("The same network in PyTorch", "part-3/pytorch/index.html"),
    ("When to switch", "part-3/when-to-switch/index.html"),
    ("Performance", "performance/index.html"),
]
NOTEBOOK_PAGE = "notebooks/putting-it-all-together/index.html"


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


def digests(folder, pattern):
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.glob(pattern))
    }


def test_nav_lists_the_chapters_of_every_part_in_order(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>\n</div>")] if "</nav>\n</div>" in nav else nav
    links = re.findall(r'<a href="([^"]*)"[^>]*class="md-nav__link', nav)
    pages = []
    for href in links:
        page = (
            (href.strip("./") + "/index.html").lstrip("/")
            if href not in ("", ".", "./")
            else "index.html"
        )
        if page not in pages:
            pages.append(page)
    chapters = [page for _, page in CHAPTERS]
    assert [p for p in pages if p in chapters] == chapters
    for title, page in CHAPTERS:
        assert (site / page).is_file(), page
        assert f"<title>{title}" in (site / page).read_text(encoding="utf-8") or title == "Home"


def test_figures_are_built_in_both_palettes(site):
    from nn_from_scratch.figures import book_figures

    stems = list(book_figures())
    assert len(stems) >= 6 + 13, "Part I's 6 figures and Part II's 13"
    for stem in stems:
        for theme in ("light", "dark"):
            svg = site / "figures" / f"{stem}-{theme}.svg"
            assert svg.read_bytes().startswith(b"<?xml"), svg


def test_every_figure_is_shown_on_a_page(site):
    pages = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    for svg in (site / "figures").glob("*.svg"):
        assert f"figures/{svg.name}" in pages, f"{svg.name} is built but no page shows it"


def test_a_second_process_makes_identical_figures_and_notebooks(site, tmp_path):
    # Usually started in the background when the run began (tests/background.py).
    outcome = background.result("regenerate", tmp_path)
    assert outcome["returncode"] == 0, outcome["stderr"]
    again = json.loads(outcome["stdout"])
    built = {
        **digests(site, "figures/*.svg"),
        **digests(site, "downloads/*.ipynb"),
        **digests(site, "zh-TW/figures/*.svg"),
        **digests(site, "zh-TW/downloads/*.ipynb"),
    }
    assert len(built) > 2 * 40
    assert again == built


def test_notebook_page_is_rendered_with_outputs(site):
    page = (site / NOTEBOOK_PAGE).read_text(encoding="utf-8")
    assert "jupyter-wrapper" in page
    assert "jp-OutputArea" in page, "the notebook was not executed at build time"
    assert (site / "downloads" / "putting-it-all-together.ipynb").is_file()


def test_no_page_loads_anything_from_another_host(site):
    resource = re.compile(
        r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["']([^"']+)|<link\b[^>]*\bhref=["']([^"']+)"""
    )
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in resource.finditer(text):
            url = match.group(1) or match.group(2)
            assert not re.match(r"(https?:)?//", url), f"{path.relative_to(site)} loads {url}"
        for host in (
            "cdn.jsdelivr",
            "cdnjs.cloudflare",
            "unpkg.com",
            "fonts.googleapis",
            "fonts.gstatic",
        ):
            assert host not in text, f"{path.relative_to(site)} mentions {host}"


def test_every_chapter_with_code_offers_its_notebook(site):
    for _, page in [*CHAPTERS[1:8], *CHAPTERS[10:16]]:
        html = (site / page).read_text(encoding="utf-8")
        anchor = re.search(r"<a\b[^>]*\bdownload\b[^>]*>", html)
        assert anchor, f"{page} has no notebook download"
        link = re.search(r'href="([^"]+\.ipynb)"', anchor.group(0))
        assert link, anchor.group(0)
        assert (site / pathlib.PurePosixPath(page).parent / link.group(1)).resolve().is_file()
