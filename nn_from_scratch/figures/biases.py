"""Figures of the chapter "Biases" of Part II, drawn when the site is built.

``bias-loss-curves``: the loss of the article's network (ones column, no
biases), of a network with biases on the two real columns, and of one with
neither, trained side by side.
"""

import functools

import numpy as np

from ..biases import convergence_comparison
from .style import figure_style, label_axes, subplots
from .words import for_language, translate


@functools.cache
def comparison_losses():
    """``{label: losses}`` of :func:`~nn_from_scratch.biases.convergence_comparison` (run once)."""
    return {label: losses for label, (_, losses) in convergence_comparison().items()}


def bias_loss_curves_figure(theme="light", language="en"):
    """Loss against iteration (log scale) for the three variants."""
    curves = comparison_losses()
    with figure_style(theme, language) as colors:
        figure, axes = subplots(figsize=(7, 3.8), layout="constrained")
        styles = [(colors["primary"], "-"), (colors["positive"], "--"), (colors["accent"], ":")]
        for (label, losses), (color, linestyle) in zip(curves.items(), styles, strict=True):
            iterations = np.arange(1, losses.size + 1)
            axes.plot(
                iterations,
                losses,
                color=color,
                linestyle=linestyle,
                linewidth=2.2,
                label=translate(label, language),
            )
        axes.axhline(0.01, color=colors["muted"], linewidth=0.8)
        axes.set_xlim(1, len(next(iter(curves.values()))))
        label_axes(
            axes,
            "iteration",
            r"loss $\sum (y - \hat{y})^2$",
            language=language,
            log_y=True,
            legend="upper right",
        )
    return figure


def figures(language="en"):
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures, in ``language``."""
    return {"bias-loss-curves": for_language(bias_loss_curves_figure, language)}
