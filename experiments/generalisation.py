"""The remedies for overfitting of the chapter "Generalisation", over five seeds, on one split.

The setting is the chapter's (``nn_from_scratch.overfitting``): the wide
network 64 -> 256 -> 256 -> 10 learns from 200 of the training images of
``load_digits_three_way_split()`` (20 of each digit), with Adam, for 50
epochs, and is scored on the 287 validation images.  Every remedy is run
with the seeds 0 to 4 (each seed makes the initial weights, then the
shuffles and the dropout masks):

- none;
- coupled L2 weight decay (``L2WeightDecay`` around ``Adam``), weight_decay
  1e-4, 1e-3 or 1e-2;
- decoupled weight decay (``AdamW``), weight_decay 0.3, 1, 3 or 10;
- dropout after each hidden layer, rate 0.1, 0.3, 0.5 or 0.7;
- early stopping: the run without a remedy, retrained to the epoch of its
  best validation accuracy (``stop_early``);
- and, for scale, no remedy but all 1151 training images.

The strengths are chosen on the validation part by ``SELECTION_RULE``
(repeated in the results).  Only then are the chosen networks scored on the
359 test images, once each: the test scores appear in the last table only.

It writes, under ``experiments/results/``, ``generalisation.md`` (the
tables, which the chapter includes with ``--8<--``) and
``generalisation.json`` (every seed's numbers, from which the Markdown is
rendered).  It measures accuracy, never time, and it is deterministic:
fixed seeds, one BLAS thread, the same bytes on every run.

    python experiments/generalisation.py           # about a minute of one core
    python experiments/generalisation.py --quick   # 2 seeds, 3 epochs; prints, writes nothing
"""

import os

if __name__ == "__main__":
    # One BLAS thread, so that every run does the same arithmetic in the same
    # order.  The BLAS library reads these once, when NumPy is first imported.
    for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_variable] = "1"

import argparse  # noqa: E402
import pathlib  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from experiments.common import results_json_text, single_thread  # noqa: E402
from nn_from_scratch.digits import load_digits_three_way_split  # noqa: E402
from nn_from_scratch.early_stopping import stop_early  # noqa: E402
from nn_from_scratch.losses import SoftmaxCrossEntropy  # noqa: E402
from nn_from_scratch.optimizers import Adam  # noqa: E402
from nn_from_scratch.overfitting import (  # noqa: E402
    SUBSET_PER_DIGIT,
    WIDE_RECIPE,
    train_wide_mlp,
    wide_mlp,
)
from nn_from_scratch.training import fit  # noqa: E402
from nn_from_scratch.validation import random_generator  # noqa: E402

RESULTS = ROOT / "experiments" / "results"
SCRIPT = "experiments/generalisation.py"

SEEDS = (0, 1, 2, 3, 4)
QUICK_SEEDS = (0, 1)
QUICK_EPOCHS = 3

#: Training images the wide network learns from: SUBSET_PER_DIGIT of each digit.
SUBSET_SIZE = SUBSET_PER_DIGIT * 10

#: The strengths tried for each remedy, weakest first.
GRID = {
    "l2": (1e-4, 1e-3, 1e-2),
    "adamw": (0.3, 1.0, 3.0, 10.0),
    "dropout": (0.1, 0.3, 0.5, 0.7),
}

#: How the tables name the remedies.
NAMES = {
    "none": "none",
    "l2": "L2, coupled (Adam + L2WeightDecay)",
    "adamw": "decoupled (AdamW)",
    "dropout": "dropout",
    "early": "early stopping",
    "all_data": "none, but all training images",
}

#: What the strength of each remedy is, for the tables.
STRENGTH_NAMES = {"l2": "weight_decay", "adamw": "weight_decay", "dropout": "rate"}

SELECTION_RULE = (
    "Selection rule, fixed before the first run: for each remedy, the strength whose "
    "median validation accuracy over the five seeds, after the recipe's epochs, is "
    "highest wins; equal medians go to the lower median validation loss. Early "
    "stopping has no strength: each seed's run without a remedy is retrained to the "
    "epoch of its best validation accuracy. The test images are scored only after "
    "the choice, once for each chosen remedy."
)


def scores(network, history, split):
    """What the JSON keeps of a trained network: correct counts and the validation loss."""
    n_validation = len(split.y_validation)
    return {
        "train_correct_last_epoch": round(history.train_accuracy[-1] * SUBSET_SIZE),
        "validation_correct": round(history.validation_accuracy[-1] * n_validation),
        "validation_loss": round(history.validation_loss[-1], 6),
    }


