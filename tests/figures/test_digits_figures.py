"""The figures of the chapter "Many layers and mini-batches": both themes, the run they show."""

import importlib.util

import numpy as np
import pytest

pytest.importorskip("matplotlib", reason="figures need matplotlib (the figures extra)")
if importlib.util.find_spec("sklearn") is None:  # importing it would take a second
    pytest.skip("the digits ship with scikit-learn (the digits extra)", allow_module_level=True)


from nn_from_scratch.figures import digits as digits_figures  # noqa: E402
from nn_from_scratch.mlp import MLP_RECIPE  # noqa: E402


def test_every_figure_draws():
    """One theme each, alternating (the site build draws both)."""
    drawn = digits_figures.figures()
    assert set(drawn) == {"digits-samples", "digits-curves", "digits-confusion", "digits-mistakes"}
    for draw, theme in zip(drawn.values(), ["light", "dark"] * 2, strict=True):
        figure = draw(theme)
        assert figure.get_axes()


def test_the_figures_show_one_full_training_run():
    history, labels, predicted, images = digits_figures.figure_run()
    assert len(history.test_accuracy) == MLP_RECIPE.epochs
    assert np.mean(labels == predicted) == history.test_accuracy[-1]
    assert images.shape == (len(labels), 64)


def test_one_panel_per_mistake():
    _, labels, predicted, _ = digits_figures.figure_run()
    figure = digits_figures.mistakes_figure("dark")
    shown = [ax for ax in figure.get_axes() if ax.axison]
    assert len(shown) == np.count_nonzero(labels != predicted)
