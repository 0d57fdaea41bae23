"""The figures in Traditional Chinese (zh-TW): every one draws, the same bytes every time,
in Taiwan's words, and a language or a text the package does not know is an error."""

import hashlib
import logging
import pathlib
import string
import subprocess
import sys
import warnings

import pytest

pytest.importorskip("matplotlib", reason="figures need matplotlib (the figures extra)")

import yaml  # noqa: E402

from nn_from_scratch import figures as book  # noqa: E402
from nn_from_scratch.explorables import EXPLORABLES  # noqa: E402
from nn_from_scratch.figures import diagrams, fonts, training_run, words  # noqa: E402
from nn_from_scratch.figures.style import figure_style  # noqa: E402
from nn_from_scratch.figures.svg import figure_to_svg  # noqa: E402

GLOSSARY = pathlib.Path(__file__).resolve().parents[2] / "docs" / "zh-TW" / "glossary.yml"

#: Figures that draw no words: digits and arrows only, the same in both languages.
WORDLESS = {"digits-samples", "digits-mistakes"}

CJK = ("\u3400", "\u9fff")


def has_cjk(text):
    return any(CJK[0] <= character <= CJK[1] for character in text)


class RecordingTable(dict):
    """The Chinese table, noting which texts the figures asked for."""

    def __init__(self, table):
        super().__init__(table)
        self.asked = set()

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)


