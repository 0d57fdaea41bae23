"""The remedies experiment (experiments/generalisation.py) and the results it wrote.

The experiment takes a minute or two and is never rerun here.  These tests
check that the committed Markdown is what the committed JSON renders to,
that the JSON comes from a full run with the script's grid, that its choices
follow the selection rule and are the package's ``CHOSEN_STRENGTHS``, that
the chapter includes the tables, and that one cell of the JSON, recomputed
with the package's ``train_wide_mlp``, comes out the same.
"""

import json

import numpy as np
import pytest
from conftest import DOCS, ROOT, load_experiment, skip_without_digits

skip_without_digits()

from nn_from_scratch.digits import load_digits_three_way_split  # noqa: E402
from nn_from_scratch.overfitting import (  # noqa: E402
    CHOSEN_STRENGTHS,
    WIDE_RECIPE,
    train_wide_mlp,
)

RESULTS = ROOT / "experiments" / "results"
CHAPTER = DOCS / "part-2" / "generalisation.md"


experiment = load_experiment("generalisation")


@pytest.fixture(scope="module")
def text():
    path = RESULTS / "generalisation.json"
    assert path.is_file(), "run python experiments/generalisation.py and commit its results"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def results(text):
    return json.loads(text)


def test_the_json_comes_from_a_full_run_with_the_scripts_grid(results):
    assert results["script"] == experiment.SCRIPT
    assert results["selection_rule"] == experiment.SELECTION_RULE
    assert results["seeds"] == list(experiment.SEEDS)
    assert results["epochs"] == WIDE_RECIPE.epochs
    assert results["grid"] == {remedy: list(values) for remedy, values in experiment.GRID.items()}
    assert (
        results["n_subset"],
        results["n_train"],
        results["n_validation"],
        results["n_test"],
    ) == (
        200,
        1151,
        287,
        359,
    )
    for remedy, values in experiment.GRID.items():
        assert set(results["search"][remedy]) == {repr(value) for value in values}
    for by_strength in results["search"].values():
        for runs in by_strength.values():
            assert [run["seed"] for run in runs] == list(experiment.SEEDS)


def test_the_json_is_written_as_the_script_writes_it(results, text):
    assert experiment.results_json(results) == text


def test_the_markdown_is_what_the_json_renders_to(results):
    markdown = (RESULTS / "generalisation.md").read_text(encoding="utf-8")
    assert markdown == experiment.render(results)
    assert "(full run)" in markdown


def test_the_choices_follow_the_rule_and_are_the_packages(results):
    for remedy in experiment.GRID:
        assert results["chosen"][remedy] == experiment.choose(results["search"][remedy])
    assert results["chosen"] == CHOSEN_STRENGTHS


def test_the_test_part_is_scored_only_for_the_chosen_remedies(results):
    for by_strength in results["search"].values():
        for runs in by_strength.values():
            assert all("test_correct" not in run for run in runs)
    assert set(results["final"]) == {"none", *experiment.GRID, "early", "all_data"}
    for runs in results["final"].values():
        assert all("test_correct" in run for run in runs)


def test_the_chapter_includes_every_table():
    chapter = CHAPTER.read_text(encoding="utf-8")
    for section in ("intro", "search", "final"):
        assert f'--8<-- "experiments/results/generalisation.md:{section}"' in chapter


def test_one_cell_recomputed(results):
    """Seed 0 of the chosen dropout rate, with the package's own function."""
    split = load_digits_three_way_split()
    rate = CHOSEN_STRENGTHS["dropout"]
    network, history = train_wide_mlp(split, "dropout", rate, seed=0)
    (stored,) = [run for run in results["final"]["dropout"] if run["seed"] == 0]
    n_validation = len(split.y_validation)
    assert stored["validation_correct"] == round(history.validation_accuracy[-1] * n_validation)
    assert stored["validation_loss"] == round(history.validation_loss[-1], 6)
    assert stored["train_correct_last_epoch"] == round(history.train_accuracy[-1] * 200)
    correct = int(np.count_nonzero(network.predict_labels(split.x_test) == split.y_test))
    assert stored["test_correct"] == correct
    assert results["search"]["dropout"][repr(rate)][0] == {
        key: value for key, value in stored.items() if key != "test_correct"
    }
