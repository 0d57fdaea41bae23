"""Time our NumPy networks against PyTorch (CPU, one thread) and scikit-learn.

One run trains, side by side and on the same data, the three networks of
the book (the article's network of Part I, the digits MLP and the digits
CNN of Part II) and, as a contrast without a target, a wide MLP that is not
in the book.  PyTorch trains each network in several configurations of its
optimiser (its default, ``foreach=True``, ``fused=True`` and, for the
article's plain gradient descent, the update written by hand), all in eager
mode, and ours is compared with the fastest of them.  It prints a Markdown
report (time per epoch, ratios, targets, every PyTorch configuration, a
sanity check that every implementation did the same work, the machine, the
BLAS library and the versions) and writes it to ``benchmarks/results.md``,
which the site's "Performance" page includes.

    python benchmarks/compare.py             # full run, writes benchmarks/results.md
    python benchmarks/compare.py --quick     # a smoke test: prints, writes nothing

PyTorch and scikit-learn are optional: a missing one shows as
"not installed" in the table.  The digits themselves ship with
scikit-learn, so without it only the article's network is timed.
"""

import os

# One thread everywhere.  The BLAS library reads these variables once, when
# NumPy is first imported, so they must be set before that import.
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)
for _variable in THREAD_VARIABLES:
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import contextlib  # noqa: E402
import datetime  # noqa: E402
import functools  # noqa: E402
import importlib  # noqa: E402
import importlib.metadata  # noqa: E402
import importlib.util  # noqa: E402
import pathlib  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from nn_from_scratch.bridge import to_torch  # noqa: E402
from nn_from_scratch.data import ARTICLE_SEED, article_dataset  # noqa: E402
from nn_from_scratch.network import NeuralNetwork  # noqa: E402

DEFAULT_OUTPUT = ROOT / "benchmarks" / "results.md"
NOT_INSTALLED = "not installed"
NOT_APPLICABLE = "n/a"
NOT_SUPPORTED = "not supported"

#: The article trains for 1,500 iterations; each one is a pass over all four samples.
ARTICLE_ITERATIONS = 1500
#: ... with gradient descent of step size 1 (``NeuralNetwork.backprop``).
ARTICLE_LEARNING_RATE = 1.0

#: PyTorch's configurations, each timed in every run, in eager mode (no ``torch.compile``):
#: the optimiser's keyword arguments, or ``None`` for the update written by hand.
#: The article's network uses ``torch.optim.SGD``, the digits networks ``torch.optim.Adam``.
TORCH_CONFIGURATIONS = {
    "default": {},  # on the CPU: a Python loop over the parameters, a few kernels each
    "foreach": {"foreach": True},  # one multi-tensor kernel per operation, for all parameters
    "fused": {"fused": True},  # one kernel doing the whole update
    "by hand": None,  # no optimiser: p -= lr * p.grad under no_grad (plain gradient descent only)
}
PYTORCH = "PyTorch"
FASTEST = "PyTorch's fastest"

#: network -> {comparison: the largest ratio ours / theirs that meets the target}
TARGETS = {
    "article": {"PyTorch's fastest": 0.25},
    "mlp": {"PyTorch's fastest": 0.5, "scikit-learn": 0.5},
    "cnn": {"PyTorch's fastest": 0.6},
    "wide": {},  # a contrast, not a target: a network big enough for the arithmetic to dominate
}

#: The contrast network, not in the book: 64 -> 1024 -> 1024 -> 10, large batches.
WIDE_SIZES = (64, 1024, 1024, 10)
WIDE_EPOCHS = 5
WIDE_BATCH_SIZE = 256
WIDE_LEARNING_RATE = 1e-3


