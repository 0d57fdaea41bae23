"""The epsilon sweep behind the figure of "Checking gradients" shows what the chapter says."""

import numpy as np
import pytest

from nn_from_scratch.figures.gradient_check import figures
from nn_from_scratch.step_sweep import CHOSEN_EPSILON, EPSILONS, epsilon_sweep


def log_slope(epsilons, errors):
    """Slope of log10(error) against log10(epsilon), by least squares."""
    return np.polyfit(np.log10(epsilons), np.log10(errors), 1)[0]


def test_sweep_covers_1e_minus_1_to_1e_minus_13():
    epsilons, central, one_sided = epsilon_sweep()
    assert epsilons is EPSILONS
    assert epsilons.max() == pytest.approx(1e-1) and epsilons.min() == pytest.approx(1e-13)
    assert central.shape == one_sided.shape == epsilons.shape


def test_truncation_falls_like_epsilon_squared_and_epsilon():
    epsilons, central, one_sided = epsilon_sweep()
    large = epsilons >= 1e-3
    assert log_slope(epsilons[large], central[large]) == pytest.approx(2.0, abs=0.1)
    assert log_slope(epsilons[large], one_sided[large]) == pytest.approx(1.0, abs=0.1)


def test_rounding_makes_a_v_and_the_chosen_epsilon_sits_in_the_central_bottom():
    epsilons, central, one_sided = epsilon_sweep()
    chosen = np.argmin(np.abs(epsilons - CHOSEN_EPSILON))
    assert epsilons[chosen] == pytest.approx(CHOSEN_EPSILON)
    assert central[chosen] < 1e-7
    for errors in (central, one_sided):
        assert errors[-1] > 100 * errors.min()  # tiny steps: rounding error takes over
        assert errors[0] > 100 * errors.min()  # large steps: truncation error
    # The central V goes far lower, and its bottom lies at a larger step.
    assert central.min() < one_sided.min() / 10
    assert epsilons[np.argmin(central)] > epsilons[np.argmin(one_sided)]
    # ... and it tolerates a wider range of steps.
    assert np.sum(central < 1e-7) > 2 * np.sum(one_sided < 1e-7)


def test_figure_draws_in_both_themes():
    pytest.importorskip("matplotlib", reason="matplotlib is in the figures extra")

    drawers = figures()
    assert set(drawers) == {"gradient-check-epsilon"}
    for theme in ("light", "dark"):
        figure = drawers["gradient-check-epsilon"](theme)
        axes = figure.axes[0]
        assert axes.get_xscale() == axes.get_yscale() == "log"
        assert len(axes.get_lines()) == 3  # two curves and the chosen epsilon
