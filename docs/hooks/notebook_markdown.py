r"""Turn a chapter's Markdown prose into the Markdown of a Jupyter notebook.

The chapters are written for Python-Markdown with MkDocs' extensions;
Jupyter renders CommonMark with $-delimited maths.  What does not carry
over is rewritten or dropped:

* admonitions (``!!! note "Title"``, collapsible ``??? tip``) become block
  quotes headed by their title in bold; content tabs (``=== "Tab"``)
  become their title in bold followed by their content;
* ``\( \)`` and ``\[ \]`` maths become ``$ $`` and ``$$ $$``;
* links to pages of the site point to the published page when the site's
  address is known, and become plain text otherwise;
* figures (images of the site) cannot be reached from a notebook: each
  one becomes a line with its description, pointing to the chapter; the
  dark-palette copy of a figure is dropped;
* attribute lists (``{ .md-button }``), icons (``:material-...:``), HTML
  comments (``<!--pytest-codeblocks:cont-->``), snippet includes
  (``--8<--``) and the titles of fences are dropped; footnote marks
  become superscripts;
* a paragraph linking to the chapter's own notebook is dropped;
* an explorable (``<div class="explorable" ...>`` up to its ``</div>``) is
  dropped with the paragraph inside it: a notebook runs no page script, and
  the static figure before it stays.

Maths and inline code are set aside while rewriting, so nothing in them
changes.
"""

import dataclasses
import pathlib
import re
import urllib.parse

from edition import language_of_path, words
from literate import FENCE


@dataclasses.dataclass(frozen=True)
class Links:
    """Where the links of a chapter lead (see ``chapter_notebook.chapter_notebook``)."""

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
        if match := FENCE.match(line):
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


#: An image: ``![alt](src)``, with an optional title.
IMAGE = re.compile(r'!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?:\s+"[^"]*")?\)')
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
    said = words(language_of_path(links.chapter))
    description = match.group("alt").strip().rstrip(".。") or said["a figure"]
    the_chapter = said["the chapter"]
    chapter = f"[{the_chapter}]({links.chapter_url})" if links.chapter_url else the_chapter
    return said["figure"].format(chapter=chapter, description=description)


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
    """Rewrite the inline syntax of Markdown text (see the module's docstring)."""
    text, kept = _set_aside(text)
    text = IMAGE.sub(lambda m: _figure(m, links), text)
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


_EXPLORABLE = re.compile(r'^<div class="explorable"')


def _drop_explorables(lines):
    """Drop each explorable's ``div``, from its first line to its ``</div>``."""
    result = []
    inside = False
    for line in lines:
        if _EXPLORABLE.match(line):
            inside = True
        if not inside:
            result.append(line)
        elif line.strip() == "</div>":
            inside = False
    return result


def prose_markdown(lines, links):
    """The Markdown of a notebook cell made from a chapter's Markdown lines."""
    lines = _drop_explorables(_drop_comments_and_snippets(lines))
    lines = _drop_own_notebook_mentions(lines, links)
    lines = _convert_blocks(lines)
    converted = []
    for is_fence, run in _runs(lines):
        if is_fence:
            converted.extend([_fence_opening(run[0]), *run[1:]])
        else:
            converted.extend(inline_markdown("\n".join(run), links).split("\n"))
    return _tidy(converted)