def optional_import(name):
    """The module ``name``, or ``None`` when it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


torch = optional_import("torch")
threadpoolctl = optional_import("threadpoolctl")


# ---------------------------------------------------------------- timing


class EpochClock:
    """Records the time at the end of every epoch; ``durations()`` gives each epoch's length.

    Passed as ``progress`` to :func:`nn_from_scratch.training.fit`, which
    calls it after every batch; the last batch of an epoch ends the epoch.
    It takes ``progress(epoch, batch, n_batches, batch_loss)`` and ignores
    anything after ``n_batches`` (older versions of ``fit`` passed three
    arguments).
    """

    def __init__(self):
        self.ends = [time.perf_counter()]

    def __call__(self, epoch, batch, n_batches, *_):
        if batch == n_batches - 1:
            self.ends.append(time.perf_counter())

    def durations(self):
        return list(np.diff(self.ends))


class Timings:
    """Seconds per epoch of one implementation, gathered over the timed runs."""

    def __init__(self):
        self.seconds = []
        self.result = None  # the sanity-check number of the last run

    def add(self, seconds, result):
        self.seconds.extend(seconds)
        self.result = result

    def median_ms(self):
        return 1000.0 * statistics.median(self.seconds)


def interleaved(runners, repeats):
    """Run every runner once untimed (warm-up), then ``repeats`` rounds taking turns.

    Taking turns spreads any slow spell of the machine over all
    implementations instead of landing on one.  Each runner returns
    ``(seconds per epoch, result)``; when a run timed its epochs one by
    one, its first epoch is dropped as a warm-up too (caches, lazily built
    index tables).
    """
    timings = {name: Timings() for name in runners}
    for run in runners.values():
        run()
    for _ in range(repeats):
        for name, run in runners.items():
            seconds, result = run()
            timings[name].add(seconds[1:] if len(seconds) > 1 else seconds, result)
    return timings


# ---------------------------------------------------------------- the article's network


def article_ours(iterations):
    """Part I's class, exactly as the book trains it; one epoch is one iteration."""
    x, y = article_dataset()
    network = NeuralNetwork(x, y, seed=ARTICLE_SEED)
    start = time.perf_counter()
    losses = network.train(iterations)
    seconds = (time.perf_counter() - start) / iterations
    return [seconds], float(losses[-1])


def torch_name(configuration):
    """The implementation's name of one PyTorch configuration, e.g. ``"PyTorch fused"``."""
    return f"{PYTORCH} {configuration}"


def torch_optimizer(optimizer_class, parameters, learning_rate, configuration):
    """``optimizer_class`` over ``parameters`` in ``configuration``; ``None`` for "by hand"."""
    options = TORCH_CONFIGURATIONS[configuration]
    if options is None:
        return None
    return optimizer_class(parameters, lr=learning_rate, **options)


def torch_unsupported(optimizer_class, configuration, dtype):
    """Why this PyTorch cannot run ``configuration`` of ``optimizer_class`` on the CPU, or ``None``.

    One step on a tiny parameter: a configuration that PyTorch refuses (an
    older version without fused CPU kernels, say) is reported in the table
    as not supported instead of stopping the run.
    """
    parameter = torch.zeros(2, dtype=dtype, requires_grad=True)
    try:
        optimizer = torch_optimizer(optimizer_class, [parameter], 1e-3, configuration)
        if optimizer is not None:
            parameter.sum().backward()
            optimizer.step()
    except (RuntimeError, TypeError, ValueError) as error:
        return f"{error}".splitlines()[0] or type(error).__name__
    return None


def article_torch(iterations, configuration):
    """The same maths with autograd: sigmoid layers, no biases, summed squared error, step 1.

    ``configuration`` names the update: ``torch.optim.SGD`` in one of
    PyTorch's configurations, or "by hand", ``weights -= 1.0 * weights.grad``.
    """
    x, y = article_dataset()
    start_weights = NeuralNetwork(x, y, seed=ARTICLE_SEED)
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    weights1 = torch.tensor(start_weights.weights1, requires_grad=True)
    weights2 = torch.tensor(start_weights.weights2, requires_grad=True)
    optimizer = torch_optimizer(
        torch.optim.SGD, [weights1, weights2], ARTICLE_LEARNING_RATE, configuration
    )
    losses = []
    start = time.perf_counter()
    for _ in range(iterations):
        layer1 = torch.sigmoid(x @ weights1)
        output = torch.sigmoid(layer1 @ weights2)
        loss = ((y - output) ** 2).sum()
        losses.append(loss.item())  # our train() records every loss too
        loss.backward()
        if optimizer is None:
            with torch.no_grad():
                weights1 -= ARTICLE_LEARNING_RATE * weights1.grad
                weights2 -= ARTICLE_LEARNING_RATE * weights2.grad
            weights1.grad = None
            weights2.grad = None
        else:
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
    seconds = (time.perf_counter() - start) / iterations
    return [seconds], losses[-1]


