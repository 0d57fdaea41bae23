"""Data of the explorable "watch the article's network learn" (Putting it all together).

The article's network (:class:`~nn_from_scratch.network.NeuralNetwork`) is
trained for 1500 iterations with a few seeds.  After each number of
iterations in ``SHOWN_ITERATIONS`` (0 is the untrained network) the data
keeps, per seed:

- the loss on the four samples (4 significant digits);
- the four predictions (thousandths) and every sample's four hidden
  activations (hundredths);
- both weight matrices (hundredths), for the diagram's edges;
- the output over the input square, x1 and x2 from 0 to 1 in
  ``GRID - 1`` steps and the third input at 1: ``GRID`` rows from x2 = 1
  (top) down to x2 = 0, each from x1 = 0 to 1, as :func:`~.encoding.levels`
  from 0 to 1.
"""

import numpy as np

from ..data import ARTICLE_SEED, article_dataset
from ..forward import forward_pass
from ..loss import sum_squared_error
from ..network import NeuralNetwork
from .encoding import levels, rounded, scaled

SHOWN_ITERATIONS = (
    *range(0, 11),
    *range(15, 101, 5),
    *range(110, 301, 10),
    *range(350, 1501, 50),
)
"""Every iteration up to 10, then ever larger steps: 73 positions of the slider."""

SEEDS = {ARTICLE_SEED: "the chapter's seed", 1: "another seed", 6351: "a run that stalls"}
"""The seeds the reader can choose: the chapter's, another, and one of the two
seeds of 10000 whose run stalls (``experiments/results/stalled-runs.md``)."""

GRID = 13
"""Points per side of the heat map's grid over the input square."""


WORDS = (
    "Iterations trained",
    "Seed",
    "{seed} ({note})",
    "Sample",
    "sample {number}",
    "input",
    "hidden",
    "output",
    "loss",
    "prediction",
    "target",
    "iteration",
    "iterations trained: {iterations}, loss: {loss}",
    "Output over the input square (x3 = 1)",
    "x1 from 0 (left) to 1 (right), x2 from 0 (bottom) to 1 (top)",
    "positive weight",
    "negative weight",
    *SEEDS.values(),
)
"""The English texts the page shows; each edition gets them in its language."""


def input_square(grid=GRID):
    """The heat map's inputs: ``grid * grid`` rows ``(x1, x2, 1)``, x2 falling row by row."""
    steps = np.linspace(0.0, 1.0, grid)
    x2, x1 = np.meshgrid(steps[::-1], steps, indexing="ij")
    return np.column_stack([x1.ravel(), x2.ravel(), np.ones(grid * grid)])


def snapshot(network):
    """What the explorable shows of ``network`` now, in its stored form."""
    hidden, output = forward_pass(network.input, network.weights1, network.weights2)
    _, square = forward_pass(input_square(), network.weights1, network.weights2)
    return {
        "loss": rounded(sum_squared_error(network.y, output), 5),
        "predictions": scaled(output, 3),
        "hidden": scaled(hidden, 2),
        "weights1": scaled(network.weights1, 2),
        "weights2": scaled(network.weights2, 2),
        "square": levels(square, 0.0, 1.0),
    }


def seed_run(seed, shown=SHOWN_ITERATIONS):
    """The article's network trained with ``seed``: ``{field: [its value after i iterations
    for i in shown]}`` for each field of :func:`snapshot`."""
    x, y = article_dataset()
    network = NeuralNetwork(x, y, seed=seed)
    run = {}
    done = 0
    for iterations in shown:
        if iterations > done:
            network.train(iterations - done)
            done = iterations
        for field, value in snapshot(network).items():
            run.setdefault(field, []).append(value)
    return run


def training_run_data():
    """The explorable's data, without its words (:data:`WORDS`)."""
    x, y = article_dataset()
    return {
        "iterations": list(SHOWN_ITERATIONS),
        "samples": {"x": scaled(x, 0), "y": scaled(y, 0)},
        "grid": GRID,
        "seeds": [{"seed": seed, "note": note, **seed_run(seed)} for seed, note in SEEDS.items()],
    }
