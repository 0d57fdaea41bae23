"""The recipe searches of Part II, as code: the digits MLP's and the digits CNN's.

The chapters "Many layers and mini-batches" and "Convolutions for image
classification" say that their recipes (``MLP_RECIPE`` with ``MLP_SIZES``,
``CNN_RECIPE`` with ``CNN_CHANNELS``) were chosen on a *validation* part of
the training images.  This script runs those searches.  The data are
``load_digits_three_way_split()``: 1151 training images, 287 validation
images; the 359 test images are never looked at.

The grids are those the chapters describe; every network is trained with
Adam, and every configuration with the five seeds 0 to 4, each seed making
the initial weights and then the shuffles, as ``train_digits_mlp`` does:

- MLP (64 -> hidden ReLU -> 10): 64, 128 or 256 hidden units; learning
  rates 0.001, 0.002, 0.005; batches of 32 or 64; 1 to 30 epochs.
- CNN (two stages of 3 x 3 convolution, ReLU and 2 x 2 max pooling, then
  dense): 8 or 16 filters in the first convolution, 16 or 32 in the second;
  no hidden dense layer, or one of 64 ReLU units (the chapter does not name
  its width); learning rates 0.002, 0.005, 0.01; batches of 32; 1 to 30
  epochs.

The number of epochs is searched as a grid dimension, read off the
validation curve: one run of 30 epochs per configuration and seed, scored
on the validation part after every epoch, holds every shorter run, since a
run of k epochs is the first k epochs of the run of 30 (the same seed gives
the same initial weights and the same shuffles, and Adam's step does not
depend on how many epochs are planned).  The test
``tests/release/test_recipe_search.py`` checks this with the package's own
``train_with_recipe``.

The rule that picks the winner (``SELECTION_RULE``, repeated in both
results files):

Selection rule: a candidate is a configuration of the grid together with
a number of epochs from 1 to 30.  Candidates are ranked first by the
validation accuracy of their worst seed after that many epochs (a recipe
must work whatever the seed), then by the median over the five seeds.
Equal candidates are settled by cost, the cheapest winning: first the
multiply-adds of training (multiply-adds per image in the forward pass,
times epochs), then the number of optimiser steps (the larger batch is
cheaper), then the smaller learning rate.

This is not the rule the search was first run with, and the results files
say so (``FIRST_RULE``, with what it picked, computed from the same
numbers).  The first rule, fixed in advance, ranked candidates by the
median alone, then by cost.  For the MLP it picked what the rule above
picks.  For the CNN it picked 16 and 16 filters with a hidden dense layer
of 64 units at 10 epochs, one of whose seeds reached only 94.77% on the
validation part (272 of 287 images): a good median, not the recipe
"steady across seeds" that the chapters promise.  The rule was changed
after seeing that winner.  Both rules look at validation images only; the
test images were used by neither, so choosing the rule on validation
results leaves the test accuracy an unbiased estimate.

It writes, under ``experiments/results/``, ``recipe-search-mlp.md`` and
``recipe-search-cnn.md`` (the rule, a Markdown table with one row per
configuration at its best number of epochs, and a last line naming the
winner; the chapters include them with ``--8<--``) and
``recipe-search.json`` (every seed's validation curve, from which both
Markdown files are rendered).  It measures accuracy, never time, and it is
deterministic: fixed seeds, one BLAS thread, the same bytes on every run.

    python experiments/recipe_search.py            # both searches (about 2 min of CPU time)
    python experiments/recipe_search.py --quick    # 3 seeds, 3 epochs; prints, writes nothing
"""

import os

if __name__ == "__main__":
    # One BLAS thread, so that every run does the same arithmetic in the same
    # order.  The BLAS library reads these once, when NumPy is first imported.
    for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_variable] = "1"

import argparse  # noqa: E402
import itertools  # noqa: E402
import pathlib  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from experiments.common import results_json_text, single_thread  # noqa: E402
from nn_from_scratch.conv import Conv2D  # noqa: E402
from nn_from_scratch.digits import load_digits_three_way_split, to_images  # noqa: E402
from nn_from_scratch.flatten import Flatten  # noqa: E402
from nn_from_scratch.layers import Dense, ReLU  # noqa: E402
from nn_from_scratch.losses import SoftmaxCrossEntropy  # noqa: E402
from nn_from_scratch.mlp import MLP_SIZES, make_optimizer  # noqa: E402
from nn_from_scratch.pooling import MaxPool2D  # noqa: E402
from nn_from_scratch.sequential import Sequential  # noqa: E402
from nn_from_scratch.training import TrainingRecipe, fit  # noqa: E402
from nn_from_scratch.validation import random_generator  # noqa: E402

