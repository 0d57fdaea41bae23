"""Figures of the chapter "The learning rate" of Part II, drawn when the site is built.

``learning-rate-loss-curves``: the article's network trained with each rate
of :data:`~nn_from_scratch.learning_rate.LEARNING_RATES`, the first
iterations on a linear scale next to the whole run on a log scale.
"""

import functools

import numpy as np

from ..data import ARTICLE_SEED, article_dataset
from ..learning_rate import LEARNING_RATES, train_with_learning_rate
from .style import figure_style, subplots
from .words import for_language, translate

#: Iterations shown in the left, linear-scale panel.
EARLY_ITERATIONS = 150


@functools.cache
def learning_rate_runs(iterations=1500, seed=ARTICLE_SEED):
    """``{rate: (trained network, losses)}`` for every rate of the chapter (computed once).

    The figure draws the losses; the learning-rate explorable also shows
    the trained networks' predictions.
    """
    x, y = article_dataset()
    return {rate: train_with_learning_rate(x, y, rate, iterations, seed) for rate in LEARNING_RATES}


def loss_curves(iterations=1500, seed=ARTICLE_SEED):
    """``{rate: losses}`` for every rate of the chapter."""
    return {rate: losses for rate, (_, losses) in learning_rate_runs(iterations, seed).items()}


def curve_styles(colors):
    """``{rate: (colour, line style)}``: muted for too small, warm for too large."""
    return {
        0.01: (colors["muted"], ":"),
        0.1: (colors["muted"], "--"),
        1.0: (colors["primary"], "-"),
        3.0: (colors["positive"], "-."),
        10.0: (colors["positive"], "-"),
        100.0: (colors["accent"], "-"),
    }


def learning_rate_figure(theme="light", language="en"):
    """Two panels of loss against iteration, one line per learning rate."""
    curves = loss_curves()
    with figure_style(theme, language) as colors:
        figure, (early, whole) = subplots(1, 2, figsize=(10, 4), layout="constrained")
        styles = curve_styles(colors)
        for rate, losses in curves.items():
            color, linestyle = styles[rate]
            iterations = np.arange(1, losses.size + 1)
            # The left panel gets only the iterations it shows.
            for axes, shown in ((early, EARLY_ITERATIONS), (whole, losses.size)):
                axes.plot(
                    iterations[:shown],
                    losses[:shown],
                    color=color,
                    linestyle=linestyle,
                    linewidth=1.8,
                    label=translate("rate {rate:g}", language, rate=rate),
                )
        early.set_xlim(1, EARLY_ITERATIONS)
        early.set_ylim(0, 2.1)
        early.set_title(
            translate("first {count} iterations", language, count=EARLY_ITERATIONS), fontsize=11
        )
        whole.set_yscale("log")
        whole.set_xlim(1, len(next(iter(curves.values()))))
        whole.set_title(translate("all iterations (log scale)", language), fontsize=11)
        for axes in (early, whole):
            axes.set_xlabel(translate("iteration", language))
            axes.set_ylabel(translate(r"loss $\sum (y - \hat{y})^2$", language))
            axes.grid(True, which="major", linewidth=0.6)
        whole.legend(loc="lower left", frameon=False, fontsize=9, ncol=2)
    return figure


def figures(language="en"):
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures, in ``language``."""
    return {"learning-rate-loss-curves": for_language(learning_rate_figure, language)}
