"""What "When to switch" says about the benchmark, checked against the results it includes.

The chapter's prose reads the report of ``benchmarks/cost_growth.py``
(``benchmarks/results/cost-growth.json``, rendered as ``cost-growth.md``).
When the benchmark runs again (another machine, another library version),
these tests say which sentences of docs/part-3/when-to-switch.md (and its
Chinese twin) no longer hold.
"""

import json

import pytest
from conftest import ROOT

RESULTS = ROOT / "benchmarks" / "results" / "cost-growth.json"


@pytest.fixture(scope="module")
def results():
    return json.loads(RESULTS.read_text(encoding="utf-8"))


def cell(results, width, batch_size):
    (found,) = [c for c in results["cells"] if (c["width"], c["batch_size"]) == (width, batch_size)]
    return found


def ratio(found):
    """Our time over PyTorch's: above 1, PyTorch is faster."""
    return found["ours_ms"] / found["torch_ms"]


def products(results, batch_size):
    (row,) = [r for r in results["products"] if r["batch_size"] == batch_size]
    return row


def test_the_results_are_a_full_run_of_the_widths_and_batches_the_chapter_names(results):
    assert not results["quick"]
    assert results["setup"]["widths"] == [64, 128, 256, 512, 1024, 2048]
    assert results["setup"]["batch_sizes"][0] == 1 and results["setup"]["batch_sizes"][-1] == 1024


def test_the_crossover_the_chapter_describes(results):
    """ "Its one clear win is with batches of a single sample, from width 256 on, by up to
    several times. With batches of 64 samples or more, our NumPy code is as fast or faster at
    every width ... with batches of 16 and 32, PyTorch edges ahead from width 1024 and 2048
    respectively, and with batches of 2 to 8 at width 2048 the two are within a sixth of each
    other." """
    by_batch = {row["batch_size"]: row["width"] for row in results["crossover"]["by_batch_size"]}
    assert {size: by_batch.pop(size) for size in (1, 16, 32)} == {1: 256, 16: 1024, 32: 2048}
    assert set(by_batch.values()) == {None}
    assert max(ratio(cell(results, width, 1)) for width in (512, 1024, 2048)) > 2
    for batch_size in (16, 32):
        assert 1 < ratio(cell(results, 2048, batch_size)) < 1.25  # edges ahead, by little
    for batch_size in (2, 4, 8):
        assert 1 / 1.2 < ratio(cell(results, 2048, batch_size)) < 1.2, batch_size
    assert all(
        ratio(c) < 1.05 for c in results["cells"] if c["batch_size"] >= 64
    )  # as fast or faster


def test_numpys_blas_multiplies_faster_here(results):
    """ "On this machine NumPy's BLAS multiplies float32 matrices faster than PyTorch's." """
    assert results["matmul"]["numpy"] > results["matmul"]["torch"]


def test_the_smallest_step_is_almost_all_overhead(results):
    """ "The arithmetic of a step would take well under a microsecond ... a step takes tens of
    microseconds in our code and more than that in PyTorch's." """
    smallest = cell(results, 64, 1)
    per_step_us = {
        name: smallest[f"{name}_ms"] * 1000 / smallest["steps"] for name in ("ours", "torch")
    }
    assert 10 <= per_step_us["ours"] < 100  # tens of microseconds
    assert per_step_us["torch"] > per_step_us["ours"]
    flops = 6 * 1 * (64 * 64 + 64 * 64 + 64 * 10)
    assert flops / (results["matmul"]["numpy"] * 1e9) < 1e-6


def test_batch_one_sends_numpys_weight_gradient_down_a_slow_path(results):
    """ "NumPy spending far longer on it than on the other two products of the same size, while
    PyTorch does not." """
    row = products(results, 1)
    numpy, torch = row["numpy_us"], row["torch_us"]
    assert numpy["weight gradient"] > 5 * max(numpy["forward"], numpy["input gradient"])
    assert torch["weight gradient"] < 2 * max(torch["forward"], torch["input gradient"])


def test_pytorch_has_its_own_slow_path_at_batches_two_to_eight(results):
    """ "With batches of 2 to 8, its weight gradient is the slowest of its three products." """
    for batch_size in (2, 4, 8):
        torch = products(results, batch_size)["torch_us"]
        assert torch["weight gradient"] == max(torch.values()), batch_size
