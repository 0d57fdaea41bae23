"""Figures of the chapter "The learning rate" of Part II, drawn when the site is built."""


def figures():
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures."""
    return {}
