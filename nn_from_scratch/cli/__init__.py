"""The command line: ``python -m nn_from_scratch``.

Two commands.  ``article``, the default, trains the article's network
(chapter "Putting it all together" of Part I) and prints its predictions
next to the targets; without a command, or when the arguments start with an
option, it is the command that runs, so ``python -m nn_from_scratch
--iterations 10`` means ``python -m nn_from_scratch article --iterations
10``.  ``digits`` trains Part II's digits classifier, the MLP or the CNN,
with its recipe, shows a progress bar on stderr and ends with the test
accuracy on stdout.  Each command's parser names the function that runs it
(``set_defaults(func=...)``).
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
from ..figures.fonts import font_collection_path
from ..figures.style import require_matplotlib
from ..figures.words import LANGUAGES
from ..loss import sum_squared_error
from ..losses import SoftmaxCrossEntropy
from ..mlp import MLP_RECIPE, digits_mlp, make_optimizer
from ..network import NeuralNetwork
from ..persistence import save
from ..training import fit
from ..validation import random_generator
from .progress import ProgressBar

#: The program's name in usage lines and messages.
PROG = "python -m nn_from_scratch"

#: The command that runs when the arguments name none.
DEFAULT_COMMAND = "article"

#: The options of the program itself, given before any command.
PROGRAM_OPTIONS = ("-h", "--help", "--version")

#: ``--model`` of ``digits`` -> the function that builds the network, and its training recipe.
DIGITS_MODELS = {"mlp": (digits_mlp, MLP_RECIPE), "cnn": (digits_cnn, CNN_RECIPE)}

#: The seed of ``digits`` when ``--seed`` is not given.
DIGITS_SEED = 0

#: The name ``pip`` installs the package under; its metadata holds the version.
DISTRIBUTION = "nn-from-scratch-book"


def version_text():
    """What ``--version`` prints: the program's name and the installed version.

    From a source tree that was never installed there is no version to read,
    and the text says so rather than guessing one.  Both texts are short,
    and printed as they are (the program's parser keeps line breaks).
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
        prog=PROG,
        # "--vers" must not pass for "--version": it would reach 'article' instead.
        allow_abbrev=False,
        # The description and the epilog keep their line breaks: the example commands stay whole.
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Train the two-layer network of 'How to build your own Neural Network from\n"
            "scratch in Python' (James Loy, 2018) and print its predictions, or train a\n"
            "classifier of handwritten digits (Part II)."
        ),
        epilog=(
            f"Without a command, '{DEFAULT_COMMAND}' runs, and the options given before any\n"
            "command are its options; these two are the same:\n\n"
            f"  {PROG} --iterations 10\n"
            f"  {PROG} {DEFAULT_COMMAND} --iterations 10\n\n"
            f"'{PROG} COMMAND -h' lists the options of a command."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=version_text(),
        help="print the program's name and version, then exit",
    )
    commands = parser.add_subparsers(
        dest="command", title="commands", metavar="COMMAND", required=True
    )
    add_article_parser(commands)
    add_digits_parser(commands)
    return parser


def add_article_parser(commands):
    """Add the command ``article`` and its options to the subparsers ``commands``."""
    article = commands.add_parser(
        "article",
        help="train the article's network and print its predictions (the default)",
        description=(
            "Train the two-layer network of 'How to build your own Neural Network "
            "from scratch in Python' (James Loy, 2018) on its four-sample data set "
            "and print the predictions next to the targets. It is the command that "
            "runs when none is given."
        ),
    )
    article.set_defaults(func=run_article)
    add_whole_number(
        article,
        "--iterations",
        1,
        1500,
        "training iterations, each one feedforward + backprop (default: %(default)s)",
    )
    add_whole_number(
        article,
        "--seed",
        0,
        ARTICLE_SEED,
        "seed for the initial weights; one seed, one run (default: %(default)s)",
    )
    add_whole_number(
        article, "--hidden-units", 1, 4, "units in the hidden layer (default: %(default)s)"
    )
    article.add_argument(
        "--figures",
        type=pathlib.Path,
        metavar="DIR",
        help="also write loss-curve.svg and predictions.svg into DIR (needs matplotlib)",
    )
    article.add_argument(
        "--language",
        choices=LANGUAGES,
        default="en",
        help="the language of the words in the --figures (default: %(default)s)",
    )


