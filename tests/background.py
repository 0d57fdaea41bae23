"""Slow preparations started in the background when a test run begins.

Some tests need a result that takes seconds to make: the site build
(``mkdocs build --strict``), the sdist and wheel, a fresh virtual
environment with a Jupyter kernel, the figures and notebooks made again by
a second process.  When a run includes those tests, the process that starts
the run (pytest-xdist's controller, or pytest itself without xdist) starts
these jobs at once, as separate processes, and a test that needs a result
waits for its file.  Each job is the very command a test would run; only
its start moves earlier, so that the tests can run while it works.  The
site build is on the longest path (the browser tests wait for it), so the
other jobs run at a lower priority (``nice``).

Run as a script, this module is one job:
``python tests/background.py JOB FOLDER``.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import time
import uuid
import venv

ROOT = pathlib.Path(__file__).resolve().parent.parent
BACKGROUND = ROOT / ".cache" / "background"
VARIABLE = "NN_BACKGROUND_JOBS"  # the folder of this run's jobs, for the workers
WAIT_SECONDS = 900
#: job -> the tests (folders or files) that use its result
USERS = {
    "site": ("tests/book",),
    "dist": ("tests/book/test_notebook_standalone.py", "tests/release/test_wheel.py"),
    "kernel": ("tests/book/test_notebook_standalone.py",),
    "regenerate": ("tests/book/test_site.py",),
}
URGENT = {"site"}  # the others run with a lower priority

# The figures and notebooks the hooks generate, made again in a fresh
# interpreter, as {site path: sha256} (tests/book/test_site.py compares them
# with the build's).
REGENERATE = """
import hashlib, json, pathlib, sys
sys.path.insert(0, "docs/hooks")
import chapter_notebook, literate, nbformat
from nn_from_scratch.figures import book_svgs

digests = {}
for language, folder in (("en", ""), ("zh-TW", "zh-TW/")):
    for path, svg in book_svgs(language=language).items():
        digests[folder + path] = hashlib.sha256(svg).hexdigest()
for page in sorted(pathlib.Path("docs").rglob("*.md")):
    if page.parts[1] != "hooks" and literate.python_chains(literate.read_blocks(page)):
        folder = "zh-TW/" if page.parts[1] == "zh-TW" else ""
        data = nbformat.writes(chapter_notebook.chapter_notebook(page, None)).encode("utf-8")
        digests[f"{folder}downloads/{page.stem}.ipynb"] = hashlib.sha256(data).hexdigest()
print(json.dumps(digests))
"""


def build_environment():
    """The environment of the suite's site build: the made-up test repository, both editions."""
    from conftest import TEST_EDIT_URI, TEST_REPO_NAME, TEST_REPO_URL

    environment = {k: v for k, v in os.environ.items() if k != "NN_BOOK_ONLY"}
    return dict(
        environment,
        NO_MKDOCS_2_WARNING="1",
        REPO_URL=TEST_REPO_URL,
        EDIT_URI=TEST_EDIT_URI,
        REPO_NAME=TEST_REPO_NAME,
    )


def site_command(site_dir):
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]


def dist_command(out):
    # --no-isolation: hatchling comes with the test extra, so no throwaway
    # build environment has to be installed for every run.
    return [sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel"] + [
        "--outdir",
        str(out),
        str(ROOT),
    ]


def make_kernel_venv(env_dir):
    """A new virtual environment holding pip and ipykernel only; its Python."""
    venv.create(env_dir, with_pip=True)  # %pip needs pip inside the environment
    python = pathlib.Path(env_dir) / "bin" / "python"
    command = [str(python), "-m", "pip", "install", "--quiet", "ipykernel"]
    return python, subprocess.run(command, capture_output=True, text=True)


def run_job(job, folder):
    """Run ``job``; write its outcome to ``folder/JOB.done`` (atomically)."""
    started = time.perf_counter()
    output = folder / job
    if job == "site":
        output = ROOT / "site"
        result = subprocess.run(
            site_command(output),
            cwd=ROOT,
            env=build_environment(),
            capture_output=True,
            text=True,
        )
    elif job == "dist":
        result = subprocess.run(dist_command(output), cwd=ROOT, capture_output=True, text=True)
    elif job == "kernel":
        output, result = make_kernel_venv(output)
    else:  # regenerate
        command = [sys.executable, "-c", REGENERATE]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    outcome = {
        "returncode": result.returncode,
        "stdout": result.stdout,
        "stderr": result.stderr[-20000:],
        "seconds": round(time.perf_counter() - started, 1),
        "output": str(output),
    }
    partial = folder / f"{job}.partial"
    partial.write_text(json.dumps(outcome), encoding="utf-8")
    partial.replace(folder / f"{job}.done")


def wanted(args, job):
    """Whether a run given ``args`` (pytest's paths) includes tests that use ``job``."""
    for arg in args or ["."]:
        path = (pathlib.Path.cwd() / arg.split("::")[0]).resolve()
        for user in USERS[job]:
            user = ROOT / user
            if path == user or user in path.parents or path in user.parents:
                return True
    return False


def start(args):
    """Start the jobs this run needs; tell the workers where they write."""
    if os.environ.get(VARIABLE):
        return  # started by an outer run already
    jobs = [job for job in USERS if wanted(args, job)]
    if not jobs:
        return
    # Earlier runs' folders (a run started meanwhile elsewhere keeps its own).
    for old in BACKGROUND.glob("*") if BACKGROUND.is_dir() else []:
        if time.time() - old.stat().st_mtime > 3600:
            shutil.rmtree(old, ignore_errors=True)
    folder = BACKGROUND / uuid.uuid4().hex
    folder.mkdir(parents=True)
    os.environ[VARIABLE] = str(folder)
    for job in sorted(jobs, key=lambda job: job not in URGENT):
        with open(folder / f"{job}.log", "w") as log:
            subprocess.Popen(
                [sys.executable, __file__, job, str(folder)],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Same session as pytest: a new one would be scheduled as a
                # group of its own, beside the workers, whatever its nice value.
                preexec_fn=None if job in URGENT else lambda: os.nice(10),
            )


def result(job, folder):
    """The outcome of ``job``: waited for if ``start`` began it, else run here, now.

    A job run here writes into ``folder`` (the site build into ``site/``, as
    always).  The outcome is a dict: ``returncode``, ``stdout``, ``stderr``,
    ``seconds`` and ``output``, the path of what the job made.
    """
    started = os.environ.get(VARIABLE)
    if started and (pathlib.Path(started) / f"{job}.log").exists():
        done = pathlib.Path(started) / f"{job}.done"
        deadline = time.monotonic() + WAIT_SECONDS
        while not done.exists():
            if time.monotonic() > deadline:
                raise TimeoutError(f"the background job {job!r} did not finish in {WAIT_SECONDS} s")
            time.sleep(0.1)
    else:
        folder = pathlib.Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        run_job(job, folder)
        done = folder / f"{job}.done"
    outcome = json.loads(done.read_text(encoding="utf-8"))
    outcome["output"] = pathlib.Path(outcome["output"])
    return outcome


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "tests"))
    run_job(sys.argv[1], pathlib.Path(sys.argv[2]))
