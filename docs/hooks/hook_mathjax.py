"""Serve MathJax 3 from the site itself, so formulas render with no network.

The files come from the ``django-static-mathjax`` package (a plain copy of
MathJax 3.2.2, installed by the ``docs`` extra).  ``tex-svg-full.js`` bundles
every TeX extension and draws glyphs as SVG paths, so the browser fetches
nothing else: no fonts, no extension files.
"""

import importlib.resources

from mkdocs.structure.files import File

SOURCE = "static/mathjax/es5/tex-svg-full.js"
TARGET = "assets/mathjax/tex-svg-full.js"


def on_files(files, config):
    script = importlib.resources.files("mathjax").joinpath(SOURCE)
    files.append(File.generated(config, TARGET, abs_src_path=str(script)))
    return files