RESULTS = ROOT / "experiments" / "results"
SCRIPT = "experiments/recipe_search.py"

SEEDS = (0, 1, 2, 3, 4)
MAX_EPOCHS = 30
QUICK_SEEDS = (0, 1, 2)
QUICK_EPOCHS = 3

#: The MLP's grid: hidden units, learning rates, batch sizes.
MLP_HIDDEN_UNITS = (64, 128, 256)
MLP_LEARNING_RATES = (0.001, 0.002, 0.005)
MLP_BATCH_SIZES = (32, 64)

#: The CNN's grid: filters of the two convolutions, an optional hidden dense layer, rates.
CNN_FILTER_PAIRS = ((8, 16), (8, 32), (16, 16), (16, 32))
CNN_HIDDEN_DENSE = (None, 64)
CNN_LEARNING_RATES = (0.002, 0.005, 0.01)
CNN_BATCH_SIZE = 32

SELECTION_RULE = (
    "Selection rule: a candidate is a configuration of the grid together with a number "
    "of epochs from 1 to 30. Candidates are ranked first by the validation accuracy of "
    "their worst seed after that many epochs (a recipe must work whatever the seed), "
    "then by the median over the five seeds. Equal candidates are settled by cost, the "
    "cheapest winning: first the multiply-adds of training (multiply-adds per image in "
    "the forward pass, times epochs), then the number of optimiser steps (the larger "
    "batch is cheaper), then the smaller learning rate."
)

#: The rule the search was first run with; the results files say what it picked.
FIRST_RULE = "the median over the five seeds alone, then the same costs"


# The networks.  With the chapters' sizes these are digits_mlp and digits_cnn
# exactly (the same layers, drawn from the same generator in the same order);
# the test checks it.


def mlp_network(hidden_units, seed):
    """``digits_mlp`` with ``hidden_units`` hidden ReLU units."""
    rng = random_generator(seed)
    n_input, _, n_output = MLP_SIZES
    return Sequential(
        [
            Dense(n_input, hidden_units, seed=rng),
            ReLU(),
            Dense(hidden_units, n_output, seed=rng),
        ]
    )


def cnn_network(filters, hidden_dense, seed):
    """``digits_cnn`` with ``filters = (first, second)``, and a hidden dense layer if asked."""
    rng = random_generator(seed)
    channels1, channels2 = filters
    layers = [
        Conv2D(1, channels1, 3, padding=1, seed=rng),
        ReLU(),  # 8 x 8
        MaxPool2D(2),  # 4 x 4
        Conv2D(channels1, channels2, 3, padding=1, seed=rng),
        ReLU(),  # 4 x 4
        MaxPool2D(2),  # 2 x 2
        Flatten(),
    ]
    if hidden_dense is None:
        layers.append(Dense(channels2 * 2 * 2, 10, seed=rng))
    else:
        layers += [
            Dense(channels2 * 2 * 2, hidden_dense, seed=rng),
            ReLU(),
            Dense(hidden_dense, 10, seed=rng),
        ]
    return Sequential(layers)


def mlp_multiply_adds(hidden_units):
    """Multiply-adds per image of the MLP's forward pass: its two weight matrices."""
    n_input, _, n_output = MLP_SIZES
    return n_input * hidden_units + hidden_units * n_output


def cnn_multiply_adds(filters, hidden_dense):
    """Multiply-adds per image of the CNN's forward pass: convolutions and dense layers."""
    channels1, channels2 = filters
    convolutions = 8 * 8 * 9 * 1 * channels1 + 4 * 4 * 9 * channels1 * channels2
    if hidden_dense is None:
        return convolutions + channels2 * 2 * 2 * 10
    return convolutions + channels2 * 2 * 2 * hidden_dense + hidden_dense * 10


def mlp_grid():
    """The MLP's configurations, in the order of the table."""
    for hidden, rate, batch in itertools.product(
        MLP_HIDDEN_UNITS, MLP_LEARNING_RATES, MLP_BATCH_SIZES
    ):
        yield {"hidden_units": hidden, "learning_rate": rate, "batch_size": batch}


