"""Figures of the chapter "Checking gradients" of Part II, drawn when the site is built.

One figure: the relative error of a finite-difference gradient against the
step ``epsilon``, for the central and the one-sided difference, computed on
``dL_dW1`` of the article's network (Part I, seed
:data:`~nn_from_scratch.data.ARTICLE_SEED`).
"""

from ..step_sweep import CHOSEN_EPSILON, epsilon_sweep
from .style import figure_style, subplots
from .words import for_language, translate


def epsilon_figure(theme="light", language="en"):
    """Log-log plot of relative error against epsilon: the V of truncation and rounding."""
    epsilons, central, one_sided = epsilon_sweep()
    with figure_style(theme, language) as colors:
        figure, axes = subplots(figsize=(7, 4.2))
        curves = [
            (
                one_sided,
                "accent",
                "s",
                translate(r"one-sided $(f(w+h) - f(w)) / h$", language),
            ),
            (
                central,
                "primary",
                "o",
                translate(r"central $(f(w+h) - f(w-h)) / 2h$", language),
            ),
        ]
        for errors, color, marker, label in curves:
            axes.loglog(
                epsilons,
                errors,
                color=colors[color],
                linewidth=2,
                marker=marker,
                markersize=3.5,
                label=label,
            )
        axes.axvline(CHOSEN_EPSILON, color=colors["muted"], linestyle="--", linewidth=1.2)
        axes.annotate(
            translate(r"chosen $h = 10^{-6}$", language),
            xy=(CHOSEN_EPSILON, 2e-11),
            xytext=(5, 0),
            textcoords="offset points",
            color=colors["text"],
            fontsize=10,
        )
        notes = [
            ((1e-11, 1e-9), "rounding error\ngrows like $1/h$"),
            ((2e-3, 3e-2), "truncation error:\none-sided like $h$"),
            ((1.5e-2, 3e-10), "central\nlike $h^2$"),
        ]
        for position, text in notes:
            axes.annotate(
                translate(text, language),
                xy=position,
                ha="center",
                color=colors["muted"],
                fontsize=10,
            )
        axes.set_xlim(epsilons.min() / 2, epsilons.max() * 2)
        axes.set_ylim(1e-11, 1.0)
        axes.set_xlabel(translate(r"step $h$", language))
        axes.set_ylabel(translate(r"relative error of $\partial L / \partial W_1$", language))
        axes.grid(True, which="major", linewidth=0.6)
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=10)
    return figure


def figures(language="en"):
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures, in ``language``."""
    return {"gradient-check-epsilon": for_language(epsilon_figure, language)}
