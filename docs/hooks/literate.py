"""Read a chapter's fenced code blocks, the way pytest-codeblocks does.

Shared by the site's build hooks (notebooks) and the test suite (outputs,
chapter/package sameness).  A chapter's ``python`` blocks form chains: a
block preceded by ``<!--pytest-codeblocks:cont-->`` runs after the ones
before it, in the same namespace.

Conventions the chapters follow, because pytest-codeblocks only sees
backtick fences and chains a ``cont`` block to the previous backtick fence
whatever its language:

* backtick fences are for ``python`` (run) only;
* everything else (shell sessions, printed output) uses tilde fences;
* a ``~~~text title="Output"`` fence right after a ``python`` block is what
  that block prints, and the test suite checks it.
"""

import ast
import dataclasses
import functools
import pathlib
import re
import urllib.parse

_MARKER = re.compile(r"<!--[-\s]*(pytest-codeblocks:[^>]*?|pytest\.mark\.[^>]*?)[-\s]*-->")
_OUTPUT_INFO = re.compile(r'^text\b.*\btitle="Output"')


@dataclasses.dataclass
class Block:
    """One fenced block of a Markdown file."""

    info: str
    fence: str
    code: str
    line: int
    continues: bool = False
    marks: list = dataclasses.field(default_factory=list)
    output: "str | None" = None

    @property
    def language(self):
        return self.info.split()[0] if self.info else ""


def read_blocks(path):
    """Return the fenced blocks of the Markdown file at ``path``, in order."""
    lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    blocks = []
    pending_marks = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        marker = _MARKER.fullmatch(stripped)
        if marker:
            pending_marks.append(marker.group(1).strip())
            i += 1
            continue
        fence = re.match(r"^(\s*)(`{3,}|~{3,})(.*)$", lines[i].rstrip("\n"))
        if not fence:
            if stripped:
                pending_marks = []
            i += 1
            continue
        indent, ticks, info = len(fence.group(1)), fence.group(2), fence.group(3).strip()
        start = i + 1
        body = []
        i += 1
        while i < len(lines) and not lines[i].lstrip().startswith(ticks):
            text = lines[i]
            body.append(text[min(indent, len(text) - len(text.lstrip())) :])
            i += 1
        i += 1
        continues = "pytest-codeblocks:cont" in pending_marks
        if continues and ticks[0] == "`":
            previous = [b for b in blocks if b.fence == "`"]
            if not previous or previous[-1].language != "python":
                raise ValueError(
                    f"{path}:{start}: a pytest-codeblocks:cont block must follow a "
                    "python block; use ~~~ fences for anything that is not Python"
                )
        block = Block(
            info=info,
            fence=ticks[0],
            code="".join(body),
            line=start,
            continues=continues,
            marks=[m for m in pending_marks if m.startswith("pytest.mark.")],
        )
        pending_marks = []
        if (
            ticks[0] == "~"
            and _OUTPUT_INFO.match(info)
            and blocks
            and blocks[-1].language == "python"
        ):
            blocks[-1].output = block.code
            continue
        blocks.append(block)
    return blocks


def python_chains(blocks):
    """Group the ``python`` blocks into chains that share one namespace."""
    chains = []
    for block in blocks:
        if block.fence != "`" or block.info != "python":
            continue
        if block.continues and chains:
            chains[-1].append(block)
        else:
            chains.append([block])
    return chains


def first_heading(path):
    """Return the text of the first ``# `` heading of a Markdown file."""
    for line in pathlib.Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return pathlib.Path(path).stem


# The notebook of a chapter.
#
# One notebook per chapter, downloadable from the site: a Markdown cell that
# says what it is, a cell that installs the package, then the chapter's
# sections in order.  A section with Python blocks becomes its heading and
# one code cell per block; a section without any keeps its prose, turned
# into Markdown that Jupyter renders (see ``prose_markdown``).

#: The book's distribution, which installs the package ``nn_from_scratch``.
DISTRIBUTION = "nn-from-scratch-book"

#: The extras of pyproject.toml a chapter may need: the library each one
#: adds (its import name), and what it is for, as the first cell says it.
EXTRAS = {
    "digits": ("sklearn", "scikit-learn, which holds the handwritten digits"),
    "figures": ("matplotlib", "matplotlib, which draws the figures"),
}

