"""When to switch: the time per epoch of ours and of PyTorch's as the network and the batch grow.

Part III's benchmark.  One MLP, 64 -> width -> width -> 10 with ReLU, in
float32, learns a fixed synthetic data set (``SAMPLES`` samples of 64
features, 10 classes) with softmax cross-entropy and plain SGD, for every
width of ``WIDTHS`` and every batch size of ``BATCH_SIZES``:

- ours: ``Sequential([Dense, ReLU, Dense, ReLU, Dense])`` trained by
  :func:`nn_from_scratch.training.fit` with ``SGD``;
- PyTorch: the same network made by :func:`nn_from_scratch.bridge.to_torch`
  (the same starting weights), ``F.cross_entropy``, the same mini-batches,
  eager mode, in its fastest configuration of SGD (every configuration of
  ``compare.TORCH_CONFIGURATIONS`` is timed first, at batch size 1 and two
  widths: ``calibration_cells``).

Both run on one thread, taking turns (``compare.interleaved``): one untimed
epoch each, then ``REPEATS`` timed epochs each; the median counts.  A cell
where one is faster than the other by less than ``TIE_MARGIN`` is even.

The crossover is read off the table: for each batch size, the smallest
width from which PyTorch is faster (at that width and at every larger one),
and for each width, the smallest such batch size.  To say why, the script
also measures the machine's one-thread matrix-multiply speed (GFLOP/s) in
NumPy and in PyTorch, sets it against the arithmetic of one step, and times
the three products of the hidden layer, alone, at every batch size.

It prints a Markdown report and writes it, with a JSON file holding every
number it came from, to ``benchmarks/results/``: ``cost-growth.md`` (the
report, rendered from the JSON) and ``cost-growth.json`` (which the figure
``cost-growth`` is drawn from).  The site build never runs it.

    python benchmarks/cost_growth.py            # the full sweep, about 9 minutes of one core
    python benchmarks/cost_growth.py --quick    # a tiny sweep in a second or two; writes nothing
"""

import argparse
import contextlib
import datetime
import functools
import json
import pathlib
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

# compare.py sets the thread variables to 1 as it is imported, before it imports NumPy.
from benchmarks import compare  # noqa: E402

# isort: split
import numpy as np  # noqa: E402

from experiments.common import results_json_text  # noqa: E402
from nn_from_scratch.bridge import to_torch  # noqa: E402
from nn_from_scratch.layers import Dense, ReLU  # noqa: E402
from nn_from_scratch.losses import SoftmaxCrossEntropy  # noqa: E402
from nn_from_scratch.optimizers import SGD  # noqa: E402
from nn_from_scratch.sequential import Sequential  # noqa: E402
from nn_from_scratch.training import fit, minibatches  # noqa: E402

SCRIPT = "benchmarks/cost_growth.py"
RESULTS = ROOT / "benchmarks" / "results"
STEM = "cost-growth"

#: The network: FEATURES -> width -> width -> CLASSES, ReLU between the layers.
FEATURES = 64
CLASSES = 10
WIDTHS = (64, 128, 256, 512, 1024, 2048)
BATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
#: One epoch is one pass over this many samples.
SAMPLES = 2048
LEARNING_RATE = 0.01
SEED = 0
#: Timed epochs per implementation and cell (after one untimed epoch each).
REPEATS = 7
#: Within this fraction of each other, neither is counted faster.
TIE_MARGIN = 0.05
#: The square matrices (float32) of the matrix-multiply speed, and its repeats.
MATMUL_SIZE = 1024
MATMUL_REPEATS = 7

#: The tiny sweep of --quick: a smoke test, numbers not representative.
QUICK = {
    "widths": (8, 16),
    "batch_sizes": (4, 16),
    "samples": 64,
    "repeats": 1,
    "matmul_size": 64,
    "matmul_repeats": 1,
}
FULL = {
    "widths": WIDTHS,
    "batch_sizes": BATCH_SIZES,
    "samples": SAMPLES,
    "repeats": REPEATS,
    "matmul_size": MATMUL_SIZE,
    "matmul_repeats": MATMUL_REPEATS,
}

