"""Sizes a reader can hold (issue 12.11): no module of src/callwise over 400 lines and no
function over 50, database migrations aside. Offenders are listed by name, so they are not
merged back in unnoticed."""

from __future__ import annotations

import ast
from pathlib import Path

import callwise

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50
SOURCE = Path(callwise.__file__).parent
MIGRATIONS = SOURCE / "store" / "migrations"


def _modules() -> list[Path]:
    return sorted(p for p in SOURCE.rglob("*.py") if MIGRATIONS not in p.parents)


def _offenders(path: Path, root: Path = SOURCE) -> list[str]:
    """'module.py (N lines)' and 'module.py:function (N lines)' for what is too long."""
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(root).as_posix()
    found: list[str] = []
    lines = len(text.splitlines())
    if lines > MAX_MODULE_LINES:
        found.append(f"{name} ({lines} lines)")
    for node in ast.walk(ast.parse(text, filename=str(path))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            where = f"{name}:{node.name}"
            if length > MAX_FUNCTION_LINES:
                found.append(f"{where} ({length} lines)")
    return found


def test_the_walk_finds_the_package() -> None:
    names = {p.relative_to(SOURCE).as_posix() for p in _modules()}
    assert {"cli/app.py", "domain/courtesy.py", "store/contacts.py"} <= names
    assert not any(n.startswith("store/migrations/") for n in names)


def test_no_module_over_400_lines_and_no_function_over_50() -> None:
    offenders = [o for path in _modules() for o in _offenders(path)]
    assert offenders == [], "too long to hold in mind; split along a seam:\n" + "\n".join(offenders)


def test_the_check_counts_a_long_function(tmp_path: Path) -> None:
    """The measure itself: a 51-line function and a 401-line module are caught."""
    body = "".join(f"    x{i} = {i}\n" for i in range(50))
    source = "def long() -> None:\n" + body + "\n" * (MAX_MODULE_LINES - 51) + "y = 1\n"
    probe = tmp_path / "probe.py"
    probe.write_text(source, encoding="utf-8")
    assert _offenders(probe, tmp_path) == ["probe.py (401 lines)", "probe.py:long (51 lines)"]
    probe.write_text(source.replace("    x49 = 49\n", ""), encoding="utf-8")
    assert _offenders(probe, tmp_path) == []
