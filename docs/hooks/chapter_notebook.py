"""The Jupyter notebook of a chapter, made from its Markdown.

One notebook per chapter, downloadable from the site: a Markdown cell that
says what it is, a cell that installs the package, then the chapter's
sections in order.  A section with Python blocks becomes its heading and
one code cell per block; a section without any keeps its prose, turned
into Markdown that Jupyter renders (see ``notebook_markdown``).
"""

import dataclasses
import pathlib
import re

from edition import language_of_path, words
from literate import FENCE, first_heading, python_chains, read_blocks
from notebook_extras import DISTRIBUTION, chapter_extras, install_command
from notebook_markdown import IMAGE, Links, inline_markdown, prose_markdown

#: The id of the notebook's install cell (the others are ``cell-<index>``).
INSTALL_CELL_ID = "install"

#: The install cell's tag.  nbclient, and so mkdocs-jupyter, skips the cells
#: that have it: the notebook page the site renders is executed at build
#: time, which must not run pip.  Jupyter itself runs the cell as any other.
SKIP_TAG = "skip-execution"


@dataclasses.dataclass
class Section:
    """A part of a chapter: its heading (None for the opening under the
    title), its Markdown lines, and the code of its Python blocks."""

    heading: "str | None"
    lines: list = dataclasses.field(default_factory=list)
    code: list = dataclasses.field(default_factory=list)


_HEADING = re.compile(r"^(#{2,3}) ")


def chapter_sections(path):
    """Split a chapter at its ``##`` and ``###`` headings (outside fences)."""
    python = {b.line: b for chain in python_chains(read_blocks(path)) for b in chain}
    lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines()
    sections = [Section(None)]
    fence = None
    titled = False
    for number, line in enumerate(lines, start=1):
        if fence is not None:
            if line.lstrip().startswith(fence):
                fence = None
        elif match := FENCE.match(line):
            fence = match.group(2)
            if number in python:
                sections[-1].code.append(python[number].code.rstrip("\n"))
        elif _HEADING.match(line):
            sections.append(Section(line.strip()))
            continue
        elif line.startswith("# ") and not titled:
            sections[0].lines.clear()  # the title, and anything above it
            titled = True
            continue
        sections[-1].lines.append(line)
    return sections


def _level(heading):
    return len(heading) - len(heading.lstrip("#"))


def _section_cells(sections, links):
    """``(cell type, source)`` pairs for the sections, without empty headings.

    A section with code gives its heading, then a code cell per block; one
    without code gives its heading and prose in one Markdown cell.  A
    section left with nothing to show is dropped, unless subsections follow:
    then its heading goes on top of the next cell.
    """
    cells = []
    carried = []
    for section, following in zip(sections, [*sections[1:], None], strict=True):
        own = [inline_markdown(section.heading, links)] if section.heading else []
        headings = [*carried, *own]
        carried = []
        if section.code:
            if headings:
                cells.append(("markdown", "\n\n".join(headings)))
            cells.extend(("code", code) for code in section.code)
            continue
        prose = prose_markdown(section.lines, links)
        if prose:
            cells.append(("markdown", "\n\n".join([*headings, prose])))
        elif following is not None:
            carried = [h for h in headings if _level(h) < _level(following.heading)]
    return cells


def _about(path, links, extras):
    """The first cell, in the page's language: what the notebook is, what its install cell does."""
    said = words(language_of_path(path))
    title = inline_markdown(first_heading(path), links)
    kind = said["page"] if pathlib.Path(path).name == "index.md" else said["chapter"]
    if links.chapter_url:
        source = said["linked title"].format(title=title, url=links.chapter_url)
    else:
        source = said["title"].format(title=title)
    extra_note = "".join(
        said["extra"].format(extra=extra, why=said[f"why {extra}"]) for extra in extras
    )
    has_figures = IMAGE.search(pathlib.Path(path).read_text("utf-8"))
    about = said["about"].format(
        kind=kind,
        source=source,
        figures=said["and figures"] if has_figures else "",
        distribution=DISTRIBUTION,
        extra_note=extra_note,
    )
    return f"# {title}\n\n{about}"


def chapter_notebook(path, chapter_url=None, page_urls=None):
    """Build the Jupyter notebook of a chapter (see the module's docstring).

    ``chapter_url`` is the chapter's address on the published site, and
    ``page_urls`` maps the resolved source path of every page to its
    address; without them (a local build) links to pages become plain text.
    Cell ids are fixed, so the same chapter gives the same bytes.
    """
    import nbformat

    links = Links(pathlib.Path(path), chapter_url, page_urls or {})
    extras = chapter_extras(path)
    install = nbformat.v4.new_code_cell(install_command(extras))
    install.metadata["tags"] = [SKIP_TAG]
    notebook_cells = [
        nbformat.v4.new_markdown_cell(_about(path, links, extras)),
        install,
        *(
            nbformat.v4.new_code_cell(source)
            if kind == "code"
            else nbformat.v4.new_markdown_cell(source)
            for kind, source in _section_cells(chapter_sections(path), links)
        ),
    ]
    for number, cell in enumerate(notebook_cells):
        cell["id"] = f"cell-{number}"
    install["id"] = INSTALL_CELL_ID
    notebook = nbformat.v4.new_notebook(cells=notebook_cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook
