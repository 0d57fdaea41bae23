"""Every figure opens full size with one tap, and loads only when its palette shows it.

``hook_figures.on_page_content`` wraps each figure image in a link to its own
SVG and marks it ``loading="lazy"`` (the browser tests check what is
downloaded; this reads the built pages).
"""

import re

import hook_figures

IMAGE = re.compile(r'<img [^>]*src="[^"]*figures/[^"]+"[^>]*>')
LINKED = re.compile(r'<a class="figure-link" href="(?P<href>[^"]+)"><img (?P<attrs>[^>]*)/></a>')


def test_the_hook_links_and_defers_both_variants():
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
        figures += len(linked)
    assert figures >= 2 * 19, figures