#: The id of the notebook's install cell (the others are ``cell-<index>``).
INSTALL_CELL_ID = "install"

#: The install cell's tag.  nbclient, and so mkdocs-jupyter, skips the cells
#: that have it: the notebook page the site renders is executed at build
#: time, which must not run pip.  Jupyter itself runs the cell as any other.
SKIP_TAG = "skip-execution"

_PACKAGE = "nn_from_scratch"
_PACKAGE_DIR = pathlib.Path(__file__).resolve().parents[2] / _PACKAGE


def imported_modules(code, package=None):
    """The absolute names of the modules ``code`` imports, anywhere in it.

    Imports inside functions count too.  ``from a import b`` gives ``a`` and
    ``a.b`` (``b`` may be a submodule); relative imports are resolved
    against ``package``.
    """
    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def _package_source(name):
    """The source file of module ``name`` of our package; None for other modules."""
    parts = name.split(".")
    if parts[0] != _PACKAGE:
        return None
    path = _PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (path / "__init__.py", path.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


@functools.cache
def _package_imports(name):
    source = _package_source(name)
    if source is None:
        return frozenset()
    package = name if source.name == "__init__.py" else name.rpartition(".")[0]
    return frozenset(imported_modules(source.read_text(encoding="utf-8"), package))


def modules_reached(names):
    """``names`` and every module they may import through our package.

    Importing ``a.b`` runs ``a`` first, and a module of our package may
    import others, or a library, when one of its functions is called: all
    of them are followed.
    """
    reached = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in reached:
            continue
        reached.add(name)
        parent = name.rpartition(".")[0]
        if parent:
            pending.append(parent)
        pending.extend(_package_imports(name))
    return reached


def chapter_extras(path):
    """The extras of ``DISTRIBUTION`` the chapter's code needs, sorted.

    The rule: an extra is needed when the chapter's code may import its
    library, directly or through the modules of our package it imports.
    The package imports scikit-learn and matplotlib only inside the
    functions that use them, and the rule counts those imports too: a
    chapter importing ``nn_from_scratch.digits`` (or a module that imports
    it, such as ``nn_from_scratch.mlp``) needs ``digits``, even if it only
    uses a constant of that module.  It errs on the side of installing.
    """
    blocks = [b for chain in python_chains(read_blocks(path)) for b in chain]
    names = set().union(*(imported_modules(b.code) for b in blocks))
    reached = modules_reached(names)
    return tuple(
        extra
        for extra, (library, _) in sorted(EXTRAS.items())
        if any(m == library or m.startswith(library + ".") for m in reached)
    )


def install_command(extras):
    """The IPython line that installs the book's package with ``extras``."""
    if not extras:
        return f"%pip install {DISTRIBUTION}"
    # Double quotes keep the brackets from the shell, on POSIX and Windows alike.
    return f'%pip install "{DISTRIBUTION}[{",".join(extras)}]"'


@dataclasses.dataclass
class Section:
    """A part of a chapter: its heading (None for the opening under the
    title), its Markdown lines, and the code of its Python blocks."""

    heading: "str | None"
    lines: list = dataclasses.field(default_factory=list)
    code: list = dataclasses.field(default_factory=list)


_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
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
        elif match := _FENCE.match(line):
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
    """The first cell: what the notebook is, and what the install cell does."""
    title = inline_markdown(first_heading(path), links)
    kind = "page" if pathlib.Path(path).name == "index.md" else "chapter"
    source = f"[{title}]({links.chapter_url})" if links.chapter_url else f"*{title}*"
    extra_note = "".join(
        f" together with its extra `{extra}` ({EXTRAS[extra][1]})" for extra in extras
    )
    figures = " and the figures" if _IMAGE.search(pathlib.Path(path).read_text("utf-8")) else ""
    return (
        f"# {title}\n\n"
        f"This notebook comes from the {kind} {source} of the book *Neural Networks "
        f"from Scratch*. Each Python block of the {kind} is a code cell here, in the "
        f"same order and under the same headings; sections without code keep their "
        f"text. The {kind} itself has the full explanations{figures}.\n\n"
        "The code imports `nn_from_scratch`, the package that holds the book's code. "
        f"The next cell installs it with pip, as `{DISTRIBUTION}`{extra_note}. You can "
        "skip that cell where the package is already installed, for instance in a "
        "clone of the book's repository after `pip install -e .` there. Then run the "
        "cells from the top: each one builds on those above it."
    )


def chapter_notebook(path, chapter_url=None, page_urls=None):
    """Build the Jupyter notebook of a chapter (see the comment above).

    ``chapter_url`` is the chapter's address on the published site, and
    ``page_urls`` maps the resolved source path of every page to its
    address; without them (a local build) links to pages become plain text.
    Cell ids are fixed, so the same chapter gives the same bytes.
    """
    import nbformat

    links = Links(pathlib.Path(path), chapter_url, page_urls or {})
    extras = chapter_extras(path)
    cells = [
        ("markdown", _about(path, links, extras)),
        ("code", install_command(extras)),
        *_section_cells(chapter_sections(path), links),
    ]
    notebook_cells = []
    for number, (kind, source) in enumerate(cells):
        if kind == "code":
            cell = nbformat.v4.new_code_cell(source)
        else:
            cell = nbformat.v4.new_markdown_cell(source)
        cell["id"] = INSTALL_CELL_ID if number == 1 else f"cell-{number}"
        if number == 1:
            cell.metadata["tags"] = [SKIP_TAG]
        notebook_cells.append(cell)
    notebook = nbformat.v4.new_notebook(cells=notebook_cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


# From the site's Markdown to the notebook's.
#
# The chapters are written for Python-Markdown with MkDocs' extensions;
# Jupyter renders CommonMark with $-delimited maths.  What does not carry
# over is rewritten or dropped:
#
# * admonitions (``!!! note "Title"``, collapsible ``??? tip``) become block
#   quotes headed by their title in bold; content tabs (``=== "Tab"``)
#   become their title in bold followed by their content;
# * ``\( \)`` and ``\[ \]`` maths become ``$ $`` and ``$$ $$``;
# * links to pages of the site point to the published page when the site's
#   address is known, and become plain text otherwise;
# * figures (images of the site) cannot be reached from a notebook: each
#   one becomes a line with its description, pointing to the chapter; the
#   dark-palette copy of a figure is dropped;
# * attribute lists (``{ .md-button }``), icons (``:material-...:``), HTML
#   comments (``<!--pytest-codeblocks:cont-->``), snippet includes
#   (``--8<--``) and the titles of fences are dropped; footnote marks
#   become superscripts;
# * a paragraph linking to the chapter's own notebook is dropped.
#
# Maths and inline code are set aside while rewriting, so nothing in them
# changes.


@dataclasses.dataclass(frozen=True)
class Links:
    """Where the links of a chapter lead (see ``chapter_notebook``)."""

    chapter: pathlib.Path
    chapter_url: "str | None" = None
    page_urls: dict = dataclasses.field(default_factory=dict)

    def url(self, target):
        """The absolute address of a link's target, or None if there is none."""
        if re.match(r"^([a-zA-Z][\w+.-]*:|//)", target):
            return target
        path, _, fragment = target.partition("#")
        if path:
            source = (self.chapter.parent / urllib.parse.unquote(path)).resolve()
            page = self.page_urls.get(source)
        else:
            page = self.chapter_url
        if page is None:
            return None
        return f"{page}#{fragment}" if fragment else page


_DROPPED = "\x01"  # marks what was removed, so that lines left empty go too
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*")
_FENCE_IN_QUOTE = re.compile(r"^([ \t]*(?:>[ \t]?)*[ \t]*)(`{3,}|~{3,})(.*)$")


def _runs(lines):
    """Split lines into ``(is_fence, lines)`` runs: fenced blocks and the text between."""
    runs = []
    fence = None
    for line in lines:
        if fence is not None:
            runs[-1][1].append(line)
            if _QUOTE_PREFIX.sub("", line, count=1).startswith(fence):
                fence = None
            continue
        match = _FENCE_IN_QUOTE.match(line)
        if match:
            fence = match.group(2)
            runs.append((True, [line]))
        elif runs and not runs[-1][0]:
            runs[-1][1].append(line)
        else:
            runs.append((False, [line]))
    return runs


def _drop_marked(text):
    """Remove the lines that only held dropped syntax, and the marks."""
    kept = [
        line.replace(_DROPPED, "")
        for line in text.split("\n")
        if _DROPPED not in line or _QUOTE_PREFIX.sub("", line.replace(_DROPPED, ""))
    ]
    return "\n".join(kept)


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SNIPPET = re.compile(r"^\s*;?--8<--")


def _drop_comments_and_snippets(lines):
    result = []
    for is_fence, run in _runs(lines):
        if is_fence:
            result.extend(run)
            continue
        text = _COMMENT.sub(_DROPPED, "\n".join(run))
        in_block = False  # a snippet block: a line "--8<--", file names, "--8<--"
        for line in text.split("\n"):
            if line.strip() == "--8<--":
                in_block = not in_block
                continue
            if not in_block and not _SNIPPET.match(line):
                result.append(line)
    return _drop_marked("\n".join(result)).split("\n")


_ADMONITION = re.compile(
    r"^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<type>[\w-]+)(?:\s+[\w-]+)*"
    r'(?:\s+"(?P<title>[^"]*)")?\s*$'
)
_TAB = re.compile(r'^(?P<indent>\s*)===\+?\s+"(?P<title>[^"]*)"\s*$')


def _indented_body(lines, start, width):
    """The lines from ``start`` indented by ``width`` or more (or blank), and the next index."""
    end = start
    last = start
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(" ")) >= width
    ):
        end += 1
        if lines[end - 1].strip():
            last = end
    body = [line[width:] for line in lines[start:last]]
    while body and not body[0].strip():
        body.pop(0)
    return body, last


