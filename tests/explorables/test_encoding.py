"""The compact forms of the explorables' numbers: rounded once, read back exactly."""

import numpy as np
import pytest

from nn_from_scratch.explorables.encoding import LEVEL_CHARACTERS, levels, rounded, scaled


def test_rounded_keeps_significant_digits():
    assert rounded(1.140312) == 1.140
    assert rounded(0.0015782391, 5) == 0.0015782
    assert rounded(2.0) == 2.0
    assert isinstance(rounded(np.float64(0.5)), float)


def test_scaled_gives_whole_hundredths_as_a_flat_list():
    assert scaled([[0.125, -3.456]], 2) == [12, -346]
    assert scaled(np.array([0.0154, 0.9801]), 3) == [15, 980]
    assert all(type(v) is int for v in scaled([1.5, 2.5], 0))


def test_levels_spell_64_steps_with_one_character_each():
    assert len(set(LEVEL_CHARACTERS)) == 64
    assert levels([0.0, 1.0], 0.0, 1.0) == "A/"
    assert levels([-5.0, 5.0], 0.0, 1.0) == "A/"  # clipped to the ends
    assert levels(np.full((2, 3), 0.5), 0.0, 1.0) == LEVEL_CHARACTERS[32] * 6
    # Read back: each character is within half a step of its value.
    values = np.linspace(-2, 2, 101)
    back = np.array([LEVEL_CHARACTERS.index(c) for c in levels(values, -2, 2)]) / 63 * 4 - 2
    assert np.abs(back - values).max() <= 0.5 * 4 / 63 + 1e-12


def test_levels_need_a_range():
    with pytest.raises(ValueError, match="low < high"):
        levels([1.0], 1.0, 1.0)
