"""The figure of "Debugging a training run": the chapter's range test, drawn in both languages
and both themes, the same bytes every time."""

import numpy as np
import pytest
from conftest import skip_without_digits

pytest.importorskip("matplotlib", reason="figures need matplotlib (the figures extra)")
skip_without_digits()

from nn_from_scratch.figures import diagnostics  # noqa: E402
from nn_from_scratch.figures.svg import figure_to_svg  # noqa: E402
from nn_from_scratch.figures.words import ZH_TW  # noqa: E402
from nn_from_scratch.lr_range_test import smoothed  # noqa: E402

STEM = "diagnostics-lr-range-test"


def test_the_stem():
    assert set(diagnostics.figures()) == {STEM}
    assert set(diagnostics.figures("zh-TW")) == {STEM}


@pytest.mark.parametrize("language", ["en", "zh-TW"])
def test_both_languages_draw_both_themes_the_same_bytes_twice(language):
    draw = diagnostics.figures(language)[STEM]
    for theme in ("light", "dark"):
        first, second = figure_to_svg(draw(theme)), figure_to_svg(draw(theme))
        assert first.startswith(b"<?xml") and first == second, (language, theme)


def test_the_figure_shows_the_range_test_and_its_reading():
    test, usable = diagnostics.range_test_run()
    (axes,) = diagnostics.range_test_figure("light").get_axes()
    assert axes.get_xscale() == "log"
    raw, smooth, steepest = axes.get_lines()
    np.testing.assert_array_equal(raw.get_ydata(), test.losses)
    np.testing.assert_array_equal(raw.get_xdata(), test.rates)
    np.testing.assert_array_equal(smooth.get_ydata(), smoothed(test.losses, diagnostics.WINDOW))
    assert list(steepest.get_xdata()) == [usable.steepest] * 2
    (span,) = axes.patches
    if hasattr(span, "get_width"):  # a Rectangle (matplotlib 3.9 and later)
        xs = [span.get_x(), span.get_x() + span.get_width()]
    else:  # a Polygon
        xs = [x for x, _ in span.get_xy()]
    assert min(xs) == pytest.approx(usable.low) and max(xs) == pytest.approx(usable.high)
    labels = [text.get_text() for text in axes.get_legend().get_texts()]
    assert f"steepest fall, rate {usable.steepest:.2g}" in labels


def test_the_range_is_the_chapters():
    """The run is the chapter's: the digits MLP with Adam, the test's defaults, seed 0."""
    test, usable = diagnostics.range_test_run()
    assert diagnostics.FIGURE_SEED == 0 and diagnostics.WINDOW == 11
    assert usable.low < usable.steepest < usable.high < test.rates[-1]


def test_the_chinese_words_are_in_the_table():
    for text in (
        "usable range",
        "loss of each batch",
        "mean of {count} neighbours",
        "steepest fall, rate {rate:.2g}",
        "learning rate (log scale)",
        "cross-entropy loss",
    ):
        assert text in ZH_TW
