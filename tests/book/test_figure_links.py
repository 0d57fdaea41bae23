"""Every figure opens full size with one tap, and loads only when its palette shows it.

``hook_figures.on_page_content`` wraps each figure image in a link to its own
SVG, marks it ``loading="lazy"`` and gives it the SVG's size, so that the
page keeps its layout while the figure loads (the browser tests check what
is downloaded; this reads the built pages).
"""

import re

import hook_figures
import pytest

IMAGE = re.compile(r'<img [^>]*src="[^"]*figures/[^"]+"[^>]*>')
LINKED = re.compile(r'<a class="figure-link" href="(?P<href>[^"]+)"><img (?P<attrs>[^>]*)/></a>')


def test_the_hook_links_and_defers_both_variants(monkeypatch):
    monkeypatch.setattr(
        hook_figures, "_sizes", {"a-light.svg": (787, 432), "a-dark.svg": (787, 432)}
    )
    html = (
        '<p><img alt="A" src="../figures/a-light.svg#only-light" />\n'
        '<img alt="A" src="../figures/a-dark.svg#only-dark" /></p>'
    )
    out = hook_figures.on_page_content(html, None, None, None)
    found = LINKED.findall(out)
    assert [href for href, _ in found] == [
        "../figures/a-light.svg#only-light",
        "../figures/a-dark.svg#only-dark",
    ]
    for href, attrs in found:
        assert f'src="{href}"' in attrs and 'loading="lazy"' in attrs and 'alt="A"' in attrs
        assert 'width="787" height="432"' in attrs


def test_an_svg_size_in_points_becomes_css_pixels():
    svg = (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"'
        b' width="590.4pt" height="324pt" viewBox="0 0 590.4 324">'
    )
    assert hook_figures.svg_size(svg) == (787, 432)


def test_an_svg_without_a_size_in_points_is_refused():
    with pytest.raises(ValueError, match="no width and height in pt"):
        hook_figures.svg_size(b'<svg viewBox="0 0 10 10">')


def test_the_hook_leaves_other_images_alone():
    html = '<p><img alt="logo" src="../assets/logo.svg" /></p>'
    assert hook_figures.on_page_content(html, None, None, None) == html


def test_every_figure_on_the_site_is_a_lazy_link_to_itself(built_site):
    figures = 0
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        images = IMAGE.findall(html)
        linked = LINKED.findall(html)
        assert len(images) == len(linked), page.relative_to(built_site)
        for href, attrs in linked:
            assert f'src="{href}"' in attrs and 'loading="lazy"' in attrs, (page, href)
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.is_file(), (page, href)
            # The size reserved on the page is the SVG's own.
            size = hook_figures.svg_size(target.read_bytes())
            assert f'width="{size[0]}" height="{size[1]}"' in attrs, (page, href)
        figures += len(linked)
    assert figures >= 2 * 19, figures