def test_correct(network, split):
    """Correct test images: the one look at the test part, after the choice."""
    return int(np.count_nonzero(network.predict_labels(split.x_test) == split.y_test))


def all_data_run(split, seed, epochs):
    """The wide network without a remedy on all the training images, as train_wide_mlp trains."""
    rng = random_generator(seed)
    network = wide_mlp(rng)
    history = fit(
        network,
        SoftmaxCrossEntropy(),
        Adam(network, WIDE_RECIPE.learning_rate),
        split.x_train,
        split.y_train,
        epochs=epochs,
        batch_size=WIDE_RECIPE.batch_size,
        seed=rng,
        validation=(split.x_validation, split.y_validation),
    )
    return network, history


def run_experiment(seeds, epochs, log=None):
    """Every run; returns the JSON document (without the rendered tables)."""
    split = load_digits_three_way_split()
    say = log or (lambda message: None)
    networks = {}

    def record(key, network, history, **extra):
        networks[key] = network
        return {"seed": key[-1], **scores(network, history, split), **extra}

    search = {"none": {"null": []}}
    for seed in seeds:
        network, history = train_wide_mlp(split, seed=seed, epochs=epochs)
        search["none"]["null"].append(record(("none", None, seed), network, history))
    say("none")
    for remedy, strengths in GRID.items():
        search[remedy] = {}
        for strength in strengths:
            runs = []
            for seed in seeds:
                network, history = train_wide_mlp(split, remedy, strength, seed, epochs)
                runs.append(record((remedy, strength, seed), network, history))
            search[remedy][repr(strength)] = runs
            say(f"{remedy} {strength}")
    chosen = {remedy: choose(search[remedy]) for remedy in GRID}

    # Early stopping: each seed's run without a remedy, retrained to its best epoch.
    early = []
    for seed in seeds:
        network, best, history = stop_early(
            lambda n, seed=seed: train_wide_mlp(split, seed=seed, epochs=n), epochs
        )
        networks["early", None, seed] = network
        early.append(
            {
                "seed": seed,
                "best_epoch": best,
                "validation_correct": round(
                    history.validation_accuracy[best - 1] * len(split.y_validation)
                ),
                "validation_loss": round(history.validation_loss[best - 1], 6),
            }
        )
    say("early stopping")
    all_data = []
    for seed in seeds:
        network, history = all_data_run(split, seed, epochs)
        networks["all_data", None, seed] = network
        all_data.append(
            {
                "seed": seed,
                "train_correct_last_epoch": round(history.train_accuracy[-1] * len(split.y_train)),
                "validation_correct": round(
                    history.validation_accuracy[-1] * len(split.y_validation)
                ),
                "validation_loss": round(history.validation_loss[-1], 6),
            }
        )
    say("all training images")

    # The choice is made: now, and only now, the test part.
    final = {
        "none": [
            {**run, "test_correct": test_correct(networks["none", None, run["seed"]], split)}
            for run in search["none"]["null"]
        ]
    }
    for remedy, strength in chosen.items():
        final[remedy] = [
            {**run, "test_correct": test_correct(networks[remedy, strength, run["seed"]], split)}
            for run in search[remedy][repr(strength)]
        ]
    final["early"] = [
        {**run, "test_correct": test_correct(networks["early", None, run["seed"]], split)}
        for run in early
    ]
    final["all_data"] = [
        {**run, "test_correct": test_correct(networks["all_data", None, run["seed"]], split)}
        for run in all_data
    ]
    return {
        "script": SCRIPT,
        "selection_rule": SELECTION_RULE,
        "seeds": list(seeds),
        "epochs": epochs,
        "n_subset": SUBSET_SIZE,
        "n_train": len(split.y_train),
        "n_validation": len(split.y_validation),
        "n_test": len(split.y_test),
        "grid": {remedy: list(strengths) for remedy, strengths in GRID.items()},
        "search": search,
        "chosen": chosen,
        "final": final,
    }


def median(runs, key):
    return float(np.median([run[key] for run in runs]))


def choose(by_strength):
    """The strength SELECTION_RULE picks from ``{repr(strength): runs}``."""
    best = min(
        by_strength.items(),
        key=lambda item: (
            -median(item[1], "validation_correct"),
            median(item[1], "validation_loss"),
        ),
    )
    return float(best[0])


# Rendering.


def percent(correct, total):
    return f"{correct / total:.2%}"


