"""Explanatory diagrams of the book, drawn with matplotlib: the two-layer network,
the training loop, the chain rule's computation graph and the slope that
gradient descent follows.  The site's build draws them, in a light and a dark
theme, as the figures of the chapters "What is a neural network?", "Training
the network", "Backpropagation" and "Gradient descent" of Part I; each function
returns a matplotlib figure that :func:`nn_from_scratch.figures.svg.figure_to_svg`
turns into SVG bytes.
"""

from itertools import pairwise

import numpy as np

from .style import figure_style, new_figure, subplots
from .words import translate


def _canvas(size=(8, 4)):
    """A figure whose single, invisible axes measure one data unit per inch."""
    figure = new_figure(figsize=size)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, size[0])
    axes.set_ylim(0, size[1])
    axes.set_axis_off()
    return figure, axes


def _label(axes, xy, text, color, size=11, ha="center", **style):
    """Text centred vertically at ``xy`` (data coordinates)."""
    axes.text(*xy, text, ha=ha, va="center", color=color, fontsize=size, **style)


def _box(axes, colors, center, size, text, title=None, edge="primary", fontsize=11):
    """A rounded box at ``center``, with ``text`` (under a bold ``title`` if given)."""
    from matplotlib.patches import FancyBboxPatch

    (x, y), (width, height) = center, size
    corner = (x - width / 2, y - height / 2)
    style = "round,pad=0,rounding_size=0.12"
    patch = FancyBboxPatch(corner, width, height, boxstyle=style, linewidth=1.6)
    patch.set(facecolor=colors["node"], edgecolor=colors[edge])
    axes.add_patch(patch)
    if title is not None:
        _label(axes, (x, y + 0.2), title, colors[edge], fontsize, weight="bold")
        y -= 0.17
    _label(axes, (x, y), text, colors["text"], fontsize)


def _arrow(axes, start, end, color, linewidth=1.6):
    """A straight arrow from ``start`` to ``end`` (data coordinates)."""
    from matplotlib.patches import FancyArrowPatch

    arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=15, shrinkA=0, shrinkB=0)
    arrow.set(color=color, linewidth=linewidth)
    axes.add_patch(arrow)


def network_diagram(theme="light", language="en"):
    """Figure of the book's network: 3 inputs, 4 sigmoid hidden units, 1 output."""
    from matplotlib.patches import Circle

    with figure_style(theme, language) as colors:
        figure, axes = _canvas()
        radius, columns = 0.27, (1.3, 4.0, 6.7)
        # one sample's values: x_j is its feature j, a_{1,j} unit j of the hidden layer a_1
        names = [[rf"$x_{j}$" for j in (1, 2, 3)], [rf"$a_{{1,{j}}}$" for j in (1, 2, 3, 4)]]
        layers = []
        for x, column in zip(columns, [*names, [r"$\hat{y}$"]], strict=True):
            ys = 2.3 + 0.8 * ((len(column) - 1) / 2 - np.arange(len(column)))
            layers.append([(x, y) for y in ys])
            for y, name in zip(ys, column, strict=True):
                circle = Circle((x, y), radius, linewidth=1.6, zorder=3)
                circle.set(facecolor=colors["node"], edgecolor=colors["primary"])
                axes.add_patch(circle)
                _label(axes, (x, y), name, colors["text"], 13, zorder=4)
        for left, right in pairwise(layers):
            for start in left:
                for end in right:
                    unit = np.subtract(end, start) / np.hypot(*np.subtract(end, start))
                    ends = np.array([start + radius * unit, end - radius * unit])
                    axes.plot(*ends.T, color=colors["muted"], linewidth=0.9, zorder=2)
        for x, label in ((2.65, r"weights1 $(3{\times}4)$"), (5.35, r"weights2 $(4{\times}1)$")):
            _label(axes, (x, 3.72), label, colors["primary"], weight="bold")
        captions = (
            (r"input $x$", "3 values per sample"),
            (r"hidden layer $a_1$ (layer1)", r"4 sigmoid units $\sigma$"),
            (r"output $\hat{y}$", r"1 sigmoid unit $\sigma$"),
        )
        for x, (label, detail) in zip(columns, captions, strict=True):
            _label(axes, (x, 0.62), translate(label, language), colors["text"], 12)
            _label(axes, (x, 0.27), translate(detail, language), colors["muted"], 10)
    return figure


