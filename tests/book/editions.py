"""What the English and Traditional Chinese editions must share, read from their Markdown.

Used by ``tests/book/test_editions.py``, and runnable on its own while a page
is being written: ``python tests/book/editions.py docs/zh-TW/part-1/feedforward.md``
prints every difference from the English twin (no output means none).

- **Structure**: the sequence of headings (by level), admonitions, figures,
  tables, Python blocks and their Output fences, and numbered exercises.
- **Code**: each Python block, parsed, with the text of its string constants
  set aside (comments are not in the parse): docstrings, comments and printed
  labels may be translated, no name, number or statement may change.
- **Numbers**: in each section, the set of numbers written in digits in the
  prose (outside code fences, link targets and HTML attributes).
- **Taiwan usage**: no mainland word from ``docs/zh-TW/glossary.yml``, and
  full-width punctuation next to Chinese characters.
"""

import ast
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "docs" / "hooks"))

import literate  # noqa: E402
from edition import DOCS, GLOSSARY, ROOT, glossary  # noqa: E402, F401

ZH = DOCS / "zh-TW"

#: English pages that have no Chinese twin: the API reference stays English.
ENGLISH_ONLY = ("reference/",)

_FENCE_BLOCK = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.M | re.S)
_HEADING = re.compile(r"^(#{1,6}) ")
_ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?) *(\w+)")
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")
_EXPLORABLE = re.compile(r'<div class="explorable" data-explorable="([^"]+)"')
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_EXERCISE = re.compile(r"^\d+\. ")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]|^\[[^\]]+\]:.*$", re.M)
_ATTRIBUTES = re.compile(r"<[^>]*>|\{[:#.][^}]*\}|\{ *\.[^}]*\}")
_NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?%?")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HALF_WIDTH = re.compile(rf"[{_CJK}] ?[,;:?!()]|[,;:?!()] ?[{_CJK}]")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_MATHS = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|\\\(.*?\\\)|\\\[.*?\\\]", re.S)


def english_pages():
    """Every English page that must have a Chinese twin, relative to ``docs/``."""
    return sorted(
        path.relative_to(DOCS).as_posix()
        for path in DOCS.rglob("*.md")
        if not path.is_relative_to(ZH)
        and not path.relative_to(DOCS).as_posix().startswith(ENGLISH_ONLY)
    )


def twin(path):
    """The other edition's file of ``path`` (either edition)."""
    path = pathlib.Path(path).resolve()
    if path.is_relative_to(ZH):
        return DOCS / path.relative_to(ZH)
    return ZH / path.relative_to(DOCS)


def _lines_outside_fences(text):
    """The lines of ``text`` with every fenced block replaced by one marker line."""
    return _FENCE_BLOCK.sub(lambda m: "\x00fence\x00", text).splitlines()


def structure(path):
    """The page's skeleton: a list of short tokens, in order."""
    tokens = []
    text = pathlib.Path(path).read_text(encoding="utf-8")
    for line in _lines_outside_fences(text):
        heading = _HEADING.match(line)
        if heading:
            tokens.append(f"h{len(heading.group(1))}")
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            tokens.append(f"{admonition.group(1)} {admonition.group(2)}")
        for image in _IMAGE.findall(line):
            tokens.append(f"figure {image}")
        for name in _EXPLORABLE.findall(line):
            tokens.append(f"explorable {name}")
        if _TABLE_RULE.match(line) and "-" in line:
            tokens.append("table")
        if _EXERCISE.match(line):
            tokens.append("numbered item")
    for block in literate.read_blocks(path):
        if block.fence == "`":
            tokens.append("python + Output" if block.output is not None else "python")
    return tokens


def sections(path):
    """``[(heading level, prose)]``: the text before the first heading, then one per heading."""
    found = [[0, []]]
    for line in _lines_outside_fences(pathlib.Path(path).read_text(encoding="utf-8")):
        heading = _HEADING.match(line)
        if heading:
            found.append([len(heading.group(1)), [line]])
        else:
            found[-1][1].append(line)
    return [(level, "\n".join(lines)) for level, lines in found]


def _prose(text):
    """Prose without link targets, HTML tags and attribute lists."""
    return _ATTRIBUTES.sub(" ", _LINK_TARGET.sub("]", text))


