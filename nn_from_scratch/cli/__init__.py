"""The command line: ``python -m nn_from_scratch``.

Without a command it trains the article's network (chapter "Putting it all
together" of Part I) and prints its predictions next to the targets.  The
command ``digits`` trains Part II's digits classifier, the MLP or the CNN,
with its recipe, shows a progress bar on stderr and ends with the test
accuracy on stdout.
"""

import argparse
import dataclasses
import pathlib
import sys
from importlib import metadata

from ..cnn import CNN_RECIPE, digits_cnn, image_split
from ..data import ARTICLE_SEED, article_dataset
from ..digits import load_digits_split
from ..errors import TrainingDivergedError
from ..loss import sum_squared_error
from ..losses import SoftmaxCrossEntropy
from ..mlp import MLP_RECIPE, digits_mlp, make_optimizer
from ..network import NeuralNetwork
from ..persistence import save_sequential
from .progress import ProgressBar, RunningLoss
from ..figures.style import require_matplotlib
from ..training import fit
from ..validation import random_generator

#: The options of the article's network and their defaults (they come before any command).
ARTICLE_DEFAULTS = {"iterations": 1500, "seed": ARTICLE_SEED, "hidden_units": 4, "figures": None}

#: ``--model`` of ``digits`` -> the function that builds the network, and its training recipe.
DIGITS_MODELS = {"mlp": (digits_mlp, MLP_RECIPE), "cnn": (digits_cnn, CNN_RECIPE)}

#: The seed of ``digits`` when ``--seed`` is not given.
DIGITS_SEED = 0

#: The name ``pip`` installs the package under; its metadata holds the version.
DISTRIBUTION = "nn-from-scratch-book"


def version_text():
    """What ``--version`` prints: the program's name and the installed version.

    From a source tree that was never installed there is no version to read,
    and the text says so rather than guessing one.  Both texts are short:
    argparse wraps them to the terminal's width.
    """
    try:
        version = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return f"%(prog)s: version unknown, {DISTRIBUTION} not installed"
    return f"%(prog)s {version} ({DISTRIBUTION})"


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


def _model_path(text):
    """An argparse type: a file path whose directory exists, or a usage error."""
    path = pathlib.Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a directory, expected a file name")
    if not path.absolute().parent.is_dir():
        raise argparse.ArgumentTypeError(f"the directory of {text!r} does not exist")
    return path