# ---------------------------------------------------------------- digits networks


class DigitsBenchmark:
    """One digits network (the MLP or the CNN), trained by each implementation in turn.

    Every run starts from the same weights (our network built with
    ``seed``, copied into PyTorch) and sees the same mini-batches (the
    same shuffling generator), so ours and PyTorch's do the same arithmetic
    and should reach about the same test accuracy.
    """

    def __init__(self, build, recipe, images, dtype, seed=0, epochs=None):
        from nn_from_scratch.digits import load_digits_split, to_images

        split = load_digits_split()
        shape = to_images if images else (lambda x: x)
        self.x_train = shape(split.x_train).astype(dtype)
        self.x_test = shape(split.x_test).astype(dtype)
        self.y_train, self.y_test = split.y_train, split.y_test
        self.build, self.recipe, self.dtype, self.seed = build, recipe, dtype, seed
        self.epochs = recipe.epochs if epochs is None else epochs

    def ours(self, epochs=None):
        from nn_from_scratch.losses import SoftmaxCrossEntropy
        from nn_from_scratch.mlp import make_optimizer
        from nn_from_scratch.training import fit

        network = self.build(seed=self.seed, dtype=self.dtype)
        clock = EpochClock()
        fit(
            network,
            SoftmaxCrossEntropy(),
            make_optimizer(self.recipe, network),
            self.x_train,
            self.y_train,
            epochs=epochs or self.epochs,
            batch_size=self.recipe.batch_size,
            seed=self.seed,
            progress=clock,
        )
        accuracy = float(np.mean(network.predict_labels(self.x_test) == self.y_test))
        return clock.durations(), accuracy

    def torch(self, configuration, epochs=None):
        """PyTorch's usual loop, doing per batch what ``fit`` does per batch.

        ``configuration`` is one of ``TORCH_CONFIGURATIONS`` with an
        optimiser (Adam has state: there is no "by hand" version).
        """
        from nn_from_scratch.training import minibatches

        network = self.build(seed=self.seed, dtype=self.dtype)
        model = to_torch(network)
        loss_function = torch.nn.CrossEntropyLoss()
        recipe = self.recipe
        if recipe.optimizer != "adam":
            raise ValueError(f"only the Adam recipe is mirrored in PyTorch; got {recipe.optimizer}")
        optimizer = torch_optimizer(
            torch.optim.Adam, model.parameters(), recipe.learning_rate, configuration
        )
        x, labels = torch.from_numpy(self.x_train), torch.from_numpy(self.y_train)
        rng = np.random.default_rng(self.seed)
        ends = [time.perf_counter()]
        for _ in range(epochs or self.epochs):
            loss_sum, correct = 0.0, 0
            for indices in minibatches(len(x), recipe.batch_size, rng):
                indices = torch.from_numpy(indices)
                x_batch, labels_batch = x[indices], labels[indices]
                optimizer.zero_grad(set_to_none=True)
                logits = model(x_batch)
                loss = loss_function(logits, labels_batch)
                # fit keeps a running loss and accuracy; so does this loop.
                loss_sum += loss.item() * len(indices)
                correct += int((logits.argmax(dim=1) == labels_batch).sum())
                loss.backward()
                optimizer.step()
            ends.append(time.perf_counter())
        with torch.no_grad():
            predicted = model(torch.from_numpy(self.x_test)).argmax(dim=1).numpy()
        return list(np.diff(ends)), float(np.mean(predicted == self.y_test))

    def sklearn(self, epochs=None):
        """scikit-learn's MLPClassifier with the same layers, batch size, epochs and Adam."""
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier

        epochs = epochs or self.epochs
        recipe = self.recipe
        classifier = MLPClassifier(
            hidden_layer_sizes=hidden_layer_sizes(self.build(seed=self.seed)),
            activation="relu",
            solver="adam",
            alpha=0.0,
            batch_size=recipe.batch_size,
            learning_rate_init=recipe.learning_rate,
            max_iter=epochs,
            tol=0.0,
            n_iter_no_change=epochs + 1,
            shuffle=True,
            early_stopping=False,
            random_state=self.seed,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            start = time.perf_counter()
            classifier.fit(self.x_train, self.y_train)
            seconds = (time.perf_counter() - start) / epochs
        if classifier.coefs_[0].dtype != self.dtype:
            raise RuntimeError(f"scikit-learn trained in {classifier.coefs_[0].dtype}")
        # One number per run: the mean epoch (scikit-learn times no single epoch).
        return [seconds], float(classifier.score(self.x_test, self.y_test))


def hidden_layer_sizes(network):
    """The widths of the hidden layers if ``network`` is Dense/ReLU only, else ``None``."""
    kinds = [type(layer).__name__ for layer in network.layers]
    if set(kinds) != {"Dense", "ReLU"}:
        return None
    widths = [layer.params["W"].shape[1] for layer in network.layers if "W" in layer.params]
    return tuple(widths[:-1])


# ---------------------------------------------------------------- the report


class Row:
    """One network's line of the tables.

    ``timings`` maps each implementation that ran ("ours", "PyTorch
    default", "PyTorch fused", ..., "scikit-learn") to its ``Timings``;
    ``missing`` maps an implementation that did not run to the reason shown
    in its cells.  "PyTorch's fastest" is not run: it is whichever PyTorch
    configuration had the smallest median in this run.
    """

    def __init__(self, key, title, dtype, measure, timings, missing):
        self.key, self.title, self.dtype, self.measure = key, title, dtype, measure
        self.timings = timings  # implementation -> Timings
        self.missing = missing  # implementation -> why it has no number

    def fastest_configuration(self):
        """The PyTorch configuration with the smallest median time per epoch, or ``None``."""
        timed = [
            (self.timings[torch_name(configuration)].median_ms(), configuration)
            for configuration in TORCH_CONFIGURATIONS
            if torch_name(configuration) in self.timings
        ]
        return min(timed)[1] if timed else None

    def timing(self, name):
        """The ``Timings`` of ``name`` (which may be "PyTorch's fastest"), or ``None``."""
        if name == FASTEST:
            configuration = self.fastest_configuration()
            return None if configuration is None else self.timings[torch_name(configuration)]
        return self.timings.get(name)

    def why_missing(self, name):
        if name == FASTEST:  # PyTorch is installed, yet no configuration ran
            return self.missing.get(name, NOT_SUPPORTED)
        return self.missing.get(name, NOT_APPLICABLE)

    def ms(self, name):
        timing = self.timing(name)
        return format_ms(timing.median_ms()) if timing is not None else self.why_missing(name)

    def fastest_text(self):
        configuration = self.fastest_configuration()
        return configuration if configuration is not None else self.why_missing(FASTEST)

    def ratio(self, name):
        ours, theirs = self.timing("ours"), self.timing(name)
        if ours is not None and theirs is not None:
            return ours.median_ms() / theirs.median_ms()
        return None

    def ratio_text(self, name):
        ratio = self.ratio(name)
        if ratio is not None:
            return f"{ratio:.2f}"
        return "—" if name in self.missing or name == FASTEST else NOT_APPLICABLE

    def target_text(self):
        limits = TARGETS[self.key].items()
        return " and ".join(f"≤ {limit}× {name}" for name, limit in limits) or "none (contrast)"

    def met(self):
        """The verdict: "yes", "no", or "no (scikit-learn)" when only that target is missed.

        A comparison that could not be made (a library not installed) is
        named as not measured.
        """
        ratios = {name: self.ratio(name) for name in TARGETS[self.key]}
        if not ratios:
            return "—"
        if "ours" not in self.timings:
            return "not measured"
        missed = [
            name
            for name, ratio in ratios.items()
            if ratio is not None and ratio > TARGETS[self.key][name]
        ]
        if missed:
            return "no" if len(missed) == len(ratios) else f"no ({', '.join(missed)})"
        unmeasured = [name for name, ratio in ratios.items() if ratio is None]
        if not unmeasured:
            return "yes"
        if len(unmeasured) == len(ratios):
            return "not measured"
        return "yes, " + ", ".join(f"{name} not measured" for name in unmeasured)

    def result(self, name):
        if name in self.timings:
            return self.measure[1](self.timings[name].result)
        return self.why_missing(name)


def format_ms(value):
    """Milliseconds with three significant figures, never in scientific notation."""
    if value >= 100:
        return f"{value:.0f}"
    digits = max(0, 2 - int(np.floor(np.log10(value))))
    return f"{value:.{digits}f}"


TORCH_IMPLEMENTATIONS = tuple(torch_name(configuration) for configuration in TORCH_CONFIGURATIONS)
IMPLEMENTATIONS = ("ours", *TORCH_IMPLEMENTATIONS, "scikit-learn")
TIMING_COLUMNS = (
    "network",
    "dtype",
    "ours (ms/epoch)",
    "PyTorch's fastest (ms/epoch)",
    "PyTorch's fastest configuration",
    "scikit-learn (ms/epoch)",
    "ours / PyTorch's fastest",
    "ours / scikit-learn",
    "target (ours / theirs)",
    "met?",
)
CONFIGURATION_COLUMNS = (
    "network",
    *(f"{configuration} (ms/epoch)" for configuration in TORCH_CONFIGURATIONS),
    "fastest",
)
SAME_WORK_COLUMNS = ("network", "measure", *IMPLEMENTATIONS)


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def timing_table(rows):
    return markdown_table(
        TIMING_COLUMNS,
        [
            [
                row.title,
                row.dtype,
                row.ms("ours"),
                row.ms(FASTEST),
                row.fastest_text(),
                row.ms("scikit-learn"),
                row.ratio_text(FASTEST),
                row.ratio_text("scikit-learn"),
                row.target_text(),
                row.met(),
            ]
            for row in rows
        ],
    )


def configuration_table(rows):
    return markdown_table(
        CONFIGURATION_COLUMNS,
        [
            [row.title, *(row.ms(name) for name in TORCH_IMPLEMENTATIONS), row.fastest_text()]
            for row in rows
        ],
    )


def sanity_table(rows):
    return markdown_table(
        SAME_WORK_COLUMNS,
        [
            [row.title, row.measure[0], *(row.result(name) for name in IMPLEMENTATIONS)]
            for row in rows
        ],
    )


def cpu_model():
    with contextlib.suppress(OSError):
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def numpy_blas():
    """The BLAS library NumPy was built with, from its build configuration."""
    with contextlib.suppress(Exception):  # the dict form exists from NumPy 1.25 on
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas['name']} {blas.get('version', '')}".strip()
    return "unknown (numpy.show_config gives no dict)"


