"""The book's two editions: which one a page or a build belongs to, and the words the build adds.

English is the root of the site, built from ``docs/`` by ``mkdocs.yml``; the
Traditional Chinese (Taiwan) edition lives under ``zh-TW/``, built from
``docs/zh-TW/`` by ``mkdocs.zh-TW.yml``, which inherits everything else.
Both builds run the same hooks; this module tells them apart and holds the
few sentences the hooks write into pages and notebooks, in both languages.
"""

import functools
import pathlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
ENGLISH = "en"
CHINESE = "zh-TW"
#: language -> (its folder under docs/ and under the site, its config file, its name)
EDITIONS = {
    ENGLISH: ("", "mkdocs.yml", "English"),
    CHINESE: ("zh-TW/", "mkdocs.zh-TW.yml", "繁體中文"),
}

#: The sentences the build writes, by language.
WORDS = {
    ENGLISH: {
        "download": "Download the code of this page as a notebook",
        "page": "page",
        "chapter": "chapter",
        # How the first cell names the page, without and with its address.
        "title": "*{title}*",
        "linked title": "[{title}]({url})",
        "about": (
            "This notebook comes from the {kind} {source} of the book *Neural Networks "
            "from Scratch*. Each Python block of the {kind} is a code cell here, in the "
            "same order and under the same headings; sections without code keep their "
            "text. The {kind} itself has the full explanations{figures}.\n\n"
            "The code imports `nn_from_scratch`, the package that holds the book's code. "
            "The next cell installs it with pip, as `{distribution}`{extra_note}. You can "
            "skip that cell where the package is already installed, for instance in a "
            "clone of the book's repository after `pip install -e .` there. Then run the "
            "cells from the top: each one builds on those above it."
        ),
        "and figures": " and the figures",
        "extra": " together with its extra `{extra}` ({why})",
        "why digits": "scikit-learn, which holds the handwritten digits",
        "why figures": "matplotlib, which draws the figures",
        "why torch": (
            "PyTorch; its CPU build is a much smaller download: "
            "`pip install torch --index-url https://download.pytorch.org/whl/cpu` first"
        ),
        "figure": "*Figure, shown in {chapter}: {description}.*",
        "the chapter": "the chapter",
        "a figure": "a figure",
    },
    CHINESE: {
        "download": "下載本頁程式碼的 Jupyter 筆記本",
        "page": "頁面",
        "chapter": "章節",
        "title": "「{title}」",
        "linked title": "「[{title}]({url})」",
        "about": (
            "這本筆記本來自《從零開始的神經網路》（*Neural Networks from Scratch*）的"
            "{kind}{source}。{kind}裡的每個 Python 程式區塊，在這裡都是一個程式碼儲存格，"
            "順序與標題都相同；沒有程式碼的段落保留原本的文字。完整的說明{figures}"
            "請看{kind}本身。\n\n"
            "程式碼會匯入 `nn_from_scratch`，也就是收錄本書程式碼的套件。下一個儲存格用 pip "
            "安裝它，套件名稱是 `{distribution}`{extra_note}。如果套件已經裝好（例如在本書"
            "儲存庫的複本裡執行過 `pip install -e .`），可以略過那個儲存格。接著從上往下"
            "執行每個儲存格：每一格都建立在前面幾格之上。"
        ),
        "and figures": "和圖",
        "extra": "，連同額外選項 `{extra}`（{why}）",
        "why digits": "scikit-learn，手寫數字資料就收在裡面",
        "why figures": "matplotlib，用來畫圖",
        "why torch": (
            "PyTorch；它的 CPU 版下載量小得多，可以先執行 "
            "`pip install torch --index-url https://download.pytorch.org/whl/cpu`"
        ),
        "figure": "*圖（見{chapter}）：{description}。*",
        "the chapter": "本章",
        "a figure": "一張圖",
    },
}


def language_of_path(path):
    """The language of the Markdown file at ``path``: Chinese under ``docs/zh-TW/``."""
    resolved = pathlib.Path(path).resolve()
    return CHINESE if resolved.is_relative_to(DOCS / "zh-TW") else ENGLISH


def language_of(config):
    """The language of a build, from its ``theme.language``."""
    return config.theme["language"]


def words(language):
    return WORDS[language]


#: The Chinese edition's terms and the mainland words it avoids (see the file).
GLOSSARY = DOCS / "zh-TW" / "glossary.yml"


@functools.cache
def glossary():
    """The data of ``docs/zh-TW/glossary.yml``: ``{"terms": [...], "avoid": [...]}``."""
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
