"""How often does the article's network stall?  Thousands of seeds, counted.

For every seed, the article's network (``nn_from_scratch.NeuralNetwork``, four
hidden units, no biases, learning rate 1) trains on the article's data for
1500 iterations, twice:

- from the starting weights the book draws, ``np.random.default_rng(seed)``
  (what ``NeuralNetwork(x, y, seed=seed)`` does);
- from the starting weights the original article drew, NumPy's legacy
  generator: ``np.random.seed(seed)`` then ``np.random.rand`` for ``W1``, then
  for ``W2`` (``np.random.RandomState(seed)`` gives the same numbers without
  touching the global state).

Each run is then sorted into one of three kinds, by its four final predictions:

- **learned**: every prediction within 0.1 of its target;
- **stalled**: at least one prediction within 0.1 of one half;
- **other**: neither.

Every stalled run trains on to 10000 iterations, to see whether the stall is
a slow start or a dead end.  The script writes the counts, the stalled seeds
and their predictions to ``experiments/results/stalled-runs.json``, and two
Markdown reports of the same numbers, ``stalled-runs.md`` (English) and
``stalled-runs.zh-TW.md`` (Traditional Chinese), which the chapter "Putting
it all together" includes in its two editions.

    python experiments/stalled_runs.py               # 10000 seeds, writes the results
    python experiments/stalled_runs.py --seeds 500   # fewer seeds, prints only
    python experiments/stalled_runs.py --render      # rewrites the Markdown from the JSON

It takes a few minutes of CPU (twice 10000 trainings of 1500 iterations),
spread over as many processes as the machine has cores.  The results are
deterministic: a rerun on unchanged code rewrites the same bytes.
"""

import os

# One BLAS thread per process, as in every script here.  The BLAS library
# reads these variables once, when NumPy is first imported.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import concurrent.futures  # noqa: E402
import json  # noqa: E402
import pathlib  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from nn_from_scratch.data import article_dataset  # noqa: E402
from nn_from_scratch.network import NeuralNetwork  # noqa: E402

RESULTS = ROOT / "experiments" / "results"
SEEDS = 10000
ITERATIONS = 1500
LONGER = 10000
TOLERANCE = 0.1
STARTS = ("book", "article")
KINDS = ("learned", "stalled", "other")


def trained_network(seed, start, iterations=ITERATIONS):
    """The article's network after ``iterations``, from the ``start`` weights of ``seed``."""
    x, y = article_dataset()
    network = NeuralNetwork(x, y, seed=seed)
    if start == "article":
        legacy = np.random.RandomState(seed)
        network.weights1 = legacy.rand(*network.weights1.shape)
        network.weights2 = legacy.rand(*network.weights2.shape)
    elif start != "book":
        raise ValueError(f"start must be one of {STARTS}; got {start!r}")
    network.train(iterations)
    return network


def final_predictions(seed, start, iterations=ITERATIONS):
    """The four predictions after training, as a flat array."""
    network = trained_network(seed, start, iterations)
    return network.predict(network.input).ravel()


def kind(predictions):
    """``"learned"``, ``"stalled"`` or ``"other"`` for four final predictions."""
    _, y = article_dataset()
    if np.all(np.abs(predictions - y.ravel()) < TOLERANCE):
        return "learned"
    if np.any(np.abs(predictions - 0.5) < TOLERANCE):
        return "stalled"
    return "other"


def _run(task):
    seed, start = task
    return seed, start, final_predictions(seed, start)


def measure(seeds):
    """Every seed's final predictions from both starts: ``{start: {seed: predictions}}``."""
    tasks = [(seed, start) for start in STARTS for seed in seeds]
    found = {start: {} for start in STARTS}
    workers = os.cpu_count() or 1
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        for seed, start, predictions in pool.map(_run, tasks, chunksize=200):
            found[start][seed] = predictions
    return found


def summary(found, seeds):
    """The numbers the reports show, as plain JSON-ready values."""
    _, y = article_dataset()
    result = {
        "seeds": len(seeds),
        "first_seed": min(seeds),
        "last_seed": max(seeds),
        "iterations": ITERATIONS,
        "longer_iterations": LONGER,
        "tolerance": TOLERANCE,
        "starts": {},
    }
    for start in STARTS:
        kinds = {seed: kind(p) for seed, p in found[start].items()}
        misses = [float(np.max(np.abs(p - y.ravel()))) for p in found[start].values()]
        stalled = sorted(seed for seed, k in kinds.items() if k == "stalled")
        result["starts"][start] = {
            "counts": {k: sum(1 for v in kinds.values() if v == k) for k in KINDS},
            "largest_miss_of_learned": max(
                (m for m, k in zip(misses, kinds.values(), strict=True) if k == "learned"),
                default=None,
            ),
            "stalled": [
                {
                    "seed": seed,
                    "predictions": [round(float(v), 6) for v in found[start][seed]],
                    "after_longer": [
                        round(float(v), 6) for v in final_predictions(seed, start, LONGER)
                    ],
                }
                for seed in stalled
            ],
            "other_seeds": sorted(seed for seed, k in kinds.items() if k == "other"),
        }
        for entry in result["starts"][start]["stalled"]:
            entry["kind_after_longer"] = kind(np.array(entry["after_longer"]))
    return result


