"""The recipe searches (experiments/recipe_search.py) and the results they wrote.

The search itself takes minutes and is never rerun here.  These tests check
that the committed Markdown files are what the committed JSON renders to,
that the winners are the package's recipes, that the script's networks are
the package's with the recipes' sizes, and that one cheap cell of the JSON,
recomputed with the package's ``train_with_recipe``, comes out the same.
"""

import json

import numpy as np
import pytest
from conftest import ROOT, load_experiment, skip_without_digits

skip_without_digits()

from nn_from_scratch.cnn import CNN_CHANNELS, CNN_RECIPE, digits_cnn  # noqa: E402
from nn_from_scratch.digits import (  # noqa: E402
    DigitsSplit,
    load_digits_three_way_split,
    to_images,
)
from nn_from_scratch.mlp import MLP_RECIPE, MLP_SIZES, digits_mlp, train_with_recipe  # noqa: E402
from nn_from_scratch.training import TrainingRecipe  # noqa: E402
from nn_from_scratch.validation import random_generator  # noqa: E402

RESULTS = ROOT / "experiments" / "results"


search = load_experiment("recipe_search")


@pytest.fixture(scope="module")
def results():
    path = RESULTS / "recipe-search.json"
    assert path.is_file(), "run python experiments/recipe_search.py and commit its results"
    return json.loads(path.read_text(encoding="utf-8"))


def test_results_come_from_a_full_run(results):
    assert results["selection_rule"] == search.SELECTION_RULE
    grids = {"mlp": list(search.mlp_grid()), "cnn": list(search.cnn_grid())}
    for kind, grid in grids.items():
        part = results[kind]
        assert part["seeds"] == list(search.SEEDS)
        assert part["max_epochs"] == search.MAX_EPOCHS
        assert (part["n_train"], part["n_validation"]) == (1151, 287)
        configs = [
            {k: v for k, v in run.items() if k != "correct_per_epoch"} for run in part["runs"]
        ]
        assert configs == grid
        for run in part["runs"]:
            curves = np.array(run["correct_per_epoch"])
            assert curves.shape == (len(search.SEEDS), search.MAX_EPOCHS)
            assert ((curves >= 0) & (curves <= part["n_validation"])).all()


@pytest.mark.parametrize("kind", ["mlp", "cnn"])
def test_markdown_is_what_the_json_renders_to(results, kind):
    written = (RESULTS / f"recipe-search-{kind}.md").read_text(encoding="utf-8")
    assert written == search.render(kind, results[kind])
    assert "(full run)" in written
    assert written.rstrip("\n").splitlines()[-2].startswith("**Winner:** ")


def test_json_is_what_the_script_writes(results):
    written = (RESULTS / "recipe-search.json").read_text(encoding="utf-8")
    searches = {
        kind: {k: v for k, v in results[kind].items() if k != "winner"} for kind in ("mlp", "cnn")
    }
    assert written == search.results_json(searches)


def test_selection_rule_is_the_docstring_s():
    words = " ".join(search.__doc__.split())
    assert " ".join(search.SELECTION_RULE.split()) in words


def test_results_say_the_rule_was_changed(results):
    """The worst seed ranks first; the files say what the first rule picked."""
    assert results["first_rule"] == search.FIRST_RULE
    for kind in ("mlp", "cnn"):
        written = (RESULTS / f"recipe-search-{kind}.md").read_text(encoding="utf-8")
        assert "This rule was changed after the search was first run." in written
        assert "| Worst seed | Median | Best seed |" in written
        winner, first = results[kind]["winner"], results[kind]["first_rule_winner"]
        # No candidate has a better worst seed than the winner.
        rows, _ = search.select(kind, results[kind])
        assert winner["lowest"] == max(row["lowest"] for row in rows)
        assert first["median"] >= winner["median"]
    # The CNN's first winner had a seed well below the others: why the rule changed.
    first = results["cnn"]["first_rule_winner"]
    assert first["lowest"] < results["cnn"]["winner"]["lowest"]
    assert "worst seed reached only" in (RESULTS / "recipe-search-cnn.md").read_text("utf-8")


