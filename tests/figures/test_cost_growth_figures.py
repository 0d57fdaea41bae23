"""The figure of "When to switch" (Part III): drawn from the benchmark's saved results, in both
languages and both themes, the same bytes every time, never by timing anything."""

import json
import math

import numpy as np
import pytest

pytest.importorskip("matplotlib", reason="figures need matplotlib (the figures extra)")

from nn_from_scratch import figures as book  # noqa: E402
from nn_from_scratch.figures import cost_growth  # noqa: E402
from nn_from_scratch.figures.svg import figure_to_svg  # noqa: E402
from nn_from_scratch.figures.words import ZH_TW  # noqa: E402

STEM = "cost-growth"


@pytest.fixture(scope="module")
def results():
    return cost_growth.load_results()


def small_results(torch=True):
    """A document shaped like the benchmark's, three widths by two batch sizes, planted times."""
    widths, batch_sizes = [64, 256, 1024], [1, 64]
    ours = {(64, 1): 100.0, (256, 1): 300.0, (1024, 1): 3000.0}
    cells = [
        {
            "width": w,
            "batch_size": b,
            "ours_ms": ours.get((w, b), 10.0 * w / 64),
            "torch_ms": (200.0 if b == 1 else 12.0 * w / 64) if torch else None,
        }
        for w in widths
        for b in batch_sizes
    ]
    crossover = {
        "by_batch_size": [{"batch_size": 1, "width": 256}, {"batch_size": 64, "width": None}],
        "by_width": [{"width": w, "batch_size": None} for w in widths],
    }
    return {
        "setup": {"widths": widths, "batch_sizes": batch_sizes},
        "cells": cells,
        "crossover": crossover if torch else None,
    }


def test_the_stem_and_its_place_in_the_book():
    assert set(cost_growth.figures()) == {STEM}
    assert set(cost_growth.figures("zh-TW")) == {STEM}
    assert cost_growth in book.PART_THREE_FIGURE_MODULES


def test_the_results_are_the_benchmarks(results):
    assert cost_growth.RESULTS.parts[-3:] == ("benchmarks", "results", "cost-growth.json")
    assert results["script"] == "benchmarks/cost_growth.py" and results["quick"] is False


@pytest.mark.parametrize("language", ["en", "zh-TW"])
def test_both_languages_draw_both_themes_the_same_bytes_twice(language):
    draw = cost_growth.figures(language)[STEM]
    for theme in ("light", "dark"):
        first, second = figure_to_svg(draw(theme)), figure_to_svg(draw(theme))
        assert first.startswith(b"<?xml") and first == second, (language, theme)


def test_the_lines_are_the_saved_times(results):
    times, ratios = cost_growth.cost_growth_figure("light").get_axes()
    widths, batch_sizes = results["setup"]["widths"], results["setup"]["batch_sizes"]
    shown = cost_growth.shown_batch_sizes(batch_sizes)
    assert shown == [batch_sizes[0], batch_sizes[len(batch_sizes) // 2], batch_sizes[-1]]
    cells = {(c["width"], c["batch_size"]): c for c in results["cells"]}
    lines = times.get_lines()
    assert len(lines) == 2 * len(shown)
    for index, batch in enumerate(shown):
        ours, theirs = lines[2 * index], lines[2 * index + 1]
        assert list(ours.get_xdata()) == widths
        np.testing.assert_allclose(
            ours.get_ydata(), [cells[w, batch]["ours_ms"] / 1000 for w in widths]
        )
        np.testing.assert_allclose(
            theirs.get_ydata(), [cells[w, batch]["torch_ms"] / 1000 for w in widths]
        )
    assert times.get_xscale() == "log" and times.get_yscale() == "log"


def test_the_map_is_the_saved_ratios_and_frames_the_crossover(results):
    _, ratios = cost_growth.cost_growth_figure("dark").get_axes()
    widths, batch_sizes = results["setup"]["widths"], results["setup"]["batch_sizes"]
    (image,) = ratios.get_images()
    expected = [
        [
            math.log2(cell["ours_ms"] / cell["torch_ms"])
            for b in batch_sizes
            for cell in results["cells"]
            if (cell["width"], cell["batch_size"]) == (w, b)
        ]
        for w in widths
    ]
    np.testing.assert_allclose(image.get_array(), expected)
    framed = cost_growth.crossover_cells(results)
    assert len(ratios.patches) == len(framed)
    for row in results["crossover"]["by_batch_size"]:
        column = {(w, row["batch_size"]) for w in widths}
        if row["width"] is None:
            assert not column & framed
        else:
            assert (row["width"], row["batch_size"]) in framed


def test_planted_results_frame_each_batch_sizes_crossover_and_above():
    document = small_results()
    assert cost_growth.crossover_cells(document) == {(256, 1), (1024, 1)}
    _, ratios = cost_growth.cost_growth_figure("light", results=document).get_axes()
    texts = [text.get_text() for text in ratios.texts[:6]]
    assert texts == ["0.50", "0.83", "1.50", "0.83", "15", "0.83"]


def test_a_run_without_pytorch_draws_ours_alone():
    figure = cost_growth.cost_growth_figure("light", results=small_results(torch=False))
    times, ratios = figure.get_axes()
    assert len(times.get_lines()) == 2  # ours, at the two batch sizes
    assert {text.get_text() for text in ratios.texts[:6]} == {"—"}
    assert not ratios.patches


def test_a_missing_results_file_says_how_to_make_it(monkeypatch, tmp_path):
    monkeypatch.setattr(cost_growth, "RESULTS", tmp_path / "cost-growth.json")
    with pytest.raises(FileNotFoundError, match="run python benchmarks/cost_growth.py"):
        cost_growth.figures()[STEM]("light")
    (tmp_path / "cost-growth.json").write_text(json.dumps(small_results()), encoding="utf-8")
    assert cost_growth.figures()[STEM]("light").get_axes()


def test_the_chinese_words_are_in_the_table():
    for text in (
        "ours, batch {batch}",
        "PyTorch, batch {batch}",
        "width (units per hidden layer)",
        "time per epoch (s, log scale)",
        "time per epoch, one thread",
        "batch size",
        "ours ÷ PyTorch (above 1: PyTorch faster)",
        "framed: PyTorch faster here and at every larger width",
    ):
        assert text in ZH_TW
