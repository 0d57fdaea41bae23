"""Lighter code blocks: drop the highlighting spans that change nothing on screen.

Pygments wraps every token of a code block in a ``<span>`` naming its kind.
Two kinds get no look of their own in Material's palettes, light or dark:
names (``n``, coloured ``--md-code-hl-name-color``, which is the code's own
colour) and whitespace (``w``).  They are a quarter of the bytes of a long
chapter, and every reader downloads them, so they are unwrapped: the text
is the same, and so is what the reader sees.
"""

import re

_INVISIBLE_SPAN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def unwrap_invisible_spans(html):
    """``html`` without the ``<span class="n">`` and ``<span class="w">`` wrappers."""
    return _INVISIBLE_SPAN.sub(r"\1", html)


def on_page_content(html, page, config, files):
    return unwrap_invisible_spans(html)
