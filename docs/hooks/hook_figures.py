"""Draw every figure of the book when the site is built.

The SVG files are added to the build as generated files, kept in memory:
nothing is written under ``docs/``, so ``mkdocs serve`` does not see a
change and rebuild again.  :func:`nn_from_scratch.book_figures.book_svgs`
lists the figures; each has a light and a dark variant.
"""

from mkdocs.structure.files import File

from nn_from_scratch.book_figures import book_svgs


def on_files(files, config):
    for path, svg in book_svgs().items():
        files.append(File.generated(config, path, content=svg))
    return files
