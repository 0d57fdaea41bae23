"""Typeset formulas with KaTeX, served from the site, and only on pages that have maths.

pymdownx.arithmatex leaves each formula in an element of class ``arithmatex``
(``\\( \\)`` around inline maths, ``\\[ \\]`` around displayed maths).  A page
that has one gets KaTeX's style sheet in its head and, at the end of its body,
KaTeX and ``javascripts/maths.js``, which typesets those elements.  Pages
without maths load none of it.

KaTeX is vendored in ``vendor/katex/`` (``vendor/update_katex.py`` says where
from).  It was chosen over MathJax 3 for weight: with only the components this
book needs, MathJax's TeX input, CHTML output and font data come to about
740 kB before its fonts; KaTeX's script is 273 kB, and a page downloads only
the few fonts its formulas use.
"""

import pathlib

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

VENDOR = pathlib.Path(__file__).resolve().parents[2] / "vendor" / "katex"
TARGET = "assets/katex"
SCRIPTS = (f"{TARGET}/katex.min.js", "javascripts/maths.js")
STYLE = f"{TARGET}/katex.min.css"
MARKER = 'class="arithmatex"'


def vendored_files():
    """The files of the vendored KaTeX that the site serves, relative to ``vendor/katex``."""
    return sorted(
        path.relative_to(VENDOR).as_posix()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.suffix in (".js", ".css", ".woff2")
    )


def has_maths(html):
    return MARKER in html


def on_files(files, config):
    for name in vendored_files():
        files.append(File.generated(config, f"{TARGET}/{name}", abs_src_path=str(VENDOR / name)))
    return files


def on_post_page(output, page, config):
    if not has_maths(output):
        return output

    def url(target):
        return get_relative_url(target, page.url or ".")

    style = f'<link rel="stylesheet" href="{url(STYLE)}">'
    scripts = "".join(f'<script defer src="{url(script)}"></script>' for script in SCRIPTS)
    output = output.replace("</head>", f"{style}\n</head>", 1)
    return output.replace("</body>", f"{scripts}\n</body>", 1)