def thread_pools():
    """Every BLAS / OpenMP library threadpoolctl finds loaded, with its thread count."""
    if threadpoolctl is None:
        return ["threadpoolctl not installed: only the environment variables limit threads"]
    pools = []
    for pool in threadpoolctl.threadpool_info():
        where = pool["filepath"].replace("\\", "/").split("site-packages/")[-1]
        version = f" {pool['version']}" if pool.get("version") else ""
        pools.append(
            f"{pool['internal_api']}{version} (`{where}`): {pool['num_threads']} thread(s)"
        )
    return pools


def version_of(module):
    return module.__version__ if module is not None else NOT_INSTALLED


def sklearn_version():
    """scikit-learn's version, without importing it when no row needed it (that takes ~1 s)."""
    if "sklearn" in sys.modules:
        return sys.modules["sklearn"].__version__
    if importlib.util.find_spec("sklearn") is None:
        return NOT_INSTALLED
    try:
        return importlib.metadata.version("scikit-learn")
    except importlib.metadata.PackageNotFoundError:
        return version_of(optional_import("sklearn"))


def machine_lines():
    """The machine section of the report, as Markdown list items."""
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    variables = " and ".join(f"`{name}=1`" for name in THREAD_VARIABLES[:2])
    limits = [f"{variables} (set before NumPy is imported)"]
    if threadpoolctl is not None:
        limits.append("`threadpoolctl.threadpool_limits(1)`")
    if torch is not None:
        limits.append(f"`torch.set_num_threads(1)` (PyTorch reports {torch.get_num_threads()})")
    # Python-Markdown nests a list item indented by four spaces.
    pools = "".join(f"\n    - {pool}" for pool in thread_pools())
    return [
        f"CPU: {cpu_model()}, {cores} logical cores ({usable} usable); every run uses one",
        f"OS: {platform.platform()}",
        f"Versions: Python {platform.python_version()}, NumPy {np.__version__}, "
        f"PyTorch {version_of(torch)}, scikit-learn {sklearn_version()}",
        f"NumPy's BLAS: {numpy_blas()}",
        f"One thread: {', '.join(limits)}",
        f"Thread pools loaded during the run, as threadpoolctl sees them:{pools}",
    ]


