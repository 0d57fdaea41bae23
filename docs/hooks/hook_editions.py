"""Build both editions of the book, and join them: one `mkdocs build` (or `serve`) makes both.

- **English build** (``mkdocs.yml``): after it, the Chinese edition is built
  into ``<site>/zh-TW/`` with ``mkdocs.zh-TW.yml``, so ``mkdocs build`` and
  ``mkdocs serve`` always give the whole site and the language switch works
  locally too.  ``docs/zh-TW/`` is excluded from the English build.
- **Chinese build** (``mkdocs.zh-TW.yml``, which inherits ``mkdocs.yml``):
  - the site's scripts and style sheets come from ``docs/`` (one copy);
  - each heading gets the anchor of its English twin's heading, so links
    written ``backpropagation.md#the-chain-rule`` work in both editions, and
    the language switch keeps the reader's place;
  - links into pages only the English edition has (the API reference) go to
    the English pages, marked ``hreflang="en"`` (the style sheet adds （英文）);
  - the 詞彙表 (glossary) page is written from ``docs/zh-TW/glossary.yml``.
- **Both**: every page's language switch points at the same page in the
  other edition (the home page of the other edition when there is none),
  and both editions keep the reader's palette in one place.
"""

import os
import pathlib
import posixpath
import re

import edition
import markdown
from literate import FENCE
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

#: Folders of ``docs/`` whose files both editions serve from one copy.
SHARED_FOLDERS = ("javascripts/", "stylesheets/")
GLOSSARY_PAGE = "glossary.md"
#: The Chinese navigation's section that lists the English API reference.
REFERENCE_SECTION = "參考資料"
REFERENCE_TITLE = "API 參考（英文）"

_HEADING = re.compile(r"^(#{1,6}) +(.*?)\s*$")
_EXPLICIT_ID = re.compile(r"\{[^}]*#[\w-]+[^}]*\}\s*$")
# A line break inside a paragraph becomes a space in HTML; between two
# Chinese characters that space is a visible gap, so such lines are joined.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CHINESE_START = re.compile(rf"^[ \t]*[{_CJK}]")
_CHINESE_END = re.compile(rf"[{_CJK}]$")
_SNIPPET = re.compile(r"^\s*--8<--.*$", re.M)
_LINK = re.compile(r"(\]\()(?P<target>[^)\s#]+\.md)(?P<fragment>#[^)\s]*)?(\))(?!\{)")


def _is_chinese(config):
    return edition.language_of(config) == edition.CHINESE


# --- English build: build the Chinese edition after it -------------------------


def chinese_config(english):
    """The Chinese build's config, writing into ``<english site>/zh-TW``."""
    folder, config_file, _ = edition.EDITIONS[edition.CHINESE]
    overrides = {"site_dir": str(pathlib.Path(english.site_dir) / folder)}
    if english.site_url:
        overrides["site_url"] = english.site_url.rstrip("/") + "/" + folder
    if english.repo_url and english.edit_uri:
        overrides["edit_uri"] = english.edit_uri.rstrip("/") + "/" + folder
    return load_config(str(edition.ROOT / config_file), **overrides)


#: Set to ``en`` to build the English edition alone (a faster ``mkdocs serve``
#: while writing English pages); unset, both editions are built.
ONLY_VARIABLE = "NN_BOOK_ONLY"


def on_post_build(config):
    if _is_chinese(config) or os.environ.get(ONLY_VARIABLE) == edition.ENGLISH:
        return
    from mkdocs.commands.build import build

    chinese = chinese_config(config)
    chinese.plugins.on_startup(command="build", dirty=False)
    try:
        build(chinese)
    finally:
        chinese.plugins.on_shutdown()


# --- Chinese build ----------------------------------------------------------------


def glossary_markdown():
    """The 詞彙表 page, from ``docs/zh-TW/glossary.yml``."""
    data = edition.glossary()
    lines = [
        "# 詞彙表 { #glossary }",
        "",
        # One line per paragraph: a line break between Chinese characters shows as a space.
        "本書中文版的用語。左欄是英文版的詞，中欄是本書一律使用的臺灣用語；"
        "最後一節列出本書不用的中國大陸用語，以及改用的詞。"
        "這一頁由 `docs/zh-TW/glossary.yml` 產生，測試也用同一份檔案檢查每一頁的用字。",
    ]
    # Chinese headings would get empty ids; each section gets a plain one.
    for number, section in enumerate(data["terms"], start=1):
        heading = f"## {section['section']} {{ #terms-{number} }}"
        lines += ["", heading, "", "| 英文 | 中文 | 說明 |", "| --- | --- | --- |"]
        for entry in section["entries"]:
            lines.append(f"| {entry['en']} | {entry['zh']} | {entry.get('note', '')} |")
    lines += ["", "## 不用的詞 { #avoid }", "", "| 不用 | 改用 |", "| --- | --- |"]
    for entry in data["avoid"]:
        lines.append(f"| {entry['mainland']} | {entry['use']} |")
    return "\n".join(lines) + "\n"


def on_files(files, config):
    if not _is_chinese(config):
        return files
    for path in sorted(edition.DOCS.rglob("*")):
        uri = path.relative_to(edition.DOCS).as_posix()
        shared = path.is_file() and uri.startswith(SHARED_FOLDERS)
        if shared and files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    files.append(File.generated(config, GLOSSARY_PAGE, content=glossary_markdown()))
    return files


