"""Figures of the chapter "Convolutions for image classification" of Part II, drawn when the site is built."""


def figures():
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures."""
    return {}
