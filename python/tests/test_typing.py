"""Type information ships with the package: py.typed (PEP 561), inline hints on the
public API, and python/tsum/_core.pyi, the stub of the C++ extension, which must list
exactly the extension's members with the parameter names pybind11 reports."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

import tsum
from tsum import _core

PACKAGE = Path(tsum.__file__).resolve().parent
STUB = ast.parse((PACKAGE / "_core.pyi").read_text())


def stub_members(body: list[ast.stmt]) -> dict[str, ast.AST]:
    members: dict[str, ast.AST] = {}
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            members[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            members[node.target.id] = node
    members.pop("__all__", None)
    return members


def public(names) -> set[str]:
    return {n for n in names if not n.startswith("_")}


def test_py_typed_is_shipped():
    assert (PACKAGE / "py.typed").is_file()
    assert (PACKAGE / "_core.pyi").is_file()


def test_stub_lists_the_extension_members():
    stub = stub_members(STUB.body)
    assert public(stub) == public(vars(_core)), "python/tsum/_core.pyi is out of date"
    assert "__version__" in stub


def bound_parameters(function) -> list[str] | None:
    """Parameter names from pybind11's docstring signature; None for overloads."""
    doc = (function.__doc__ or "").lstrip()
    if doc.startswith("Overloaded") or "(" not in doc:
        return None
    signature = doc.split("\n", 1)[0]
    inside = signature[signature.index("(") + 1:signature.rindex(") ->")]
    depth, names, token = 0, [], ""
    for ch in inside + ",":
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        if ch == "," and depth == 0:
            match = re.match(r"\s*\*{0,2}(\w+)", token)
            if match:
                names.append(match.group(1))
            token = ""
        else:
            token += ch
    return names


def stub_parameters(node: ast.FunctionDef) -> list[str]:
    args = node.args
    return [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]


def check_function(node: ast.FunctionDef, function, owner: str) -> None:
    expected = bound_parameters(function)
    if expected is None:
        return
    got = stub_parameters(node)
    if got and got[0] == "self":
        got = got[1:]
    expected = [n for n in expected if n != "self"]
    assert got == expected, f"{owner}.{node.name}: stub has {got}, the extension {expected}"


def test_stub_signatures_and_class_members_match():
    checked = 0
    for name, node in stub_members(STUB.body).items():
        member = getattr(_core, name)
        if isinstance(node, ast.FunctionDef):
            check_function(node, member, "_core")
            checked += 1
        elif isinstance(node, ast.ClassDef) and inspect.isclass(member):
            members = stub_members(node.body)
            if not issubclass(member, Exception):
                assert public(members) == public(vars(member)), f"_core.{name}: members differ"
            for method_name, method_node in members.items():
                attribute = inspect.getattr_static(member, method_name)
                if isinstance(method_node, ast.FunctionDef) and not isinstance(attribute, property) \
                        and not any(isinstance(d, ast.Name) and d.id == "property" for d in method_node.decorator_list):
                    check_function(method_node, attribute, f"_core.{name}")
                    checked += 1
    assert checked > 30


@pytest.mark.parametrize("name", tsum.__all__)
def test_public_api_is_annotated(name):
    """Every public function, and every public method of the public classes, has a
    return annotation (inline hints are the public API's type information)."""
    obj = getattr(tsum, name)
    functions = []
    if inspect.isfunction(obj):
        functions.append(obj)
    elif inspect.isclass(obj) and obj.__module__.startswith("tsum.") and not issubclass(obj, Exception):
        functions += [f for n, f in vars(obj).items() if inspect.isfunction(f) and (not n.startswith("_") or n == "__init__")]
    for function in functions:
        assert "return" in function.__annotations__, f"{name}.{function.__name__} has no return annotation"
