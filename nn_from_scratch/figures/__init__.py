"""Every figure the book shows, drawn from code: the list the site's build hook uses.

Each entry maps a file stem (``loss-curve`` becomes ``figures/loss-curve-light.svg``
and ``figures/loss-curve-dark.svg`` on the site) to a function of the theme
that returns a matplotlib figure.  The training run behind the plots is the
one of the chapter "Putting it all together": the article's data set,
1500 iterations, seed :data:`~nn_from_scratch.data.ARTICLE_SEED`.  Part III's
figure of the cost of training as the network grows is drawn from the results
``benchmarks/cost_growth.py`` saved, never by timing anything at build time.

Every function here takes ``language``, "en" (the default) or "zh-TW"
(Traditional Chinese, Taiwan): the words the figures draw come from
:mod:`nn_from_scratch.figures.words`, and the numbers and curves are the same.
"""

from ..data import ARTICLE_SEED, article_dataset
from ..network import NeuralNetwork
from . import (
    activation,
    biases,
    convolution,
    cost_growth,
    diagnostics,
    diagrams,
    digits,
    generalisation,
    gradient_check,
    learning_rate,
)
from .svg import figure_to_svg
from .training_run import loss_curve, predictions_vs_targets
from .words import check_language, for_language


def article_run(iterations=1500, seed=ARTICLE_SEED):
    """Train the article's network; return ``(losses, predictions, targets)``."""
    x, y = article_dataset()
    network = NeuralNetwork(x, y, seed=seed)
    losses = network.train(iterations)
    return losses, network.predict(x), y


#: Modules of Part II figures; each has ``figures(language) -> {stem: draw(theme)}``.
PART_TWO_FIGURE_MODULES = (
    activation,
    learning_rate,
    biases,
    gradient_check,
    digits,
    generalisation,
    convolution,
    diagnostics,
)

#: Modules of Part III figures, the same way.  ``cost_growth`` draws from the saved results
#: of ``benchmarks/cost_growth.py``: it needs a checkout of the repository, not PyTorch.
PART_THREE_FIGURE_MODULES = (cost_growth,)


def part_one_figures(language="en"):
    """Return ``{stem: draw(theme) -> Figure}`` for the figures of Part I, in ``language``."""
    check_language(language)
    losses, predictions, targets = article_run()
    return {
        "network": for_language(diagrams.network_diagram, language),
        "training-loop": for_language(diagrams.training_loop_diagram, language),
        "chain-rule": for_language(diagrams.chain_rule_diagram, language),
        "slope": for_language(diagrams.slope_diagram, language),
        "loss-curve": lambda theme: loss_curve(losses, theme, language),
        "predictions": lambda theme: predictions_vs_targets(predictions, targets, theme, language),
    }


def book_figures(language="en"):
    """Return ``{stem: draw(theme) -> Figure}`` for every figure of the book, in ``language``."""
    found = part_one_figures(language)
    for module in PART_TWO_FIGURE_MODULES + PART_THREE_FIGURE_MODULES:
        for stem, draw in module.figures(language).items():
            if stem in found:
                raise ValueError(f"figure stem {stem!r} of {module.__name__} is used twice")
            found[stem] = draw
    return found


def book_svgs(themes=("light", "dark"), language="en"):
    """Return ``{"figures/<stem>-<theme>.svg": svg_bytes}`` for every figure and theme.

    The paths are the same in every language: each edition's site has its own
    ``figures/`` directory.
    """
    svgs = {}
    for stem, draw in book_figures(language).items():
        for theme in themes:
            svgs[f"figures/{stem}-{theme}.svg"] = figure_to_svg(draw(theme))
    return svgs
