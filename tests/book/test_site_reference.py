"""The API reference, the print stylesheet, the 404 page and the publishing workflow.

One module-scoped fixture builds the site once with ``mkdocs build --strict``;
the tests then read the output folder.
"""

import os
import pkgutil
import re
import subprocess
import sys

import literate
import pytest
import yaml
from conftest import DOCS, ROOT

import nn_from_scratch

REFERENCE = DOCS / "reference"
WORKFLOW = ROOT / ".github" / "workflows" / "docs.yml"

# page -> names of objects the page documents (their anchors are full paths)
PAGES = {
    "network": [
        "nn_from_scratch.network.NeuralNetwork",
        "nn_from_scratch.network.NeuralNetwork.train",
    ],
    "persistence": [
        "nn_from_scratch.persistence.load",
        "nn_from_scratch.persistence.save",
        "nn_from_scratch.architecture.describe_network",
    ],
    "activation": [
        "nn_from_scratch.activation.sigmoid",
        "nn_from_scratch.activation.sigmoid_derivative_from_output",
    ],
    "forward": ["nn_from_scratch.forward.forward_pass"],
    "loss": ["nn_from_scratch.loss.sum_squared_error"],
    "backprop": ["nn_from_scratch.backprop.backprop_gradients"],
    "gradient_descent": ["nn_from_scratch.gradient_descent.gradient_descent_step"],
    "data": ["nn_from_scratch.data.article_dataset", "nn_from_scratch.data.ARTICLE_SEED"],
    "seed_sweep": ["nn_from_scratch.seed_sweep.max_error_per_seed"],
    "validation": [
        "nn_from_scratch.validation.check_training_data",
        "nn_from_scratch.errors.InvalidInputError",
        "nn_from_scratch.errors.TrainingDivergedError",
    ],
    "figures": [
        "nn_from_scratch.figures.book_svgs",
        "nn_from_scratch.figures.training_run.loss_curve",
        "nn_from_scratch.figures.diagrams.network_diagram",
        "nn_from_scratch.figures.svg.figure_to_svg",
    ],
    "cli": [
        "nn_from_scratch.cli.main",
        "nn_from_scratch.cli.build_parser",
        "nn_from_scratch.cli.progress.ProgressBar",
    ],
    "activations": ["nn_from_scratch.activations.softmax", "nn_from_scratch.vanishing"],
    "learning_rate": ["nn_from_scratch.learning_rate.train_with_learning_rate"],
    "biases": ["nn_from_scratch.biases.NeuralNetworkWithBiases"],
    "gradient_check": [
        "nn_from_scratch.gradient_check.numerical_gradient",
        "nn_from_scratch.gradient_check.check_layer",
    ],
    "layers": [
        "nn_from_scratch.layers.Dense",
        "nn_from_scratch.conv.Conv2D",
        "nn_from_scratch.pooling.MaxPool2D",
        "nn_from_scratch.im2col.im2col",
    ],
    "training": [
        "nn_from_scratch.sequential.Sequential",
        "nn_from_scratch.losses.SoftmaxCrossEntropy",
        "nn_from_scratch.optimizers.Adam",
        "nn_from_scratch.training.fit",
    ],
    "digits": [
        "nn_from_scratch.digits.load_digits_split",
        "nn_from_scratch.mlp.digits_mlp",
        "nn_from_scratch.cnn.digits_cnn",
    ],
    "generalisation": [
        "nn_from_scratch.weight_decay.AdamW",
        "nn_from_scratch.dropout.Dropout",
        "nn_from_scratch.early_stopping.best_epoch",
    ],
    "diagnostics": [
        "nn_from_scratch.diagnostics.initial_loss",
        "nn_from_scratch.lr_range_test.lr_range_test",
    ],
    "autograd": ["nn_from_scratch.autograd.Value", "nn_from_scratch.autograd.Value.backward"],
    "bridge": ["nn_from_scratch.bridge.to_torch", "nn_from_scratch.bridge.from_torch"],
}