def report(rows, command, quick):
    today = datetime.date.today().isoformat()
    kind = "quick smoke run, numbers not representative" if quick else "full run"
    parts = [
        f"Measured on {today} with `{command}` ({kind}). Times are medians of the time "
        "per epoch over all timed epochs; the article's network counts one iteration "
        "(all four samples) as an epoch.",
        "### Time per epoch",
        "Ours against the fastest of PyTorch's configurations in this run (next table).",
        timing_table(rows),
        "### PyTorch's configurations",
        "Median time per epoch of each configuration of PyTorch's optimiser, all in "
        "eager mode: `torch.optim.SGD` for the article's network, `torch.optim.Adam` "
        "for the others. *default*: the optimiser's defaults, on the CPU a loop over "
        "the parameters; *foreach*: `foreach=True`; *fused*: `fused=True`; *by hand*: "
        "no optimiser, `p -= lr * p.grad` under `torch.no_grad()` (plain gradient "
        "descent only).",
        configuration_table(rows),
        "### The same work",
        "Each implementation's final result, to show that all of them trained the same "
        "network on the same data.",
        sanity_table(rows),
        "### Machine",
        "\n".join(f"- {line}" for line in machine_lines()),
    ]
    return "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------- the runs


def torch_runners(train, optimizer, dtype, by_hand):
    """``(runners, missing)`` for PyTorch's configurations; ``train(configuration)`` runs once.

    ``optimizer`` names the class in ``torch.optim`` and ``dtype`` the
    parameters' type.  Without PyTorch every configuration is "not
    installed"; a configuration this PyTorch refuses is "not supported";
    "by hand" applies only where ``by_hand`` (plain gradient descent, which
    keeps no state).
    """
    if torch is None:
        return {}, dict.fromkeys((*TORCH_IMPLEMENTATIONS, FASTEST), NOT_INSTALLED)
    optimizer_class, dtype = getattr(torch.optim, optimizer), getattr(torch, dtype)
    runners, missing = {}, {}
    for configuration, options in TORCH_CONFIGURATIONS.items():
        name = torch_name(configuration)
        if options is None and not by_hand:
            continue  # the table says n/a
        reason = torch_unsupported(optimizer_class, configuration, dtype)
        if reason is None:
            runners[name] = functools.partial(train, configuration)
        else:
            print(f"{name} ({optimizer}): {reason}", file=sys.stderr)
            missing[name] = NOT_SUPPORTED
    return runners, missing