def _convert_blocks(lines):
    """Admonitions to block quotes and content tabs to titled text, nested ones too."""
    result = []
    index = 0
    fence = None
    while index < len(lines):
        line = lines[index]
        index += 1
        if fence is not None:
            fence = None if line.lstrip().startswith(fence) else fence
            result.append(line)
            continue
        if match := _FENCE.match(line):
            fence = match.group(2)
            result.append(line)
            continue
        admonition, tab = _ADMONITION.match(line), _TAB.match(line)
        if not (admonition or tab):
            result.append(line)
            continue
        match = admonition or tab
        indent = match.group("indent")
        body, index = _indented_body(lines, index, len(indent) + 4)
        inner = _convert_blocks(body)
        if admonition:
            title = match.group("title")
            if title is None:
                title = match.group("type").replace("-", " ").capitalize()
            head = [f"{indent}> **{title}**", f"{indent}>"] if title else []
            quoted = [f"{indent}> {x}" if x.strip() else f"{indent}>" for x in inner]
            result.extend(["", *head, *quoted, ""])
        else:
            body_lines = [f"{indent}{x}" if x.strip() else "" for x in inner]
            result.extend(["", f"{indent}**{match.group('title')}**", "", *body_lines, ""])
    return result


# Within one paragraph: any character, but no blank line.
_IN_PARAGRAPH = r"(?:[^\n]|\n(?![ \t>]*\n))"
_CODE_OR_MATH = re.compile(
    rf"(?P<code>(?P<ticks>`+){_IN_PARAGRAPH}+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<display>\$\$.+?\$\$)"
    r"|\\\[(?P<bracket>.+?)\\\]"
    rf"|\\\((?P<paren>{_IN_PARAGRAPH}+?)\\\)"
    rf"|(?P<inline>(?<![\\$])\$(?!\s)(?:\\.|(?![\\$]){_IN_PARAGRAPH})+?(?<!\s)\$)",
    re.S,
)