# page -> a phrase of a docstring shown on it (the rendered docstring, not the source)
DOCSTRING_PHRASES = {
    "network": "holds one sample per row",
    "activation": "Squash each pre-activation",
    "forward": "holds the hidden activations",
    "backprop": "are the activations stored by the forward pass",
}


def page_path(site, name):
    return site / "reference" / name / "index.html"


def without_source(html):
    """The page without its collapsed "Source code in ..." listings."""
    return re.sub(r'<details class="mkdocstrings-source".*?</details>', "", html, flags=re.S)


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


@pytest.mark.parametrize("name", PAGES)
def test_reference_page_documents_its_objects(site, name):
    html = page_path(site, name).read_text(encoding="utf-8")
    for path in PAGES[name]:
        assert f'id="{path}"' in html, f"reference/{name} does not document {path}"
        assert path.rsplit(".", 1)[1] in html
    assert "Download the code of this page as a notebook" not in html


@pytest.mark.parametrize("name", DOCSTRING_PHRASES)
def test_reference_page_shows_the_docstrings(site, name):
    html = without_source(page_path(site, name).read_text(encoding="utf-8"))
    assert DOCSTRING_PHRASES[name] in html


def test_every_public_module_has_a_reference_page():
    documented = {
        match
        for page in REFERENCE.glob("*.md")
        for match in re.findall(r"^::: nn_from_scratch\.(\w+)$", page.read_text(), flags=re.M)
    }
    modules = {
        info.name
        for info in pkgutil.iter_modules(nn_from_scratch.__path__)
        if not info.name.startswith("_")
    }
    assert modules <= documented, f"no reference page for {sorted(modules - documented)}"


def test_reference_pages_are_in_the_nav_and_run_no_code():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in REFERENCE.glob("*.md"):
        assert f"reference/{page.name}" in nav, f"{page.name} is not in the nav"
        # A python block would be run by the tests and offered as a notebook.
        assert not literate.python_chains(literate.read_blocks(page)), page.name


def test_overview_links_every_reference_page_and_its_import_runs(site):
    overview = (site / "reference" / "index.html").read_text(encoding="utf-8")
    for name in PAGES:
        assert f'href="{name}/"' in overview, f"the overview does not link {name}"
    assert 'href="../part-1/feedforward/"' in overview
    (snippet,) = [
        b.code for b in literate.read_blocks(REFERENCE / "index.md") if b.info == "python"
    ]
    exec(compile(snippet, "docs/reference/index.md", "exec"), {})


def test_cli_page_shows_the_real_help():
    shown = [
        b.code
        for b in literate.read_blocks(REFERENCE / "cli.md")
        if "--help" in b.info and b.fence == "~"
    ]
    assert len(shown) == 1, "cli.md should show the --help output once"
    env = dict(os.environ, COLUMNS="80", NO_COLOR="1", PYTHON_COLORS="0")
    result = subprocess.run(
        [sys.executable, "-m", "nn_from_scratch", "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown[0] == result.stdout, "docs/reference/cli.md shows an outdated --help"


def test_no_sphinx_role_is_shown_as_text(site):
    for page in (site / "reference").rglob("index.html"):
        html = without_source(page.read_text(encoding="utf-8"))
        assert not re.search(r":(func|mod|class|meth|data|exc|attr):", html), page


def test_the_404_page_is_built(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "404" in html
    assert "stylesheets/print.css" in html


def test_print_stylesheet_is_linked_from_every_page(site):
    css = (site / "stylesheets" / "print.css").read_text(encoding="utf-8")
    assert "@media print" in css
    assert 'img[src$="#only-dark"]' in css
    assert 'a[href^="http"]::after' in css
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "<head>" in html:
            assert re.search(r'<link[^>]+href="[^"]*stylesheets/print\.css"', html), path


def test_publishing_workflow():
    text = WORKFLOW.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"] == "pages"
    build = workflow["jobs"]["build"]["steps"]
    runs = " ".join(step.get("run", "") for step in build)
    assert 'pip install -e ".[docs]"' in runs
    assert "NO_MKDOCS_2_WARNING=1 mkdocs build --strict" in runs
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact") for step in build)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in deploy["steps"])