PYTORCH = "PyTorch"
#: What a cell's ``faster`` says.
OURS, EVEN = "ours", "even"
NEVER = "never"
NOT_MEASURED = "not measured"
#: The arithmetic of one step, in words (see ``flops_per_sample``).
FLOPS_FORMULA = "6 · batch · (64·w + w·w + w·10)"
#: The three products of a Dense layer, as ours writes them.
PRODUCTS = {
    "forward": "x @ W",
    "weight gradient": "x.T @ dL",
    "input gradient": "dL @ W.T",
}


# ---------------------------------------------------------------- the work


def synthetic_data(samples, seed=SEED):
    """``(x, labels)``: ``samples`` rows of standard normal features, float32, and their classes.

    The labels come from a fixed random linear map of the features, so the
    loss falls as the network learns; it makes no difference to the time.
    """
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((samples, FEATURES)).astype(np.float32)
    teacher = rng.standard_normal((FEATURES, CLASSES))
    return x, np.argmax(x @ teacher, axis=1).astype(np.int64)


def mlp(width, seed=SEED):
    """Our network FEATURES -> width -> width -> CLASSES, float32, He-initialised from ``seed``."""
    rng = np.random.default_rng(seed)
    sizes = (FEATURES, width, width, CLASSES)
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        layers += [Dense(n_in, n_out, seed=rng, dtype="float32"), ReLU()]
    return Sequential(layers[:-1])


def flops_per_sample(width):
    """Floating-point operations of one sample's forward and backward pass through the MLP.

    Each weight matrix of ``n_in * n_out`` numbers costs ``2 * n_in * n_out``
    operations (a multiply and an add) three times: forward, the weight
    gradient and the input gradient.  PyTorch skips the input gradient of
    the first layer (its input needs none); ours computes it.  Biases,
    ReLU, softmax and the update are left out: they grow like the width,
    not like its square.
    """
    weights = FEATURES * width + width * width + width * CLASSES
    return 3 * 2 * weights


def train_ours(x, labels, width, batch_size):
    """One epoch of ``fit``; ``([seconds], (loss, accuracy))``.

    The clock runs over the whole call, including ``fit``'s checks of its
    inputs (once per call, a one-sample probe through the network).
    """
    network = mlp(width)
    optimizer = SGD(network, learning_rate=LEARNING_RATE)
    start = time.perf_counter()
    history = fit(
        network,
        SoftmaxCrossEntropy(),
        optimizer,
        x,
        labels,
        epochs=1,
        batch_size=batch_size,
        seed=SEED,
    )
    seconds = time.perf_counter() - start
    return [seconds], (history.train_loss[0], history.train_accuracy[0])


def train_torch(x, labels, width, batch_size, configuration):
    """One epoch of PyTorch's usual loop, doing per batch what ``fit`` does; like ``train_ours``.

    ``configuration`` is one of ``compare.TORCH_CONFIGURATIONS``: an option
    of ``torch.optim.SGD``, or "by hand", ``p.add_(p.grad, alpha=-lr)``, in
    place (compare.py's ``p -= lr * p.grad`` makes a temporary of each
    gradient's size every step, which at width 2048 made it the slowest
    configuration).  The clock runs over the loop; the tensors share the
    arrays' memory.
    """
    torch = compare.torch
    model = to_torch(mlp(width))
    parameters = list(model.parameters())
    optimizer = compare.torch_optimizer(torch.optim.SGD, parameters, LEARNING_RATE, configuration)
    inputs, targets = torch.from_numpy(x), torch.from_numpy(labels)
    rng = np.random.default_rng(SEED)  # fit's shuffles: the same batches in the same order
    start = time.perf_counter()
    loss_sum, correct = 0.0, 0
    for indices in minibatches(len(x), batch_size, rng):
        indices = torch.from_numpy(indices)
        x_batch, labels_batch = inputs[indices], targets[indices]
        if optimizer is not None:
            optimizer.zero_grad(set_to_none=True)
        logits = model(x_batch)
        loss = torch.nn.functional.cross_entropy(logits, labels_batch)
        # fit keeps a running loss and accuracy; so does this loop.
        loss_sum += loss.item() * len(indices)
        correct += int((logits.argmax(dim=1) == labels_batch).sum())
        loss.backward()
        if optimizer is None:
            with torch.no_grad():
                for parameter in parameters:
                    parameter.add_(parameter.grad, alpha=-LEARNING_RATE)
            for parameter in parameters:
                parameter.grad = None
        else:
            optimizer.step()
    seconds = time.perf_counter() - start
    return [seconds], (loss_sum / len(x), correct / len(x))


