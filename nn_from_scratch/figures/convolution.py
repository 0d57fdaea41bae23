"""Figures of the chapter "Convolutions for image classification" of Part II.

Drawn when the site is built:

- ``convolution-im2col``: a 4 x 4 image, two of its 2 x 2 patches, and the
  columns im2col makes of them;
- ``convolution-filters``: the 3 x 3 filters the first layer learned, in rows of eight;
- ``convolution-feature-maps``: one test digit on its way through the two
  convolution layers;
- ``convolution-vs-mlp``: training loss per epoch of the CNN and of the MLP
  of the chapter "Many layers and mini-batches", same split, same seed, each
  labelled with its test accuracy, measured once after training.

The training runs behind them are the chapters' seed-0 runs
(``FIGURE_SEED``, taken from ``digits_figures`` so both models share it), one
per model, each trained once per process.
"""

import functools
from typing import NamedTuple

import numpy as np

from ..activations import softmax
from ..cnn import CNN_RECIPE, digits_cnn, image_split
from ..digits import load_digits_split
from ..im2col import im2col
from ..losses import SoftmaxCrossEntropy
from ..metrics import accuracy
from ..mlp import train_with_recipe
from ..sequential import in_mode
from ..training import evaluate
from ..validation import random_generator
from .digits import FIGURE_SEED
from .digits import figure_run as mlp_figure_run
from .style import figure_style, label_axes, subplots
from .words import for_language, translate

#: The test image whose feature maps are shown (index into the test part).
FEATURE_MAP_SAMPLE = 0

#: Filters per row in the filters figure (the feature maps figure puts twice as many).
MAPS_PER_ROW = 8

#: The colour of a zero weight in the filters figure, per theme.  Not the page
#: colour: the dark page is nearly black, which hid the small weights, and on
#: either page a tile of small weights melted into the page.  Both are neutral
#: greys, so hue alone tells the sign and the strength of the colour the size:
#: near-white on the light page, where the ends are darker, and a mid grey on
#: the dark page, where the ends are lighter; either stands clear of its page.
ZERO_COLORS = {"light": "#f2f3f5", "dark": "#5a606b"}


class EpochSnapshot(NamedTuple):
    """The figure run's CNN after some epochs: what the convolutions explorable shows."""

    filters: np.ndarray  # (C, 3, 3): the first layer's filters
    first_maps: np.ndarray  # the test digit's maps after the first ReLU
    second_maps: np.ndarray  # ... and after the second
    probabilities: np.ndarray  # (10,): the digit's softmax
    train_loss: float  # mean cross-entropy on all the training images, now
    train_accuracy: float


def epoch_snapshot(network, split):
    """An :class:`EpochSnapshot` of ``network`` as it is now (it is not changed)."""
    _, first, second, logits = feature_maps(network, split)
    train_loss, train_accuracy = evaluate(
        network, SoftmaxCrossEntropy(), split.x_train, split.y_train
    )
    return EpochSnapshot(
        network.layers[0].params["W"][:, 0].copy(),
        first,
        second,
        softmax(logits),
        train_loss,
        train_accuracy,
    )


@functools.lru_cache(maxsize=1)
def cnn_figure_run():
    """``(network, history, epochs)`` of the CNN trained with ``FIGURE_SEED``.

    ``epochs[k]`` is the :class:`EpochSnapshot` after ``k`` epochs (0: before
    training), taken at the end of each epoch by ``fit``'s ``progress`` hook,
    after the step, where running the network is safe.
    """
    split = image_split(load_digits_split())
    epochs = []

    def record(epoch, batch, n_batches, batch_loss):
        if batch == n_batches - 1:
            epochs.append(epoch_snapshot(network, split))

    rng = random_generator(FIGURE_SEED)
    network = digits_cnn(rng)
    epochs.append(epoch_snapshot(network, split))
    history = train_with_recipe(network, CNN_RECIPE, split, rng, progress=record)
    return network, history, epochs


def diverging_map(colors, zero):
    """Negative weights in the accent colour, zero in ``zero``, positive in primary.

    255 steps, an odd number: the middle step is exactly ``zero``, and a
    scale symmetric around 0 draws a zero weight in it.
    """
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list(
        "signed", [colors["accent"], zero, colors["primary"]], N=255
    )


def ink_map(colors):
    """Zero in the background colour, large values in the text colour."""
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("ink", [colors["background"], colors["text"]])


def bare(axes, colors):
    """No ticks, a thin frame in the grid colour."""
    axes.set_xticks([])
    axes.set_yticks([])
    for spine in axes.spines.values():
        spine.set_visible(True)
        spine.set_color(colors["grid"])


