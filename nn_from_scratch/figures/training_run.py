"""Plots of a training run: the loss curve and the predictions next to the targets.

Drawn for the chapter "Putting it all together" of Part I when the site is
built, and by ``python -m nn_from_scratch --figures DIR``.  Each function
returns a matplotlib figure; :func:`nn_from_scratch.figures.svg.figure_to_svg`
turns it into SVG bytes.
"""

import numpy as np

from .style import figure_style, subplots
from .words import translate


def loss_curve(losses, theme="light", language="en"):
    """Figure of the loss at every training iteration (log scale)."""
    losses = np.asarray(losses, dtype=float)
    with figure_style(theme, language) as colors:
        figure, axes = subplots(figsize=(7, 3.6))
        iterations = np.arange(1, losses.size + 1)
        axes.plot(iterations, losses, color=colors["primary"], linewidth=2)
        axes.set_yscale("log")
        axes.set_xlim(1, losses.size)
        axes.set_xlabel(translate("iteration", language))
        axes.set_ylabel(translate(r"loss $\sum (y - \hat{y})^2$", language))
        axes.grid(True, which="major", linewidth=0.6)
        axes.annotate(
            f"{losses[-1]:.4f}",
            xy=(losses.size, losses[-1]),
            xytext=(-6, 10),
            textcoords="offset points",
            ha="right",
            color=colors["text"],
        )
    return figure


def predictions_vs_targets(predictions, targets, theme="light", language="en"):
    """Bar chart: for each sample, the target and the network's prediction."""
    predictions = np.asarray(predictions, dtype=float).ravel()
    targets = np.asarray(targets, dtype=float).ravel()
    with figure_style(theme, language) as colors:
        figure, axes = subplots(figsize=(7, 3.6))
        samples = np.arange(targets.size)
        width = 0.38
        axes.bar(
            samples - width / 2,
            targets,
            width,
            color=colors["muted"],
            label=translate("target $y$", language),
        )
        bars = axes.bar(
            samples + width / 2,
            predictions,
            width,
            color=colors["primary"],
            label=translate(r"prediction $\hat{y}$", language),
        )
        axes.bar_label(bars, fmt="%.3f", padding=2, color=colors["text"], fontsize=9)
        axes.set_xticks(
            samples, [translate("sample {number}", language, number=i + 1) for i in samples]
        )
        axes.set_ylim(0, 1.1)
        axes.set_ylabel(translate("value", language))
        # Above the axes, so it can never cover a bar or its label.
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    return figure