# ---------------------------------------------------------------- the measurements


def calibration_cells(widths, batch_sizes):
    """Where PyTorch's configurations are compared: the smallest batch, two widths.

    The configurations differ only in how the update is applied, and the
    update weighs most at the smallest batch, where a step does the least
    arithmetic: its fixed cost shows at the smallest width, its passes over
    the parameters at a large one (the second largest, whose epoch is short
    enough to time several times over).
    """
    chosen = (widths[0], widths[-2] if len(widths) > 1 else widths[0])
    return [{"width": width, "batch_size": batch_sizes[0]} for width in sorted(set(chosen))]


def choose_configuration(x, labels, cells, repeats):
    """Time every configuration of PyTorch's SGD at ``cells``; ``(fastest, rows)``.

    ``rows`` holds, per configuration, its median ms per epoch at each cell
    (or why it has none).  The fastest has the smallest geometric mean over
    the cells; ``None`` without PyTorch.
    """
    times = {configuration: [] for configuration in compare.TORCH_CONFIGURATIONS}
    for cell in cells:
        train = functools.partial(train_torch, x, labels, cell["width"], cell["batch_size"])
        runners, missing = compare.torch_runners(train, "SGD", "float32", by_hand=True)
        timings = compare.interleaved(runners, repeats) if runners else {}
        for configuration, found in times.items():
            name = compare.torch_name(configuration)
            found.append(
                significant(timings[name].median_ms())
                if name in timings
                else missing.get(name, NOT_MEASURED)
            )
    timed = [
        (statistics.geometric_mean(ms), configuration)
        for configuration, ms in times.items()
        if all(isinstance(value, float) for value in ms)
    ]
    rows = [{"configuration": name, "ms": ms} for name, ms in times.items()]
    return (min(timed)[1] if timed else None), rows


