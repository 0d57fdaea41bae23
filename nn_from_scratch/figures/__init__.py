"""Every figure the book shows, drawn from code: the list the site's build hook uses.

Each entry maps a file stem (``loss-curve`` becomes ``figures/loss-curve-light.svg``
and ``figures/loss-curve-dark.svg`` on the site) to a function of the theme
that returns a matplotlib figure.  The training run behind the plots is the
one of the chapter "Putting it all together": the article's data set,
1500 iterations, seed :data:`~nn_from_scratch.data.ARTICLE_SEED`.
"""

from ..data import ARTICLE_SEED, article_dataset
from ..network import NeuralNetwork
from . import activation, biases, convolution, diagrams, digits, gradient_check, learning_rate
from .svg import figure_to_svg
from .training_run import loss_curve, predictions_vs_targets


def article_run(iterations=1500, seed=ARTICLE_SEED):
    """Train the article's network; return ``(losses, predictions, targets)``."""
    x, y = article_dataset()
    network = NeuralNetwork(x, y, seed=seed)
    losses = network.train(iterations)
    return losses, network.predict(x), y


#: Modules of Part II figures; each has ``figures() -> {stem: draw(theme)}``.
PART_TWO_FIGURE_MODULES = (
    activation,
    learning_rate,
    biases,
    gradient_check,
    digits,
    convolution,
)


def part_one_figures():
    """Return ``{stem: draw(theme) -> Figure}`` for the figures of Part I."""
    losses, predictions, targets = article_run()
    return {
        "network": diagrams.network_diagram,
        "training-loop": diagrams.training_loop_diagram,
        "chain-rule": diagrams.chain_rule_diagram,
        "slope": diagrams.slope_diagram,
        "loss-curve": lambda theme: loss_curve(losses, theme),
        "predictions": lambda theme: predictions_vs_targets(predictions, targets, theme),
    }


def book_figures():
    """Return ``{stem: draw(theme) -> Figure}`` for every figure of the book."""
    found = part_one_figures()
    for module in PART_TWO_FIGURE_MODULES:
        for stem, draw in module.figures().items():
            if stem in found:
                raise ValueError(f"figure stem {stem!r} of {module.__name__} is used twice")
            found[stem] = draw
    return found


def book_svgs(themes=("light", "dark")):
    """Return ``{"figures/<stem>-<theme>.svg": svg_bytes}`` for every figure and theme."""
    svgs = {}
    for stem, draw in book_figures().items():
        for theme in themes:
            svgs[f"figures/{stem}-{theme}.svg"] = figure_to_svg(draw(theme))
    return svgs
