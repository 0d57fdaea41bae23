"""Figures of the chapter "Checking gradients" of Part II, drawn when the site is built.

One figure: the relative error of a finite-difference gradient against the
step ``epsilon``, for the central and the one-sided difference, computed on
``dL_dW1`` of the article's network (Part I, seed
:data:`~nn_from_scratch.data.ARTICLE_SEED`).
"""

import functools

import numpy as np

from ..backprop import backprop_gradients
from ..data import ARTICLE_SEED, article_dataset
from ..forward import forward_pass
from ..gradient_check import numerical_gradient, one_sided_gradient, relative_error
from ..loss import sum_squared_error
from ..network import NeuralNetwork
from .style import figure_style, subplots
from .words import for_language, translate

#: The steps of the sweep: 1e-1 down to 1e-13, four per decade.
EPSILONS = np.logspace(-1, -13, 49)
#: The step :func:`~nn_from_scratch.gradient_check.numerical_gradient` uses by default.
CHOSEN_EPSILON = 1e-6


@functools.lru_cache(maxsize=1)
def epsilon_sweep():
    """Return ``(epsilons, central_errors, one_sided_errors)`` for ``dL_dW1``.

    Each error is the relative error between backpropagation's ``dL_dW1``
    and the finite-difference estimate with that step.
    """
    x, y = article_dataset()
    network = NeuralNetwork(x, y, seed=ARTICLE_SEED)
    weights1, weights2 = network.weights1.copy(), network.weights2.copy()
    layer1, output = forward_pass(x, weights1, weights2)
    dL_dW1, _ = backprop_gradients(x, y, layer1, output, weights2)

    def loss():
        return sum_squared_error(y, forward_pass(x, weights1, weights2)[1])

    central = [relative_error(dL_dW1, numerical_gradient(loss, weights1, e)) for e in EPSILONS]
    one_sided = [relative_error(dL_dW1, one_sided_gradient(loss, weights1, e)) for e in EPSILONS]
    return EPSILONS, np.array(central), np.array(one_sided)


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
                translate(r"one-sided $(f(w+\varepsilon) - f(w)) / \varepsilon$", language),
            ),
            (
                central,
                "primary",
                "o",
                translate(
                    r"central $(f(w+\varepsilon) - f(w-\varepsilon)) / 2\varepsilon$", language
                ),
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
            translate(r"chosen $\varepsilon = 10^{-6}$", language),
            xy=(CHOSEN_EPSILON, 2e-11),
            xytext=(5, 0),
            textcoords="offset points",
            color=colors["text"],
            fontsize=10,
        )
        notes = [
            ((1e-11, 1e-9), "rounding error\ngrows like $1/\\varepsilon$"),
            ((2e-3, 3e-2), "truncation error:\none-sided like $\\varepsilon$"),
            ((1.5e-2, 3e-10), "central\nlike $\\varepsilon^2$"),
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
        axes.set_xlabel(translate(r"step $\varepsilon$", language))
        axes.set_ylabel(translate(r"relative error of $\partial L / \partial W_1$", language))
        axes.grid(True, which="major", linewidth=0.6)
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=10)
    return figure


def figures(language="en"):
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures, in ``language``."""
    return {"gradient-check-epsilon": for_language(epsilon_figure, language)}