def build_parser():
    """Return the argument parser (also used to document the options)."""
    parser = argparse.ArgumentParser(
        prog="python -m nn_from_scratch",
        description=(
            "Train the two-layer network of 'How to build your own Neural Network "
            "from scratch in Python' (James Loy, 2018) on its four-sample data set "
            "and print the predictions next to the targets. The command 'digits' "
            "trains a classifier of handwritten digits instead (Part II)."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=version_text(),
        help="print the program's name and version, then exit",
    )
    # The defaults are None so that main can tell an option given from one left out.
    parser.add_argument(
        "--iterations",
        type=_whole_number(1),
        help="training iterations, each one feedforward + backprop "
        f"(default: {ARTICLE_DEFAULTS['iterations']})",
    )
    parser.add_argument(
        "--seed",
        type=_whole_number(0),
        help=f"seed for the initial weights; one seed, one run (default: {ARTICLE_SEED})",
    )
    parser.add_argument(
        "--hidden-units",
        type=_whole_number(1),
        help=f"units in the hidden layer (default: {ARTICLE_DEFAULTS['hidden_units']})",
    )
    parser.add_argument(
        "--figures",
        type=pathlib.Path,
        metavar="DIR",
        help="also write loss-curve.svg and predictions.svg into DIR (needs matplotlib)",
    )
    commands = parser.add_subparsers(
        dest="command", title="commands", metavar="[COMMAND]", required=False
    )
    add_digits_parser(commands)
    return parser


def add_digits_parser(commands):
    """Add the command ``digits`` and its options to the subparsers ``commands``."""
    digits = commands.add_parser(
        "digits",
        help="train a digits classifier (MLP or CNN) and print its test accuracy",
        description=(
            "Train a classifier of the handwritten digits (1,797 images of 8 x 8 pixels "
            "from scikit-learn, the fixed 80/20 split of Part II) with its recipe, show "
            "a progress bar on stderr and print the test accuracy. Needs scikit-learn: "
            "pip install 'nn-from-scratch-book[digits]'."
        ),
    )
    digits.add_argument(
        "--model",
        choices=sorted(DIGITS_MODELS),
        default="mlp",
        help="the MLP of 'Many layers and mini-batches' or the CNN of 'Convolutions for "
        "image classification' (default: %(default)s)",
    )
    digits.add_argument(
        "--epochs",
        type=_whole_number(1),
        help="passes over the training images (default: the model's recipe)",
    )
    digits.add_argument(
        "--batch-size",
        type=_whole_number(1),
        help="images per mini-batch (default: the model's recipe)",
    )
    digits.add_argument(
        "--seed",
        dest="digits_seed",
        metavar="SEED",
        type=_whole_number(0),
        default=DIGITS_SEED,
        help="seed for the initial weights and the shuffling (default: %(default)s)",
    )
    digits.add_argument(
        "--save",
        type=_model_path,
        metavar="PATH",
        help="write the trained network to PATH (read it back with nn_from_scratch.load)",
    )
    digits.add_argument(
        "--quiet", action="store_true", help="no progress bar; print the results only"
    )


def format_predictions(x, y, predictions):
    """Return a text table: input row, target and prediction per sample."""
    lines = ["input      target  prediction"]
    for row, target, prediction in zip(x, y[:, 0], predictions[:, 0], strict=True):
        inputs = " ".join(f"{value:g}" for value in row)
        lines.append(f"{inputs:<10} {target:>6g}  {prediction:>10.4f}")
    return "\n".join(lines)


def write_figures(directory, losses, predictions, targets):
    """Write the loss curve and the predictions figure as SVG files into ``directory``."""
    from ..figures.training_run import loss_curve, predictions_vs_targets
    from ..figures.svg import figure_to_svg

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
    parser = build_parser()
    args = parser.parse_args(argv)
    given = [
        f"--{name.replace('_', '-')}"
        for name in ARTICLE_DEFAULTS
        if getattr(args, name) is not None
    ]
    if args.command == "digits":
        if given:
            parser.error(
                f"{', '.join(given)} {'is an option' if len(given) == 1 else 'are options'} "
                "of the article's network, not of 'digits'; give the options of 'digits' "
                "after it, e.g. 'digits --seed 3'"
            )
        return run_digits(args)
    for name, default in ARTICLE_DEFAULTS.items():
        if getattr(args, name) is None:
            setattr(args, name, default)  # figures stays None
    return run_article(args)


def run_article(args):
    """Train the article's network as ``args`` say and print its predictions; return 0 or 2."""
    if args.figures is not None:
        # Check for matplotlib first: a missing extra should not cost a training run.
        try:
            require_matplotlib()
        except ImportError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    x, y = article_dataset()
    network = NeuralNetwork(x, y, hidden_units=args.hidden_units, seed=args.seed)
    losses = network.train(args.iterations)
    predictions = network.predict(x)
    final_loss = sum_squared_error(y, predictions)
    print(f"{args.iterations} iterations, {args.hidden_units} hidden units, seed {args.seed}")
    print(format_predictions(x, y, predictions))
    print(f"final loss: {final_loss:.6f}")
    if args.figures is not None:
        for path in write_figures(args.figures, losses, predictions, y):
            print(f"wrote {path}")
    return 0


def run_digits(args):
    """Train a digits classifier as ``args`` say; print its test accuracy last.

    Returns 0, 1 if training diverged or the model could not be written, or
    2 if scikit-learn (which holds the images) is missing.
    """
    build, recipe = DIGITS_MODELS[args.model]
    recipe = dataclasses.replace(
        recipe,
        epochs=args.epochs or recipe.epochs,
        batch_size=args.batch_size or recipe.batch_size,
    )
    try:
        split = load_digits_split()
    except ImportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.model == "cnn":
        split = image_split(split)
    # One generator for the weights and then the shuffling, as train_digits_mlp
    # and train_digits_cnn do: the same seed gives the same network as theirs.
    rng = random_generator(args.digits_seed)
    network = build(rng)
    print(run_header(args.model, network, recipe, args.digits_seed), flush=True)
    loss = RunningLoss(SoftmaxCrossEntropy())
    bar = ProgressBar(recipe.epochs)
    progress = None if args.quiet else epoch_progress(bar, loss, network, split)
    try:
        fit(
            network,
            loss,
            make_optimizer(recipe, network),
            split.x_train,
            split.y_train,
            epochs=recipe.epochs,
            batch_size=recipe.batch_size,
            seed=rng,
            progress=progress,
        )
    except TrainingDivergedError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        bar.close()  # ends a line left unfinished by an error or Ctrl+C
    if args.save is not None:
        try:
            save_sequential(network, args.save)
        except OSError as error:
            print(f"error: cannot write {args.save}: {error}", file=sys.stderr)
            return 1
        print(f"wrote {args.save}")
    correct, total = count_correct(network, split)
    print(f"test accuracy: {100 * correct / total:.2f}% ({correct} of {total})")
    return 0


def run_header(model, network, recipe, seed):
    """The two lines ``digits`` starts with: the network, then how it is trained.

    Two short lines rather than one long one, so each fits in 80 columns.
    """
    epochs = f"{recipe.epochs} epoch{'s' * (recipe.epochs != 1)}"
    return (
        f"{model} on the digits: {network.parameter_count():,} parameters, seed {seed}\n"
        f"training: {epochs}, batch size {recipe.batch_size}, "
        f"{recipe.optimizer} (learning rate {recipe.learning_rate:g})"
    )


def count_correct(network, split):
    """``(correct, total)``: how many test images of ``split`` ``network`` labels right."""
    predicted = network.predict_labels(split.x_test)
    return int((predicted == split.y_test).sum()), len(split.y_test)


def epoch_progress(bar, loss, network, split):
    """A ``progress`` callback for ``fit`` that draws ``bar``.

    After every batch it shows the running mean of ``loss`` (a
    ``nn_from_scratch.cli.progress.RunningLoss``); after the last batch of
    an epoch it measures the test accuracy and finishes the epoch's line.
    """

    def progress(epoch, batch, n_batches):
        if batch + 1 < n_batches:
            bar.update(epoch, batch, n_batches, loss.mean())
            return
        correct, total = count_correct(network, split)
        bar.finish_epoch(epoch, n_batches, loss.mean(), correct / total)
        loss.reset()

    return progress
