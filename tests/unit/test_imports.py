"""No import cycle inside the package.

Every module of ``nn_from_scratch`` is parsed (not imported) and each import
of another module of the package becomes an edge of a graph.  Both kinds of
import count: those that run when the module is imported (at the top, or in
a class body) and those inside a function, which run later.  A cycle through
top-level imports breaks ``import`` itself; a cycle that a function-level
import closes only hides the same knot from the interpreter (the usual
"import it here, not at the top" comment), so it fails this test too.
"""

import ast
import itertools
import pathlib

import pytest

import nn_from_scratch

PACKAGE_DIR = pathlib.Path(nn_from_scratch.__path__[0])
ROOT = "nn_from_scratch"


def module_names(package_dir=PACKAGE_DIR, root=ROOT):
    """``{dotted module name: path}`` for every ``.py`` file of the package."""
    names = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join((root, *parts))] = path
    return names


def is_package(name, modules):
    return modules[name].name == "__init__.py"


def resolve(importer, node, modules):
    """The package's modules that the import ``node`` in module ``importer`` runs.

    ``import a.b.c`` and ``from a.b.c import name`` run ``a.b.c``, and
    ``from a.b import c`` runs ``a.b.c`` when ``c`` is a submodule (else
    ``a.b``, for its name ``c``).  On the way they run the packages ``a``
    and ``a.b``, unless the importer sits inside them (then they are
    already running and nothing more is asked of them).
    """
    if isinstance(node, ast.Import):
        targets = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = importer if is_package(importer, modules) else importer.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        targets = [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
            for alias in node.names
        ]
    ancestors = {importer.rsplit(".", n)[0] for n in range(importer.count(".") + 1)}
    found = set()
    for target in targets:
        parts = target.split(".")
        on_the_way = {".".join(parts[:end]) for end in range(1, len(parts))}
        found |= {target} | (on_the_way - ancestors)
    return {name for name in found if name in modules and name != importer}


class _ImportFinder(ast.NodeVisitor):
    """Collects ``(import node, inside a function?)`` for every import of a module."""

    def __init__(self):
        self.imports = []
        self.depth = 0  # how many function bodies the visitor is inside

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    def visit_AsyncFunctionDef(self, node):
        self.visit_FunctionDef(node)

    def visit_Import(self, node):
        self.imports.append((node, self.depth > 0))

    def visit_ImportFrom(self, node):
        self.visit_Import(node)


def import_graph(modules):
    """``{module: {imported module: "top" or "function"}}`` over the package's modules.

    An edge is "top" when at least one of its imports runs at import time.
    """
    graph = {}
    for name, path in modules.items():
        finder = _ImportFinder()
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        edges = graph.setdefault(name, {})
        for node, in_function in finder.imports:
            for target in resolve(name, node, modules):
                if not in_function or edges.get(target) == "top":
                    edges[target] = "top"
                else:
                    edges[target] = "function"
    return graph


def strongly_connected(graph):
    """The strongly connected components of ``graph`` (Tarjan, iterative)."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def a_cycle(graph, component):
    """One shortest cycle inside ``component``, as a list of modules ending where it began."""
    best = None
    for start in sorted(component):
        paths = {start: [start]}
        queue = [start]
        while queue:
            node = queue.pop(0)
            for child in sorted(graph[node]):
                if child == start:
                    cycle = [*paths[node], start]
                    if best is None or len(cycle) < len(best):
                        best = cycle
                    queue = []
                    break
                if child in component and child not in paths:
                    paths[child] = [*paths[node], child]
                    queue.append(child)
    return best


def cycles(graph):
    """One cycle per knot of ``graph``: ``[[a, b, ..., a], ...]`` (empty when there is none)."""
    found = []
    for component in strongly_connected(graph):
        (member,) = component if len(component) == 1 else (None,)
        if member is not None and member not in graph[member]:
            continue
        found.append(a_cycle(graph, component))
    return sorted(found)


def describe(graph, cycle):
    """``a -> b (in a function) -> a``: the cycle with the kind of each import."""
    text = cycle[0]
    for importer, imported in itertools.pairwise(cycle):
        kind = " (in a function)" if graph[importer][imported] == "function" else ""
        text += f" ->{kind} {imported}"
    return text


GRAPH = import_graph(module_names())


def test_the_package_has_no_import_cycle():
    found = [describe(GRAPH, cycle) for cycle in cycles(GRAPH)]
    assert not found, "import cycles in the package:\n" + "\n".join(found)


def test_top_level_imports_alone_have_no_cycle():
    """The stricter test above implies this one; it names the kind of cycle that breaks import."""
    top = {name: {t: k for t, k in edges.items() if k == "top"} for name, edges in GRAPH.items()}
    found = [describe(top, cycle) for cycle in cycles(top)]
    assert not found, "top-level import cycles in the package:\n" + "\n".join(found)


def test_the_graph_sees_the_imports():
    """Guards the test above against an empty graph: known edges of each kind are there."""
    modules = module_names()
    assert {"nn_from_scratch", "nn_from_scratch.cli", "nn_from_scratch.cli.progress"} <= set(
        modules
    )
    assert GRAPH["nn_from_scratch.biases"]["nn_from_scratch.network"] == "top"
    assert GRAPH["nn_from_scratch.cli"]["nn_from_scratch.cli.progress"] == "top"
    assert GRAPH["nn_from_scratch.__main__"]["nn_from_scratch.cli"] == "top"
    assert GRAPH["nn_from_scratch.cli"]["nn_from_scratch.figures.training_run"] == "function"
    assert "nn_from_scratch.persistence" not in GRAPH["nn_from_scratch.network"]


def write_package(tmp_path, files):
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return import_graph(module_names(root, "pkg"))


@pytest.mark.parametrize(
    "files, expected",
    [
        (
            {"__init__.py": "", "a.py": "from .b import f\n", "b.py": "from .a import g\n"},
            "pkg.a -> pkg.b -> pkg.a",
        ),
        (
            {
                "__init__.py": "",
                "a.py": "from . import b\n",
                "b.py": "def f():\n    from .a import g\n",
            },
            "pkg.a -> pkg.b -> (in a function) pkg.a",
        ),
        (
            {
                "__init__.py": "from .sub.x import f\n",
                "sub/__init__.py": "",
                "sub/x.py": "import pkg\n",
            },
            "pkg -> pkg.sub.x -> pkg",
        ),
        (
            {"__init__.py": "", "a.py": "from pkg import a\n"},
            None,  # a module naming itself: no cycle worth reporting, no edge at all
        ),
    ],
    ids=["top-level", "in-a-function", "through-packages", "self"],
)
def test_the_check_finds_a_planted_cycle(tmp_path, files, expected):
    graph = write_package(tmp_path, files)
    found = [describe(graph, cycle) for cycle in cycles(graph)]
    assert found == ([] if expected is None else [expected])
