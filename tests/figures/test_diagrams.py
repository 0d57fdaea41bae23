"""Tests of the explanatory diagrams: both themes, deterministic SVG, no text clipped."""

import pytest

pytest.importorskip("matplotlib")

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from nn_from_scratch.figures import diagrams  # noqa: E402
from nn_from_scratch.figures.svg import figure_to_svg  # noqa: E402

DRAWINGS = [
    diagrams.network_diagram,
    diagrams.training_loop_diagram,
    diagrams.chain_rule_diagram,
    diagrams.slope_diagram,
]
THEMES = ["light", "dark"]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("draw", DRAWINGS, ids=lambda draw: draw.__name__)
def test_returns_a_figure(draw, theme):
    figure = draw(theme)
    assert isinstance(figure, Figure)
    assert figure.get_axes()


@pytest.mark.parametrize("draw", DRAWINGS, ids=lambda draw: draw.__name__)
def test_svg_is_the_same_on_every_call(draw):
    first = figure_to_svg(draw("dark"))
    assert first.startswith(b"<?xml")
    assert figure_to_svg(draw("dark")) == first


@pytest.mark.parametrize("draw", DRAWINGS, ids=lambda draw: draw.__name__)
def test_unknown_theme_is_refused(draw):
    with pytest.raises(ValueError, match="theme"):
        draw("sepia")


@pytest.mark.parametrize("language", ["en", "zh-TW"])
@pytest.mark.parametrize("draw", DRAWINGS, ids=lambda draw: draw.__name__)
def test_every_text_lies_inside_the_figure(draw, language):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = draw("light", language)
    canvas = FigureCanvasAgg(figure)  # our figures belong to no backend; measure with Agg
    canvas.draw()
    renderer = canvas.get_renderer()
    bounds = figure.bbox
    texts = [text for text in figure.findobj(Text) if text.get_visible() and text.get_text()]
    assert texts
    for text in texts:
        extent = text.get_window_extent(renderer)
        assert bounds.x0 <= extent.x0 and extent.x1 <= bounds.x1, text.get_text()
        assert bounds.y0 <= extent.y0 and extent.y1 <= bounds.y1, text.get_text()
