"""Numbers in the compact forms the explorables' data files use.

The page shows each number exactly as stored (it only divides a whole
number by a power of ten, or picks a colour for a level): every digit the
reader sees was rounded here, once, by Python.

- :func:`rounded`: a value rounded to a number of significant digits (losses);
- :func:`scaled`: values as whole numbers of hundredths or thousandths
  (weights, activations, predictions), shorter in JSON than floats;
- :func:`levels`: values in a known range as one character each, 64 levels
  spelled with the base64 alphabet (heat maps, filters, feature maps).
"""

import numpy as np

LEVEL_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
"""The 64 characters of :func:`levels`, lowest level first (the base64 alphabet)."""


def rounded(value, digits=4):
    """``value`` rounded to ``digits`` significant digits, as a float."""
    return float(f"{float(value):.{digits}g}")


def scaled(values, decimals):
    """``values`` times ``10**decimals``, rounded to whole numbers, as a flat list of ints."""
    values = np.asarray(values, dtype=float).ravel()
    return [int(v) for v in np.rint(values * 10**decimals)]


def levels(values, low, high):
    """Each of ``values`` as one character: its level from 0 (``low``) to 63 (``high``).

    Values outside ``[low, high]`` take the nearest end.  Row-major order for
    an array.  ``low`` must be below ``high``.
    """
    if not high > low:
        raise ValueError(f"levels need low < high; got low={low!r}, high={high!r}")
    values = np.asarray(values, dtype=float).ravel()
    steps = np.rint((np.clip(values, low, high) - low) / (high - low) * 63).astype(int)
    return "".join(LEVEL_CHARACTERS[step] for step in steps)
