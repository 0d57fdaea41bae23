"""The decade of a number: the coarse reading of the step sweep that NumPy versions agree on."""

import pytest

from nn_from_scratch.step_sweep import decade


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3.2e-05, "1e-05"), (5.6e-05, "1e-05"), (8.4e-11, "1e-11"), (1e-06, "1e-06"), (31.0, "1e+01")],
)
def test_decade_is_the_power_of_ten_at_or_below(value, expected):
    assert decade(value) == expected
