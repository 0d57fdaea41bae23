"""The figures of the chapter "Generalisation": both languages, both themes, the runs they show."""

import numpy as np
import pytest
from conftest import skip_without_digits

pytest.importorskip("matplotlib", reason="figures need matplotlib (the figures extra)")
skip_without_digits()

from nn_from_scratch.digits import load_digits_three_way_split  # noqa: E402
from nn_from_scratch.early_stopping import best_epoch  # noqa: E402
from nn_from_scratch.figures import generalisation  # noqa: E402
from nn_from_scratch.figures.svg import figure_to_svg  # noqa: E402
from nn_from_scratch.overfitting import CHOSEN_STRENGTHS, WIDE_RECIPE, train_wide_mlp  # noqa: E402

STEMS = {"generalisation-overfitting", "generalisation-dropout"}


@pytest.mark.parametrize("language", ["en", "zh-TW"])
def test_both_figures_draw_in_both_languages_the_same_bytes_twice(language):
    drawn = generalisation.figures(language)
    assert set(drawn) == STEMS
    for draw, theme in zip(drawn.values(), ["light", "dark"], strict=True):
        first = figure_to_svg(draw(theme))
        assert first == figure_to_svg(draw(theme))


def test_the_figures_show_the_chapters_runs():
    split = load_digits_three_way_split()
    for remedy in ("none", "dropout"):
        history = generalisation.figure_history(remedy)
        _, again = train_wide_mlp(split, remedy, CHOSEN_STRENGTHS.get(remedy), seed=0)
        assert history == again
        assert len(history.validation_accuracy) == WIDE_RECIPE.epochs


def test_the_curves_are_the_history_and_the_best_epoch_is_marked():
    history = generalisation.figure_history("none")
    loss_axes, accuracy_axes = generalisation.overfitting_figure("light").get_axes()
    training, validation, marker = loss_axes.get_lines()
    np.testing.assert_array_equal(training.get_ydata(), history.train_loss)
    np.testing.assert_array_equal(validation.get_ydata(), history.validation_loss)
    assert list(marker.get_xdata()) == [best_epoch(history)] * 2
    training, validation, _ = accuracy_axes.get_lines()
    np.testing.assert_array_equal(training.get_ydata(), history.train_accuracy)
    np.testing.assert_array_equal(validation.get_ydata(), history.validation_accuracy)


def test_the_network_without_a_remedy_learns_every_training_image():
    history = generalisation.figure_history("none")
    assert history.train_accuracy[-1] == 1.0
    assert history.validation_accuracy[-1] < 0.95
