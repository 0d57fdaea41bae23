"""Every ``pip install`` hint names our distribution, a local path or an allowed package.

Our distribution is ``nn-from-scratch-book`` (read from pyproject.toml);
``nn-from-scratch`` on PyPI is an unrelated project, so a hint such as
``pip install 'nn-from-scratch[digits]'`` would install someone else's code.
The hints looked at: the strings and comments of the package (its error
messages), the Markdown of docs/, README.md and benchmarks/, and the
notebooks the site build makes from the chapters.

How a hint is read:

* it starts at ``pip install`` (also ``%pip``, ``pip3``, ``pipx``,
  ``python -m pip``, ``.venv/bin/pip``) and ends at the end of the line, a
  backtick, a shell separator (``&&``, ``||``, ``;``, ``|``), a ``#``
  comment, or the end of a sentence (a word ending in ``. , ; : ! ? )``);
* its words are unquoted; options (``-q``, ``-U``, ``--upgrade``) are
  skipped, and so is the value of those taking one (``--index-url URL``);
* each remaining word is a local path (``.``, ``".[docs]"``, ``dist/*.whl``)
  or a VCS URL (``git+https://...``), which are fine, or a requirement in
  PEP 508 form (extras and version specifiers allowed), whose name must be
  ours or one of ``ALLOWED``.  Extras, ours or a path's, must be extras of
  pyproject.toml.
"""

import ast
import io
import re
import shlex
import tokenize

import pytest
from conftest import DOCS, PROJECT, ROOT
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

OURS = canonicalize_name(PROJECT["name"])
EXTRAS = set(PROJECT["optional-dependencies"])

# Third-party distributions a hint may install, each with the reason it may.
ALLOWED = {
    "torch": "the benchmarks and Part III compare with PyTorch; its CPU build is installed "
    "by hand before the bench or torch extra (docs/performance.md, benchmarks/README.md, "
    "docs/part-3/pytorch.md)",
}

_HINT = re.compile(r"\b(?:pip(?:3(?:\.\d+)?)?|pipx)\s+install\b")
_END = re.compile(r"`|&&|\|\||[;|]|(?:^|\s)#")
_WORD = re.compile(r"""(?:'[^']*'|"[^"]*"|[^\s'"]|['"])+""")
# Options of `pip install` that take a value (the next word unless written --opt=value).
_WITH_VALUE = set(
    """
    -r --requirement -c --constraint -t --target --platform --python-version
    --implementation --abi --root --prefix --src --upgrade-strategy -C --config-settings
    --global-option --no-binary --only-binary --progress-bar -i --index-url
    --extra-index-url -f --find-links --python --log --cache-dir --proxy --retries
    --timeout --exists-action --trusted-host --cert --client-cert --report
    --root-user-action --use-feature --use-deprecated --keyring-provider --group
    """.split()
)
_VCS = ("git+", "hg+", "svn+", "bzr+")
_ARCHIVES = (".whl", ".tar.gz", ".zip")


def hints(line):
    """Return the ``pip install ...`` commands in one line of text."""
    found = []
    for match in _HINT.finditer(line):
        end = _END.search(line, match.end())
        found.append(line[match.start() : end.start() if end else len(line)].strip())
    return found


def _unquote(word):
    try:
        return "".join(shlex.split(word))
    except ValueError:  # an apostrophe of the prose
        return word.strip("'\"")


def targets(hint):
    """Return what ``hint`` installs: its words after ``install`` that are not options."""
    words = [_unquote(word) for word in _WORD.findall(hint[_HINT.match(hint).end() :])]
    found = []
    skip_value = False
    for word in words:
        stripped = word.rstrip(",;:!?)")
        if stripped.endswith(".") and stripped.strip("./"):
            stripped = stripped[:-1]
        sentence_ends = stripped != word
        if skip_value:
            skip_value = False
        elif stripped.startswith("-"):
            skip_value = stripped in _WITH_VALUE
        elif stripped:
            found.append(stripped)
        if sentence_ends:
            break
    return found


def _is_path(target):
    if "://" in target:
        return False
    return target.startswith((".", "/", "~")) or "/" in target or target.endswith(_ARCHIVES)


def problem(target):
    """Return why ``target`` may not be in a hint, or None if it may."""
    if target.startswith(_VCS):
        return None
    if _is_path(target):
        extras = re.fullmatch(r".*\[(.*)\]", target)
        unknown = set(extras.group(1).split(",")) - EXTRAS if extras else set()
        return f"unknown extras {sorted(unknown)}" if unknown else None
    try:
        requirement = Requirement(target)
    except InvalidRequirement:
        return f"{target!r} is not a requirement, a local path or a VCS URL"
    name = canonicalize_name(requirement.name)
    if name == OURS:
        unknown = requirement.extras - EXTRAS
        return f"unknown extras {sorted(unknown)} of {OURS}" if unknown else None
    if name in ALLOWED:
        return None
    return f"{requirement.name!r} is not our distribution {OURS!r} nor in ALLOWED"


def problems(line):
    """Return ``(hint, reason)`` for every hint of ``line`` that installs something wrong."""
    return [
        (hint, reason)
        for hint in hints(line)
        for target in targets(hint)
        if (reason := problem(target))
    ]