def test_selection_rule_ranks_worst_seed_then_median_then_cost():
    def row(lowest, median, multiply_adds=100, epochs=10, batch=32, rate=0.01):
        config = {"batch_size": batch, "learning_rate": rate}
        return {
            "lowest": lowest,
            "median": median,
            "multiply_adds": multiply_adds,
            "epochs": epochs,
            "config": config,
        }

    steady, lucky = row(283, 284), row(272, 285)
    assert min([lucky, steady], key=search.rank) is steady
    assert min([lucky, steady], key=search.first_rule_rank) is lucky
    better_median, cheaper = row(283, 285, epochs=20), row(283, 284, epochs=5)
    assert min([cheaper, better_median], key=search.rank) is better_median
    same, short = row(283, 284, epochs=20), row(283, 284, epochs=12)
    assert min([same, short], key=search.rank) is short


def test_best_epochs_within_a_configuration():
    """Within one configuration: the best worst seed, then the median, then the fewest epochs."""
    run = {
        "hidden_units": 128,
        "learning_rate": 0.005,
        "batch_size": 32,
        # five seeds, four epochs: epoch 2 has the best median, epoch 3 the best worst seed
        "correct_per_epoch": [
            [270, 280, 279, 279],
            [271, 281, 279, 279],
            [272, 282, 279, 279],
            [273, 283, 279, 279],
            [274, 270, 279, 279],
        ],
    }
    assert search.best_epochs("mlp", run)["epochs"] == 3
    assert search.best_epochs("mlp", run, first_rule=True)["epochs"] == 2


def test_mlp_winner_is_the_recipe(results):
    winner = results["mlp"]["winner"]
    assert TrainingRecipe(**winner["recipe"]) == MLP_RECIPE
    assert winner["hidden_units"] == MLP_SIZES[1]


def test_cnn_winner_is_the_recipe(results):
    winner = results["cnn"]["winner"]
    assert TrainingRecipe(**winner["recipe"]) == CNN_RECIPE
    assert tuple(winner["filters"]) == CNN_CHANNELS
    assert winner["hidden_dense"] is None  # digits_cnn has no hidden dense layer


def parameters(network):
    """Every layer's parameters, in order, as ``(name, array)``."""
    return [
        (name, value)
        for layer in network.layers
        for name, value in sorted(getattr(layer, "params", {}).items())
    ]


@pytest.mark.parametrize(
    "ours, package",
    [
        (lambda seed: search.mlp_network(MLP_SIZES[1], seed), digits_mlp),
        (lambda seed: search.cnn_network(CNN_CHANNELS, None, seed), digits_cnn),
    ],
    ids=["mlp", "cnn"],
)
def test_script_networks_are_the_package_s(ours, package):
    mine, theirs = ours(3), package(3)
    assert [type(layer) for layer in mine.layers] == [type(layer) for layer in theirs.layers]
    assert len(parameters(mine)) == len(parameters(theirs)) > 0
    for (name_a, a), (name_b, b) in zip(parameters(mine), parameters(theirs), strict=True):
        assert name_a == name_b
        np.testing.assert_array_equal(a, b)


def validation_correct(network, x, labels):
    return int(np.count_nonzero(network.forward(x).argmax(axis=1) == labels))


@pytest.mark.parametrize(
    "kind, index, epochs",
    [("mlp", 1, 2), ("cnn", 0, 1)],  # 64 units, rate 0.001, batch 64; filters 8, 16, rate 0.002
)
def test_one_cell_recomputed_with_train_with_recipe(results, kind, index, epochs):
    """Train one configuration with one seed, as train_digits_mlp does, and score it.

    Two epochs for the MLP also check that a short run is the start of the
    long one, which the search relies on to read all epochs off one curve.
    """
    run = results[kind]["runs"][index]
    config = {key: value for key, value in run.items() if key != "correct_per_epoch"}
    split = load_digits_three_way_split()
    x_train, x_validation = split.x_train, split.x_validation
    if kind == "cnn":
        x_train, x_validation = to_images(x_train), to_images(x_validation)
    # The validation part stands where train_with_recipe never looks: the test part.
    two_way = DigitsSplit(x_train, split.y_train, x_validation, split.y_validation)
    seed = results[kind]["seeds"][0]
    rng = random_generator(seed)
    network = search.build(kind, config, rng)
    train_with_recipe(network, search.recipe_of(config, epochs), two_way, rng)
    correct = validation_correct(network, x_validation, split.y_validation)
    assert correct == run["correct_per_epoch"][0][epochs - 1]
