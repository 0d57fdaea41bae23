"""Tune the search index: the chapters that teach a thing come first, and the index stays lean.

- **Boost.** A search for ``sigmoid`` or ``im2col`` used to list API pages
  first: their headings are the names themselves.  Pages of Part I and Part II
  get Material's per-page boost (``search.boost`` in a page's metadata), so
  the section that teaches a thing outranks the reference that lists it.
  "Debugging a training run" is a chapter about every other chapter's
  subject (the learning rate, the loss, the gradients, each as a check), so
  it gets half that boost: a search for 學習率 or "learning rate" leads to
  the chapter that teaches the learning rate, then to its range test.
- **Source listings.** The API pages show each function's source, the same
  code the chapters show and index already; it was a quarter of the index.
  Those listings carry ``data-search-exclude``, which Material's indexer skips.
- **Docstrings.** What stayed of the API pages, their docstrings, was still
  more than a third of the index, which every page downloads.  The index
  keeps each API page's own introduction and every heading (each function,
  class and method by name, so a search for ``to_torch`` still finds it);
  the paragraphs, lists, tables and signatures below are skipped: a
  reader looking for an idea rather than a name finds the chapter that
  teaches it.
- **Formulas.** A formula's TeX source read as text makes a poor search
  snippet (``\\(\\sigma(z) = ...\\)``), so formulas are skipped too; the words
  around them stay.
- **Code blocks.** Every page downloads the whole index, and the chapters'
  code blocks and their printed output were nearly a third of it.  They are
  skipped as well: a function a chapter teaches is named in its prose and
  headings, and listed in the API reference, which the search still finds.
- **Bytes.** Material writes the index as ASCII JSON, where every Chinese
  character takes six bytes (``\\u5b78``) and so does each of the word breaks
  jieba inserts.  After the build the index is written again as UTF-8 (three
  bytes each), the same JSON for the browser; the Chinese index shrinks by
  about half.  The word breaks jieba puts beside a space or a punctuation
  mark, which split nothing the separator does not split already, are
  dropped on the way (another tenth of the Chinese index).
- **Chinese words.** Material's search splits Chinese text into words with
  jieba.  Its dictionary is mostly Simplified Chinese and splits Taiwan terms
  (梯度下降 into 梯度 and 下降), so a search for a term would miss the page that
  teaches it; every term of the glossary is given to jieba as one word
  (``jieba_dict_user`` of ``mkdocs.zh-TW.yml``), written before each build.
"""

import json
import pathlib
import re

import edition

CHAPTER_BOOST = 4
CHAPTER_FOLDERS = ("part-1/", "part-2/", "part-3/")
#: Chapters whose subject is the other chapters' subjects, and their boost.
SURVEY_CHAPTERS = {"part-2/debugging.md": 2}
_SOURCE_LISTING = re.compile(r'<details class="mkdocstrings-source">')
_FORMULA = re.compile(r'(<(?:span|div) class="arithmatex")>')
_CODE_BLOCK = re.compile(r'<div class="highlight">')
_API_OBJECT = '<div class="doc doc-object'
_DOCSTRING_TEXT = re.compile(r"<(p|ul|ol|dl|table|blockquote|pre)(?=[\s>])")


#: Where mkdocs.zh-TW.yml's ``jieba_dict_user`` points (relative to the repository).
JIEBA_USER_DICTIONARY = pathlib.Path(".cache/nn-from-scratch/jieba-zh-TW.txt")
#: jieba's frequency for the book's terms: high enough to keep each one whole.
TERM_FREQUENCY = 100000


def glossary_words():
    """Every Chinese term of the glossary, each alternative on its own, sorted."""
    data = edition.glossary()
    found = set()
    for section in data["terms"]:
        for entry in section["entries"]:
            # 訓練週期（epoch）: the words before the bracket; 池化／最大池化: each.
            for word in re.split(r"[／（）()]", entry["zh"]):
                word = word.strip()
                if re.fullmatch(r"[\u3400-\u9fff]{2,}", word):
                    found.add(word)
    return sorted(found)


def jieba_dictionary():
    return "".join(f"{word} {TERM_FREQUENCY} n\n" for word in glossary_words())


def on_startup(command, dirty):
    path = edition.ROOT / JIEBA_USER_DICTIONARY
    path.parent.mkdir(parents=True, exist_ok=True)
    text = jieba_dictionary()
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def is_chapter(src_uri):
    return src_uri.startswith(CHAPTER_FOLDERS)


def on_page_markdown(markdown, page, config, files):
    if is_chapter(page.file.src_uri):
        search = page.meta.setdefault("search", {})
        search.setdefault("boost", SURVEY_CHAPTERS.get(page.file.src_uri, CHAPTER_BOOST))
    return markdown


def without_docstring_text(html):
    """``html`` of an API page with its docstrings' text blocks kept out of the index."""
    intro, found, objects = html.partition(_API_OBJECT)
    return intro + found + _DOCSTRING_TEXT.sub(r"<\1 data-search-exclude", objects)


def on_page_content(html, page, config, files):
    if page.file.src_uri.startswith("reference/"):
        html = without_docstring_text(html)
    html = _SOURCE_LISTING.sub('<details class="mkdocstrings-source" data-search-exclude>', html)
    html = _CODE_BLOCK.sub('<div class="highlight" data-search-exclude>', html)
    return _FORMULA.sub(r"\1 data-search-exclude>", html)


ZERO_WIDTH_SPACE = "\u200b"


def without_redundant_breaks(text, separator):
    """``text`` without the zero-width spaces that another separator already stands next to.

    jieba's word breaks are zero-width spaces, and the index's ``separator``
    (a regular expression ending in ``+``) splits on them and on spaces and
    Chinese punctuation alike, any number in a row: a break beside a comma,
    doubled, or at either end splits nothing more.  A third of the Chinese
    index's breaks are of that kind, three bytes each.
    """
    others = separator.removesuffix("+").replace("\\u200b", "")
    text = re.sub(f"{ZERO_WIDTH_SPACE}{{2,}}", ZERO_WIDTH_SPACE, text)
    beside = re.compile(f"{ZERO_WIDTH_SPACE}(?={others})|(?<={others}){ZERO_WIDTH_SPACE}")
    return beside.sub("", text).strip(ZERO_WIDTH_SPACE)


def search_index_as_utf8(text):
    """The search index's JSON ``text`` again: UTF-8, not escapes, and no redundant word breaks."""
    index = json.loads(text)
    separator = index["config"]["separator"]
    for doc in index["docs"]:
        for field in ("title", "text"):
            doc[field] = without_redundant_breaks(doc[field], separator)
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def on_post_build(config):
    # Runs after Material's search plugin has written the index (hooks come
    # after the plugins of mkdocs.yml).
    path = pathlib.Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        path.write_text(search_index_as_utf8(path.read_text(encoding="utf-8")), encoding="utf-8")
