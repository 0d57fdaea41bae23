"""The four-sample data set of the original article.

Taught in the chapter "Putting it all together" of Part I.
"""

import numpy as np

ARTICLE_SEED = 2018
"""The seed the book uses for the article's network (the year the article appeared)."""


def article_dataset():
    """Return ``(x, y)``: four 3-feature inputs and their 0/1 targets.

    The target is the exclusive-or of the first two columns; the third
    column is always 1.
    """
    x = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    return x, y
