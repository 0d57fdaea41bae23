"""The figures of the chapter "Many layers and mini-batches": both themes, the run they show."""

import numpy as np
import pytest
from conftest import skip_without_digits

pytest.importorskip("matplotlib", reason="figures need matplotlib (the figures extra)")
skip_without_digits()


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
    assert len(history.train_accuracy) == MLP_RECIPE.epochs
    assert history.validation_accuracy == []  # the test part is scored once, at the end
    assert images.shape == (len(labels), 64)


def test_the_curves_are_the_training_curves_and_the_test_score_one_point():
    history, labels, predicted, _ = digits_figures.figure_run()
    loss_axes, accuracy_axes = digits_figures.curves_figure("light").get_axes()
    (loss_line,) = loss_axes.get_lines()
    np.testing.assert_array_equal(loss_line.get_ydata(), history.train_loss)
    training, test = accuracy_axes.get_lines()
    np.testing.assert_array_equal(training.get_ydata(), history.train_accuracy)
    assert list(test.get_xdata()) == [MLP_RECIPE.epochs]
    assert list(test.get_ydata()) == [np.mean(labels == predicted)]


def test_one_panel_per_mistake():
    _, labels, predicted, _ = digits_figures.figure_run()
    figure = digits_figures.mistakes_figure("dark")
    shown = [ax for ax in figure.get_axes() if ax.axison]
    assert len(shown) == np.count_nonzero(labels != predicted)
