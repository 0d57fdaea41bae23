"""The benchmark scripts, the results they wrote and the "Performance" page that shows them.

Timings are never asserted: they depend on the machine.  These tests check
that the committed results come from a full run and have every row and
column, that the page includes them and quotes the script's targets and
numbers correctly, and that the script runs without PyTorch.  For
``cost_growth.py`` (when to switch to PyTorch), a tiny sweep runs, the
crossover is read off planted numbers, and the committed Markdown must be
what the committed JSON renders to.
"""

import ast
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys

import pytest
from conftest import DOCS, ROOT

SCRIPT = ROOT / "benchmarks" / "compare.py"
RESULTS = ROOT / "benchmarks" / "results.md"
PAGE = DOCS / "performance.md"
INCLUDE = '--8<-- "benchmarks/results.md"'
NETWORKS = ("article's network", "digits MLP", "digits CNN", "wide MLP, not in the book")


def script_constant(name):
    """A constant of compare.py, read without importing it (importing sets thread variables)."""
    for node in ast.parse(SCRIPT.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise LookupError(name)


def section(text, heading):
    """The text under ``### heading``, up to the next heading."""
    return text.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0]


def table(text):
    """``(header, rows)`` of the first Markdown table in ``text``."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    return cells[0], cells[2:]


def is_number(cell):
    return re.fullmatch(r"\d+(\.\d+)?", cell) is not None


@pytest.fixture(scope="module")
def results():
    assert RESULTS.is_file(), "run python benchmarks/compare.py and commit benchmarks/results.md"
    return RESULTS.read_text(encoding="utf-8")


def test_results_come_from_a_full_run_of_the_script(results):
    first = results.splitlines()[0]
    assert re.match(r"Measured on \d{4}-\d{2}-\d{2} with `python benchmarks/compare.py`", first)
    assert "(full run)" in first and "--quick" not in first


def columns(text, heading):
    """``(header, {column name: cells top to bottom})`` of the table under ``### heading``."""
    header, rows = table(section(text, heading))
    return header, dict(zip(header, zip(*rows, strict=True), strict=True))


def configuration_columns():
    """The header of the table of PyTorch's configurations, one column per configuration."""
    names = script_constant("TORCH_CONFIGURATIONS")
    return ["network", *(f"{name} (ms/epoch)" for name in names), "fastest"]


def test_timing_table_has_every_network_and_column(results):
    header, rows = table(section(results, "Time per epoch"))
    assert tuple(header) == script_constant("TIMING_COLUMNS")
    assert [row[0].split(" (")[0].split(":")[0] for row in rows] == list(NETWORKS)
    column = dict(zip(header, zip(*rows, strict=True), strict=True))
    assert column["dtype"] == ("float64", "float32", "float32", "float32")
    # The committed run had PyTorch and scikit-learn: every cell that applies is a number.
    for name in ("ours (ms/epoch)", "PyTorch's fastest (ms/epoch)", "ours / PyTorch's fastest"):
        assert all(is_number(cell) for cell in column[name]), column[name]
    assert set(column["PyTorch's fastest configuration"]) <= set(
        script_constant("TORCH_CONFIGURATIONS")
    )
    sklearn = column["scikit-learn (ms/epoch)"]
    assert is_number(sklearn[1]) and is_number(sklearn[3]) and sklearn[0] == sklearn[2] == "n/a"
    # "no (scikit-learn)" when only one of the MLP's two targets is missed.
    assert all(verdict.split(" (")[0] in ("yes", "no") for verdict in column["met?"][:3])
    assert column["met?"][3] == "—"  # the wide MLP is a contrast, without a target
    # The ratios are to PyTorch's fastest configuration, and the targets say so.
    targets = script_constant("TARGETS")
    for key, cell in zip(("article", "mlp", "cnn"), column["target (ours / theirs)"], strict=False):
        assert cell == " and ".join(f"≤ {limit}× {name}" for name, limit in targets[key].items())
        assert "PyTorch's fastest" in targets[key]


