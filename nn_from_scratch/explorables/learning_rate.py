"""Data of the explorable "slide the learning rate" (The learning rate, Part II).

The chapter's sweep (:data:`~nn_from_scratch.learning_rate.LEARNING_RATES`,
1500 iterations each, the chapter's seed), the same runs as its figure.  Per
rate: the loss of every iteration up to ``EVERY_ITERATION_UNTIL``, then of
every tenth, and of the last (``losses[i - 1]`` is the loss of iteration
``i``, computed before its update, as in the chapter), 4 significant digits;
the last loss as the chapter prints it (4 decimals); and the trained
network's four predictions (thousandths).
"""

from ..data import article_dataset
from ..figures.learning_rate import learning_rate_runs
from .encoding import rounded, scaled

EVERY_ITERATION_UNTIL = 150
"""Iterations 1 to this one are all kept; after it, every tenth."""


WORDS = (
    "Learning rate",
    "iteration",
    "loss",
    "final loss",
    "prediction",
    "target",
    "sample {number}",
    "learning rate: {rate}, final loss: {loss}",
    "Loss per iteration (both axes logarithmic)",
    "Predictions after 1500 iterations",
)
"""The English texts the page shows; each edition gets them in its language."""


def curve_iterations(iterations=1500):
    """The iterations (counted from 1) whose loss the curve keeps."""
    later = range(EVERY_ITERATION_UNTIL + 10, iterations + 1, 10)
    shown = [*range(1, EVERY_ITERATION_UNTIL + 1), *later]
    return shown if shown[-1] == iterations else [*shown, iterations]


def learning_rate_data():
    """The explorable's data, without its words (:data:`WORDS`)."""
    x, y = article_dataset()
    runs = learning_rate_runs()  # the figure's runs: trained once per build
    shown = curve_iterations(len(next(iter(runs.values()))[1]))
    rates = []
    for rate, (network, losses) in runs.items():
        rates.append(
            {
                "rate": rate,
                "loss": [rounded(losses[i - 1]) for i in shown],
                "final_loss": round(float(losses[-1]), 4),
                "predictions": scaled(network.predict(x), 3),
            }
        )
    return {
        "iterations": shown,
        "samples": {"y": scaled(y, 0)},
        "rates": rates,
    }
