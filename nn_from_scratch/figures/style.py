"""Colours and fonts shared by every figure and diagram, in a light and a dark theme.

Used by every module of :mod:`nn_from_scratch.figures`;
the site shows the light drawing in its light palette and the dark one in
its dark palette.
"""

import contextlib

from .fonts import cjk_font_family
from .words import check_language, translate

THEMES = {
    "light": {
        "background": "#ffffff",
        "text": "#1f2328",
        "muted": "#59636e",
        "grid": "#d1d9e0",
        "primary": "#3f51b5",
        "accent": "#d1495b",
        "positive": "#2e7d32",
        "node": "#e8eaf6",
    },
    "dark": {
        "background": "#1e2129",
        "text": "#e6edf3",
        "muted": "#9198a1",
        "grid": "#3d444d",
        "primary": "#8c9eff",
        "accent": "#ff7b86",
        "positive": "#7ee787",
        "node": "#2d3142",
    },
}


def theme_colors(theme):
    """Return the colour table of ``theme`` ("light" or "dark"), or raise."""
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {sorted(THEMES)}; got {theme!r}")
    return THEMES[theme]


def require_matplotlib():
    """Import matplotlib, or explain how to install it.

    Nothing here imports ``matplotlib.pyplot`` or chooses a backend: the
    figures are plain :class:`matplotlib.figure.Figure` objects, so drawing
    one never changes the backend of a reader's notebook.
    """
    try:
        import matplotlib
    except ImportError:
        raise ImportError(
            "drawing figures needs matplotlib, which is an optional dependency: "
            "pip install 'nn-from-scratch-book[figures]'"
        ) from None
    return matplotlib


def new_figure(figsize, layout=None):
    """A figure that belongs to no window and no pyplot state."""
    require_matplotlib()
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, layout=layout)


def subplots(*grid, figsize, layout=None, **options):
    """Like ``pyplot.subplots``, without pyplot: ``(figure, axes)``."""
    figure = new_figure(figsize, layout)
    return figure, figure.subplots(*grid, **options)


def label_axes(axes, xlabel, ylabel, *, language="en", log_y=False, legend=None):
    """Name both axes in ``language``, draw the grid, and place a frameless legend."""
    axes.set_xlabel(translate(xlabel, language))
    axes.set_ylabel(translate(ylabel, language))
    if log_y:
        axes.set_yscale("log")
    axes.grid(True, which="major", linewidth=0.6)
    if legend:
        axes.legend(loc=legend, frameon=False)


@contextlib.contextmanager
def figure_style(theme, language="en"):
    """Context in which new matplotlib figures use ``theme``'s colours and ``language``'s fonts.

    English text is drawn in DejaVu Sans.  For "zh-TW" the font family is a
    fallback list: DejaVu Sans for Latin letters, digits and symbols, then
    Noto Sans CJK TC (:func:`~nn_from_scratch.figures.fonts.cjk_font_family`)
    for the Chinese characters.  Either way the SVG draws text as paths, so
    the files need no font.
    """
    matplotlib = require_matplotlib()
    colors = theme_colors(theme)
    family = "DejaVu Sans"
    if check_language(language) == "zh-TW":
        family = [family, cjk_font_family()]
    rc = {
        "figure.facecolor": colors["background"],
        "axes.facecolor": colors["background"],
        "savefig.facecolor": colors["background"],
        "axes.edgecolor": colors["muted"],
        "axes.labelcolor": colors["text"],
        "axes.titlecolor": colors["text"],
        "text.color": colors["text"],
        "xtick.color": colors["muted"],
        "ytick.color": colors["muted"],
        "xtick.labelcolor": colors["text"],
        "ytick.labelcolor": colors["text"],
        "grid.color": colors["grid"],
        "legend.edgecolor": colors["grid"],
        "legend.facecolor": colors["background"],
        "legend.labelcolor": colors["text"],
        "axes.spines.top": False,
        "axes.spines.right": False,
        "font.family": family,
        "font.size": 11,
        "svg.fonttype": "path",
        "svg.hashsalt": "nn-from-scratch",
    }
    with matplotlib.rc_context(rc):
        yield colors