def test_every_pytorch_configuration_is_timed_and_the_fastest_is_the_smallest(results):
    header, column = columns(results, "PyTorch's configurations")
    configurations = script_constant("TORCH_CONFIGURATIONS")
    assert header == configuration_columns()
    assert [cell.split(" (")[0].split(":")[0] for cell in column["network"]] == list(NETWORKS)
    # "by hand" is plain gradient descent: the article's network only; Adam keeps state.
    assert is_number(column["by hand (ms/epoch)"][0])
    assert column["by hand (ms/epoch)"][1:] == ("n/a", "n/a", "n/a")
    # PyTorch 2.13 runs every optimiser configuration on the CPU (an older one may say so).
    for name in ("default", "foreach", "fused"):
        assert all(is_number(cell) for cell in column[f"{name} (ms/epoch)"]), name
    _, timing = columns(results, "Time per epoch")
    for row in range(len(NETWORKS)):
        timed = {
            name: float(column[f"{name} (ms/epoch)"][row])
            for name in configurations
            if is_number(column[f"{name} (ms/epoch)"][row])
        }
        fastest = column["fastest"][row]
        assert timing["PyTorch's fastest configuration"][row] == fastest
        assert timed[fastest] == min(timed.values())
        assert float(timing["PyTorch's fastest (ms/epoch)"][row]) == timed[fastest]
        ours = float(timing["ours (ms/epoch)"][row])
        ratio = float(timing["ours / PyTorch's fastest"][row])
        assert abs(ours / timed[fastest] - ratio) <= 0.01, row


def test_all_implementations_did_the_same_work(results):
    header, rows = table(section(results, "The same work"))
    pytorch = [f"PyTorch {name}" for name in script_constant("TORCH_CONFIGURATIONS")]
    assert header == ["network", "measure", "ours", *pytorch, "scikit-learn"]
    assert pytorch[-1] == "PyTorch by hand"
    article, mlp, cnn, wide = rows
    # Same starting weights, same float64 maths: the same final loss in every configuration.
    assert set(article[3:7]) == {article[2]}
    # Same starting weights and mini-batches in float32: about the same accuracy.
    for row in (mlp, cnn, wide):
        ours = float(row[2].rstrip("%"))
        for theirs in row[3:6]:
            assert abs(ours - float(theirs.rstrip("%"))) <= 2.0, row
        assert row[6] == "n/a", row  # Adam is never written by hand
    assert mlp[7].endswith("%") and cnn[7] == "n/a"


def test_results_name_the_machine_blas_and_versions(results):
    machine = section(results, "Machine")
    for label in ("CPU:", "Versions: Python", "NumPy's BLAS:", "One thread:", "Thread pools"):
        assert f"- {label}" in machine
    assert "PyTorch 2." in machine and "scikit-learn 1." in machine


def test_the_page_includes_the_results_file():
    text = PAGE.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n")
    assert text.count(INCLUDE) == 1
    markdown = pytest.importorskip("markdown", reason="Markdown comes with the docs extra")
    html = markdown.markdown(
        text,
        extensions=["tables", "pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": True}},
    )
    assert "<th>ours / PyTorch's fastest</th>" in html and "--8<--" not in html


def test_the_page_quotes_the_targets_and_numbers_of_the_code():
    from nn_from_scratch import NeuralNetwork, article_dataset
    from nn_from_scratch.digits import load_digits_split
    from nn_from_scratch.mlp import MLP_RECIPE, MLP_SIZES

    text = " ".join(PAGE.read_text(encoding="utf-8").split())
    for limits in script_constant("TARGETS").values():
        for limit in limits.values():
            assert f"at most {limit}" in text
    assert f"for {script_constant('ARTICLE_ITERATIONS'):,} iterations" in text
    assert load_digits_split.__defaults__[0] == 0.2 and "80/20 split" in text
    assert f"({MLP_RECIPE.batch_size} digits of {MLP_SIZES[0]} pixels" in text
    assert f"a hidden layer of {MLP_SIZES[1]})" in text
    network = NeuralNetwork(*article_dataset(), seed=0)
    network.feedforward()
    arrays = (network.input, network.weights1, network.layer1, network.weights2, network.output)
    assert max(array.size for array in arrays) == 16 and network.layer1.shape == (4, 4)
    assert "biggest matrix is 4 × 4" in text
    assert load_digits_split().x_train.shape[1] == 8 * 8 and "images are 8 × 8 pixels" in text
    wide = script_constant("WIDE_SIZES")
    assert wide[1] == wide[2] == 1024 and len(wide) == 4 and wide[0] == MLP_SIZES[0]
    assert "two hidden layers of 1,024 units instead of one of 128" in text
    assert script_constant("WIDE_EPOCHS") == 5 and script_constant("WIDE_BATCH_SIZE") == 256
    assert "trained for 5 epochs on batches of 256" in text


