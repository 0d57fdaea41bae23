"""Figures of the chapter "Biases" of Part II, drawn when the site is built."""


def figures():
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures."""
    return {}
