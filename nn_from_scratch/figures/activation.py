"""Figures of the chapter "Activation functions" of Part II, drawn when the site is built.

``activation-functions``: every activation next to its derivative, plus
softmax at several temperatures.  ``activation-vanishing-gradient``: the
gradient's size at each depth of a 20-layer chain, for sigmoid, tanh and ReLU.
"""

import functools

import numpy as np

from ..activation import sigmoid
from ..activations import (
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid_derivative,
    softmax,
    tanh,
    tanh_derivative,
)
from ..vanishing import gradient_size_by_depth
from .style import figure_style, label_axes, subplots
from .words import for_language, translate

#: Slope of the leaky ReLU as drawn: ten times the default, so that it shows.
DRAWN_LEAKY_SLOPE = 0.1

#: Temperatures of the softmax panel and the scores they divide.
TEMPERATURES = (0.5, 1.0, 5.0)
SCORES = np.array([1.0, 2.0, 3.0])

#: The chains compared in the vanishing-gradient figure (same seed as the chapter).
VANISHING_ACTIVATIONS = ("sigmoid", "tanh", "relu")
VANISHING_SEED = 0


def softmax_pair(z):
    """First output of ``softmax((z, 0))`` for each ``z``: equal to ``sigmoid(z)``."""
    z = np.asarray(z, dtype=float)
    return softmax(np.stack([z, np.zeros_like(z)], axis=-1))[..., 0]


def softmax_pair_derivative(z):
    """Slope of :func:`softmax_pair`: ``s * (1 - s)``, the diagonal of the Jacobian."""
    s = softmax_pair(z)
    return s * (1 - s)


def function_panels(language="en"):
    """``[(title, function, derivative)]`` for the five curve panels."""
    return [
        (translate("sigmoid", language), sigmoid, sigmoid_derivative),
        (translate("tanh", language), tanh, tanh_derivative),
        (translate("ReLU", language), relu, relu_derivative),
        (
            translate("leaky ReLU (slope {slope:g})", language, slope=DRAWN_LEAKY_SLOPE),
            lambda z: leaky_relu(z, DRAWN_LEAKY_SLOPE),
            lambda z: leaky_relu_derivative(z, DRAWN_LEAKY_SLOPE),
        ),
        (
            translate("softmax of (z, 0), first output", language),
            softmax_pair,
            softmax_pair_derivative,
        ),
    ]


def activation_functions_figure(theme="light", language="en"):
    """A grid: each activation and its derivative, and softmax at three temperatures."""
    z = np.linspace(-5, 5, 401)
    with figure_style(theme, language) as colors:
        figure, axes = subplots(2, 3, figsize=(10, 6), layout="constrained")
        for ax, (title, function, derivative) in zip(
            axes.ravel()[:5], function_panels(language), strict=True
        ):
            ax.axhline(0, color=colors["grid"], linewidth=0.8)
            ax.axvline(0, color=colors["grid"], linewidth=0.8)
            ax.plot(
                z,
                function(z),
                color=colors["primary"],
                linewidth=2,
                label=translate("function", language),
            )
            ax.plot(
                z,
                derivative(z),
                color=colors["accent"],
                linewidth=2,
                linestyle="--",
                label=translate("derivative", language),
            )
            ax.set_title(title, fontsize=11)
            ax.set_xlabel("z")
            ax.set_xlim(-5, 5)
        axes.flat[0].legend(loc="upper left", frameon=False, fontsize=9)
        bars = axes.flat[5]
        width = 0.26
        shades = [colors["accent"], colors["primary"], colors["muted"]]
        for k, (temperature, shade) in enumerate(zip(TEMPERATURES, shades, strict=True)):
            positions = np.arange(SCORES.size) + (k - 1) * width
            bars.bar(
                positions,
                softmax(SCORES / temperature),
                width,
                color=shade,
                label=f"T = {temperature:g}",
            )
        bars.set_xticks(
            np.arange(SCORES.size),
            [translate("score {score:g}", language, score=s) for s in SCORES],
        )
        bars.set_ylim(0, 1)
        bars.set_ylabel(translate("probability", language))
        bars.set_title(translate("softmax(scores / T)", language), fontsize=11)
        bars.legend(loc="upper left", frameon=False, fontsize=9)
    return figure


@functools.cache
def vanishing_sizes():
    """``{name: gradient sizes by depth}`` for the chapter's three chains."""
    return {
        name: gradient_size_by_depth(name, seed=VANISHING_SEED) for name in VANISHING_ACTIVATIONS
    }


def vanishing_gradient_figure(theme="light", language="en"):
    """Gradient size against depth below the top, log scale, one line per activation."""
    sizes = vanishing_sizes()
    with figure_style(theme, language) as colors:
        figure, axes = subplots(figsize=(7, 3.8), layout="constrained")
        styles = {
            "sigmoid": (colors["accent"], "-", "o"),
            "tanh": (colors["primary"], "--", "s"),
            "relu": (colors["positive"], ":", "^"),
        }
        for name, values in sizes.items():
            color, linestyle, marker = styles[name]
            depth = np.arange(1, values.size + 1)
            axes.plot(
                depth,
                values,
                color=color,
                linestyle=linestyle,
                marker=marker,
                markersize=4,
                linewidth=2,
                label=translate(name if name != "relu" else "ReLU", language),
            )
        axes.set_xlim(0.5, len(next(iter(sizes.values()))) + 0.5)
        axes.set_xticks([1, 5, 10, 15, 20])
        label_axes(
            axes,
            "layers below the top",
            r"size of $\partial L / \partial z$ (RMS)",
            language=language,
            log_y=True,
            legend="lower left",
        )
    return figure


def figures(language="en"):
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures, in ``language``."""
    return {
        "activation-functions": for_language(activation_functions_figure, language),
        "activation-vanishing-gradient": for_language(vanishing_gradient_figure, language),
    }
