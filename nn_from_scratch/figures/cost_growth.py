"""The figure of the chapter "When to switch" of Part III: cost as the work grows.

``cost-growth`` is drawn from the results that ``benchmarks/cost_growth.py``
saved (``benchmarks/results/cost-growth.json``), never by timing anything
itself: the site build must not depend on how busy the machine is.  Left,
the time per epoch of ours and of PyTorch's against the width of the
hidden layers, for the smallest, a middle and the largest batch size;
right, ours over PyTorch's for every width and batch size measured, the
cells where PyTorch is faster tinted in the accent colour, and the
crossover (PyTorch faster at that width and at every larger one) framed.

The results live in the repository, not in the package: the figure is for
the book's build, from a checkout.
"""

import json
import math
import pathlib

import numpy as np

from .style import figure_style, subplots
from .words import for_language, translate

#: Where the benchmark writes its results, from the repository's root.
RESULTS = (
    pathlib.Path(__file__).resolve().parents[2] / "benchmarks" / "results" / "cost-growth.json"
)

#: The tint of a cell saturates at this factor between the two times.
SATURATION = 4.0


def load_results(path=None):
    """The document the benchmark saved; a clear error when there is none."""
    path = RESULTS if path is None else pathlib.Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"the figure cost-growth is drawn from {path}, which is missing: run "
            "python benchmarks/cost_growth.py in a checkout of the book's repository "
            "(it needs PyTorch; benchmarks/README.md says how to install it)"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def table(results):
    """``(widths, batch_sizes, {(width, batch): (ours ms, PyTorch ms or None)})``."""
    setup = results["setup"]
    times = {
        (cell["width"], cell["batch_size"]): (cell["ours_ms"], cell["torch_ms"])
        for cell in results["cells"]
    }
    return setup["widths"], setup["batch_sizes"], times


def shown_batch_sizes(batch_sizes):
    """The smallest, the middle and the largest batch size, without repeats."""
    picks = (batch_sizes[0], batch_sizes[len(batch_sizes) // 2], batch_sizes[-1])
    return sorted(set(picks))


def crossover_cells(results):
    """``{(width, batch)}`` from each batch size's crossover width up to the largest width."""
    found = results.get("crossover")
    if not found:
        return set()
    widths = results["setup"]["widths"]
    return {
        (width, row["batch_size"])
        for row in found["by_batch_size"]
        if row["width"] is not None
        for width in widths
        if width >= row["width"]
    }


def tint(color, background, strength):
    """``color`` laid over ``background`` at ``strength`` (0 to 1), as an RGB triple."""
    from matplotlib.colors import to_rgb

    return tuple(
        strength * c + (1 - strength) * b
        for c, b in zip(to_rgb(color), to_rgb(background), strict=True)
    )


def draw_times(axes, results, colors, language):
    """Time per epoch against width, ours solid and PyTorch dashed, a marker per batch size."""
    widths, batch_sizes, times = table(results)
    markers = ("o", "s", "^")
    lines = (
        ("ours, batch {batch}", colors["primary"], "-"),
        ("PyTorch, batch {batch}", colors["accent"], "--"),
    )
    for marker, batch in zip(markers, shown_batch_sizes(batch_sizes), strict=False):
        for index, (label, color, linestyle) in enumerate(lines):
            milliseconds = [times[width, batch][index] for width in widths]
            if None in milliseconds:
                continue  # PyTorch was not installed
            axes.plot(
                widths,
                [ms / 1000 for ms in milliseconds],
                color=color,
                linestyle=linestyle,
                marker=marker,
                markersize=5,
                linewidth=1.6,
                label=translate(label, language, batch=batch),
            )
    axes.set_xscale("log", base=2)
    axes.set_yscale("log")
    axes.set_xticks(widths, labels=[f"{width}" for width in widths])
    axes.minorticks_off()
    axes.set_xlabel(translate("width (units per hidden layer)", language))
    axes.set_ylabel(translate("time per epoch (s, log scale)", language))
    axes.set_title(translate("time per epoch, one thread", language), fontsize=11)
    axes.grid(True, which="major", linewidth=0.6)
    axes.legend(loc="upper left", frameon=False, fontsize=8, ncol=2)


def draw_ratios(axes, results, colors, language):
    """Ours / PyTorch for every cell: tinted by who is faster, the crossover framed."""
    from matplotlib.colors import LinearSegmentedColormap, Normalize
    from matplotlib.patches import Rectangle

    widths, batch_sizes, times = table(results)
    ratios = np.full((len(widths), len(batch_sizes)), np.nan)
    for row, width in enumerate(widths):
        for column, batch in enumerate(batch_sizes):
            ours, theirs = times[width, batch]
            if theirs is not None:
                ratios[row, column] = ours / theirs
    background = colors["background"]
    colormap = LinearSegmentedColormap.from_list(
        "ours-even-pytorch",
        [
            tint(colors["primary"], background, 0.55),
            tint(background, background, 1.0),
            tint(colors["accent"], background, 0.55),
        ],
    ).with_extremes(bad=background)  # a cell without PyTorch's time: no tint
    limit = math.log2(SATURATION)
    with np.errstate(invalid="ignore"):
        shade = np.log2(ratios)
    axes.imshow(
        shade,
        cmap=colormap,
        norm=Normalize(-limit, limit),
        origin="lower",
        aspect="auto",
        interpolation="nearest",
    )
    for row in range(len(widths)):
        for column in range(len(batch_sizes)):
            value = ratios[row, column]
            text = "—" if math.isnan(value) else f"{value:.2f}" if value < 9.995 else f"{value:.0f}"
            axes.text(column, row, text, ha="center", va="center", fontsize=7)
    framed = crossover_cells(results)
    for row, width in enumerate(widths):
        for column, batch in enumerate(batch_sizes):
            if (width, batch) in framed:
                axes.add_patch(
                    Rectangle(
                        (column - 0.5, row - 0.5),
                        1,
                        1,
                        fill=False,
                        edgecolor=colors["text"],
                        linewidth=1.4,
                    )
                )
    axes.set_xticks(range(len(batch_sizes)), labels=[f"{batch}" for batch in batch_sizes])
    axes.set_yticks(range(len(widths)), labels=[f"{width}" for width in widths])
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_xlabel(translate("batch size", language))
    axes.set_ylabel(translate("width (units per hidden layer)", language))
    axes.set_title(translate("ours ÷ PyTorch (above 1: PyTorch faster)", language), fontsize=11)
    axes.text(
        0.0,
        -0.2,
        translate("framed: PyTorch faster here and at every larger width", language),
        transform=axes.transAxes,
        fontsize=8,
        color=colors["muted"],
        va="top",
    )


def cost_growth_figure(theme="light", language="en", results=None):
    """Both panels, from ``results`` (the saved document; read from the repository if ``None``)."""
    results = load_results() if results is None else results
    with figure_style(theme, language) as colors:
        figure, (times, ratios) = subplots(
            1, 2, figsize=(11, 4.4), layout="constrained", gridspec_kw={"width_ratios": (1, 1.3)}
        )
        draw_times(times, results, colors, language)
        draw_ratios(ratios, results, colors, language)
    return figure


def figures(language="en"):
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures, in ``language``."""
    return {"cost-growth": for_language(cost_growth_figure, language)}