def number_grid(axes, values, colors, highlights):
    """Draw ``values`` as a table of numbers; ``highlights`` maps (rows, cols) slices to colours."""
    from matplotlib.patches import Rectangle

    rows, columns = values.shape
    for (row_slice, column_slice), color in highlights:
        top, bottom = row_slice.start, row_slice.stop
        left, right = column_slice.start, column_slice.stop
        axes.add_patch(
            Rectangle(
                (left - 0.5, top - 0.5),
                right - left,
                bottom - top,
                facecolor=color,
                alpha=0.28,
                edgecolor=color,
                linewidth=2.5,
            )
        )
    for row in range(rows):
        for column in range(columns):
            axes.text(column, row, f"{values[row, column]:g}", ha="center", va="center")
    axes.set_xlim(-0.5, columns - 0.5)
    axes.set_ylim(rows - 0.5, -0.5)
    axes.set_xticks(np.arange(columns + 1) - 0.5, minor=True)
    axes.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
    axes.grid(True, which="minor", color=colors["grid"], linewidth=1)
    axes.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    axes.set_aspect("equal")


def im2col_figure(theme="light", language="en"):
    """A 4 x 4 image with two 2 x 2 patches marked, and the 4 x 9 matrix im2col makes."""
    image = np.arange(1.0, 17.0).reshape(4, 4)
    cols = im2col(image.reshape(1, 1, 4, 4), 2, 2)
    with figure_style(theme, language) as colors:
        figure, (image_axes, cols_axes) = subplots(
            1, 2, figsize=(9, 3.2), gridspec_kw={"width_ratios": [4, 9]}, layout="constrained"
        )
        first, second = colors["primary"], colors["accent"]
        number_grid(
            image_axes,
            image,
            colors,
            [((slice(0, 2), slice(0, 2)), first), ((slice(1, 3), slice(2, 4)), second)],
        )
        image_axes.set_title(translate("image x (4 × 4), patches 2 × 2", language))
        # Patch (row 0, column 0) is column 0; patch (row 1, column 2) is column 1 * 3 + 2.
        number_grid(
            cols_axes,
            cols,
            colors,
            [((slice(0, 4), slice(0, 1)), first), ((slice(0, 4), slice(5, 6)), second)],
        )
        cols_axes.set_title(translate("cols = im2col(x): one column per patch", language))
        cols_axes.set_xticks(np.arange(9), [f"{y},{x}" for y in range(3) for x in range(3)])
        cols_axes.tick_params(labelbottom=True, labelsize=9)
        cols_axes.set_xlabel(translate("patch position (row, column)", language))
    return figure


def filters_figure(theme="light", language="en"):
    """The first layer's learned 3 x 3 filters, in rows of eight, on a shared signed scale."""
    network, _, _ = cnn_figure_run()
    weights = network.layers[0].params["W"][:, 0]
    limit = float(np.abs(weights).max()) or 1.0  # -limit..limit: zero in the middle
    tile = 15
    starts = range(0, len(weights), MAPS_PER_ROW)
    with figure_style(theme, language) as colors:
        figure, rows = subplots(
            len(starts),
            1,
            figsize=(8.5, 0.3 + 1.4 * len(starts)),
            layout="constrained",
            squeeze=False,
        )
        # Gaps in the page colour and a frame in the grid colour outline the tiles.
        signed = diverging_map(colors, ZERO_COLORS[theme]).with_extremes(bad=colors["background"])
        for axes, start in zip(rows[:, 0], starts, strict=True):
            row = weights[start : start + MAPS_PER_ROW]
            shown = axes.imshow(
                mosaic(row, MAPS_PER_ROW, tile),
                cmap=signed,
                vmin=-limit,
                vmax=limit,
                interpolation="nearest",
            )
            bare(axes, colors)
            centres = np.arange(len(row)) * (tile + 1) + (tile - 1) / 2
            names = [
                translate("filter {number}", language, number=start + k + 1)
                for k in range(len(row))
            ]
            axes.set_xticks(centres, names)
            axes.tick_params(length=0, labelsize=10, labeltop=True, labelbottom=False)
            axes.set_anchor("W")
        bar = figure.colorbar(shown, ax=list(rows[:, 0]), shrink=0.9, pad=0.02)
        bar.outline.set_edgecolor(colors["grid"])
        bar.ax.tick_params(labelsize=8)
    return figure


