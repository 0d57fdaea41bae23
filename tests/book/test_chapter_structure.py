"""Every chapter with code ends with a summary and two or three exercises, in both editions."""

import re

import pytest
from conftest import DOCS

TAUGHT = [
    "part-1/what-is-a-neural-network",
    "part-1/training-the-network",
    "part-1/feedforward",
    "part-1/loss-function",
    "part-1/backpropagation",
    "part-1/gradient-descent",
    "part-1/putting-it-all-together",
    "part-2/activation-functions",
    "part-2/learning-rate",
    "part-2/biases",
    "part-2/checking-gradients",
    "part-2/many-layers",
    "part-2/generalisation",
    "part-2/convolutions",
    "part-2/debugging",
    "part-3/autograd",
    "part-3/pytorch",
    "part-3/when-to-switch",
]


#: Each edition's folder under docs/, and its names of the last two sections.
EDITIONS = {"en": ("", "Summary", "Exercises"), "zh-TW": ("zh-TW/", "小結", "練習")}


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("stem", TAUGHT)
def test_summary_then_exercises(stem, language):
    folder, summary, exercises_heading = EDITIONS[language]
    text = (DOCS / f"{folder}{stem}.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[-2:] == [summary, exercises_heading], headings
    exercises = text.split(f"## {exercises_heading}", 1)[1]
    assert 2 <= len(re.findall(r"^\d+\. ", exercises, flags=re.M)) <= 3


def test_the_home_page_credits_the_article():
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    assert "How to build your own Neural Network from scratch in Python" in text
    assert "James Loy" in text