def article_row(repeats):
    runners = {"ours": lambda: article_ours(ARTICLE_ITERATIONS)}
    train = functools.partial(article_torch, ARTICLE_ITERATIONS)
    torch_runs, missing = torch_runners(train, "SGD", "float64", by_hand=True)
    runners.update(torch_runs)
    timings = interleaved(runners, repeats)
    measure = (f"loss after {ARTICLE_ITERATIONS:,} iterations", lambda loss: f"{loss:.6f}")
    return Row("article", "article's network", "float64", measure, timings, missing)


def wide_mlp(seed=None, dtype=np.float64):
    """The contrast network: the digits MLP's shape, but two hidden layers of 1,024 units."""
    from nn_from_scratch.layers import Dense, ReLU
    from nn_from_scratch.sequential import Sequential

    rng = np.random.default_rng(seed)
    layers = []
    for n_in, n_out in zip(WIDE_SIZES[:-1], WIDE_SIZES[1:], strict=True):
        layers += [Dense(n_in, n_out, seed=rng, dtype=dtype), ReLU()]
    return Sequential(layers[:-1])


def network_and_recipe(key):
    """``(build, recipe)`` of the network ``key``: the book's MLP or CNN, or the contrast."""
    if key == "mlp":
        from nn_from_scratch import mlp

        return mlp.digits_mlp, mlp.MLP_RECIPE
    if key == "cnn":
        from nn_from_scratch import cnn

        return cnn.digits_cnn, cnn.CNN_RECIPE
    from nn_from_scratch.training import TrainingRecipe

    recipe = TrainingRecipe(
        epochs=WIDE_EPOCHS,
        batch_size=WIDE_BATCH_SIZE,
        learning_rate=WIDE_LEARNING_RATE,
        optimizer="adam",
    )
    return wide_mlp, recipe