def test_the_script_runs_without_pytorch(tmp_path):
    """Quick mode, the article's network only: a fraction of a second.

    The digits networks need scikit-learn, whose import alone takes most of
    a second; the committed results check their columns.
    """
    hidden = tmp_path / "hidden" / "torch"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text(
        'raise ModuleNotFoundError("PyTorch hidden by the test", name="torch")\n'
    )
    output = tmp_path / "results.md"
    environment = dict(os.environ, PYTHONPATH=str(hidden.parent))
    command = [sys.executable, str(SCRIPT), "--quick", "--networks", "article"]
    result = subprocess.run(
        [*command, "--output", str(output)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    assert text in result.stdout
    header, column = columns(text, "Time per epoch")
    assert tuple(header) == script_constant("TIMING_COLUMNS")
    assert is_number(column["ours (ms/epoch)"][0])
    assert column["PyTorch's fastest (ms/epoch)"] == ("not installed",)
    assert column["PyTorch's fastest configuration"] == ("not installed",)
    assert column["ours / PyTorch's fastest"] == ("—",)
    assert column["met?"] == ("not measured",)
    header, column = columns(text, "PyTorch's configurations")
    assert header == configuration_columns()
    assert {cell for cells in list(column.values())[1:] for cell in cells} == {"not installed"}
    _, column = columns(text, "The same work")
    assert is_number(column["ours"][0])
    for name in script_constant("TORCH_CONFIGURATIONS"):
        assert column[f"PyTorch {name}"] == ("not installed",)
    assert "quick smoke run" in text and "PyTorch not installed" in text


# ---------------------------------------------------------------- cost_growth.py

COST_GROWTH = ROOT / "benchmarks" / "cost_growth.py"
COST_GROWTH_RESULTS = ROOT / "benchmarks" / "results"


@pytest.fixture(scope="module")
def cost_growth():
    """benchmarks/cost_growth.py as a module, the thread variables left as they were.

    Importing it imports compare.py, which sets them to 1 for the script's sake.
    """
    saved = dict(os.environ)
    try:
        spec = importlib.util.spec_from_file_location("cost_growth", COST_GROWTH)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return module


def matrix_table(text, heading):
    """``(header, {width: cells})`` of the width-by-batch-size table under ``### heading``."""
    header, rows = table(section(text, heading))
    return header, {int(row[0].replace(",", "")): row[1:] for row in rows}


def planted(cost_growth, widths, batch_sizes, ratios):
    """A document whose cells have the ratios ``ratios[width index][batch index]``."""
    cells = [
        {"width": w, "batch_size": b, "ours_ms": ratios[i][j], "torch_ms": 1.0}
        for i, w in enumerate(widths)
        for j, b in enumerate(batch_sizes)
    ]
    return {"setup": {"widths": widths, "batch_sizes": batch_sizes}, "cells": cells}


def test_cost_growth_crossover_on_planted_numbers(cost_growth):
    crossover, faster = cost_growth.crossover, cost_growth.faster
    assert cost_growth.TIE_MARGIN == 0.05
    ratios = (1.06, 1.04, 1.0, 0.96, 0.94, None)
    assert [faster(r) for r in ratios] == ["PyTorch", "even", "even", "even", "ours", None]
    sizes = [64, 128, 256, 512]
    assert crossover(sizes, [2.0, 2.0, 2.0, 2.0]) == 64
    assert crossover(sizes, [0.5, 0.5, 1.2, 1.5]) == 256
    assert crossover(sizes, [0.5, 0.5, 0.5, 0.5]) is None
    # PyTorch must stay faster at every larger size: a dip, or an even cell, moves it on.
    assert crossover(sizes, [1.5, 0.8, 1.5, 1.5]) == 256
    assert crossover(sizes, [1.5, 1.5, 1.03, 1.5]) == 512
    assert crossover(sizes, [1.5, 1.5, 1.5, 0.9]) is None
    with pytest.raises(ValueError, match="one ratio per size"):
        crossover(sizes, [1.5, None, 1.5, 1.5])
    # By batch size across the widths, and by width across the batch sizes.
    document = planted(
        cost_growth,
        [64, 256, 1024],
        [1, 32, 1024],
        [[0.5, 0.5, 0.5], [1.2, 0.9, 0.8], [3.0, 1.2, 1.1]],
    )
    assert cost_growth.crossovers(document) == {
        "by_batch_size": [
            {"batch_size": 1, "width": 256},
            {"batch_size": 32, "width": 1024},
            {"batch_size": 1024, "width": 1024},
        ],
        "by_width": [
            {"width": 64, "batch_size": None},
            {"width": 256, "batch_size": None},
            {"width": 1024, "batch_size": 1},
        ],
    }
    document["cells"][0]["torch_ms"] = None  # PyTorch not installed: nothing to read
    assert cost_growth.crossovers(document) is None


def test_cost_growth_flops_are_the_three_products_of_every_layer(cost_growth):
    width = 256
    weights = 64 * width + width * width + width * 10
    assert cost_growth.flops_per_sample(width) == 3 * 2 * weights
    assert cost_growth.FLOPS_FORMULA == "6 · batch · (64·w + w·w + w·10)"
    sizes = [layer.params["W"].shape for layer in cost_growth.mlp(width).layers if layer.params]
    assert sizes == [(64, width), (width, width), (width, 10)]
    assert sum(n_in * n_out for n_in, n_out in sizes) == weights


@pytest.fixture(scope="module")
def quick_sweep(tmp_path_factory):
    """``(stdout, markdown, document)`` of ``cost_growth.py --quick``: a second or two."""
    output = tmp_path_factory.mktemp("cost-growth")
    result = subprocess.run(
        [sys.executable, str(COST_GROWTH), "--quick", "--output-dir", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    markdown = (output / "cost-growth.md").read_text(encoding="utf-8")
    document = json.loads((output / "cost-growth.json").read_text(encoding="utf-8"))
    return result.stdout, markdown, document


def test_cost_growth_quick_sweep_prints_and_saves_one_table(cost_growth, quick_sweep):
    stdout, markdown, document = quick_sweep
    assert markdown in stdout
    assert cost_growth.render(document) == markdown  # the Markdown is rendered from the JSON
    assert document["quick"] is True and "quick smoke run" in markdown.splitlines()[0]
    setup, quick = document["setup"], cost_growth.QUICK
    assert setup["widths"] == list(quick["widths"])
    assert setup["batch_sizes"] == list(quick["batch_sizes"])
    assert [(c["width"], c["batch_size"]) for c in document["cells"]] == [
        (w, b) for w in quick["widths"] for b in quick["batch_sizes"]
    ]
    for cell in document["cells"]:
        assert cell["steps"] == -(-quick["samples"] // cell["batch_size"])
        assert len(cell["ours_seconds"]) == quick["repeats"]
        assert cell["ours_ms"] == pytest.approx(1000 * statistics.median(cell["ours_seconds"]))
    header, rows = matrix_table(markdown, "Time per epoch: ours (ms)")
    assert header == ["width", *(f"batch {b}" for b in quick["batch_sizes"])]
    assert list(rows) == list(quick["widths"])
    assert all(is_number(cell) for cells in rows.values() for cell in cells)
    for heading in ("Time per epoch: PyTorch (ms)", "Ours / PyTorch"):
        assert matrix_table(markdown, heading)[0] == header
    for label in ("CPU:", "NumPy's BLAS:", "NumPy's OpenBLAS kernels:", "PyTorch's BLAS:"):
        assert f"- {label}" in section(markdown, "Machine")
    assert "GFLOP/s" in section(markdown, "Arithmetic against overhead")


def test_cost_growth_quick_sweep_times_pytorch(cost_growth, quick_sweep):
    pytest.importorskip("torch", reason="PyTorch is optional (benchmarks/README.md)")
    _, markdown, document = quick_sweep
    assert document["torch"]["configuration"] in script_constant("TORCH_CONFIGURATIONS")
    assert document["matmul"]["torch"] > 0
    for cell in document["cells"]:
        assert cell["torch_ms"] == pytest.approx(1000 * statistics.median(cell["torch_seconds"]))
        # The same starting weights and batches: the same loss, up to float32 rounding.
        assert cell["torch_loss"] == pytest.approx(cell["ours_loss"], rel=1e-4)
    assert document["crossover"] == cost_growth.crossovers(document)
    _, ratios = matrix_table(markdown, "Ours / PyTorch")
    cells = cost_growth.grid(document)
    for width, row in ratios.items():
        for batch, text in zip(document["setup"]["batch_sizes"], row, strict=True):
            ratio = cells[width, batch]["ours_ms"] / cells[width, batch]["torch_ms"]
            assert text.split()[0] == f"{ratio:.2f}"
            assert ("**PyTorch**" in text) == (cost_growth.faster(ratio) == "PyTorch")


def test_cost_growth_quick_sweep_without_pytorch_says_so(quick_sweep):
    if importlib.util.find_spec("torch") is not None:
        pytest.skip("PyTorch is installed: the test above checks its columns")
    _, markdown, document = quick_sweep
    assert document["torch"]["configuration"] is None and document["crossover"] is None
    assert all(cell["torch_ms"] is None for cell in document["cells"])
    _, rows = matrix_table(markdown, "Time per epoch: PyTorch (ms)")
    assert {cell for cells in rows.values() for cell in cells} == {"not installed"}


def test_cost_growth_committed_results_come_from_a_full_run(cost_growth):
    path = COST_GROWTH_RESULTS / "cost-growth.json"
    assert path.is_file(), "run python benchmarks/cost_growth.py and commit benchmarks/results/"
    document = json.loads(path.read_text(encoding="utf-8"))
    markdown = (COST_GROWTH_RESULTS / "cost-growth.md").read_text(encoding="utf-8")
    assert cost_growth.render(document) == markdown
    assert document["command"] == "python benchmarks/cost_growth.py"
    assert document["quick"] is False and "(full run, " in markdown.splitlines()[0]
    setup = document["setup"]
    assert setup["widths"] == list(cost_growth.WIDTHS)
    assert setup["batch_sizes"] == list(cost_growth.BATCH_SIZES)
    assert (setup["samples"], setup["repeats"]) == (cost_growth.SAMPLES, cost_growth.REPEATS)
    assert len(document["cells"]) == len(cost_growth.WIDTHS) * len(cost_growth.BATCH_SIZES)
    # The committed run had PyTorch: every cell has both times, and the crossover is read off them.
    for cell in document["cells"]:
        for key in ("ours", "torch"):
            assert len(cell[f"{key}_seconds"]) == cost_growth.REPEATS
            assert cell[f"{key}_ms"] == pytest.approx(
                1000 * statistics.median(cell[f"{key}_seconds"]), rel=1e-4
            )
    assert document["crossover"] == cost_growth.crossovers(document)
    # PyTorch's configuration: every one timed where the update weighs most; the chosen is
    # the one with the smallest geometric mean.
    torch = document["torch"]
    assert torch["calibration"]["cells"] == [
        {"width": 64, "batch_size": 1},
        {"width": 1024, "batch_size": 1},
    ]
    assert torch["calibration"]["cells"] == cost_growth.calibration_cells(
        setup["widths"], setup["batch_sizes"]
    )
    rows = torch["calibration"]["ms_per_epoch"]
    assert [row["configuration"] for row in rows] == list(script_constant("TORCH_CONFIGURATIONS"))
    means = {row["configuration"]: statistics.geometric_mean(row["ms"]) for row in rows}
    assert torch["configuration"] == min(means, key=means.get)
    assert document["matmul"]["size"] == cost_growth.MATMUL_SIZE
    assert "PyTorch 2." in section(markdown, "Machine")