# The texts looked at, as (where, line number, line).


def _python_lines(path):
    """The lines of the string literals and comments of a Python file."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for text in node.value.splitlines():
                # The line of the source holding the hint (a message may span lines).
                number = next(
                    (
                        n
                        for n in range(node.lineno, node.end_lineno + 1)
                        if _HINT.search(lines[n - 1])
                    ),
                    node.lineno,
                )
                yield number, text
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string


def _text_lines(path):
    yield from enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)


def package_lines():
    for path in sorted((ROOT / "nn_from_scratch").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            reader = _python_lines if path.suffix == ".py" else _text_lines
            for number, line in reader(path):
                yield path.relative_to(ROOT).as_posix(), number, line


def markdown_lines():
    pages = [ROOT / "README.md", *DOCS.rglob("*.md"), *(ROOT / "benchmarks").rglob("*.md")]
    for path in sorted(pages):
        for number, line in _text_lines(path):
            yield path.relative_to(ROOT).as_posix(), number, line


def notebook_lines():
    """The cells of the notebooks the site build makes, as tests/book/test_site.py does."""
    import chapter_notebook
    import literate

    for page in sorted(DOCS.rglob("*.md")):
        if page.relative_to(DOCS).parts[0] == "hooks":
            continue
        if not literate.python_chains(literate.read_blocks(page)):
            continue
        notebook = chapter_notebook.chapter_notebook(page, None)
        for index, cell in enumerate(notebook.cells):
            where = f"downloads/{page.stem}.ipynb (from {page.relative_to(ROOT)}), cell {index}"
            for number, line in enumerate(cell.source.splitlines(), start=1):
                yield where, number, line


def bad_hints(lines):
    return [
        f"{where}:{number}: {hint!r}: {reason}"
        for where, number, line in lines
        for hint, reason in problems(line)
    ]


@pytest.mark.parametrize(
    "lines", [package_lines, markdown_lines, notebook_lines], ids=lambda f: f.__name__
)
def test_every_hint_installs_our_distribution_or_an_allowed_one(lines):
    bad = bad_hints(lines())
    assert not bad, "pip install hints naming another distribution:\n" + "\n".join(bad)


def test_the_texts_do_hold_hints():
    # Guards against a reader that silently finds nothing.
    found = [hint for _, _, line in package_lines() for hint in hints(line)]
    assert any(OURS in hint for hint in found), found
    found = [hint for _, _, line in markdown_lines() for hint in hints(line)]
    assert any("torch" in hint for hint in found), found
    assert any(True for _ in notebook_lines()), "no notebook cells were read"


# The parser, on planted hints.


@pytest.mark.parametrize(
    "line",
    [
        "pip install 'nn-from-scratch[digits]'",
        "pip install nn-from-scratch",
        "pip install nn_from_scratch",
        "pip install NN.From.Scratch==0.4.2",
        "pip install nn-from-scrach-book",
        "%pip install -q nn-from-scratch",
        "python -m pip install --upgrade 'nn-from-scratch[figures]>=0.4'",
        "Needs scikit-learn: pip install 'nn-from-scratch[digits]'.",
        "`pip install -U nn-from-scratch` then",
        "pip install numpy",
        "pip install nn-from-scratch-book nn-from-scratch",
        "pip install 'nn-from-scratch-book[digtis]'",
        'pip install -e ".[bech]"',
        "pip install https://example.org/nn_from_scratch-0.4.2.tar.gz",
    ],
)
def test_a_planted_bad_hint_is_flagged(line):
    assert problems(line), line


@pytest.mark.parametrize(
    "line",
    [
        "pip install 'nn-from-scratch-book[digits]'",
        "%pip install -q nn-from-scratch-book",
        "%pip install nn-from-scratch-book[digits,figures]",
        'python -m pip install -U "nn-from-scratch-book[figures]>=0.1"',
        "pip install --upgrade nn_from_scratch_book==0.1.0",
        "pip install -e .                  # numpy only",
        'pip install -e ".[bench]"',
        "pip install .",
        "pip install dist/nn_from_scratch_book-0.1.0-py3-none-any.whl",
        "pip install git+https://example.org/someone/nn-from-scratch.git",
        "pip install torch==2.13.0      # the CPU build; elsewhere use PyTorch's CPU wheel index",
        "# pip install torch --index-url https://download.pytorch.org/whl/cpu",
        "Needs scikit-learn: pip install 'nn-from-scratch-book[digits]'. Then run it.",
        "the `nn-from-scratch` script that `pip install` adds",
        'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && pytest',
    ],
)
def test_a_good_hint_is_not_flagged(line):
    assert hints(line), line
    assert problems(line) == [], line


def test_targets_skip_options_and_their_values():
    hint = "pip install -q --index-url https://example.org/simple -e . 'x[a]>=1' -r r.txt"
    assert targets(hint) == [".", "x[a]>=1"]


def test_a_message_names_the_file_line_and_hint():
    lines = [("nn_from_scratch/somewhere.py", 12, "Install it: pip install nn-from-scratch")]
    (message,) = bad_hints(lines)
    assert message.startswith("nn_from_scratch/somewhere.py:12: 'pip install nn-from-scratch'")
    assert "not our distribution" in message