def heading_ids(path, config):
    """The ids the English page at ``path`` gives its headings, in order."""
    renderer = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    # Without included files (``--8<--``): both editions include the same
    # file, whose headings get the same ids in both.
    text = pathlib.Path(path).read_text(encoding="utf-8")
    renderer.convert(_SNIPPET.sub("", text))
    found = []

    def walk(tokens):
        for token in tokens:
            found.append(token["id"])
            walk(token["children"])

    walk(renderer.toc_tokens)
    return found


def _with_english_anchors(text, ids, src_uri):
    lines = text.split("\n")
    headings = []
    fence = None
    for index, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence is not None:
            if opening and opening.group(2).startswith(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(2)
        elif _HEADING.match(line):
            headings.append(index)
    if len(headings) != len(ids):
        raise PluginError(
            f"zh-TW/{src_uri} has {len(headings)} headings and its English twin "
            f"{len(ids)}: the editions must have the same sections"
        )
    for index, anchor in zip(headings, ids, strict=True):
        if not _EXPLICIT_ID.search(lines[index]):
            lines[index] = f"{lines[index]} {{ #{anchor} }}"
    return "\n".join(lines)


def join_chinese_lines(text):
    """Join the lines of a paragraph where a Chinese character ends one and starts the next.

    Fenced blocks, headings and the lines after them are left alone; list
    items, table rows and quotes never start with a Chinese character.
    """
    joined = []
    fence = None
    for line in text.split("\n"):
        opening = FENCE.match(line)
        if fence is not None:
            fence = None if opening and opening.group(2).startswith(fence) else fence
        elif opening:
            fence = opening.group(2)
        elif (
            joined
            and _CHINESE_START.match(line)
            and _CHINESE_END.search(joined[-1])
            and not _HEADING.match(joined[-1])
            and not FENCE.match(joined[-1])
        ):
            joined[-1] += line.lstrip()
            continue
        joined.append(line)
    return "\n".join(joined)


def _english_only_links(text, page, files):
    """Point links to pages missing from the Chinese edition at the English pages."""
    to_english_root = "../" * page.url.count("/") + "../"

    def point(match):
        folder = posixpath.dirname(page.file.src_uri)
        target = posixpath.normpath(posixpath.join(folder, match["target"]))
        if files.get_file_from_path(target) is not None or not (edition.DOCS / target).exists():
            return match.group(0)
        url = target.removesuffix(".md").removesuffix("index") + "/"
        url = url.replace("//", "/").lstrip("/")
        fragment = match["fragment"] or ""
        return f"]({to_english_root}{url}{fragment}){{ hreflang=en }}"

    return _LINK.sub(point, text)


def on_page_markdown(text, page, config, files):
    if not _is_chinese(config) or page.file.src_uri == GLOSSARY_PAGE:
        return text
    if page.file.src_uri.endswith(".md"):
        english = edition.DOCS / page.file.src_uri
        if english.exists():
            text = _with_english_anchors(text, heading_ids(english, config), page.file.src_uri)
    return join_chinese_lines(_english_only_links(text, page, files))


def on_nav(nav, config, files):
    """Add the English API reference to the Chinese navigation, as a link out of this edition."""
    if not _is_chinese(config):
        return nav
    from mkdocs.structure.nav import Link

    reference = next(item for item in nav.items if item.title == REFERENCE_SECTION)
    link = Link(REFERENCE_TITLE, "../reference/")
    link.parent = reference
    reference.children.insert(len(reference.children) - 1, link)
    return nav


# --- Both: the language switch ----------------------------------------------------


def alternates(page, config):
    """``[(language, name, href)]``: this page in each edition, relative to the page."""
    here = edition.language_of(config)
    here_folder = edition.EDITIONS[here][0]
    uri = page.file.src_uri
    links = []
    for language, (folder, _, name) in edition.EDITIONS.items():
        if language == here:
            target = page.url
        else:
            twin = (edition.DOCS / folder / uri) if uri.endswith(".md") else None
            has_twin = uri.startswith("notebooks/") or (twin is not None and twin.exists())
            target = page.url if has_twin else ""
        # Paths from the site's root: English at its top, Chinese in zh-TW/.
        href = get_relative_url(f"{folder}{target}" or ".", f"{here_folder}{page.url}" or ".")
        if not href.endswith(("/", ".html")):
            href += "/"  # "..": a folder, as every other link of the site writes it
        links.append((language, name, href))
    return links


def home_alternates(base_url, config):
    """The switch of a page that is not a page of the book (404): each edition's home."""
    root = base_url.rstrip("/")
    here_folder = edition.EDITIONS[edition.language_of(config)][0]
    up = "/.." if here_folder else ""
    return [
        (language, name, f"{root}{up}/{folder}")
        for language, (folder, _, name) in edition.EDITIONS.items()
    ]


def on_template_context(context, template_name, config):
    if "alternates" not in context:
        context["alternates"] = home_alternates(context["base_url"], config)
    return context


def on_page_context(context, page, config, nav):
    context["alternates"] = alternates(page, config)
    if _is_chinese(config):
        # Material keeps the reader's choices (the palette) in localStorage
        # under the site's root, its "scope".  The Chinese pages use the
        # English root too, so a dark palette chosen in one edition stays on
        # in the other.  Set per page: the path is relative to the page.
        config.extra["scope"] = posixpath.join(context["base_url"], "..")
    return context