def training_loop_diagram(theme="light", language="en"):
    """Figure of one training iteration as a cycle: feedforward, loss, backprop, update."""
    with figure_style(theme, language) as colors:
        figure, axes = _canvas()
        size, gap = (3.1, 1.05), 0.08
        steps = (
            (
                (2, 3),
                "feedforward",
                r"$\hat{y} = \sigma(\sigma(x \cdot W_1) \cdot W_2)$",
                "primary",
            ),
            ((6, 3), "loss", r"$L = \sum\,(y - \hat{y})^2$", "accent"),
            (
                (6, 1),
                "backpropagation",
                r"$\partial L/\partial W_1,\ \ \partial L/\partial W_2$",
                "accent",
            ),
            ((2, 1), "update", r"$W \leftarrow W - \partial L / \partial W$", "positive"),
        )
        for center, title, formula, edge in steps:
            _box(axes, colors, center, size, formula, title=translate(title, language), edge=edge)
        for (a, *_), (b, *_) in pairwise(steps + steps[:1]):
            half = np.sign(np.subtract(b, a)) * (np.divide(size, 2) + gap)
            _arrow(axes, np.add(a, half), np.subtract(b, half), colors["muted"], 1.8)
        text = translate("one iteration;\nrepeat 1500 times", language)
        _label(axes, (4, 2), text, colors["muted"], style="italic", linespacing=1.5)
    return figure


def _d(top, bottom):
    """Mathtext of the partial derivative of ``top`` with respect to ``bottom``."""
    return rf"\dfrac{{\partial {top}}}{{\partial {bottom}}}"


def chain_rule_diagram(theme="light", language="en"):
    """Figure of the computation graph from x to L, with the local derivatives backwards."""
    with figure_style(theme, language) as colors:
        figure, axes = _canvas((8, 4.3))
        row, height, wy, yhat = 2.5, 0.5, 3.85, r"\hat{y}"
        low = row - height / 2 - 0.22
        nodes = (
            (0.35, 0.42, r"$x$"),
            (1.55, 1.18, r"$z_1 = x \cdot W_1$"),
            (2.95, 1.14, r"$a_1 = \sigma(z_1)$"),
            (4.35, 1.18, r"$z_2 = a_1 \cdot W_2$"),
            (5.75, 1.14, r"$\hat{y} = \sigma(z_2)$"),
            (7.25, 1.3, r"$L = \sum(y - \hat{y})^2$"),
        )
        for x, width, text in nodes:
            _box(axes, colors, (x, row), (width, height), text, fontsize=10.5)
        for (x0, w0, _), (x1, w1, _) in pairwise(nodes):
            _arrow(axes, (x0 + w0 / 2 + 0.03, row), (x1 - w1 / 2 - 0.03, row), colors["primary"])
        backward = (
            rf"${_d('a_1', 'z_1')} = a_1(1 - a_1)$",
            rf"${_d('z_2', 'a_1')} = W_2$",
            rf"${_d(yhat, 'z_2')} = {yhat}(1 - {yhat})$",
            rf"${_d('L', yhat)} = -2(y - {yhat})$",
        )
        for ((x0, _, _), (x1, _, _)), label in zip(pairwise(nodes[1:]), backward, strict=True):
            _arrow(axes, (x1 - 0.1, low), (x0 + 0.1, low), colors["accent"])
            _label(axes, ((x0 + x1) / 2, low - 0.42), label, colors["accent"], 10)
        weights = (
            (1.55, r"$W_1$", rf"${_d('z_1', 'W_1')} = x$"),
            (4.35, r"$W_2$", rf"${_d('z_2', 'W_2')} = a_1$"),
        )
        top, bottom = wy - 0.255, row + height / 2 + 0.03
        for x, name, label in weights:
            _box(axes, colors, (x, wy), (0.6, 0.45), name)
            _arrow(axes, (x - 0.12, top), (x - 0.12, bottom), colors["primary"])
            _arrow(axes, (x + 0.12, bottom), (x + 0.12, top), colors["accent"])
            _label(axes, (x + 0.25, (top + bottom) / 2), label, colors["accent"], 10, ha="left")
        for y, text, color in ((wy, "forward →", "primary"), (low, "← backward", "accent")):
            text = translate(text, language)
            _label(axes, (0.1, y), text, colors[color], 10.5, ha="left", weight="bold")
        output = _d("L", yhat) + r"\," + _d(yhat, "z_2")
        products = (
            rf"${_d('L', 'W_2')} = {output}\,{_d('z_2', 'W_2')}$",
            rf"${_d('L', 'W_1')} = {output}\,{_d('z_2', 'a_1')}\,"
            rf"{_d('a_1', 'z_1')}\,{_d('z_1', 'W_1')}$",
        )
        axes.plot([0.3, 7.7], [0.98, 0.98], color=colors["grid"], linewidth=1)
        for x, text in zip((1.9, 5.6), products, strict=True):
            _label(axes, (x, 0.5), text, colors["text"])
    return figure