def add_whole_number(parser, flag, minimum, default, help):
    """Add the option ``flag``: a whole number >= ``minimum``, ``default`` when not given."""
    parser.add_argument(flag, type=_whole_number(minimum), default=default, help=help)


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
    digits.set_defaults(func=run_digits)
    digits.add_argument(
        "--model",
        choices=sorted(DIGITS_MODELS),
        default="mlp",
        help="the MLP of 'Many layers and mini-batches' or the CNN of 'Convolutions for "
        "image classification' (default: %(default)s)",
    )
    add_whole_number(
        digits, "--epochs", 1, None, "passes over the training images (default: the model's recipe)"
    )
    add_whole_number(
        digits, "--batch-size", 1, None, "images per mini-batch (default: the model's recipe)"
    )
    add_whole_number(
        digits,
        "--seed",
        0,
        DIGITS_SEED,
        "seed for the initial weights and the shuffling (default: %(default)s)",
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


def write_figures(directory, losses, predictions, targets, language="en"):
    """Write the loss curve and the predictions figure as SVG files into ``directory``."""
    from ..figures.svg import figure_to_svg
    from ..figures.training_run import loss_curve, predictions_vs_targets

    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "loss-curve.svg", directory / "predictions.svg"]
    paths[0].write_bytes(figure_to_svg(loss_curve(losses, language=language)))
    figure = predictions_vs_targets(predictions, targets, language=language)
    paths[1].write_bytes(figure_to_svg(figure))
    return paths


def run():
    """Console-script entry point: run :func:`main` and exit with its code."""
    sys.exit(main())


def main(argv=None):
    """Run the command line (``argv``, or else ``sys.argv[1:]``); return the exit code."""
    args = build_parser().parse_args(with_command(sys.argv[1:] if argv is None else argv))
    return args.func(args)


def with_command(argv):
    """``argv`` with ``article`` in front if it names no command: empty or starting with an option.

    The program's own options (``-h``, ``--help``, ``--version``) stay the
    program's.
    """
    argv = list(argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in PROGRAM_OPTIONS):
        return [DEFAULT_COMMAND, *argv]
    return argv


def run_article(args):
    """Train the article's network as ``args`` say and print its predictions; return 0 or 2."""
    if args.figures is not None:
        # Check for matplotlib (and the Chinese font) first: a missing extra
        # should not cost a training run.
        try:
            require_matplotlib()
            if args.language != "en":
                font_collection_path()
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
        for path in write_figures(args.figures, losses, predictions, y, args.language):
            print(f"wrote {path}")
    return 0


def run_digits(args):
    """Train a digits classifier as ``args`` say; print its test accuracy last.

    The test images are scored once, after training: they play no part in
    it.  Returns 0, 1 if training diverged or the model could not be
    written, or 2 if scikit-learn (which holds the images) is missing.
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
    rng = random_generator(args.seed)
    network = build(rng)
    print(run_header(args.model, network, recipe, args.seed), flush=True)
    bar = ProgressBar(recipe.epochs)
    progress = None if args.quiet else epoch_progress(bar, len(split.x_train), recipe.batch_size)
    try:
        fit(
            network,
            SoftmaxCrossEntropy(),
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
            save(network, args.save)
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


def epoch_progress(bar, n_samples, batch_size):
    """A ``progress`` callback for ``fit`` that draws ``bar`` with the epoch's mean loss so far.

    ``fit`` passes the mean loss of each batch of ``batch_size`` of the
    ``n_samples`` training samples (the last batch may be smaller).  Weighted
    by the batch sizes, their running mean is the mean loss per sample of
    the epoch so far; after the last batch it is the epoch's training loss,
    the number ``fit`` keeps in its ``History``.
    """
    total = 0.0

    def progress(epoch, batch, n_batches, batch_loss):
        nonlocal total
        if batch == 0:
            total = 0.0
        seen = min((batch + 1) * batch_size, n_samples)
        total += batch_loss * (seen - batch * batch_size)
        if batch + 1 < n_batches:
            bar.update(epoch, batch, n_batches, total / seen)
        else:
            bar.finish_epoch(epoch, n_batches, total / seen)

    return progress
