"""Tune the search index: the chapters that teach a thing come first, and the index stays lean.

- **Boost.** A search for ``sigmoid`` or ``im2col`` used to list API pages
  first: their headings are the names themselves.  Pages of Part I and Part II
  get Material's per-page boost (``search.boost`` in a page's metadata), so
  the section that teaches a thing outranks the reference that lists it.
- **Source listings.** The API pages show each function's source, the same
  code the chapters show and index already; it was a quarter of the index.
  Those listings carry ``data-search-exclude``, which Material's indexer skips.
- **Formulas.** A formula's TeX source read as text makes a poor search
  snippet (``\\(\\sigma(z) = ...\\)``), so formulas are skipped too; the words
  around them stay.
"""

import re

CHAPTER_BOOST = 4
CHAPTER_FOLDERS = ("part-1/", "part-2/")
_SOURCE_LISTING = re.compile(r'<details class="mkdocstrings-source">')
_FORMULA = re.compile(r'(<(?:span|div) class="arithmatex")>')


def is_chapter(src_uri):
    return src_uri.startswith(CHAPTER_FOLDERS)


def on_page_markdown(markdown, page, config, files):
    if is_chapter(page.file.src_uri):
        search = page.meta.setdefault("search", {})
        search.setdefault("boost", CHAPTER_BOOST)
    return markdown


def on_page_content(html, page, config, files):
    html = _SOURCE_LISTING.sub('<details class="mkdocstrings-source" data-search-exclude>', html)
    return _FORMULA.sub(r"\1 data-search-exclude>", html)