def strength_cell(remedy, strength):
    return "–" if strength is None else f"{STRENGTH_NAMES[remedy]} {strength:g}"


def render(document, quick=False):
    """The Markdown results file, from the JSON document."""
    n_validation, n_test = document["n_validation"], document["n_test"]
    seeds = document["seeds"]
    run = "a quick run, not for the chapter" if quick else "full run"
    intro = (
        f"Written by `python {SCRIPT}` ({run}). The wide network 64-256-256-10 learned from "
        f"{document['n_subset']} of the {document['n_train']} training images (20 of each "
        f"digit) with Adam for {document['epochs']} epochs, with the seeds {seeds[0]} to "
        f"{seeds[-1]}; every number is the median over the {len(seeds)} seeds."
    )
    search_header = [
        "Remedy",
        "Strength",
        "Validation accuracy",
        "Lowest",
        "Highest",
        "Validation loss",
    ]
    lines = ["| " + " | ".join(search_header) + " |", "|" + " --- |" * len(search_header)]
    # The order of NAMES, weakest strength first (the JSON keeps its keys sorted).
    for remedy in (name for name in NAMES if name in document["search"]):
        by_strength = document["search"][remedy]
        for key in sorted(by_strength, key=lambda key: -1.0 if key == "null" else float(key)):
            runs = by_strength[key]
            strength = None if key == "null" else float(key)
            correct = [r["validation_correct"] for r in runs]
            cells = [
                NAMES[remedy],
                strength_cell(remedy, strength),
                percent(np.median(correct), n_validation),
                percent(min(correct), n_validation),
                percent(max(correct), n_validation),
                f"{median(runs, 'validation_loss'):.3f}",
            ]
            if strength is not None and strength == document["chosen"][remedy]:
                cells = [f"**{cell}**" for cell in cells]
            lines.append("| " + " | ".join(cells) + " |")
    search_table = "\n".join(lines)

    final_header = ["Remedy", "Strength", "Epochs", "Validation accuracy", "Test accuracy"]
    lines = ["| " + " | ".join(final_header) + " |", "|" + " --- |" * len(final_header)]
    for remedy in (name for name in NAMES if name in document["final"]):
        runs = document["final"][remedy]
        strength = document["chosen"].get(remedy)
        epochs = (
            f"{median(runs, 'best_epoch'):g} (median)"
            if remedy == "early"
            else str(document["epochs"])
        )
        lines.append(
            "| "
            + " | ".join(
                [
                    NAMES[remedy],
                    strength_cell(remedy, strength),
                    epochs,
                    percent(median(runs, "validation_correct"), n_validation),
                    percent(median(runs, "test_correct"), n_test),
                ]
            )
            + " |"
        )
    final_table = "\n".join(lines)
    return (
        "<!-- --8<-- [start:intro] -->\n"
        f"{intro}\n\n{SELECTION_RULE}\n"
        "<!-- --8<-- [end:intro] -->\n\n"
        "<!-- --8<-- [start:search] -->\n"
        f"{search_table}\n"
        "<!-- --8<-- [end:search] -->\n\n"
        "<!-- --8<-- [start:final] -->\n"
        f"{final_table}\n"
        "<!-- --8<-- [end:final] -->\n"
    )


def results_json(document):
    """The JSON file's text: keys sorted, each run on one line."""
    return results_json_text(document, one_line_dicts=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"{len(QUICK_SEEDS)} seeds, {QUICK_EPOCHS} epochs; prints, writes nothing "
        "unless --output-dir is given",
    )
    parser.add_argument(
        "--output-dir",
        type=pathlib.Path,
        default=None,
        help=f"where the results go (default: {RESULTS.relative_to(ROOT)}, full runs only)",
    )
    args = parser.parse_args(argv)
    seeds, epochs = (QUICK_SEEDS, QUICK_EPOCHS) if args.quick else (SEEDS, WIDE_RECIPE.epochs)
    output_dir = args.output_dir if (args.quick or args.output_dir) else RESULTS
    start = time.perf_counter()

    def log(message):
        print(f"[{time.perf_counter() - start:6.1f} s] {message}", file=sys.stderr, flush=True)

    with single_thread():
        document = run_experiment(seeds, epochs, log)
    text = render(document, args.quick)
    print(text)
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        (output_dir / "generalisation.md").write_text(text, encoding="utf-8")
        (output_dir / "generalisation.json").write_text(results_json(document), encoding="utf-8")
        log(f"wrote {output_dir}")
    log("done")


if __name__ == "__main__":
    main()
