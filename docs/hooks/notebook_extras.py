"""Which extras of the book's distribution a chapter's notebook must install.

A chapter's notebook starts with a cell that installs the package
``nn_from_scratch`` with pip, as the distribution ``DISTRIBUTION``.  Some
chapters also need a library that only an extra of pyproject.toml brings
(scikit-learn for the handwritten digits, matplotlib for the figures): the
cell asks for those extras, and for no others.  Which ones is read from the
imports of the chapter's code, followed through the modules of the package
(see ``chapter_extras``).
"""

import ast
import functools
import pathlib

from literate import python_chains, read_blocks

# The book's distribution, which installs the package ``nn_from_scratch``: the
# ``[project] name`` of pyproject.toml (tests/book/test_notebook_extras.py checks it).
from nn_from_scratch.cli import DISTRIBUTION

#: The extras of pyproject.toml a chapter may need, and the library each one
#: adds (its import name).  What each is for, as the first cell says it, is
#: in ``edition.WORDS`` ("why digits", "why figures", "why torch"), in both
#: languages.
EXTRAS = {
    "digits": "sklearn",
    "figures": "matplotlib",
    "torch": "torch",
}

_PACKAGE = "nn_from_scratch"
_PACKAGE_DIR = pathlib.Path(__file__).resolve().parents[2] / _PACKAGE


def imported_modules(code, package=None):
    """The absolute names of the modules ``code`` imports, anywhere in it.

    Imports inside functions count too.  ``from a import b`` gives ``a`` and
    ``a.b`` (``b`` may be a submodule); relative imports are resolved
    against ``package``.
    """
    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def _package_source(name):
    """The source file of module ``name`` of our package; None for other modules."""
    parts = name.split(".")
    if parts[0] != _PACKAGE:
        return None
    path = _PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (path / "__init__.py", path.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


@functools.cache
def _package_imports(name):
    source = _package_source(name)
    if source is None:
        return frozenset()
    package = name if source.name == "__init__.py" else name.rpartition(".")[0]
    return frozenset(imported_modules(source.read_text(encoding="utf-8"), package))


def modules_reached(names):
    """``names`` and every module they may import through our package.

    Importing ``a.b`` runs ``a`` first, and a module of our package may
    import others, or a library, when one of its functions is called: all
    of them are followed.
    """
    reached = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in reached:
            continue
        reached.add(name)
        parent = name.rpartition(".")[0]
        if parent:
            pending.append(parent)
        pending.extend(_package_imports(name))
    return reached


def chapter_extras(path):
    """The extras of ``DISTRIBUTION`` the chapter's code needs, sorted.

    The rule: an extra is needed when the chapter's code may import its
    library, directly or through the modules of our package it imports.
    The package imports scikit-learn and matplotlib only inside the
    functions that use them, and the rule counts those imports too: a
    chapter importing ``nn_from_scratch.digits`` (or a module that imports
    it, such as ``nn_from_scratch.mlp``) needs ``digits``, even if it only
    uses a constant of that module.  It errs on the side of installing.
    """
    blocks = [b for chain in python_chains(read_blocks(path)) for b in chain]
    names = set().union(*(imported_modules(b.code) for b in blocks))
    reached = modules_reached(names)
    return tuple(
        extra
        for extra, library in sorted(EXTRAS.items())
        if any(m == library or m.startswith(library + ".") for m in reached)
    )


def install_command(extras):
    """The IPython line that installs the book's package with ``extras``."""
    if not extras:
        return f"%pip install {DISTRIBUTION}"
    # Double quotes keep the brackets from the shell, on POSIX and Windows alike.
    return f'%pip install "{DISTRIBUTION}[{",".join(extras)}]"'