def measure_cell(x, labels, width, batch_size, configuration, repeats):
    """Ours and PyTorch's (in ``configuration``, if not ``None``) at one cell, taking turns."""
    runners = {OURS: functools.partial(train_ours, x, labels, width, batch_size)}
    if configuration is not None:
        runners[PYTORCH] = functools.partial(
            train_torch, x, labels, width, batch_size, configuration
        )
    timings = compare.interleaved(runners, repeats)
    cell = {"width": width, "batch_size": batch_size, "steps": -(-len(x) // batch_size)}
    for key, name in (("ours", OURS), ("torch", PYTORCH)):
        timing = timings.get(name)
        measured = timing is not None
        cell[f"{key}_seconds"] = [significant(s) for s in timing.seconds] if measured else None
        cell[f"{key}_ms"] = significant(timing.median_ms()) if measured else None
        cell[f"{key}_loss"] = significant(timing.result[0], 8) if measured else None
        cell[f"{key}_accuracy"] = timing.result[1] if measured else None
    return cell


def significant(value, digits=5):
    """``value`` rounded to ``digits`` significant digits, for the JSON file."""
    return float(f"{value:.{digits}g}")


def mean_of_calls(run, calls):
    """A runner for ``compare.interleaved``: ``calls`` calls of ``run``, their mean time."""

    def timed():
        start = time.perf_counter()
        for _ in range(calls):
            run()
        return [(time.perf_counter() - start) / calls], None

    return timed


def time_calls(runners, repeats):
    """``{name: median seconds per call}`` of no-argument ``runners``, taking turns.

    Each runner is called often enough for a timed round to last about
    10 ms (its first call, untimed, sets the count).
    """
    rounds = {}
    for name, run in runners.items():
        start = time.perf_counter()
        run()
        calls = max(1, round(0.01 / max(time.perf_counter() - start, 1e-7)))
        rounds[name] = mean_of_calls(run, calls)
    timings = compare.interleaved(rounds, repeats)
    return {name: statistics.median(timing.seconds) for name, timing in timings.items()}


def matmul_gflops(size, repeats):
    """``{"numpy": GFLOP/s, "torch": GFLOP/s or None}``: a float32 ``size x size`` product."""
    rng = np.random.default_rng(SEED)
    a, b = (rng.standard_normal((size, size)).astype(np.float32) for _ in range(2))
    out = np.empty_like(a)
    runners = {"numpy": functools.partial(np.matmul, a, b, out=out)}
    torch = compare.torch
    if torch is not None:
        ta, tb, tout = (torch.from_numpy(array) for array in (a, b, out.copy()))
        runners["torch"] = functools.partial(torch.mm, ta, tb, out=tout)
    seconds = time_calls(runners, repeats)
    flops = 2 * size**3
    return {
        "size": size,
        "numpy": round(flops / seconds["numpy"] / 1e9, 2),
        "torch": round(flops / seconds["torch"] / 1e9, 2) if "torch" in seconds else None,
    }


def hidden_layer_products(width, batch_sizes, repeats):
    """Microseconds of each product of the ``width x width`` layer, per batch size and library.

    Each library does what its backward pass does: ours ``x @ W``,
    ``x.T @ dL``, ``dL @ W.T`` with ``W`` of shape (in, out); PyTorch keeps
    the weight as (out, in) and computes ``x @ weight.T``, ``dL.T @ x`` and
    ``dL @ weight``.
    """
    rng = np.random.default_rng(SEED)
    W = rng.standard_normal((width, width)).astype(np.float32)
    torch = compare.torch
    rows = []
    for batch_size in batch_sizes:
        x, dL = (rng.standard_normal((batch_size, width)).astype(np.float32) for _ in range(2))
        runners = {
            ("numpy", "forward"): lambda x=x: x @ W,
            ("numpy", "weight gradient"): lambda x=x, dL=dL: x.T @ dL,
            ("numpy", "input gradient"): lambda dL=dL: dL @ W.T,
        }
        if torch is not None:
            weight = torch.from_numpy(np.ascontiguousarray(W.T))
            tx, tdL = torch.from_numpy(x), torch.from_numpy(dL)
            runners |= {
                ("torch", "forward"): lambda tx=tx, weight=weight: tx @ weight.T,
                ("torch", "weight gradient"): lambda tx=tx, tdL=tdL: tdL.T @ tx,
                ("torch", "input gradient"): lambda tdL=tdL, weight=weight: tdL @ weight,
            }
        seconds = time_calls(runners, repeats)
        row = {"width": width, "batch_size": batch_size}
        for library in ("numpy", "torch"):
            row[f"{library}_us"] = (
                {product: round(1e6 * seconds[(library, product)], 2) for product in PRODUCTS}
                if (library, "forward") in seconds
                else None
            )
        rows.append(row)
    return rows


# ---------------------------------------------------------------- reading the table


def ratio(cell):
    """Ours' median time over PyTorch's: above 1, PyTorch is faster; ``None`` if not measured."""
    ours, theirs = cell["ours_ms"], cell["torch_ms"]
    return None if ours is None or theirs is None else ours / theirs


def faster(value, margin=TIE_MARGIN):
    """Who is faster at a ratio ours / PyTorch: "PyTorch", "ours", "even" or ``None``."""
    if value is None:
        return None
    if value > 1 + margin:
        return PYTORCH
    if value < 1 / (1 + margin):
        return OURS
    return EVEN


def crossover(sizes, ratios, margin=TIE_MARGIN):
    """The smallest of ``sizes`` (increasing) from which PyTorch is faster at it and every larger.

    ``ratios`` are ours / PyTorch at each size.  ``None`` when PyTorch is
    not faster at the largest size ("never"); raises ``ValueError`` if a
    ratio is missing.
    """
    if len(sizes) != len(ratios) or None in ratios:
        raise ValueError(f"one ratio per size needed; got {list(ratios)} for {list(sizes)}")
    found = None
    for size, value in zip(reversed(sizes), reversed(ratios), strict=True):
        if faster(value, margin) != PYTORCH:
            break
        found = size
    return found


def grid(document):
    """``{(width, batch_size): cell}`` of the document's cells."""
    return {(cell["width"], cell["batch_size"]): cell for cell in document["cells"]}


def crossovers(document):
    """``{"by_batch_size": [...], "by_width": [...]}`` from the cells; ``None`` without PyTorch."""
    cells = grid(document)
    widths, batch_sizes = document["setup"]["widths"], document["setup"]["batch_sizes"]
    ratios = {key: ratio(cell) for key, cell in cells.items()}
    if None in ratios.values():
        return None
    return {
        "by_batch_size": [
            {"batch_size": b, "width": crossover(widths, [ratios[w, b] for w in widths])}
            for b in batch_sizes
        ],
        "by_width": [
            {"width": w, "batch_size": crossover(batch_sizes, [ratios[w, b] for b in batch_sizes])}
            for w in widths
        ],
    }


# ---------------------------------------------------------------- the report


def format_ms(value, missing=NOT_MEASURED):
    """Three significant figures (whole numbers from 100 on), or ``missing``."""
    return missing if value is None else compare.format_ms(value)


def missing_torch(document):
    """What a cell of PyTorch's without a number says: not installed, or not measured."""
    return (
        compare.NOT_INSTALLED
        if document["torch"]["version"] == compare.NOT_INSTALLED
        else NOT_MEASURED
    )


def plural(count, word):
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def matrix(document, text):
    """A table with one row per width and one column per batch size; ``text(cell)`` fills it."""
    cells = grid(document)
    batch_sizes = document["setup"]["batch_sizes"]
    rows = [
        [f"{width:,}", *(text(cells[width, b]) for b in batch_sizes)]
        for width in document["setup"]["widths"]
    ]
    return compare.markdown_table(("width", *(f"batch {b:,}" for b in batch_sizes)), rows)


def ratio_text(cell):
    value = ratio(cell)
    if value is None:
        return "—"
    mark = {PYTORCH: " **PyTorch**", OURS: "", EVEN: " even"}[faster(value)]
    return f"{value:.2f}{mark}"


def arithmetic_share(cell, gflops, key, samples, width):
    """The share of the measured epoch that the arithmetic alone would take, at ``gflops``."""
    median = cell[f"{key}_ms"]
    if median is None or gflops is None:
        return None
    return flops_per_sample(width) * samples / (gflops * 1e9) / (median / 1000.0)


def share_text(value, missing=NOT_MEASURED):
    if value is None:
        return missing
    return f"{100 * value:.0f}%" if value >= 0.01 else "<1%"


def crossover_text(value, first):
    if value is None:
        return NEVER
    return f"{value:,}" + (" (every size measured)" if value == first else "")


def crossover_tables(document):
    found = document["crossover"]
    if found is None:
        return missing_torch(document)
    widths, batch_sizes = document["setup"]["widths"], document["setup"]["batch_sizes"]
    by_batch = compare.markdown_table(
        ("batch size", "PyTorch faster from width"),
        [
            [f"{row['batch_size']:,}", crossover_text(row["width"], widths[0])]
            for row in found["by_batch_size"]
        ],
    )
    by_width = compare.markdown_table(
        ("width", "PyTorch faster from batch size"),
        [
            [f"{row['width']:,}", crossover_text(row["batch_size"], batch_sizes[0])]
            for row in found["by_width"]
        ],
    )
    return by_batch + "\n\n" + by_width


def small_step_text(document):
    """The time per step of both at the smallest cell, and how little of it is arithmetic."""
    setup = document["setup"]
    width, batch_size = setup["widths"][0], setup["batch_sizes"][0]
    cell = grid(document)[width, batch_size]
    parts = []
    for key, name, library in (("ours", "ours", "numpy"), ("torch", "PyTorch's", "torch")):
        median = cell[f"{key}_ms"]
        if median is None:
            parts.append(f"PyTorch's: {missing_torch(document)}")
            continue
        step_us = 1000.0 * median / cell["steps"]
        rate = document["matmul"][library]
        arithmetic_us = flops_per_sample(width) * batch_size / (rate * 1e9) * 1e6
        parts.append(
            f"{name}: {format_ms(step_us)} µs per step, of which the arithmetic at "
            f"{rate:.1f} GFLOP/s would take {arithmetic_us:.2f} µs"
        )
    return (
        f"At the smallest cell (width {width:,}, batch {batch_size:,}), "
        + "; ".join(parts)
        + ". The rest is overhead: Python calls, the libraries' dispatch, small kernels."
    )


def products_table(document):
    products = document["products"]
    header = (
        "batch size",
        *(f"NumPy {name} `{code}` (µs)" for name, code in PRODUCTS.items()),
        *(f"PyTorch {name} (µs)" for name in PRODUCTS),
    )
    rows = []
    for row in products:
        theirs = row["torch_us"] or {}
        rows.append(
            [
                f"{row['batch_size']:,}",
                *(format_ms(row["numpy_us"][name]) for name in PRODUCTS),
                *(format_ms(theirs.get(name), missing_torch(document)) for name in PRODUCTS),
            ]
        )
    return compare.markdown_table(header, rows)


def calibration_table(document):
    """PyTorch's configurations at the calibration cells, and which was chosen."""
    torch = document["torch"]
    header = (
        "configuration",
        *(
            f"width {cell['width']:,}, batch {cell['batch_size']:,} (ms/epoch)"
            for cell in torch["calibration"]["cells"]
        ),
        "chosen",
    )
    rows = [
        [
            row["configuration"],
            *(format_ms(ms) if isinstance(ms, float) else ms for ms in row["ms"]),
            "yes" if row["configuration"] == torch["configuration"] else "",
        ]
        for row in torch["calibration"]["ms_per_epoch"]
    ]
    return compare.markdown_table(header, rows)


def same_work_text(document):
    """The largest relative difference between ours' and PyTorch's loss after the epoch."""
    cells = [cell for cell in document["cells"] if cell["torch_loss"] is not None]
    differences = [
        abs(cell["ours_loss"] - cell["torch_loss"]) / abs(cell["ours_loss"]) for cell in cells
    ]
    if not differences:
        return f"PyTorch's: {missing_torch(document)}."
    other_accuracy = sum(cell["ours_accuracy"] != cell["torch_accuracy"] for cell in cells)
    return (
        "Both start from the same weights and see the same batches. Their mean training "
        "loss over the epoch, ours against PyTorch's, differs by at most "
        f"{max(differences):.1e} of its value over all cells (float32 rounding); their "
        f"training accuracy differs in {plural(other_accuracy, 'cell')} of {len(cells)}."
    )


def render(document):
    """The Markdown report of ``document`` (what ``sweep`` returns, or the JSON file)."""
    setup = document["setup"]
    samples, margin = setup["samples"], f"{100 * setup['tie_margin']:.0f}%"
    missing = missing_torch(document)
    configuration = document["torch"]["configuration"]
    matmul = document["matmul"]
    kind = "quick smoke run, numbers not representative" if document["quick"] else "full run"
    minutes, seconds = divmod(round(document["wall_seconds"]), 60)
    torch_rate = missing if matmul["torch"] is None else f"{matmul['torch']:.1f} GFLOP/s"
    sgd = f"SGD *{configuration}*, its fastest configuration (last tables)"

    def share(key, rate):
        return lambda cell: share_text(
            arithmetic_share(cell, rate, key, samples, cell["width"]), missing
        )

    parts = [
        f"Measured on {document['date']} with `{document['command']}` ({kind}, "
        f"{minutes} min {seconds} s). The network: {FEATURES} → width → width → {CLASSES}, "
        f"ReLU, float32, softmax cross-entropy, plain SGD (learning rate {LEARNING_RATE}); "
        f"one epoch is one pass over {samples:,} synthetic samples in batches. Ours: `fit`. "
        "PyTorch: the same network from `to_torch` (the same starting weights, the same "
        f"batches), eager mode, {sgd if configuration else 'not measured'}. Both on one "
        "thread, taking turns; each time is the median of "
        f"{plural(setup['repeats'], 'timed epoch')} after one untimed.",
        "### Time per epoch: ours (ms)",
        matrix(document, lambda cell: format_ms(cell["ours_ms"])),
        "### Time per epoch: PyTorch (ms)",
        matrix(document, lambda cell: format_ms(cell["torch_ms"], missing)),
        "### Ours / PyTorch",
        f"Above 1, PyTorch's epoch is the shorter one. **PyTorch** marks a cell where it is "
        f"shorter by more than {margin}; within {margin} either way, the cell is even.",
        matrix(document, ratio_text),
        "### Crossover",
        "For each batch size, the smallest width from which PyTorch is faster, at that "
        "width and at every larger one measured; for each width, the smallest such "
        "batch size. *never*: not even at the largest.",
        crossover_tables(document),
        "### Arithmetic against overhead",
        f"Matrix multiply, float32 {matmul['size']:,} × {matmul['size']:,}, one thread: "
        f"NumPy {matmul['numpy']:.1f} GFLOP/s, PyTorch {torch_rate}. One step's arithmetic "
        f"is {FLOPS_FORMULA} floating-point operations (forward, weight gradients, input "
        "gradients; PyTorch skips the first layer's input gradient). The tables give the "
        "share of each measured epoch that this arithmetic alone would take at that "
        "speed. The rest is overhead: calls into the library, kernels too small or too "
        "slow to reach that speed, passes over memory.",
        "Ours:",
        matrix(document, share("ours", matmul["numpy"])),
        "PyTorch:",
        matrix(document, share("torch", matmul["torch"])),
        small_step_text(document),
        f"### The products of the hidden layer, width {document['products'][0]['width']:,}",
        "Each of the three matrix products of the width × width layer, alone, as each "
        "library's backward pass computes it (median time per call).",
        products_table(document),
        "### PyTorch's configurations",
        "Every configuration of `torch.optim.SGD`, where the update weighs most: at the "
        "smallest batch, at a small width (its fixed cost) and a large one (its passes over "
        "the parameters). The fastest, by the geometric mean over these cells, is used "
        "everywhere. *default*: the optimiser's defaults; *foreach*: `foreach=True`; "
        "*fused*: `fused=True`; *by hand*: no optimiser, `p.add_(p.grad, alpha=-lr)` under "
        "`torch.no_grad()`.",
        calibration_table(document),
        "### The same work",
        same_work_text(document),
        "### Machine",
        "\n".join(f"- {line}" for line in document["machine"]),
    ]
    return "\n\n".join(parts) + "\n"


def torch_blas():
    """PyTorch's BLAS library and CPU kernels, from its build configuration."""
    torch = compare.torch
    if torch is None:
        return compare.NOT_INSTALLED
    settings = torch.__config__.show()
    blas = settings.split("BLAS_INFO=", 1)[1].split(",", 1)[0] if "BLAS_INFO=" in settings else "?"
    capability = [line for line in settings.splitlines() if "CPU capability usage" in line]
    kernels = capability[0].split(":", 1)[1].strip() if capability else "?"
    return f"{blas}; CPU kernels {kernels}"


def openblas_kernels():
    """The CPU kernels NumPy's OpenBLAS chose, as threadpoolctl reports them."""
    if compare.threadpoolctl is None:
        return "unknown (threadpoolctl not installed)"
    found = [
        pool.get("architecture") or "?"
        for pool in compare.threadpoolctl.threadpool_info()
        if pool["internal_api"] == "openblas" and "numpy" in pool["filepath"]
    ]
    return ", ".join(found) or "no OpenBLAS (another BLAS)"


def machine_lines():
    """compare.py's machine lines, with the kernels of both BLAS libraries after NumPy's BLAS."""
    lines = compare.machine_lines()
    where = next(i for i, line in enumerate(lines) if line.startswith("NumPy's BLAS")) + 1
    lines[where:where] = [
        f"NumPy's OpenBLAS kernels: {openblas_kernels()}",
        f"PyTorch's BLAS: {torch_blas()}",
    ]
    return lines


# ---------------------------------------------------------------- the run


def sweep(settings, command, quick, log=print):
    """Run the whole measurement; return the document that the JSON file holds."""
    started = time.perf_counter()
    widths, batch_sizes = settings["widths"], settings["batch_sizes"]
    x, labels = synthetic_data(settings["samples"])
    calibration = calibration_cells(widths, batch_sizes)
    log(f"choosing PyTorch's configuration at {calibration} ...")
    configuration, configurations = choose_configuration(
        x, labels, calibration, settings["repeats"]
    )
    log(f"PyTorch's configurations: {configurations}; the fastest: {configuration}")
    cells = []
    for width in widths:
        for batch_size in batch_sizes:
            cell = measure_cell(x, labels, width, batch_size, configuration, settings["repeats"])
            log(
                f"width {width}, batch {batch_size}: ours {cell['ours_ms']} ms, "
                f"PyTorch {cell['torch_ms']} ms"
            )
            cells.append(cell)
    log("matrix-multiply speed and the products of the hidden layer ...")
    matmul = matmul_gflops(settings["matmul_size"], settings["matmul_repeats"])
    products = hidden_layer_products(widths[-1], batch_sizes, settings["matmul_repeats"])
    document = {
        "script": SCRIPT,
        "command": command,
        "date": datetime.date.today().isoformat(),
        "quick": quick,
        "setup": {
            "features": FEATURES,
            "classes": CLASSES,
            "samples": settings["samples"],
            "widths": list(widths),
            "batch_sizes": list(batch_sizes),
            "learning_rate": LEARNING_RATE,
            "seed": SEED,
            "dtype": "float32",
            "repeats": settings["repeats"],
            "tie_margin": TIE_MARGIN,
            "flops_per_step": FLOPS_FORMULA,
        },
        "torch": {
            "version": compare.version_of(compare.torch),
            "configuration": configuration,
            # Lists, in the order of compare.TORCH_CONFIGURATIONS (a dict's keys are sorted).
            "calibration": {"cells": calibration, "ms_per_epoch": configurations},
        },
        "cells": cells,
        "matmul": matmul,
        "products": products,
        "machine": machine_lines(),
    }
    document["crossover"] = crossovers(document)
    document["wall_seconds"] = round(time.perf_counter() - started, 1)
    return document


def json_text(document):
    """The JSON file's text: keys sorted, each list of numbers on one line."""
    return results_json_text(document, one_line_dicts=True)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a tiny sweep (widths 8 and 16, batches 4 and 16, 64 samples, 1 repeat), "
        "a smoke test; writes nothing unless --output-dir is given",
    )
    parser.add_argument(
        "--output-dir",
        type=pathlib.Path,
        default=None,
        help=f"where to write {STEM}.md and {STEM}.json "
        f"(default: {RESULTS.relative_to(ROOT)}, or nothing with --quick)",
    )
    arguments = parser.parse_args(argv)
    if arguments.output_dir is None and not arguments.quick:
        arguments.output_dir = RESULTS
    return arguments


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    arguments = parse_arguments(argv)
    torch = compare.torch
    if torch is not None:
        torch.set_num_threads(1)
        try:
            torch.set_num_interop_threads(1)
        except RuntimeError:  # only possible before PyTorch's first parallel work
            pass
    limits = compare.threadpoolctl
    settings = QUICK if arguments.quick else FULL
    command = " ".join(["python", SCRIPT, *argv])
    with limits.threadpool_limits(1) if limits else contextlib.nullcontext():
        document = sweep(
            settings,
            command,
            arguments.quick,
            log=lambda text: print(text, file=sys.stderr, flush=True),
        )
    text = render(document)
    print(text)
    if arguments.output_dir is not None:
        arguments.output_dir.mkdir(parents=True, exist_ok=True)
        (arguments.output_dir / f"{STEM}.json").write_text(json_text(document), encoding="utf-8")
        (arguments.output_dir / f"{STEM}.md").write_text(text, encoding="utf-8")
        print(f"written to {arguments.output_dir}/{STEM}.{{md,json}}", file=sys.stderr)


def load(path=RESULTS / f"{STEM}.json"):
    """The document a run wrote (``json.loads`` of the file)."""
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
