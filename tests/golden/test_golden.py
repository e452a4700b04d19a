"""The golden corpus (issue 14): every case's script, rendered through the real services on a
fresh SQLite file, is the text checked in under `tests/golden/scripts/`; it cites the rules its
situation calls for (by id); it never says what the case forbids (P4.2, P8.2); and its voicemail,
spoken by espeak-ng and measured by sox, stays under 30 seconds (P10.2) and near the script's
own estimate.

A deliberate change of wording: run `make golden`, read the diff, commit the texts with it.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from golden_cases import CASES, Case
from golden_render import REGENERATE, SCRIPTS, as_text, numbered, script_of, spoken_voicemail

from conftest import unavailable

ROOT = Path(__file__).parents[2]
LIMIT_SECONDS = 30.0  # P10.2
# The estimate counts 150 words a minute and a phone number digit by digit; espeak-ng's default
# voice (175 words a minute) said the corpus's voicemails in 8-23% less time when this was
# written. Agreement: the estimate between three quarters and one and a half times the measure.
AGREEMENT = (0.75, 1.5)

CASE_OF = dict(numbered())
NAMES = list(CASE_OF)


class Rendered:
    """Each case rendered once per module, on first use (so `-k` renders only what it runs)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.done: dict[str, tuple[Case, dict[str, Any], str]] = {}

    def __getitem__(self, name: str) -> tuple[Case, dict[str, Any], str]:
        if name not in self.done:
            case = CASE_OF[name]
            shape = script_of(case, self.folder)
            self.done[name] = (case, shape, as_text(name, case, shape))
        return self.done[name]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return Rendered(tmp_path_factory.mktemp("golden"))


def test_the_corpus_holds_at_least_30_distinct_cases() -> None:
    assert len(CASES) >= 30
    assert len({c.slug for c in CASES}) == len(CASES), "two cases share a slug"
    assert len({c.title for c in CASES}) == len(CASES), "two cases share a title"


@pytest.mark.parametrize("name", NAMES)
def test_the_script_is_the_checked_in_text(rendered: Rendered, name: str) -> None:
    path = SCRIPTS / name
    _, _, text = rendered[name]
    stored = path.read_text(encoding="utf-8") if path.exists() else ""
    if text != stored:
        diff = difflib.unified_diff(
            stored.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=f"checked in: tests/golden/scripts/{name}",
            tofile="rendered now",
        )
        pytest.fail(
            f"the script of {name} differs from the checked-in text. If the change is meant, "
            f"run `{REGENERATE}` and commit the texts with the change.\n" + "".join(diff),
            pytrace=False,
        )


def test_every_checked_in_text_belongs_to_a_case() -> None:
    stale = sorted(p.name for p in SCRIPTS.glob("*.txt") if p.name not in NAMES)
    assert not stale, f"texts no case renders (run `{REGENERATE}` to remove them): {stale}"


def test_make_golden_regenerates_the_texts() -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    planned = subprocess.run(
        ["make", "--dry-run", "golden"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "tests/golden/write.py" in planned, planned


@pytest.mark.parametrize("name", NAMES)
def test_the_script_cites_the_rules_of_its_situation(rendered: Rendered, name: str) -> None:
    case, shape, _ = rendered[name]
    cited = {rule for section in shape["sections"] for rule in section["rules"]}
    missing = sorted(set(case.cites) - cited)
    assert not missing, f"{name} cites {sorted(cited)}, not {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_the_spoken_lines_keep_what_the_case_forbids_unsaid(rendered: Rendered, name: str) -> None:
    """Topics to avoid (P4.2), a team out of season (P4.2), a full SSN (P8.2); and the
    voicemail asks for a call back exactly when the situation needs an answer (P10.3)."""
    case, shape, _ = rendered[name]
    said = [
        line
        for section in shape["sections"]
        if section["spoken"]
        for line in section["lines"]
        if not (line.startswith("[") and line.endswith("]"))
    ]
    for word in case.never_says:
        hits = [line for line in said if word.casefold() in line.casefold()]
        assert not hits, f"{name} says {word!r}: {hits}"
    if case.needs_answer is not None:
        assert shape["needs_answer"] is case.needs_answer, spoken_voicemail(shape)


def _spoken_seconds(text: str, folder: Path) -> float:
    """espeak-ng's default voice at its default speed, measured by sox (soxi -D)."""
    for tool in ("espeak-ng", "soxi"):
        if shutil.which(tool) is None:
            unavailable(f"{tool} is not installed (apt-get install espeak-ng sox)")
    source, wav = folder / "voicemail.txt", folder / "voicemail.wav"
    source.write_text(text, encoding="utf-8")
    subprocess.run(["espeak-ng", "-w", str(wav), "-f", str(source)], check=True)
    seconds = subprocess.run(
        ["soxi", "-D", str(wav)], capture_output=True, text=True, check=True
    ).stdout
    return float(seconds)


@pytest.mark.parametrize("name", NAMES)
def test_the_voicemail_spoken_aloud_is_short(rendered: Rendered, name: str, tmp_path: Path) -> None:
    """P10.2: under 30 seconds when a real voice says it, and the script's own estimate
    (which the CLI and the web show) close to what was measured."""
    _, shape, _ = rendered[name]
    text = spoken_voicemail(shape)
    measured = _spoken_seconds(text, tmp_path)
    assert measured < LIMIT_SECONDS, f"{name}: the voicemail takes {measured:.1f} s: {text}"
    estimate = shape["voicemail_seconds"]
    low, high = AGREEMENT
    assert low <= estimate / measured <= high, (
        f"{name}: estimated {estimate} s, spoken in {measured:.1f} s: {text}"
    )
