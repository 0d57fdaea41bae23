"""Turn a matplotlib figure into SVG bytes that are the same on every run.

Used by the site's build hook and the command line: matplotlib writes a
date and random element ids into SVG files unless told not to.
"""

import io


def figure_to_svg(figure):
    """Return ``figure`` as SVG bytes with no date and fixed element ids."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "nn-from-scratch"}):
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": "nn_from_scratch"},
            bbox_inches="tight",
        )
    return buffer.getvalue()
