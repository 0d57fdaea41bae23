"""Figures of the chapter "Many layers and mini-batches" of Part II, drawn when the site is built."""


def figures():
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures."""
    return {}