def digits_row(key, repeats, epochs):
    title = {
        "mlp": "digits MLP",
        "cnn": "digits CNN",
        "wide": "wide MLP, not in the book: " + "-".join(map(str, WIDE_SIZES)),
    }[key]
    measure = ("test accuracy", lambda accuracy: f"{100 * accuracy:.1f}%")
    if optional_import("sklearn") is None:
        missing = dict.fromkeys((*IMPLEMENTATIONS, FASTEST), "needs scikit-learn for the data")
        return Row(key, title, "float32", measure, {}, missing)
    build, recipe = network_and_recipe(key)
    bench = DigitsBenchmark(build, recipe, key == "cnn", np.float32, epochs=epochs)
    runners = {"ours": bench.ours}
    torch_runs, missing = torch_runners(bench.torch, "Adam", "float32", by_hand=False)
    runners.update(torch_runs)
    if hidden_layer_sizes(build(seed=0)) is not None:
        runners["scikit-learn"] = bench.sklearn
    timings = interleaved(runners, repeats)
    epochs_text = f"{bench.epochs} epochs, batch {recipe.batch_size}"
    return Row(key, f"{title} ({epochs_text})", "float32", measure, timings, missing)


NETWORKS = ("article", "mlp", "cnn", "wide")


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="2 epochs and 1 repeat, a smoke test; writes no file unless --output is given",
    )
    parser.add_argument(
        "--output",
        type=pathlib.Path,
        default=None,
        help=f"where to write the Markdown report (default: {DEFAULT_OUTPUT.relative_to(ROOT)})",
    )
    parser.add_argument("--repeats", type=int, default=None, help="timed runs per implementation")
    parser.add_argument(
        "--networks",
        nargs="+",
        choices=NETWORKS,
        default=NETWORKS,
        help="which networks to time (default: all)",
    )
    arguments = parser.parse_args(argv)
    if arguments.output is None and not arguments.quick:
        arguments.output = DEFAULT_OUTPUT
    return arguments


def main(argv=None):
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    if torch is not None:
        torch.set_num_threads(1)
        with contextlib.suppress(RuntimeError):
            torch.set_num_interop_threads(1)
    limits = threadpoolctl.threadpool_limits(1) if threadpoolctl else contextlib.nullcontext()
    quick = arguments.quick
    repeats = arguments.repeats or (1 if quick else 5)
    epochs = 2 if quick else None
    rows = []
    with limits:
        for key in arguments.networks:
            print(f"timing the {key} network ...", file=sys.stderr, flush=True)
            if key == "article":
                rows.append(article_row(repeats if quick else 3 * repeats))
            else:
                rows.append(digits_row(key, repeats, epochs))
        command = "python benchmarks/compare.py " + " ".join(sys.argv[1:] if argv is None else argv)
        text = report(rows, command.strip(), quick)
    print(text)
    if arguments.output is not None:
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(text, encoding="utf-8")
        print(f"written to {arguments.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
