"""The explorables: their data files, and their script on the pages that have one.

A chapter places an explorable right after the static figure it animates,
with the paragraph that describes it inside (``markdown``: md_in_html)::

    <div class="explorable" data-explorable="training-run" markdown>

    This is an *explorable*: the slider above ...

    </div>

:func:`nn_from_scratch.explorables.book_explorables` computes each one's data
(``explorables/<name>.json``, in the edition's language), added here as
generated files like the figures: nothing is written under ``docs/``.  A page
with an explorable gets ``stylesheets/explorables.css`` and
``javascripts/explorables.js``, which reads that file and draws the
explorable above the paragraph; with scripts on, the static figure before it
is hidden from the first paint.  Without JavaScript the ``div`` stays hidden
and the figure stays.  Other pages load none of it.
"""

import re

import edition
from hook_figures import one_blas_thread
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from nn_from_scratch.explorables import EXPLORABLES, book_explorables

SCRIPT = "javascripts/explorables.js"
STYLE = "stylesheets/explorables.css"
_PLACE = re.compile(r'<div class="explorable" data-explorable="(?P<name>[^"]*)"')


def on_files(files, config):
    with one_blas_thread():
        data = book_explorables(language=edition.language_of(config))
    for path, content in data.items():
        files.append(File.generated(config, path, content=content))
    return files


def explorables_on(html):
    """The names of the explorables ``html`` places, in order."""
    return [match["name"] for match in _PLACE.finditer(html)]


def on_page_content(html, page, config, files):
    for name in explorables_on(html):
        if name not in EXPLORABLES:
            known = ", ".join(EXPLORABLES)
            raise ValueError(f"{page.file.src_uri}: no explorable named {name!r} (known: {known})")
    return html


#: Set on ``<html>`` before the page is drawn, when scripts run: the static
#: figure an explorable replaces is hidden from the first paint (extra.css),
#: so its image is never downloaded; the script removes the class again if
#: the explorable cannot be drawn.
SCRIPTS_ON = '<script>document.documentElement.classList.add("explorables-on")</script>'


def on_post_page(output, page, config):
    if not explorables_on(output):
        return output
    script, style = (get_relative_url(path, page.url or ".") for path in (SCRIPT, STYLE))
    head = f'<link rel="stylesheet" href="{style}">\n{SCRIPTS_ON}\n</head>'
    output = output.replace("</head>", head, 1)
    return output.replace("</body>", f'<script defer src="{script}"></script>\n</body>', 1)
