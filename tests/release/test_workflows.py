"""The GitHub Actions workflows are valid, and the release one publishes safely.

Validity: every file of .github/workflows/ against the GitHub workflow schema
that check-jsonschema ships (``--builtin-schema vendor.github-workflows``),
offline: the validator runs with every socket connection refused, so a
schema fetched from the network would make it fail.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import PROJECT, ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
RELEASE = ROOT / ".github" / "workflows" / "release.yml"
VERSION = PROJECT["version"]

# Runs check-jsonschema with the network cut off inside its own process.
OFFLINE = """
import runpy, socket, sys

def refuse(*args, **kwargs):
    raise OSError("network use refused: the workflow check must run offline")

socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse
sys.argv[0] = "check-jsonschema"
runpy.run_module("check_jsonschema", run_name="__main__", alter_sys=True)
"""


def check_jsonschema(*arguments):
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")
    # An unusable proxy too, in case a client bypasses the socket module's functions.
    env = dict(os.environ, HTTPS_PROXY="http://127.0.0.1:9", HTTP_PROXY="http://127.0.0.1:9")
    return subprocess.run(
        [sys.executable, "-c", OFFLINE, "--no-cache", "--color", "never", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def validate(path):
    return check_jsonschema("--builtin-schema", "vendor.github-workflows", str(path))


def load(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def test_there_are_workflows():
    assert RELEASE in WORKFLOWS and len(WORKFLOWS) >= 2


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_matches_the_schema(path):
    result = validate(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_typo(tmp_path):
    broken = tmp_path / "release.yml"
    broken.write_text(RELEASE.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1))
    result = validate(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "'runs-on' is a required property" in result.stdout


def test_the_schema_check_really_is_offline():
    # A remote schema cannot be fetched: the run above had no network to use.
    result = check_jsonschema(
        "--schemafile", "https://json.schemastore.org/github-workflow.json", str(RELEASE)
    )
    assert result.returncode != 0
    assert "network use refused" in result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_pinned_to_a_major_version(path):
    steps = [step for job in load(path)["jobs"].values() for step in job.get("steps", [])]
    for uses in (step["uses"] for step in steps if "uses" in step):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+|release/v\d+)", uses), uses


def test_release_runs_on_version_tags_only():
    assert load(RELEASE)["on"] == {"push": {"tags": ["v*"]}}


def test_release_builds_checks_and_uploads_the_distributions():
    build = load(RELEASE)["jobs"]["build"]
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    assert "python -m build" in runs
    assert "twine check --strict dist/*" in runs
    assert any(
        step.get("uses", "").startswith("actions/upload-artifact@") for step in build["steps"]
    )
    assert "id-token" not in build.get("permissions", {})


def test_publish_uses_trusted_publishing_and_no_token():
    workflow = load(RELEASE)
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "build"
    environment = publish["environment"]
    assert (environment["name"] if isinstance(environment, dict) else environment) == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    assert "id-token" not in workflow.get("permissions", {})
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert any(step.startswith("actions/download-artifact@") for step in uses)
    assert uses[-1] == "pypa/gh-action-pypi-publish@release/v1"
    for step in publish["steps"]:
        assert "password" not in step.get("with", {}), step
    assert "secrets." not in RELEASE.read_text(encoding="utf-8")


def run_tag_check(tag):
    (step,) = [
        step
        for step in load(RELEASE)["jobs"]["build"]["steps"]
        if "tag" in step.get("name", "") and "version" in step.get("name", "")
    ]
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("the step is a bash script")
    # As GitHub runs a `run:` step; `python` is this interpreter.
    path = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    return subprocess.run(
        [bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=ROOT,
        env=dict(os.environ, GITHUB_REF_NAME=tag, PATH=path),
        capture_output=True,
        text=True,
    )


def test_tag_check_passes_on_the_version_of_pyproject():
    result = run_tag_check(f"v{VERSION}")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("tag", ["v0.0.0-not-ours", VERSION, f"v{VERSION}.1"])
def test_tag_check_fails_clearly_on_another_tag(tag):
    result = run_tag_check(tag)
    assert result.returncode == 1
    assert f"the tag {tag} is not v{VERSION}, the version in pyproject.toml" in result.stdout
