"""The domain does no I/O and reads no clock (issue 12, DESIGN.md): templates, package data and
the user's folders are loaded behind services and handed in."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import callwise.domain

DOMAIN = Path(callwise.domain.__file__).parent
# Modules that reach files, the environment, processes or the network.
FORBIDDEN_MODULES = frozenset(
    {"importlib", "io", "os", "pathlib", "platformdirs", "shutil", "socket", "sqlite3"}
    | {"subprocess", "tempfile", "urllib", "http", "glob"}
)
# Calls that read or write files, or read the clock.
FORBIDDEN_CALLS = frozenset(
    {"open", "read_text", "read_bytes", "write_text", "write_bytes", "FileSystemLoader"}
    | {"PackageLoader", "files", "now", "utcnow", "today", "getenv"}
)


def domain_modules() -> list[Path]:
    return sorted(DOMAIN.rglob("*.py"))


def imported(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def called(tree: ast.AST) -> Iterator[tuple[str, int]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                yield func.id, node.lineno
            elif isinstance(func, ast.Attribute):
                yield func.attr, node.lineno


def test_the_check_sees_the_whole_domain() -> None:
    names = {p.relative_to(DOMAIN).as_posix() for p in domain_modules()}
    assert {"occasions.py", "occasion_kinds.py", "scripts/render.py", "city_facts.py"} <= names


@pytest.mark.parametrize("path", domain_modules(), ids=lambda p: p.relative_to(DOMAIN).as_posix())
def test_a_domain_module_does_no_io(path: Path) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    bad_imports = [m for m in imported(tree) if m.split(".")[0] in FORBIDDEN_MODULES]
    assert not bad_imports, f"{path.name} imports {bad_imports}: load it in a service"
    bad_calls = [
        f"{name}() on line {line}" for name, line in called(tree) if name in FORBIDDEN_CALLS
    ]
    assert not bad_calls, f"{path.name} calls {bad_calls}: hand the result in from a service"


def test_the_check_catches_a_file_read() -> None:
    """The check itself fails on what it forbids (the old domain city_facts loader)."""
    source = (
        "from importlib import resources\n"
        "def load():\n"
        "    return resources.files('callwise').joinpath('data/x.json').read_text('utf-8')\n"
    )
    tree = ast.parse(source)
    assert [m for m in imported(tree) if m.split(".")[0] in FORBIDDEN_MODULES] == ["importlib"]
    assert {name for name, _ in called(tree)} & FORBIDDEN_CALLS == {"files", "read_text"}
