"""The figures leave a reader's matplotlib alone: no pyplot, no backend switch."""

import subprocess
import sys

import pytest

pytest.importorskip("matplotlib")

from nn_from_scratch.figures.style import figure_style, subplots, theme_colors  # noqa: E402


def test_drawing_every_figure_never_touches_pyplot_or_the_backend():
    # A fresh interpreter: this one's pytest plugins may have imported pyplot.
    script = (
        "import sys, matplotlib\n"
        "matplotlib.use('module://matplotlib_inline.backend_inline', force=False)\n"
        "before = matplotlib.get_backend()\n"
        "from nn_from_scratch.figures import diagrams, training_run\n"
        "from nn_from_scratch.figures.svg import figure_to_svg\n"
        "figure_to_svg(diagrams.network_diagram('dark'))\n"
        "figure_to_svg(training_run.loss_curve([1.0, 0.5, 0.25]))\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
        "assert matplotlib.get_backend() == before, matplotlib.get_backend()\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout == "ok\n", result.stderr


def test_subplots_makes_a_figure_with_the_grid_asked_for():
    with figure_style("light"):
        figure, axes = subplots(1, 3, figsize=(6, 2))
    assert len(axes) == 3 and figure.get_size_inches().tolist() == [6.0, 2.0]


def test_unknown_theme_is_refused_by_name():
    with pytest.raises(ValueError, match="theme must be one of"):
        theme_colors("sepia")
