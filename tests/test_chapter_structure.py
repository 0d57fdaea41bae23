"""Every Part I chapter with code ends with a summary and two or three exercises."""

import re

import pytest
from conftest import DOCS

TAUGHT = [
    "what-is-a-neural-network",
    "training-the-network",
    "feedforward",
    "loss-function",
    "backpropagation",
    "gradient-descent",
    "putting-it-all-together",
]


@pytest.mark.parametrize("stem", TAUGHT)
def test_summary_then_exercises(stem):
    text = (DOCS / "part-1" / f"{stem}.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[-2:] == ["Summary", "Exercises"], headings
    exercises = text.split("## Exercises", 1)[1]
    assert 2 <= len(re.findall(r"^\d+\. ", exercises, flags=re.M)) <= 3


def test_the_home_page_credits_the_article():
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    assert "How to build your own Neural Network from scratch in Python" in text
    assert "James Loy" in text
