"""Figures of the chapter "Debugging a training run" of Part II, drawn when the site is built.

``diagnostics-lr-range-test``: the learning-rate range test of the digits
MLP (Adam, the test's default rates, seed ``FIGURE_SEED``), the loss of
every batch and its smoothed curve against the rate, with the usable range
shaded and the steepest fall marked.  The run is the chapter's and takes a
few hundredths of a second.
"""

import functools

from ..digits import load_digits_split
from ..losses import SoftmaxCrossEntropy
from ..lr_range_test import lr_range_test, smoothed, usable_range
from ..mlp import digits_mlp
from ..optimizers import Adam
from .style import figure_style, label_axes, subplots
from .words import for_language, translate

#: The seed of the network and of the batches of the range test shown.
FIGURE_SEED = 0

#: Neighbouring losses averaged by the smoothed curve (``usable_range``'s default).
WINDOW = 11


@functools.lru_cache(maxsize=1)
def range_test_run(seed=FIGURE_SEED):
    """``(RangeTest, UsableRange)`` of the digits MLP with Adam, as in the chapter."""
    split = load_digits_split()
    network = digits_mlp(seed)
    test = lr_range_test(
        network, SoftmaxCrossEntropy(), Adam(network), split.x_train, split.y_train, seed=seed
    )
    return test, usable_range(test, window=WINDOW)


def range_test_figure(theme="light", language="en"):
    """Loss against learning rate (log scale): every batch, smoothed, the usable range."""
    test, usable = range_test_run()
    half = WINDOW // 2
    with figure_style(theme, language) as colors:
        figure, axes = subplots(figsize=(7.5, 4), layout="constrained")
        axes.axvspan(
            usable.low,
            usable.high,
            color=colors["positive"],
            alpha=0.15,
            linewidth=0,
            label=translate("usable range", language),
        )
        axes.plot(
            test.rates,
            test.losses,
            color=colors["muted"],
            linewidth=0.8,
            label=translate("loss of each batch", language),
        )
        axes.plot(
            test.rates[half : len(test.rates) - half],
            smoothed(test.losses, WINDOW),
            color=colors["primary"],
            linewidth=2.2,
            label=translate("mean of {count} neighbours", language, count=WINDOW),
        )
        axes.axvline(
            usable.steepest,
            color=colors["accent"],
            linestyle="--",
            linewidth=1.5,
            label=translate("steepest fall, rate {rate:.2g}", language, rate=usable.steepest),
        )
        axes.set_xscale("log")
        axes.set_xlim(test.rates[0], test.rates[-1])
        axes.set_ylim(0, 1.15 * test.losses[0])
        label_axes(
            axes,
            "learning rate (log scale)",
            "cross-entropy loss",
            language=language,
            legend="lower left",
        )
    return figure


def figures(language="en"):
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures, in ``language``."""
    return {"diagnostics-lr-range-test": for_language(range_test_figure, language)}
