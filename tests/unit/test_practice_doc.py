"""docs/practice.md explains every playbook rule id the code and tests cite, so a fresh clone
needs nothing outside itself to look a citation up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "practice.md"
# A rule id such as P3.2 or P10.4, standing alone (not inside a longer word or version).
RULE_ID = re.compile(r"(?<![\w.])P(\d{1,2})\.(\d{1,2})(?![\d])")
# Where the doc explains a rule: a list item that starts with the id in bold.
EXPLAINED = re.compile(r"^- \*\*(P\d{1,2}\.\d{1,2})\*\* \S", re.MULTILINE)
SKIPPED_SUFFIXES = {".pyc", ".png", ".ico", ".woff", ".woff2", ".sqlite", ".db"}


def _rule_key(rule: str) -> tuple[int, int]:
    theme, number = rule.removeprefix("P").split(".")
    return int(theme), int(number)


def cited_ids() -> dict[str, Path]:
    """Every rule id in src/callwise and tests, with one file that cites it."""
    found: dict[str, Path] = {}
    for top in (ROOT / "src" / "callwise", ROOT / "tests"):
        for path in sorted(top.rglob("*")):
            if not path.is_file() or path.suffix in SKIPPED_SUFFIXES:
                continue
            if "__pycache__" in path.parts:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in RULE_ID.finditer(text):
                found.setdefault(match.group(0), path.relative_to(ROOT))
    return found


def explained_ids() -> list[str]:
    return EXPLAINED.findall(DOC.read_text(encoding="utf-8"))


def test_the_scan_finds_citations_where_they_are_known_to_be() -> None:
    cited = cited_ids()
    assert {"P1.1", "P3.2", "P10.4"} <= cited.keys()
    assert len(cited) >= 30


def test_every_cited_rule_id_is_explained_in_the_practice_doc() -> None:
    explained = set(explained_ids())
    missing = {rule: str(path) for rule, path in cited_ids().items() if rule not in explained}
    assert missing == {}, f"cited but not explained in docs/practice.md: {missing}"


def test_the_doc_explains_each_rule_once_in_order() -> None:
    rules = explained_ids()
    assert len(rules) == len(set(rules))
    assert rules == sorted(rules, key=_rule_key)
    themes = {_rule_key(rule)[0] for rule in rules}
    assert themes == set(range(1, 11))


def test_the_readme_points_to_the_doc_not_outside_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/practice.md" in readme
    assert "../shared" not in readme


MODULE_PATH = re.compile(r"`((?:domain|services|store|interchange|cli|web|templates)/[\w/.-]*)`")


@pytest.mark.parametrize("doc", ["docs/practice.md", "ARCHITECTURE.md"])
def test_every_module_a_doc_names_exists(doc: str) -> None:
    """The pages name modules as `services/plan` or `web/api/`: a move must update them."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    package = ROOT / "src" / "callwise"
    named = set(MODULE_PATH.findall(text))
    assert len(named) >= 10
    missing = sorted(
        name
        for name in named
        if not any((package / candidate).exists() for candidate in (name, f"{name}.py"))
    )
    assert missing == [], f"{doc} names modules that do not exist: {missing}"
