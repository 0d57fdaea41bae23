"""The data of the book's explorables: interactive figures the reader scrubs through.

Each explorable is a JSON file the site's build hook adds to each edition
(``explorables/<name>.json``); the page's script (``docs/javascripts/explorables.js``)
only draws it.  Every number is computed here, by the package, and rounded
here to the digits the page shows (:mod:`.encoding`); the words come in the
edition's language from :mod:`nn_from_scratch.figures.words`.

The files are the same bytes on every build: keys keep their order, numbers
are rounded, and the training runs are seeded.
"""

import json

from ..figures.words import check_language, translate
from . import convolution, learning_rate, training_run

EXPLORABLES = {
    "training-run": (training_run.training_run_data, training_run.WORDS),
    "learning-rate": (learning_rate.learning_rate_data, learning_rate.WORDS),
    "convolution-epochs": (convolution.convolution_data, convolution.WORDS),
}
"""``{name: (data(), its English words)}``: the explorables, by the name their page uses."""


def to_json_bytes(data):
    """``data`` as compact UTF-8 JSON, one line ending in a newline."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def explorable_data(name, language="en"):
    """The data of explorable ``name`` with its words in ``language``."""
    check_language(language)
    if name not in EXPLORABLES:
        known = ", ".join(repr(known) for known in EXPLORABLES)
        raise ValueError(f"no explorable named {name!r}; the explorables are {known}")
    data, words = EXPLORABLES[name]
    # The English text is the key the page looks a word up by.
    return {**data(), "words": {text: translate(text, language) for text in words}}


def book_explorables(language="en"):
    """Return ``{"explorables/<name>.json": json_bytes}`` for every explorable, in ``language``."""
    return {
        f"explorables/{name}.json": to_json_bytes(explorable_data(name, language))
        for name in EXPLORABLES
    }
