"""The benchmark script, the results it wrote and the "Performance" page that shows them.

Timings are never asserted: they depend on the machine.  These tests check
that the committed results come from a full run and have every row and
column, that the page includes them and quotes the script's targets and
numbers correctly, and that the script runs without PyTorch.
"""

import ast
import os
import re
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