def _set_aside(text):
    """Replace inline code and maths by placeholders; ``\\( \\)`` and ``\\[ \\]`` become dollars."""
    kept = []

    def keep(match):
        if match.group("bracket") is not None:
            kept.append(f"$${match.group('bracket')}$$")
        elif match.group("paren") is not None:
            kept.append(f"${match.group('paren')}$")
        else:
            kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    return _CODE_OR_MATH.sub(keep, text), kept


def _put_back(text, kept):
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


_IMAGE = re.compile(r'!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?:\s+"[^"]*")?\)')
_LINK = re.compile(r'\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]*)(?:\s+"[^"]*")?\)')
_ATTRIBUTES = re.compile(r"[ \t]*\{:?[ \t]*(?P<body>[^{}\n]*)\}")
_ATTRIBUTE = re.compile(r"""[.#][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s"']+)|[\w-]+""")
_ICON = re.compile(r":(?:material|fontawesome|octicons|simple)-[\w-]+:[ \t]?")
_FOOTNOTE = re.compile(r"\[\^(?P<mark>[^\]\s]+)\](?P<colon>:[ \t]*)?")
_MARKDOWN_ATTRIBUTE = re.compile(
    r"""(<[a-zA-Z][^<>]*?)\s+markdown(?:=(?:"[^"]*"|'[^']*'|[^\s>]+))?"""
)


