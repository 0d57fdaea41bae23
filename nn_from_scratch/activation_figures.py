"""Figures of the chapter "Activation functions" of Part II, drawn when the site is built."""


def figures():
    """Return ``{stem: draw(theme) -> Figure}`` for this chapter's figures."""
    return {}