def _cells(numbers):
    return " ".join(f"{v:.3f}" for v in numbers)


def _report(result, words):
    """One Markdown report of ``result``, in the language of ``words``."""
    lines = [
        words["measured"].format(
            seeds=result["seeds"],
            first=result["first_seed"],
            last=result["last_seed"],
            iterations=result["iterations"],
        ),
        "",
        words["header"],
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for start in STARTS:
        counts = result["starts"][start]["counts"]
        cells = [result["seeds"], counts["learned"], counts["stalled"], counts["other"]]
        lines.append(f"| {words[start]} | " + " | ".join(str(c) for c in cells) + " |")
    lines += ["", words["kinds"].format(tolerance=result["tolerance"])]
    for start in STARTS:
        stalled = result["starts"][start]["stalled"]
        if not stalled:
            continue
        recovered = sum(1 for entry in stalled if entry["kind_after_longer"] == "learned")
        lines += [
            "",
            words["stalled_title"].format(
                start=words[f"{start}_name"],
                longer=result["longer_iterations"],
                recovered=recovered,
                count=len(stalled),
            ),
            "",
            words["stalled_header"].format(
                iterations=result["iterations"], longer=result["longer_iterations"]
            ),
            "| ---: | --- | --- |",
        ]
        for entry in stalled:
            before, after = _cells(entry["predictions"]), _cells(entry["after_longer"])
            lines.append(f"| {entry['seed']} | {before} | {after} |")
    return "\n".join(lines) + "\n"


ENGLISH = {
    "measured": (
        "Measured with `python experiments/stalled_runs.py`: seeds {first} "
        "to {last} ({seeds} runs per row), {iterations} iterations each."
    ),
    "header": "| starting weights | runs | learned | stalled | other |",
    "book": "the book's, `np.random.default_rng(seed)`",
    "article": "the article's, `np.random.seed(seed)` (legacy)",
    "book_name": "the book's",
    "article_name": "the article's",
    "kinds": (
        "*Learned*: every prediction within {tolerance} of its target. *Stalled*: at "
        "least one prediction within {tolerance} of one half. *Other*: neither."
    ),
    "stalled_title": (
        "Stalled runs from {start} starting weights (learned the data set by "
        "iteration {longer}: {recovered} of {count}):"
    ),
    "stalled_header": "| seed | predictions after {iterations} | after {longer} |",
}

CHINESE = {
    "measured": (
        "以 `python experiments/stalled_runs.py` 測得：亂數種子 {first} 到 "
        "{last}（每一列 {seeds} 次訓練），每次 {iterations} 次迭代。"
    ),
    "header": "| 初始權重 | 訓練次數 | 學會 | 停滯 | 其他 |",
    "book": "本書的，`np.random.default_rng(seed)`",
    "article": "原文的，`np.random.seed(seed)`（舊式）",
    "book_name": "本書的",
    "article_name": "原文的",
    "kinds": (
        "*學會*：每一個預測值與目標值相差不到 {tolerance}。*停滯*：至少有一個預測值與"
        "二分之一相差不到 {tolerance}。*其他*：兩者皆非。"
    ),
    "stalled_title": (
        "從{start}初始權重出發而停滯的訓練（到第 {longer} 次迭代時學會資料集的："
        "{count} 次中有 {recovered} 次）："
    ),
    "stalled_header": "| 亂數種子 | {iterations} 次迭代後的預測值 | {longer} 次後 |",
}


def reports(result):
    """``{file name: Markdown}``: the two reports of ``result``, English and Chinese."""
    return {
        "stalled-runs.md": _report(result, ENGLISH),
        "stalled-runs.zh-TW.md": _report(result, CHINESE),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seeds", type=int, default=SEEDS, help=f"number of seeds (default {SEEDS})"
    )
    parser.add_argument(
        "--render", action="store_true", help="rewrite the Markdown from the JSON, train nothing"
    )
    args = parser.parse_args(argv)
    if args.render:
        result = json.loads((RESULTS / "stalled-runs.json").read_text(encoding="utf-8"))
    else:
        seeds = list(range(args.seeds))
        result = summary(measure(seeds), seeds)
    print(_report(result, ENGLISH))
    if args.seeds != SEEDS:
        print(f"(--seeds {args.seeds}: nothing written; the book shows {SEEDS} seeds)")
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    if not args.render:
        text = json.dumps(result, indent=1) + "\n"
        (RESULTS / "stalled-runs.json").write_text(text, encoding="utf-8")
    for name, text in reports(result).items():
        (RESULTS / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
