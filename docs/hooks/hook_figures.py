"""Draw every figure of the book when the site is built.

The SVG files are added to the build as generated files, kept in memory:
nothing is written under ``docs/``, so ``mkdocs serve`` does not see a
change and rebuild again.  :func:`nn_from_scratch.figures.book_svgs`
lists the figures; each has a light and a dark variant, and its words are
in the language of the edition being built (``theme.language``).
"""

import contextlib
import re

import edition
from mkdocs.structure.files import File

from nn_from_scratch.figures import book_svgs


def one_blas_thread():
    """Limit BLAS to one thread while the figures' training runs are computed.

    Their matrices are small: a second BLAS thread only adds waiting (it made
    the digits runs up to 3x slower on two cores).  threadpoolctl comes with
    scikit-learn, which the docs need anyway; without it nothing changes.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(limits=1)


# Each figure's size in CSS pixels, by file name, from this build's SVGs.
_sizes = {}

# Matplotlib writes an SVG's size in points; a CSS pixel is 3/4 of a point.
_SVG_SIZE = re.compile(rb'<svg [^>]*?width="(?P<width>[0-9.]+)pt" height="(?P<height>[0-9.]+)pt"')


def svg_size(svg):
    """Return an SVG's ``(width, height)`` in whole CSS pixels, from its ``pt`` size."""
    match = _SVG_SIZE.search(svg)
    if match is None:
        raise ValueError("a figure's SVG has no width and height in pt on its <svg> element")
    return tuple(round(float(match[side]) * 4 / 3) for side in ("width", "height"))


def on_files(files, config):
    with one_blas_thread():
        svgs = book_svgs(language=edition.language_of(config))
    _sizes.clear()
    for path, svg in svgs.items():
        files.append(File.generated(config, path, content=svg))
        _sizes[path.rsplit("/", 1)[-1]] = svg_size(svg)
    return files


# A figure is two images, one per palette; Material hides the one whose
# name ends in "#only-dark" or "#only-light" that does not match the palette.
# Each becomes a link to its SVG file, so one tap opens the figure full size
# (on a phone a figure is drawn at less than half its size), and loads
# lazily: a hidden image is not downloaded until the palette shows it.
# Its width and height attributes reserve its space before it arrives, so
# the text below does not move when it does (a reader who opened the page
# at a section, or switched language there, stays in that section).
_FIGURE = re.compile(
    r'<img (?P<before>[^>]*?)src="(?P<src>[^"]*figures/[^"]+\.svg#only-(?:light|dark))"'
    r"(?P<after>[^>]*?)\s*/?>"
)


def _linked_lazy_figure(match):
    width, height = _sizes[match["src"].split("#")[0].rsplit("/", 1)[-1]]
    size = f' width="{width}" height="{height}"'
    image = f'<img {match["before"]}src="{match["src"]}"{match["after"]}{size} loading="lazy" />'
    return f'<a class="figure-link" href="{match["src"]}">{image}</a>'


def on_page_content(html, page, config, files):
    return _FIGURE.sub(_linked_lazy_figure, html)