def _figure(match, links):
    src = match.group("src")
    if "#only-dark" in src:
        return _DROPPED
    if re.match(r"^(https?:)?//", src):
        return f"![{match.group('alt')}]({src.replace('#only-light', '')})"
    description = match.group("alt").strip().rstrip(".") or "a figure"
    chapter = f"[the chapter]({links.chapter_url})" if links.chapter_url else "the chapter"
    return f"*Figure, shown in {chapter}: {description}.*"


def _link(match, links):
    url = links.url(match.group("target"))
    return match.group("text") if url is None else f"[{match.group('text')}]({url})"


def _attributes(match):
    """Drop an attribute list (``{ .class #id key=value }``); keep other braces."""
    body = match.group("body").strip()
    tokens = _ATTRIBUTE.findall(body)
    marked = match.group(0).lstrip().startswith("{:")
    is_list = (
        body
        and "".join(tokens) == re.sub(r"\s", "", body)
        and (marked or any(t[0] in ".#" or "=" in t for t in tokens))
    )
    return _DROPPED if is_list else match.group(0)


def _footnote(match):
    mark = f"<sup>{match.group('mark')}</sup>"
    return f"{mark} " if match.group("colon") else mark


def inline_markdown(text, links):
    """Rewrite the inline syntax of Markdown text (see the comment above)."""
    text, kept = _set_aside(text)
    text = _IMAGE.sub(lambda m: _figure(m, links), text)
    text = _LINK.sub(lambda m: _link(m, links), text)
    text = _ATTRIBUTES.sub(_attributes, text)
    text = _ICON.sub("", text)
    text = _FOOTNOTE.sub(_footnote, text)
    text = _MARKDOWN_ATTRIBUTE.sub(r"\1", text)
    return _drop_marked(_put_back(text, kept))


def _fence_opening(line):
    """A fence's opening line with its language only (no title or other options)."""
    match = _FENCE_IN_QUOTE.match(line)
    language = re.match(r"\{?\s*\.?([\w+#-]*)", match.group(3).strip()).group(1)
    return f"{match.group(1)}{match.group(2)}{language}"


def _tidy(lines):
    """No blank lines at either end, and never two alike in a row outside fences."""
    result = []
    for is_fence, run in _runs(lines):
        for line in run if is_fence else [x.rstrip() if not x.strip() else x for x in run]:
            blank = not _QUOTE_PREFIX.sub("", line) and not is_fence
            if blank and (not result or result[-1] == line.rstrip()):
                continue
            result.append(line.rstrip() if blank else line)
    while result and not _QUOTE_PREFIX.sub("", result[-1]):
        result.pop()
    return "\n".join(result)


def _drop_own_notebook_mentions(lines, links):
    """Drop the paragraphs that link to this chapter's notebook: the reader is in it."""
    own = f"{links.chapter.stem}.ipynb"
    result = []
    for is_fence, run in _runs(lines):
        if is_fence:
            result.extend(run)
            continue
        paragraph = []
        for line in [*run, ""]:
            if line.strip():
                paragraph.append(line)
                continue
            targets = [m.group("target") for m in _LINK.finditer("\n".join(paragraph))]
            if not any(t.partition("#")[0].endswith(own) for t in targets):
                result.extend(paragraph)
            paragraph = []
            result.append(line)
        result.pop()
    return result


def prose_markdown(lines, links):
    """The Markdown of a notebook cell made from a chapter's Markdown lines."""
    lines = _drop_own_notebook_mentions(_drop_comments_and_snippets(lines), links)
    lines = _convert_blocks(lines)
    converted = []
    for is_fence, run in _runs(lines):
        if is_fence:
            converted.extend([_fence_opening(run[0]), *run[1:]])
        else:
            converted.extend(inline_markdown("\n".join(run), links).split("\n"))
    return _tidy(converted)
