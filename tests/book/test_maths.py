"""Formulas: KaTeX is vendored intact, served by the site, and loaded only where there is maths.

The browser tests check that every formula is typeset and visible; these
checks read the files alone.
"""

import hashlib
import re

import hook_maths
from conftest import ROOT

VENDOR = ROOT / "vendor" / "katex"


def test_vendored_katex_matches_its_checksums():
    listed = {}
    for line in (VENDOR / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name] = digest
    on_disk = {
        path.relative_to(VENDOR).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.name != "SHA256SUMS"
    }
    assert on_disk == listed, "vendor/katex differs from SHA256SUMS: run vendor/update_katex.py"


def test_vendored_katex_is_the_pinned_version_with_its_licence():
    version = (VENDOR / "VERSION").read_text().strip()
    script = (VENDOR / "katex.min.js").read_text(encoding="utf-8")
    assert f'version:"{version}"' in script
    assert "Khan Academy" in (VENDOR / "LICENSE").read_text()


def test_the_site_serves_the_script_its_style_and_every_font_the_style_names(built_site):
    served = built_site / "assets" / "katex"
    assert (served / "katex.min.js").read_bytes() == (VENDOR / "katex.min.js").read_bytes()
    style = (served / "katex.min.css").read_text(encoding="utf-8")
    fonts = {name for name in hook_maths.vendored_files() if name.endswith(".woff2")}
    assert fonts, "no WOFF2 font is vendored"
    for font in fonts:
        assert f"url({font})" in style, f"{font} is served but the style sheet never names it"
        assert (served / font).is_file(), font


def test_only_pages_with_maths_load_katex(built_site):
    with_maths = without = 0
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loads = "assets/katex/katex.min.js" in html
        assert loads == hook_maths.has_maths(html), page.relative_to(built_site)
        with_maths += loads
        without += not loads
    assert with_maths >= 15 and without >= 20, (with_maths, without)


def test_the_hook_adds_style_and_scripts_with_paths_relative_to_the_page():
    class Page:
        url = "part-1/backpropagation/"

    html = '<html><head></head><body><span class="arithmatex">\\(x\\)</span></body></html>'
    out = hook_maths.on_post_page(html, Page(), None)
    assert '<link rel="stylesheet" href="../../assets/katex/katex.min.css">\n</head>' in out
    assert '<script defer src="../../assets/katex/katex.min.js"></script>' in out
    assert '<script defer src="../../javascripts/maths.js"></script>' in out
    assert out.index("katex.min.js") < out.index("maths.js")


def test_the_hook_leaves_pages_without_maths_alone():
    class Page:
        url = ""

    html = "<html><head></head><body><p>No formulas.</p></body></html>"
    assert hook_maths.on_post_page(html, Page(), None) == html


def test_notebook_pages_have_no_maths_left_untypeset(built_site):
    # hook_maths typesets the Markdown pages' formulas (class "arithmatex");
    # a notebook page's Markdown cells are rendered by mkdocs-jupyter, where a
    # formula would stay as raw $...$.  None has one today: if a rendered
    # notebook gains maths, hook_maths must learn to typeset it.
    for page in (built_site / "notebooks").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        cells = html.split('class="jp-RenderedHTMLCommon jp-RenderedMarkdown')[1:]
        for cell in cells:
            prose = re.sub(r"<pre\b.*?</pre>|<code\b.*?</code>", "", cell, flags=re.S)
            prose = re.sub(r"<[^>]+>", "", prose)
            formula = re.search(r"\$\$|\$[^\s$][^$]*\$|\\\(|\\\[", prose)
            assert not formula, (page, formula.group(0))