def numbers(text):
    """The set of numbers written in digits in ``text``'s prose."""
    return {n.replace("−", "-") for n in _NUMBER.findall(_prose(text))}


def section_numbers(path):
    """``[set of numbers]`` per section of the page."""
    return [numbers(prose) for _, prose in sections(path)]


class _Blank(ast.NodeTransformer):
    """Set aside what a translation may change: the text of string constants."""

    def visit_Constant(self, node):
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant(value="…"), node)
        return node

    def visit_JoinedStr(self, node):
        self.generic_visit(node)
        values = [v for v in node.values if not isinstance(v, ast.Constant)]
        return ast.copy_location(ast.JoinedStr(values=values), node)


def parsed_code(source):
    """A block's code with string texts set aside, as a comparable string."""
    tree = _Blank().visit(ast.parse(source))
    return ast.dump(tree, include_attributes=False)


def python_blocks(path):
    return [b for b in literate.read_blocks(path) if b.fence == "`" and b.info == "python"]


def running_text(text):
    """Prose of a Chinese page where wording rules apply: no code, no maths, no link targets."""
    text = _FENCE_BLOCK.sub(" ", text)
    text = _INLINE_CODE.sub(" ", text)
    text = _MATHS.sub(" ", text)
    return _prose(text)


def mainland_words(text):
    """``[(word, use instead)]`` for every mainland word in ``text``'s running text."""
    prose = running_text(text)
    found = []
    for entry in glossary()["avoid"]:
        cleaned = prose
        for allowed in entry.get("except", []):
            cleaned = cleaned.replace(allowed, "")
        if entry["mainland"] in cleaned:
            found.append((entry["mainland"], entry["use"]))
    return found


def half_width_punctuation(text):
    """Lines of running text with ``, ; : ? ! ( )`` next to a Chinese character."""
    found = []
    for line in running_text(text).splitlines():
        if _HALF_WIDTH.search(line):
            found.append(line.strip())
    return found


def differences(zh_path):
    """Every way the Chinese page at ``zh_path`` differs from its English twin."""
    zh_path = pathlib.Path(zh_path).resolve()
    en_path = twin(zh_path)
    problems = []
    if not en_path.exists():
        return [f"{zh_path}: no English page {en_path}"]
    en, zh = structure(en_path), structure(zh_path)
    if en != zh:
        problems.append(_first_difference("structure", en, zh))
    en_code, zh_code = python_blocks(en_path), python_blocks(zh_path)
    if len(en_code) != len(zh_code):
        problems.append(f"python blocks: {len(en_code)} in English, {len(zh_code)} in Chinese")
    for a, b in zip(en_code, zh_code, strict=False):
        if parsed_code(a.code) != parsed_code(b.code):
            problems.append(f"python block at line {b.line} differs from English line {a.line}")
        if a.continues != b.continues or a.marks != b.marks:
            problems.append(f"python block at line {b.line}: markers differ from English")
    en_numbers, zh_numbers = section_numbers(en_path), section_numbers(zh_path)
    for index, (a, b) in enumerate(zip(en_numbers, zh_numbers, strict=False)):
        if a != b:
            heading = sections(zh_path)[index][1].splitlines()[:1] or [""]
            problems.append(
                f"section {index} {heading[0]!r}: numbers only in English {sorted(a - b)}, "
                f"only in Chinese {sorted(b - a)}"
            )
    text = zh_path.read_text(encoding="utf-8")
    for word, use in mainland_words(text):
        problems.append(f"mainland word {word!r}: write {use!r}")
    for line in half_width_punctuation(text):
        problems.append(f"half-width punctuation next to Chinese: {line[:80]!r}")
    return problems


def _first_difference(what, en, zh):
    for index, (a, b) in enumerate(zip(en, zh, strict=False)):
        if a != b:
            return f"{what}: item {index} is {a!r} in English, {b!r} in Chinese"
    return f"{what}: {len(en)} items in English, {len(zh)} in Chinese"


if __name__ == "__main__":
    status = 0
    for name in sys.argv[1:]:
        for problem in differences(name):
            print(f"{name}: {problem}")
            status = 1
    sys.exit(status)
