"""The Traditional Chinese edition keeps in step with the English one (see ``editions.py``).

A change to an English page without the same change to its Chinese twin
fails here: structure, code and numbers are compared section by section.
"""

import re

import editions
import pytest
import yaml

PAGES = editions.english_pages()
CHINESE_PAGES = sorted(
    path.relative_to(editions.ZH).as_posix() for path in editions.ZH.rglob("*.md")
)


def test_every_english_page_has_a_chinese_twin():
    missing = [page for page in PAGES if not (editions.ZH / page).exists()]
    assert not missing, f"no Chinese twin under docs/zh-TW/ for {missing}"


def test_every_chinese_page_has_an_english_twin():
    orphans = [page for page in CHINESE_PAGES if not (editions.DOCS / page).exists()]
    assert not orphans, f"Chinese pages without an English page: {orphans}"


@pytest.mark.parametrize("page", PAGES)
def test_same_structure(page):
    english = editions.structure(editions.DOCS / page)
    assert editions.structure(editions.ZH / page) == english


@pytest.mark.parametrize("page", PAGES)
def test_same_code(page):
    english = editions.python_blocks(editions.DOCS / page)
    chinese = editions.python_blocks(editions.ZH / page)
    assert len(chinese) == len(english)
    for a, b in zip(english, chinese, strict=True):
        assert editions.parsed_code(b.code) == editions.parsed_code(a.code), (
            f"zh-TW/{page}:{b.line} is not the code of {page}:{a.line}"
        )
        assert (b.continues, b.marks) == (a.continues, a.marks), f"zh-TW/{page}:{b.line}"


@pytest.mark.parametrize("page", PAGES)
def test_same_numbers_in_each_section(page):
    english = editions.section_numbers(editions.DOCS / page)
    chinese = editions.section_numbers(editions.ZH / page)
    assert len(chinese) == len(english)
    for index, (a, b) in enumerate(zip(english, chinese, strict=True)):
        assert b == a, f"section {index}: only in English {a - b}, only in Chinese {b - a}"


@pytest.mark.parametrize("page", CHINESE_PAGES)
def test_taiwan_usage(page):
    text = (editions.ZH / page).read_text(encoding="utf-8")
    assert editions.mainland_words(text) == []
    assert editions.half_width_punctuation(text) == []


def test_the_checks_catch_what_they_are_for():
    """Planted faults: each check must see them."""
    assert editions.mainland_words("這個神經網絡的數據。") == [("網絡", "網路"), ("數據", "資料")]
    assert editions.mainland_words("梯度下降演算法。`算法` 在程式碼裡") == []
    assert editions.half_width_punctuation("權重,偏置") == ["權重,偏置"]
    assert editions.half_width_punctuation("權重（`w(x)`）、偏置。") == []
    assert editions.numbers("學習率 0.5，跑 1500 次（見 [這裡](part-1/x.md)）") == {"0.5", "1500"}
    same = 'print("loss:", loss)  # English'
    translated = 'print("loss:", loss)  # 中文註解'
    assert editions.parsed_code(same) == editions.parsed_code(translated)
    assert editions.parsed_code(same) != editions.parsed_code('print("loss:", loss * 2)')


def test_the_notation_page_says_which_way_rows_and_columns_go():
    text = (editions.ZH / "notation.md").read_text(encoding="utf-8")
    assert re.search(r"列.{0,20}row", text, re.S) and re.search(r"行.{0,20}column", text, re.S)


def test_rows_are_never_called_columns():
    """Taiwan usage: 列 is a row, 行 a column; "one sample per row" is 每列一個樣本."""
    for page in CHINESE_PAGES:
        prose = editions.running_text((editions.ZH / page).read_text(encoding="utf-8"))
        assert "每行一個樣本" not in prose and "每一行一個樣本" not in prose, page


def test_the_glossary_is_consistent():
    data = editions.glossary()
    avoided = [entry["mainland"] for entry in data["avoid"]]
    terms = [entry for section in data["terms"] for entry in section["entries"]]
    assert len(terms) >= 80
    for entry in terms:
        cleaned = entry["zh"] + entry.get("note", "").split("不用")[0]
        for word in avoided:
            assert word not in cleaned.replace("演算法", ""), (entry, word)
    english = [entry["en"] for entry in terms]
    assert len(english) == len(set(english)), "a term is listed twice"


def test_the_glossary_file_is_plain_yaml():
    text = editions.GLOSSARY.read_text(encoding="utf-8")
    assert yaml.safe_load(text) == editions.glossary()


def test_the_home_page_credits_the_article():
    text = (editions.ZH / "index.md").read_text(encoding="utf-8")
    assert "How to build your own Neural Network from scratch in Python" in text
    assert "James Loy" in text