def slope_diagram(theme="light", language="en"):
    """Figure of one gradient-descent step down the tangent of a convex loss curve."""
    with figure_style(theme, language) as colors:
        figure, axes = subplots(figsize=(8, 4))
        minimum, floor, rate, w0 = 2.2, 1.6, 0.3, 0.5
        # L(w) = (w - minimum)^2 + floor, a bowl whose lowest point is at w = minimum
        curve = np.polynomial.Polynomial((minimum**2 + floor, -2 * minimum, 1))
        slope = curve.deriv()(w0)
        w1 = w0 - rate * slope
        w = np.linspace(-0.4, 4.4, 241)
        axes.plot(w, curve(w), color=colors["primary"], linewidth=2.2)
        tangent = np.array([w0 - 0.75, w0 + 0.75])
        axes.plot(tangent, curve(w0) + slope * (tangent - w0), color=colors["accent"], lw=1.6)
        axes.vlines([w0, w1], 0, curve(np.array([w0, w1])), colors["grid"], "--", zorder=1)
        axes.plot(w0, curve(w0), "o", color=colors["accent"], markersize=7)
        axes.plot(w1, curve(w1), "o", color=colors["accent"], markerfacecolor=colors["background"])
        axes.plot(minimum, floor, "*", color=colors["positive"], markersize=14)
        offset = {"textcoords": "offset points", "va": "bottom", "fontsize": 11}
        axes.annotate(
            translate("minimum", language),
            (minimum, floor),
            (0, 12),
            ha="center",
            color=colors["positive"],
            **offset,
        )
        label = translate(
            r"tangent: slope $\dfrac{{dL}}{{dw}}(w_0) = {slope:.1f}$", language, slope=slope
        )
        axes.annotate(label, (w0, curve(w0)), (16, 4), color=colors["accent"], **offset)
        arrow = {"arrowstyle": "-|>", "color": colors["text"], "lw": 1.6, "mutation_scale": 15}
        axes.annotate("", (w1, 0.5), (w0, 0.5), arrowprops=arrow)
        step = translate(
            r"step $w_1 = w_0 - \eta\,\dfrac{{dL}}{{dw}}$  ($\eta = {rate}$)", language, rate=rate
        )
        _label(axes, (w1 + 0.1, 0.5), step, colors["text"], ha="left")
        axes.set_xlim(w[0], w[-1])
        axes.set_ylim(0, curve(w).max() * 1.05)
        axes.set_xticks([w0, w1, minimum], [r"$w_0$", r"$w_1$", r"$w^*$"])
        axes.set_yticks([])
        axes.set_xlabel(translate(r"weight $w$", language))
        axes.set_ylabel(translate(r"loss $L(w)$", language))
        figure.tight_layout()
    return figure
