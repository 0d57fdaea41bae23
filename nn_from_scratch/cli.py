"""The command line: ``python -m nn_from_scratch``.

Trains the article's network (chapter "Putting it all together" of Part I)
and prints its predictions next to the targets.
"""

import argparse
import pathlib
import sys

from .data import ARTICLE_SEED, article_dataset
from .loss import sum_squared_error
from .network import NeuralNetwork


def _whole_number(minimum):
    """An argparse type: a whole number >= ``minimum``, or a usage error."""

    def parse(text):
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise argparse.ArgumentTypeError(f"expected a whole number >= {minimum}, got {text!r}")
        return value

    return parse


def build_parser():
    """Return the argument parser (also used to document the options)."""
    parser = argparse.ArgumentParser(
        prog="python -m nn_from_scratch",
        description=(
            "Train the two-layer network of 'How to build your own Neural Network "
            "from scratch in Python' (James Loy, 2018) on its four-sample data set "
            "and print the predictions next to the targets."
        ),
    )
    parser.add_argument(
        "--iterations",
        type=_whole_number(1),
        default=1500,
        help="training iterations, each one feedforward + backprop (default: %(default)s)",
    )
    parser.add_argument(
        "--seed",
        type=_whole_number(0),
        default=ARTICLE_SEED,
        help="seed for the initial weights; one seed, one run (default: %(default)s)",
    )
    parser.add_argument(
        "--hidden-units",
        type=_whole_number(1),
        default=4,
        help="units in the hidden layer (default: %(default)s)",
    )
    parser.add_argument(
        "--figures",
        type=pathlib.Path,
        metavar="DIR",
        help="also write loss-curve.svg and predictions.svg into DIR (needs matplotlib)",
    )
    return parser


def format_predictions(x, y, predictions):
    """Return a text table: input row, target and prediction per sample."""
    lines = ["input      target  prediction"]
    for row, target, prediction in zip(x, y[:, 0], predictions[:, 0], strict=True):
        inputs = " ".join(f"{value:g}" for value in row)
        lines.append(f"{inputs:<10} {target:>6g}  {prediction:>10.4f}")
    return "\n".join(lines)


def write_figures(directory, losses, predictions, targets):
    """Write the loss curve and the predictions figure as SVG files into ``directory``."""
    from .figures import loss_curve, predictions_vs_targets
    from .svg import figure_to_svg

    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "loss-curve.svg", directory / "predictions.svg"]
    paths[0].write_bytes(figure_to_svg(loss_curve(losses)))
    paths[1].write_bytes(figure_to_svg(predictions_vs_targets(predictions, targets)))
    return paths


def run():
    """Console-script entry point: run :func:`main` and exit with its code."""
    sys.exit(main())


def main(argv=None):
    """Run the command line; return the process exit code."""
    args = build_parser().parse_args(argv)
    x, y = article_dataset()
    network = NeuralNetwork(x, y, hidden_units=args.hidden_units, seed=args.seed)
    losses = network.train(args.iterations)
    predictions = network.predict(x)
    final_loss = sum_squared_error(y, predictions)
    print(f"{args.iterations} iterations, {args.hidden_units} hidden units, seed {args.seed}")
    print(format_predictions(x, y, predictions))
    print(f"final loss: {final_loss:.6f}")
    if args.figures is not None:
        try:
            paths = write_figures(args.figures, losses, predictions, y)
        except ImportError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        for path in paths:
            print(f"wrote {path}")
    return 0
