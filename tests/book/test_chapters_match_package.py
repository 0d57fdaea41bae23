"""Chapters and package say the same thing.

Every function or class a chapter defines must exist in the package with the
same parsed code: the ASTs are compared with docstrings removed, so layout,
comments and docstrings may differ but no statement, name or default can.
"""

import ast
import functools
import importlib
import pathlib

import literate
import pytest
from conftest import chapter_files

import nn_from_scratch


def _strip_docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                if isinstance(body[0].value.value, str):
                    node.body = body[1:] or [ast.Pass()]
    return tree


def normalised(node):
    """A layout-free text form of a definition: its AST without docstrings."""
    return ast.dump(_strip_docstrings(ast.parse(ast.unparse(node))), include_attributes=False)


def top_level_definitions(source):
    tree = ast.parse(source)
    return [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]


PACKAGE = pathlib.Path(nn_from_scratch.__path__[0])


@functools.cache
def package_definitions():
    """{name: [(module name, definition node)]} for every top-level def of the lessons.

    Only the package's top-level modules are lessons; the subpackages
    ``figures`` and ``cli`` make the book and the command line, and no
    chapter teaches them.
    """
    found = {}
    for path in sorted(PACKAGE.glob("*.py")):
        for node in top_level_definitions(path.read_text(encoding="utf-8")):
            found.setdefault(node.name, []).append((f"nn_from_scratch.{path.stem}", node))
    return found


def chapter_definitions():
    """[(chapter, line, node)] for every def/class in a python block of docs/."""
    found = []
    for path in chapter_files():
        for chain in literate.python_chains(literate.read_blocks(path)):
            for block in chain:
                for node in top_level_definitions(block.code):
                    found.append((path.relative_to(path.parents[1]), block.line, node))
    return found


def differences(chapter_node, package_node):
    """Empty when the chapter's definition is the package's; else both normal forms."""
    a, b = normalised(chapter_node), normalised(package_node)
    return (
        ""
        if a == b
        else f"chapter:\n{ast.unparse(chapter_node)}\npackage:\n{ast.unparse(package_node)}"
    )


def test_no_name_is_defined_twice_in_the_package():
    twice = {
        name: [m for m, _ in where]
        for name, where in package_definitions().items()
        if len(where) > 1
    }
    assert not twice, f"defined in more than one module: {twice}"


def test_chapters_define_things():
    names = {node.name for _, _, node in chapter_definitions()}
    assert {"NeuralNetwork", "forward_pass", "backprop_gradients", "sum_squared_error"} <= names


@pytest.mark.parametrize(
    "chapter, line, node",
    chapter_definitions(),
    ids=lambda value: value.name if isinstance(value, ast.AST) else str(value),
)
def test_chapter_definition_equals_the_package(chapter, line, node):
    definitions = package_definitions()
    assert node.name in definitions, (
        f"{chapter}:{line} defines {node.name}, which the package lacks"
    )
    ((module, package_node),) = definitions[node.name]
    assert not differences(node, package_node), f"{chapter}:{line} differs from {module}"


def test_the_check_catches_an_edited_function():
    """Edit a chapter's function the smallest way: the check must see it."""
    chapter, line, node = next(
        d for d in chapter_definitions() if d[2].name == "backprop_gradients"
    )
    ((_, package_node),) = package_definitions()["backprop_gradients"]
    assert not differences(node, package_node)
    edited = ast.parse(ast.unparse(node).replace("-2.0", "2.0")).body[0]
    assert differences(edited, package_node)
    renamed = ast.parse(ast.unparse(node).replace("weights2.T", "weights2")).body[0]
    assert differences(renamed, package_node)
    relaid = ast.parse(ast.unparse(node).replace("    ", "  ")).body[0]
    assert not differences(relaid, package_node), "layout alone must not count as a difference"


def test_each_module_names_its_chapter_and_each_chapter_names_its_module():
    titles = {path: literate.first_heading(path) for path in chapter_files()}
    teaching = {}
    for chapter, _, node in chapter_definitions():
        ((module, _),) = package_definitions()[node.name]
        teaching.setdefault(module, set()).add(chapter)
    for module_name, chapters in teaching.items():
        module = importlib.import_module(module_name)
        for chapter in chapters:
            title = titles[pathlib.Path(nn_from_scratch.__path__[0]).parent / "docs" / chapter]
            assert f'"{title}"' in module.__doc__, (
                f"{module_name} does not name its chapter {title!r}"
            )
            text = (pathlib.Path(nn_from_scratch.__path__[0]).parent / "docs" / chapter).read_text()
            assert f"`{module_name}`" in text, f"{chapter} does not name its module {module_name}"