def cnn_grid():
    """The CNN's configurations, in the order of the table."""
    for filters, hidden, rate in itertools.product(
        CNN_FILTER_PAIRS, CNN_HIDDEN_DENSE, CNN_LEARNING_RATES
    ):
        yield {
            "filters": list(filters),
            "hidden_dense": hidden,
            "learning_rate": rate,
            "batch_size": CNN_BATCH_SIZE,
        }


def build(kind, config, seed):
    """The untrained network of ``config`` for ``seed`` (a seed or a Generator)."""
    if kind == "mlp":
        return mlp_network(config["hidden_units"], seed)
    return cnn_network(tuple(config["filters"]), config["hidden_dense"], seed)


def multiply_adds(kind, config):
    if kind == "mlp":
        return mlp_multiply_adds(config["hidden_units"])
    return cnn_multiply_adds(tuple(config["filters"]), config["hidden_dense"])


def recipe_of(config, epochs):
    """The TrainingRecipe of ``config`` trained for ``epochs``."""
    return TrainingRecipe(
        epochs=epochs,
        batch_size=config["batch_size"],
        learning_rate=config["learning_rate"],
        optimizer="adam",
    )


def search_data(kind):
    """``(x_train, y_train, x_validation, y_validation)``; images for the CNN."""
    split = load_digits_three_way_split()
    x_train, x_validation = split.x_train, split.x_validation
    if kind == "cnn":
        x_train, x_validation = to_images(x_train), to_images(x_validation)
    return x_train, split.y_train, x_validation, split.y_validation


def validation_curve(kind, config, seed, epochs, data):
    """Correct validation images after each of ``epochs`` epochs, for one seed.

    What ``train_with_recipe`` does (the seed makes the network, then the
    shuffles), with ``fit`` scoring the validation part after every epoch.
    """
    x_train, y_train, x_validation, y_validation = data
    rng = random_generator(seed)
    network = build(kind, config, rng)
    recipe = recipe_of(config, epochs)
    history = fit(
        network,
        SoftmaxCrossEntropy(),
        make_optimizer(recipe, network),
        x_train,
        y_train,
        epochs=epochs,
        batch_size=recipe.batch_size,
        seed=rng,
        validation=(x_validation, y_validation),
    )
    return [round(accuracy * len(y_validation)) for accuracy in history.validation_accuracy]


def run_search(kind, seeds, epochs, log=None):
    """Every configuration of ``kind``'s grid with every seed; the part of the JSON for it."""
    data = search_data(kind)
    grid = list(mlp_grid() if kind == "mlp" else cnn_grid())
    runs = []
    for index, config in enumerate(grid):
        curves = [validation_curve(kind, config, seed, epochs, data) for seed in seeds]
        runs.append({**config, "correct_per_epoch": curves})
        if log is not None:
            log(f"{kind} {index + 1}/{len(grid)} {config}")
    return {
        "n_train": len(data[1]),
        "n_validation": len(data[3]),
        "seeds": list(seeds),
        "max_epochs": epochs,
        "runs": runs,
    }


# The selection rule, on the recorded numbers.


def best_epochs(kind, run, first_rule=False):
    """The run's configuration at its best number of epochs, as a row of the table.

    The rule of SELECTION_RULE within one configuration: the highest worst
    seed, then the highest median of correct validation images over the
    seeds, then the fewest epochs.  With ``first_rule``, the rule the search
    was first run with: the highest median, then the fewest epochs.
    """
    curves = np.array(run["correct_per_epoch"])  # (seeds, epochs)
    medians = np.median(curves, axis=0)  # five seeds: the middle one, a whole number
    lowest = curves.min(axis=0)
    if first_rule:
        keys = list(zip(medians, strict=True))
    else:
        keys = list(zip(lowest, medians, strict=True))
    epochs = keys.index(max(keys)) + 1  # index() finds the first: the fewest epochs
    at_best = curves[:, epochs - 1]
    return {
        "config": {key: value for key, value in run.items() if key != "correct_per_epoch"},
        "epochs": epochs,
        "median": int(np.median(at_best)),
        "lowest": int(at_best.min()),
        "highest": int(at_best.max()),
        "multiply_adds": multiply_adds(kind, run),
    }


def cost(row):
    """The tie-breaks of both rules: multiply-adds of training, optimiser steps, rate."""
    return (
        row["multiply_adds"] * row["epochs"],
        -row["config"]["batch_size"],
        row["config"]["learning_rate"],
    )


