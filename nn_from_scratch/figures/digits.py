"""Figures of the chapter "Many layers and mini-batches" of Part II.

Drawn when the site is built, from one training run of the digits MLP
(seed ``FIGURE_SEED``, the recipe ``nn_from_scratch.mlp.MLP_RECIPE``):

- ``digits-samples``: the first test image of each digit, as the network sees it;
- ``digits-curves``: loss and accuracy per epoch on the training part, and the
  test accuracy, measured once after training;
- ``digits-confusion``: the confusion matrix on the test part;
- ``digits-mistakes``: every misclassified test digit, with its true and predicted label.
"""

import functools

import numpy as np

from ..digits import load_digits_split
from ..metrics import accuracy, confusion_matrix
from ..mlp import train_digits_mlp
from .style import figure_style, require_matplotlib, subplots
from .words import for_language, translate

#: The seed of the training run the figures show (the chapter's first run).
FIGURE_SEED = 0


@functools.lru_cache(maxsize=1)
def figure_run():
    """``(history, test labels, predicted labels, test images)`` of one training run."""
    network, history = train_digits_mlp(FIGURE_SEED)
    split = load_digits_split()
    predicted = network.predict_labels(split.x_test)
    return history, split.y_test, predicted, split.x_test


def digit_axes(axes, image, colors, title, title_color):
    """Draw one 8 x 8 digit: dark ink on the page colour, in both themes."""
    require_matplotlib()
    from matplotlib.colors import LinearSegmentedColormap

    ink = LinearSegmentedColormap.from_list("ink", [colors["background"], colors["text"]])
    axes.imshow(image.reshape(8, 8), cmap=ink, vmin=0.0, vmax=1.0, interpolation="nearest")
    axes.set_xticks([])
    axes.set_yticks([])
    for spine in axes.spines.values():
        spine.set_visible(True)
        spine.set_color(colors["grid"])
    axes.set_title(title, color=title_color, fontsize=10, pad=3)


def samples_figure(theme="light", language="en"):
    """The first test image of each digit 0..9 (no words: the same in every language)."""
    _, labels, _, images = figure_run()
    with figure_style(theme, language) as colors:
        figure, axes = subplots(1, 10, figsize=(8, 1.3), layout="constrained")
        for digit, ax in enumerate(axes):
            index = int(np.flatnonzero(labels == digit)[0])
            digit_axes(ax, images[index], colors, f"{digit}", colors["text"])
    return figure


def curves_figure(theme="light", language="en"):
    """Loss (left) and accuracy (right) per epoch on the training part; the test score once."""
    from matplotlib.ticker import MaxNLocator

    history, labels, predicted, _ = figure_run()
    test_accuracy = accuracy(labels, predicted)
    epochs = np.arange(1, len(history.train_loss) + 1)
    with figure_style(theme, language) as colors:
        figure, (loss_axes, accuracy_axes) = subplots(1, 2, figsize=(9, 3.6), layout="constrained")
        for axes, train, label in (
            (loss_axes, history.train_loss, "cross-entropy loss"),
            (accuracy_axes, history.train_accuracy, "accuracy"),
        ):
            axes.plot(
                epochs,
                train,
                color=colors["primary"],
                linewidth=2,
                label=translate("training", language),
            )
            axes.set_xlabel(translate("epoch", language))
            axes.set_ylabel(translate(label, language))
            axes.set_xlim(1, epochs[-1] + 0.5)
            axes.xaxis.set_major_locator(MaxNLocator(integer=True))
            axes.grid(True, linewidth=0.6)
        loss_axes.set_yscale("log")
        accuracy_axes.plot(
            [epochs[-1]],
            [test_accuracy],
            marker="D",
            markersize=7,
            linestyle="none",
            color=colors["accent"],
            label=translate("test, after training", language),
        )
        accuracy_axes.set_ylim(0.5, 1.01)
        accuracy_axes.annotate(
            translate("test {accuracy:.1%}", language, accuracy=test_accuracy),
            xy=(epochs[-1], test_accuracy),
            xytext=(-8, -22),
            textcoords="offset points",
            ha="right",
            color=colors["text"],
        )
        accuracy_axes.legend(loc="center right", frameon=False)
    return figure


def confusion_figure(theme="light", language="en"):
    """The test part's confusion matrix: counts, true digit by predicted digit."""
    from matplotlib.colors import LinearSegmentedColormap

    _, labels, predicted, _ = figure_run()
    matrix = confusion_matrix(labels, predicted)
    with figure_style(theme, language) as colors:
        shade = LinearSegmentedColormap.from_list("shade", [colors["node"], colors["primary"]])
        figure, axes = subplots(figsize=(5.6, 5), layout="constrained")
        # A log-like scale, so that the few mistakes show next to ~36 hits.
        axes.imshow(np.sqrt(matrix), cmap=shade, vmin=0)
        strong = matrix.max() * 0.5
        for true, row in enumerate(matrix):
            for guess, count in enumerate(row):
                if count:
                    on_dark = count > strong
                    axes.text(
                        guess,
                        true,
                        str(count),
                        ha="center",
                        va="center",
                        fontsize=10,
                        color=colors["background"] if on_dark else colors["text"],
                        fontweight="bold" if true != guess else "normal",
                    )
        ticks = np.arange(10)
        axes.set_xticks(ticks)
        axes.set_yticks(ticks)
        axes.set_xlabel(translate("predicted digit", language))
        axes.set_ylabel(translate("true digit", language))
        for spine in axes.spines.values():
            spine.set_visible(False)
        axes.tick_params(length=0)
    return figure


def mistakes_figure(theme="light", language="en"):
    """Every misclassified test digit, titled "true → predicted" (no words, in any language)."""
    _, labels, predicted, images = figure_run()
    wrong = np.flatnonzero(labels != predicted)
    columns = max(min(len(wrong), 8), 1)
    rows = max(-(-len(wrong) // columns), 1)
    with figure_style(theme, language) as colors:
        figure, grid = subplots(
            rows,
            columns,
            figsize=(1.05 * columns, 1.25 * rows),
            layout="constrained",
            squeeze=False,
        )
        for ax in grid.flat:
            ax.set_axis_off()
        for ax, index in zip(grid.flat, wrong, strict=False):
            ax.set_axis_on()
            title = f"{labels[index]} → {predicted[index]}"
            digit_axes(ax, images[index], colors, title, colors["accent"])
    return figure


def figures(language="en"):
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures, in ``language``."""
    return {
        "digits-samples": for_language(samples_figure, language),
        "digits-curves": for_language(curves_figure, language),
        "digits-confusion": for_language(confusion_figure, language),
        "digits-mistakes": for_language(mistakes_figure, language),
    }
