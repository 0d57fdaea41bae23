"""Figures of the chapter "Generalisation: training, validation and test" of Part II.

Drawn when the site is built, from two runs of the chapter's overfitting
experiment (:func:`nn_from_scratch.overfitting.train_wide_mlp`, seed
``FIGURE_SEED``), the runs the chapter itself prints:

- ``generalisation-overfitting``: the wide network without a remedy, loss
  and accuracy per epoch on its 200 training images and on the validation
  part, with the epoch of the best validation accuracy marked;
- ``generalisation-dropout``: the same network with dropout at the chosen
  rate (``CHOSEN_STRENGTHS["dropout"]``).
"""

import functools

import numpy as np

from ..digits import load_digits_three_way_split
from ..early_stopping import best_epoch
from ..overfitting import CHOSEN_STRENGTHS, SUBSET_PER_DIGIT, train_wide_mlp
from .style import figure_style, subplots
from .words import for_language, translate

#: The seed of the runs the figures show (the chapter's).
FIGURE_SEED = 0


@functools.cache
def figure_history(remedy="none"):
    """The ``History`` of the chapter's run with ``remedy`` (computed once)."""
    strength = CHOSEN_STRENGTHS.get(remedy)
    _, history = train_wide_mlp(load_digits_three_way_split(), remedy, strength, FIGURE_SEED)
    return history


def validation_size():
    """Images in the validation part."""
    return len(load_digits_three_way_split().y_validation)


def curves_figure(remedy="none", theme="light", language="en"):
    """Loss (left, log scale) and accuracy (right) per epoch: training and validation."""
    from matplotlib.ticker import MaxNLocator

    history = figure_history(remedy)
    epochs = np.arange(1, len(history.train_loss) + 1)
    best = best_epoch(history)
    with figure_style(theme, language) as colors:
        figure, (loss_axes, accuracy_axes) = subplots(1, 2, figsize=(9, 3.6), layout="constrained")
        for axes, train, validation, label in (
            (loss_axes, history.train_loss, history.validation_loss, "cross-entropy loss"),
            (accuracy_axes, history.train_accuracy, history.validation_accuracy, "accuracy"),
        ):
            axes.plot(
                epochs,
                train,
                color=colors["primary"],
                linewidth=2,
                label=translate("training ({count} images)", language, count=SUBSET_PER_DIGIT * 10),
            )
            axes.plot(
                epochs,
                validation,
                color=colors["accent"],
                linewidth=2,
                linestyle="--",
                label=translate("validation ({count} images)", language, count=validation_size()),
            )
            axes.set_xlabel(translate("epoch", language))
            axes.set_ylabel(translate(label, language))
            axes.set_xlim(1, epochs[-1])
            axes.xaxis.set_major_locator(MaxNLocator(integer=True))
            axes.grid(True, linewidth=0.6)
        for axes in (loss_axes, accuracy_axes):
            axes.axvline(
                best,
                color=colors["muted"],
                linewidth=1.2,
                linestyle=":",
                label=translate("best validation accuracy: epoch {epoch}", language, epoch=best),
            )
        loss_axes.set_yscale("log")
        accuracy_axes.set_ylim(0.5, 1.01)
        accuracy_axes.legend(loc="lower right", frameon=False)
    return figure


def overfitting_figure(theme="light", language="en"):
    """The run without a remedy."""
    return curves_figure("none", theme, language)


def dropout_figure(theme="light", language="en"):
    """The run with dropout at the chosen rate."""
    return curves_figure("dropout", theme, language)


def figures(language="en"):
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures, in ``language``."""
    return {
        "generalisation-overfitting": for_language(overfitting_figure, language),
        "generalisation-dropout": for_language(dropout_figure, language),
    }