def rank(row):
    """Sort key of SELECTION_RULE: the best row comes first."""
    return (-row["lowest"], -row["median"], *cost(row))


def first_rule_rank(row):
    """Sort key of the first rule (FIRST_RULE): the median, then the cost."""
    return (-row["median"], *cost(row))


def select(kind, search):
    """``(rows, winner)``: every configuration at its best epochs, and the row that wins."""
    rows = [best_epochs(kind, run) for run in search["runs"]]
    return rows, min(rows, key=rank)


def first_rule_winner(kind, search):
    """The row the first rule picked, at its best epochs by that rule."""
    rows = [best_epochs(kind, run, first_rule=True) for run in search["runs"]]
    return min(rows, key=first_rule_rank)


def winner_recipe(winner):
    """The winner as the package names its recipe: TrainingRecipe fields and network sizes."""
    config = winner["config"]
    recipe = recipe_of(config, winner["epochs"])
    fields = {
        "epochs": recipe.epochs,
        "batch_size": recipe.batch_size,
        "learning_rate": recipe.learning_rate,
        "optimizer": recipe.optimizer,
    }
    if "hidden_units" in config:
        return {"recipe": fields, "hidden_units": config["hidden_units"]}
    return {"recipe": fields, "filters": config["filters"], "hidden_dense": config["hidden_dense"]}


# Rendering.


def percent(correct, total):
    return f"{correct / total:.2%}"


def accuracy_cell(correct, total):
    """A validation accuracy with its count of images: ``98.61% (283)``."""
    return f"{percent(correct, total)} ({correct})"


def mlp_cells(row):
    config = row["config"]
    return [
        str(config["hidden_units"]),
        str(config["learning_rate"]),
        str(config["batch_size"]),
    ]


def cnn_cells(row):
    config = row["config"]
    first, second = config["filters"]
    hidden = "none" if config["hidden_dense"] is None else str(config["hidden_dense"])
    return [f"{first}, {second}", hidden, str(config["learning_rate"])]


MLP_HEADER = ["Hidden units", "Learning rate", "Batch"]
CNN_HEADER = ["Filters", "Hidden dense", "Learning rate"]
COMMON_HEADER = [
    "Multiply-adds per image",
    "Best epochs",
    "Worst seed",
    "Median",
    "Best seed",
]


def describe_network(kind, row):
    """The candidate of ``row`` in words: its network, rate, batch and epochs."""
    config = row["config"]
    if kind == "mlp":
        network = f"{config['hidden_units']} hidden units"
    else:
        first, second = config["filters"]
        hidden = config["hidden_dense"]
        dense = (
            "no hidden dense layer" if hidden is None else f"a hidden dense layer of {hidden} units"
        )
        network = f"{first} filters in the first convolution and {second} in the second, {dense}"
    return (
        f"{network}, learning rate {config['learning_rate']}, "
        f"batches of {config['batch_size']}, {row['epochs']} epochs"
    )


def describe_winner(kind, winner, n_validation, n_seeds):
    worst = percent(winner["lowest"], n_validation)
    median = percent(winner["median"], n_validation)
    best = percent(winner["highest"], n_validation)
    return (
        f"**Winner:** {describe_network(kind, winner)}: validation accuracy {worst} "
        f"({winner['lowest']} of {n_validation} images) for the worst of its {n_seeds} seeds, "
        f"median {median} ({winner['median']}), best seed {best} ({winner['highest']})."
    )


def describe_first_rule(kind, search, winner):
    """What the first rule picked, and why the rule was changed."""
    n_validation = search["n_validation"]
    first = first_rule_winner(kind, search)
    text = (
        "This rule was changed after the search was first run. The first rule, fixed in "
        f"advance, ranked the candidates by {FIRST_RULE}. "
    )
    if (first["config"], first["epochs"]) == (winner["config"], winner["epochs"]):
        text += "For this network it picked the same candidate as the rule above. "
    else:
        text += (
            f"For this network it picked {describe_network(kind, first)}"
            f": median {accuracy_cell(first['median'], n_validation)}, but its worst seed "
            f"reached only {accuracy_cell(first['lowest'], n_validation)}, which is not a "
            "recipe that works whatever the seed; the rule was changed after seeing that "
            "winner. "
        )
    return text + (
        "Both rules were applied to the validation images only; the test images were used "
        "by neither, so changing the rule on validation results leaves the test images unseen."
    )