def feature_maps(network, split):
    """``(digit, maps after the first ReLU, after the second, logits)`` for one test digit."""
    x = split.x_test[FEATURE_MAP_SAMPLE : FEATURE_MAP_SAMPLE + 1]
    outputs = []
    with in_mode(network, training=False):
        for layer in network.layers:
            x = layer.forward(x)
            outputs.append(x)
    # layers: conv, ReLU, pool, conv, ReLU, ...: the ReLU outputs are 1 and 4.
    return split.x_test[FEATURE_MAP_SAMPLE, 0], outputs[1][0], outputs[4][0], outputs[-1][0]


def mosaic(maps, columns, tile=16):
    """Tile maps into one array, ``columns`` per row, each blown up to ``tile`` pixels a side.

    One-pixel gaps between the tiles are NaN (drawn in the grid colour).
    """
    count, height, _ = maps.shape
    scale = tile // height
    maps = maps.repeat(scale, axis=1).repeat(scale, axis=2)
    rows = -(-count // columns)
    tiles = np.full((rows * (tile + 1) - 1, columns * (tile + 1) - 1), np.nan)
    for index, feature_map in enumerate(maps):
        row, column = divmod(index, columns)
        top, left = row * (tile + 1), column * (tile + 1)
        tiles[top : top + tile, left : left + tile] = feature_map
    return tiles


def feature_maps_figure(theme="light", language="en"):
    """A test digit, its feature maps after layer 1 (8 x 8) and after layer 2 (4 x 4)."""
    digit, first, second, _ = feature_maps(cnn_figure_run()[0], image_split(load_digits_split()))
    columns = 2 * MAPS_PER_ROW  # sixteen maps to a row
    layer1_rows = -(-len(first) // columns)
    layer2_rows = -(-len(second) // columns)
    tile_inches = 8 / columns
    with figure_style(theme, language) as colors:
        figure, (top, middle, bottom) = subplots(
            3,
            1,
            figsize=(8, 1.3 + tile_inches * (2 + layer1_rows + layer2_rows)),
            gridspec_kw={"height_ratios": [2, layer1_rows, layer2_rows]},
            layout="constrained",
        )
        ink = ink_map(colors).with_extremes(bad=colors["grid"])
        top.imshow(mosaic(digit[None], 1), cmap=ink, vmin=0.0, vmax=1.0, interpolation="nearest")
        top.set_title(translate("one test digit, 8 × 8", language), loc="left", fontsize=11)
        for axes, maps, layer, size in ((middle, first, 1, 8), (bottom, second, 2, 4)):
            title = translate(
                "layer {layer}: {count} feature maps of {size} × {size}, after ReLU",
                language,
                layer=layer,
                count=len(maps),
                size=size,
            )
            peak = float(maps.max()) or 1.0
            axes.imshow(
                mosaic(maps, columns), cmap=ink, vmin=0.0, vmax=peak, interpolation="nearest"
            )
            axes.set_title(title, loc="left", fontsize=11)
        for axes in (top, middle, bottom):
            bare(axes, colors)
            axes.set_anchor("W")
    return figure


def comparison_figure(theme="light", language="en"):
    """Training loss per epoch of the CNN and of the MLP, seed 0; test accuracy in the legend."""
    from matplotlib.ticker import MaxNLocator

    cnn_network, cnn_history, _ = cnn_figure_run()
    cnn_split = image_split(load_digits_split())
    cnn_accuracy = accuracy(cnn_split.y_test, cnn_network.predict_labels(cnn_split.x_test))
    mlp_history, labels, predicted, _ = mlp_figure_run()
    mlp_accuracy = accuracy(labels, predicted)
    with figure_style(theme, language) as colors:
        figure, axes = subplots(figsize=(7, 3.6), layout="constrained")
        for history, test_accuracy, name, color, style in (
            (cnn_history, cnn_accuracy, "CNN", colors["primary"], "-"),
            (mlp_history, mlp_accuracy, "MLP", colors["accent"], "--"),
        ):
            loss = np.asarray(history.train_loss)
            epochs = np.arange(1, loss.size + 1)
            label = translate(
                "{name}: {epochs} epochs, then test accuracy {accuracy:.1%}",
                language,
                name=name,
                epochs=loss.size,
                accuracy=test_accuracy,
            )
            axes.plot(epochs, loss, color=color, linestyle=style, linewidth=2, label=label)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        label_axes(
            axes,
            "epoch",
            "training loss (cross-entropy)",
            language=language,
            log_y=True,
            legend="upper right",
        )
    return figure


def figures(language="en"):
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures, in ``language``."""
    return {
        "convolution-im2col": for_language(im2col_figure, language),
        "convolution-filters": for_language(filters_figure, language),
        "convolution-feature-maps": for_language(feature_maps_figure, language),
        "convolution-vs-mlp": for_language(comparison_figure, language),
    }