class Messages(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.texts = []

    def emit(self, record):
        self.texts.append(record.getMessage())


#: How the SVG names a glyph of the Chinese font (``<path id="...-<glyph index>">``).
CJK_GLYPH = b'id="NotoSansCJKtc-Regular-'


@pytest.fixture(scope="module")
def drawn():
    """Every figure of the book drawn twice in zh-TW (dark theme): ``{stem: (svg, svg)}``.

    Also what matplotlib warned about while drawing them, and the texts the
    figures and the explorables asked :data:`~nn_from_scratch.figures.words.ZH_TW` for.
    """
    pytest.importorskip("sklearn", reason="the digits figures need the digits extra")
    table = RecordingTable(words.ZH_TW)
    messages = Messages()
    logger = logging.getLogger("matplotlib")
    logger.addHandler(messages)
    try:
        with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            patch.setitem(words.TRANSLATIONS, "zh-TW", table)
            svgs = {
                stem: (figure_to_svg(draw("dark")), figure_to_svg(draw("dark")))
                for stem, draw in book.book_figures("zh-TW").items()
            }
            # The explorables' words come from the same table.
            for _, texts in EXPLORABLES.values():
                for text in texts:
                    words.translate(text, "zh-TW")
    finally:
        logger.removeHandler(messages)
    return svgs, messages.texts + [str(warning.message) for warning in caught], table.asked


def test_every_figure_draws_in_chinese_the_same_bytes_twice(drawn):
    """Same bytes twice; Chinese glyphs in every figure with words, so none is the English one."""
    svgs, _, _ = drawn
    assert set(svgs) == set(book.book_figures())
    for stem, (first, second) in svgs.items():
        assert first.startswith(b"<?xml"), stem
        assert first == second, f"{stem}: two drawings in zh-TW differ"
        assert (CJK_GLYPH in first) == (stem not in WORDLESS), stem


def test_a_figure_without_words_is_the_english_one(drawn):
    svgs, _, _ = drawn
    for stem in WORDLESS:
        assert svgs[stem][0] == figure_to_svg(book.book_figures()[stem]("dark")), stem


def test_english_figures_draw_no_chinese_glyph():
    svg = figure_to_svg(diagrams.training_loop_diagram("dark"))
    assert CJK_GLYPH not in svg and b"DejaVuSans" in svg


def test_every_glyph_is_found(drawn):
    _, messages, _ = drawn
    missing = [m for m in messages if "glyph" in m.lower() or "findfont" in m.lower()]
    assert not missing, missing


def test_every_translation_is_used(drawn):
    _, _, asked = drawn
    assert set(words.ZH_TW) - asked == set()


def test_the_bytes_are_the_same_in_a_fresh_interpreter():
    script = (
        "import hashlib\n"
        "from nn_from_scratch.figures import diagrams\n"
        "from nn_from_scratch.figures.svg import figure_to_svg\n"
        "svg = figure_to_svg(diagrams.training_loop_diagram('light', 'zh-TW'))\n"
        "print(hashlib.sha256(svg).hexdigest())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    here = figure_to_svg(diagrams.training_loop_diagram("light", "zh-TW"))
    assert result.stdout.strip() == hashlib.sha256(here).hexdigest()


def mainland_words():
    """``[(mainland word, Taiwan longer words that contain it)]`` of the glossary's avoid list."""
    glossary = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    return [(entry["mainland"], entry.get("except", [])) for entry in glossary["avoid"]]


def test_no_mainland_word_in_the_chinese_texts():
    found = []
    for mainland, allowed in mainland_words():
        for english, chinese in words.ZH_TW.items():
            for longer in allowed:
                chinese = chinese.replace(longer, "")
            if mainland in chinese:
                found.append((mainland, english, words.ZH_TW[english]))
    assert not found


def test_the_glossary_check_would_catch_a_mainland_word():
    assert ("數據", []) in mainland_words()
    assert any(word == "算法" and "演算法" in allowed for word, allowed in mainland_words())


def test_chinese_text_never_goes_through_mathtext():
    """matplotlib's mathtext has no Chinese glyphs: a Chinese text holds no ``$``."""
    for english, chinese in words.ZH_TW.items():
        assert "$" not in chinese, english
    # Names such as ReLU stay as they are, and two texts of the explorables are
    # only fields and full-width punctuation; every other text is in Chinese.
    assert [english for english, chinese in words.ZH_TW.items() if not has_cjk(chinese)] == [
        "{seed} ({note})",
        "{digit}: {probability}",
        "ReLU",
    ]


def format_fields(text):
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:  # mathtext braces that are no format fields
        return set()


def test_chinese_templates_keep_every_value():
    for english, chinese in words.ZH_TW.items():
        if "$" in english:  # mathtext braces may parse as fields; values come only from ours
            assert format_fields(chinese) <= format_fields(english), english
        else:
            assert format_fields(chinese) == format_fields(english), english


def test_english_is_the_key_itself_with_the_values_filled_in():
    assert words.translate("iteration") == "iteration"
    assert words.translate("rate {rate:g}", "en", rate=0.01) == "rate 0.01"
    assert words.translate("rate {rate:g}", "zh-TW", rate=0.01) == "學習率 0.01"
    mathtext = r"weights1 $(3{\times}4)$"  # no values: braces left alone
    assert words.translate(mathtext) == mathtext


@pytest.mark.parametrize(
    "call",
    [
        lambda: words.translate("iteration", "zh-CN"),
        lambda: figure_style("light", "zh").__enter__(),
        lambda: diagrams.network_diagram("light", language="fr"),
        lambda: training_run.loss_curve([1.0, 0.5], language="zh_TW"),
        lambda: book.book_figures(language="de"),
        lambda: book.activation.figures(language="en-US"),
        lambda: book.book_svgs(themes=(), language="ZH-TW"),
    ],
)
def test_an_unknown_language_is_refused_with_the_allowed_ones(call):
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh-TW'"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            call()


def test_a_missing_translation_raises_a_key_error_naming_the_text(monkeypatch):
    with pytest.raises(KeyError, match="no zh-TW translation of the figure text 'no such text'"):
        words.translate("no such text", "zh-TW")
    monkeypatch.delitem(words.ZH_TW, "iteration")
    with pytest.raises(KeyError, match="'iteration'"):
        training_run.loss_curve([1.0, 0.5, 0.25], "light", "zh-TW")
    # English needs no table: the same call draws.
    assert training_run.loss_curve([1.0, 0.5, 0.25], "light", "en").axes


def test_chinese_uses_the_packaged_font_after_dejavu_sans():
    from matplotlib import font_manager, rcParams

    with figure_style("dark", "zh-TW"):
        assert rcParams["font.family"] == ["DejaVu Sans", fonts.CJK_FAMILY]
    with figure_style("dark"):
        assert rcParams["font.family"] == ["DejaVu Sans"]
    # Regular and bold text find the package's face, never a system font of that name.
    for weight in ("normal", "bold"):
        found = font_manager.findfont(
            font_manager.FontProperties(family=fonts.CJK_FAMILY, weight=weight),
            fallback_to_default=False,
        )
        assert pathlib.Path(found) == fonts.cjk_font_file()


def test_the_face_is_extracted_once_into_the_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = fonts.cjk_font_file()
    assert path.parent == tmp_path / "nn-from-scratch"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no partial file left
    made = path.stat().st_mtime_ns
    assert fonts.cjk_font_file() == path and path.stat().st_mtime_ns == made


def test_without_the_font_package_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", None)
    with pytest.raises(ImportError, match=r"pip install 'nn-from-scratch-book\[docs\]'"):
        fonts.font_collection_path()
