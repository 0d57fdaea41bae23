"""The count of stalled runs (experiments/stalled_runs.py) and the results it wrote.

The full run trains 20000 networks and is never rerun here.  These tests
check that the committed Markdown reports are what the committed JSON
renders to, that the chapter includes them in both editions, that the
article's start is NumPy's legacy draw, and that one stalled run and one
learned run, retrained here, end where the JSON says.
"""

import json

import numpy as np
import pytest
from conftest import DOCS, ROOT, load_experiment

from nn_from_scratch.data import article_dataset
from nn_from_scratch.network import NeuralNetwork

RESULTS = ROOT / "experiments" / "results"
CHAPTER = "part-1/putting-it-all-together.md"


@pytest.fixture(scope="module")
def script():
    return load_experiment("stalled_runs")


@pytest.fixture(scope="module")
def result():
    path = RESULTS / "stalled-runs.json"
    assert path.is_file(), "run python experiments/stalled_runs.py and commit its results"
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_reports_are_what_the_json_renders_to(script, result):
    for name, text in script.reports(result).items():
        assert (RESULTS / name).read_text(encoding="utf-8") == text, name


def test_the_results_come_from_a_full_run(script, result):
    assert result["seeds"] == script.SEEDS
    assert (result["first_seed"], result["last_seed"]) == (0, script.SEEDS - 1)
    assert result["iterations"] == script.ITERATIONS
    for start in script.STARTS:
        assert sum(result["starts"][start]["counts"].values()) == script.SEEDS


@pytest.mark.parametrize(
    ("page", "report"),
    [(DOCS / CHAPTER, "stalled-runs.md"), (DOCS / "zh-TW" / CHAPTER, "stalled-runs.zh-TW.md")],
)
def test_the_chapter_includes_its_report(page, report):
    assert f'--8<-- "experiments/results/{report}"' in page.read_text(encoding="utf-8")


def test_the_article_start_is_the_legacy_global_draw(script):
    x, y = article_dataset()
    state = np.random.get_state()
    try:
        np.random.seed(67)
        weights1, weights2 = np.random.rand(3, 4), np.random.rand(4, 1)
    finally:
        np.random.set_state(state)
    network = script.trained_network(67, "article", iterations=1)
    start = NeuralNetwork(x, y, seed=0)
    start.weights1, start.weights2 = weights1, weights2
    start.train(1)
    assert np.array_equal(network.weights1, start.weights1)
    assert np.array_equal(network.weights2, start.weights2)


def test_one_stalled_run_ends_where_the_json_says(script, result):
    stalled = [
        (start, entry) for start in script.STARTS for entry in result["starts"][start]["stalled"]
    ]
    if not stalled:
        pytest.skip("no run stalled")
    start, entry = stalled[0]
    predictions = script.final_predictions(entry["seed"], start)
    np.testing.assert_allclose(predictions, entry["predictions"], atol=1e-6)
    assert script.kind(predictions) == "stalled"


def test_the_book_seed_learns_as_counted(script, result):
    predictions = script.final_predictions(0, "book")
    counted = result["starts"]["book"]
    assert script.kind(predictions) == "learned"
    assert 0 not in [entry["seed"] for entry in counted["stalled"]]
    assert 0 not in counted["other_seeds"]