def render(kind, search, quick=False):
    """The Markdown results file of one search, from its part of the JSON."""
    rows, winner = select(kind, search)
    n_validation = search["n_validation"]
    n_seeds = len(search["seeds"])
    name = "MLP" if kind == "mlp" else "CNN"
    first, last = search["seeds"][0], search["seeds"][-1]
    run = "a quick run, not for the chapters" if quick else "full run"
    intro = (
        f"The digits {name}'s recipe search, written by `python {SCRIPT}` ({run}). "
        f"Every configuration was trained with Adam and the seeds {first} to {last} on the "
        f"{search['n_train']} training images, and scored on the {n_validation} validation "
        f"images after each of its {search['max_epochs']} epochs; the test images were not "
        "used. Each row shows the configuration at its best number of epochs by the rule "
        "below, with the validation accuracy there of its worst seed, the median over its "
        "seeds and its best seed, each with the number of validation images it got right "
        f"in brackets (one image is {percent(1, n_validation)}); the winner's row is in bold."
    )
    header = (MLP_HEADER if kind == "mlp" else CNN_HEADER) + COMMON_HEADER
    cells_of = mlp_cells if kind == "mlp" else cnn_cells
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for row in rows:
        cells = cells_of(row) + [
            str(row["multiply_adds"]),
            str(row["epochs"]),
            accuracy_cell(row["lowest"], n_validation),
            accuracy_cell(row["median"], n_validation),
            accuracy_cell(row["highest"], n_validation),
        ]
        if row is winner:
            cells = [f"**{cell}**" for cell in cells]
        lines.append("| " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    winner_line = describe_winner(kind, winner, n_validation, n_seeds)
    history = describe_first_rule(kind, search, winner)
    return (
        "<!-- --8<-- [start:rule] -->\n"
        f"{intro}\n\n{SELECTION_RULE}\n\n{history}\n"
        "<!-- --8<-- [end:rule] -->\n\n"
        "<!-- --8<-- [start:table] -->\n"
        f"{table}\n"
        "<!-- --8<-- [end:table] -->\n\n"
        "<!-- --8<-- [start:winner] -->\n"
        f"{winner_line}\n"
        "<!-- --8<-- [end:winner] -->\n"
    )


def results_json(searches):
    """The JSON file's text: every seed's curve on one line, keys sorted."""
    document = {"script": SCRIPT, "selection_rule": SELECTION_RULE, "first_rule": FIRST_RULE}
    for kind, search in searches.items():
        rows, winner = select(kind, search)
        first = first_rule_winner(kind, search)
        document[kind] = {
            **search,
            "winner": {**winner, **winner_recipe(winner)},
            "first_rule_winner": {**first, **winner_recipe(first)},
        }
    return results_json_text(document)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"{len(QUICK_SEEDS)} seeds, {QUICK_EPOCHS} epochs; prints, writes nothing "
        "unless --output-dir is given",
    )
    parser.add_argument("--networks", nargs="+", choices=("mlp", "cnn"), default=["mlp", "cnn"])
    parser.add_argument(
        "--output-dir",
        type=pathlib.Path,
        default=None,
        help=f"where the results go (default: {RESULTS.relative_to(ROOT)}, full runs only)",
    )
    args = parser.parse_args(argv)
    if sorted(args.networks) != ["cnn", "mlp"] and args.output_dir is None and not args.quick:
        parser.error("a run of one search writes only with --output-dir (the JSON holds both)")
    seeds, epochs = (QUICK_SEEDS, QUICK_EPOCHS) if args.quick else (SEEDS, MAX_EPOCHS)
    output_dir = args.output_dir if (args.quick or args.output_dir) else RESULTS
    start = time.perf_counter()

    def log(message):
        print(f"[{time.perf_counter() - start:6.1f} s] {message}", file=sys.stderr, flush=True)

    searches = {}
    with single_thread():
        for kind in ("mlp", "cnn"):
            if kind in args.networks:
                searches[kind] = run_search(kind, seeds, epochs, log)
    texts = {kind: render(kind, search, args.quick) for kind, search in searches.items()}
    for text in texts.values():
        print(text)
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        for kind, text in texts.items():
            (output_dir / f"recipe-search-{kind}.md").write_text(text, encoding="utf-8")
        (output_dir / "recipe-search.json").write_text(results_json(searches), encoding="utf-8")
        log(f"wrote {output_dir}")
    log("done")


if __name__ == "__main__":
    main()
