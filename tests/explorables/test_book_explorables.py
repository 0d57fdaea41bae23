"""Every explorable's file: the same bytes on every build, words in both languages, light."""

import json

import pytest

pytest.importorskip("sklearn", reason="the digits ship with scikit-learn (the digits extra)")

from nn_from_scratch.explorables import (  # noqa: E402
    EXPLORABLES,
    book_explorables,
    explorable_data,
    to_json_bytes,
)
from nn_from_scratch.figures.words import LANGUAGES  # noqa: E402

#: Bytes of data an explorable may add to its page: the issue allows 150 kB
#: of script and data per page; the script (docs/javascripts/explorables.js)
#: takes the rest, checked with the built site (tests/book/test_explorable_pages.py).
DATA_BUDGET = 100_000


@pytest.fixture(scope="module", params=LANGUAGES)
def files(request):
    return request.param, book_explorables(request.param)


def test_one_file_per_explorable_the_same_bytes_every_time(files):
    language, built = files
    assert list(built) == [f"explorables/{name}.json" for name in EXPLORABLES]
    assert built == book_explorables(language)


def test_each_file_is_one_line_of_json_within_the_budget(files):
    _, built = files
    for path, content in built.items():
        assert content.endswith(b"\n") and content.count(b"\n") == 1, path
        assert len(content) <= DATA_BUDGET, (path, len(content))
        json.loads(content)


def test_the_words_are_in_the_editions_language():
    for name, (_, words) in EXPLORABLES.items():
        english = explorable_data(name, "en")["words"]
        chinese = explorable_data(name, "zh-TW")["words"]
        assert list(english) == list(words) == list(chinese)
        assert all(key == value for key, value in english.items())
        # Every Chinese text differs from its key, except one made only of fields.
        assert all(key != value or "{" in key for key, value in chinese.items()), name


def test_an_unknown_explorable_or_language_is_refused_by_name():
    with pytest.raises(ValueError, match="no explorable named 'nope'"):
        explorable_data("nope")
    with pytest.raises(ValueError, match="language must be one of"):
        explorable_data("training-run", "fr")


def test_json_bytes_refuse_nan():
    with pytest.raises(ValueError):
        to_json_bytes({"loss": float("nan")})
