"""Render a golden case through the real service path, as plain text a reviewer reads in a diff.

Each case gets a fresh SQLite file: your settings, the contact (and whoever introduced you)
saved by `services/contacts.py`, its calls logged by `services/calls.py` each at its own
moment, your trips added by `services/occasions.py`, then the script that `callwise script`
prints, taken from its one plain shape (`services/shapes/calls.py`, what `--json` prints).
Only the package's own wording is used: a user's template overrides are kept out.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from golden_cases import CASES, ME, Case

from callwise.domain.codec import contact_from_dict
from callwise.services import calls, occasions
from callwise.services.app import App, open_app, parse_now
from callwise.services.contacts import save_contact
from callwise.services.settings import set_setting
from callwise.services.shapes.calls import script_shape

HERE = Path(__file__).parent
SCRIPTS = HERE / "scripts"
REGENERATE = "make golden"


def file_name(number: int, case: Case) -> str:
    """'07-call-back-he-was-driving.txt': the case's place in the corpus and its slug."""
    return f"{number:02d}-{case.slug}.txt"


def numbered() -> list[tuple[str, Case]]:
    return [(file_name(i, case), case) for i, case in enumerate(CASES, start=1)]


@contextmanager
def package_wording_only() -> Iterator[None]:
    """Point callwise's config folder at an empty one, so no user override changes a script."""
    with tempfile.TemporaryDirectory(prefix="callwise-golden-config-") as folder:
        saved = os.environ.get("XDG_CONFIG_HOME")
        os.environ["XDG_CONFIG_HOME"] = folder
        try:
            yield
        finally:
            if saved is None:
                os.environ.pop("XDG_CONFIG_HOME", None)
            else:
                os.environ["XDG_CONFIG_HOME"] = saved


def _at(app: App, moment: str) -> App:
    return dataclasses.replace(app, now=parse_now(moment))


def _store(app: App, case: Case) -> int:
    """Save the settings, the introducer, the contact, its calls and your trips; the id."""
    for key, value in {**ME, **case.settings}.items():
        set_setting(app, key, value)
    added = _at(app, case.added)
    contact = contact_from_dict(case.contact)
    if case.introducer is not None:
        introducer = save_contact(added, contact_from_dict(case.introducer))
        met = dataclasses.replace(contact.met, introduced_by=introducer.id)
        contact = dataclasses.replace(contact, met=met)
    saved = save_contact(added, contact)
    for call in case.calls:
        calls.log_call(
            _at(app, call.at),
            f"#{saved.id}",
            call.outcome,
            note=call.note,
            follow_up=call.follow_up,
            promises=[(text, due) for text, due in call.promises],
            call_back_at=call.call_back_at,
            agent_name=call.agent,
            reference=call.reference,
            topics=call.topics,
            occasion=call.occasion,
            recap=call.recap,
        )
    for trip in case.trips:
        occasions.add_trip(app, trip.city, trip.start, trip.end, country=trip.country)
    assert saved.id is not None
    return saved.id


def script_of(case: Case, folder: Path) -> dict[str, Any]:
    """The script shape `callwise script --json` prints for the case, from a fresh database."""
    app = open_app(f"sqlite:///{folder / (case.slug + '.db')}", parse_now(case.now))
    try:
        contact_id = _store(app, case)
        with package_wording_only():
            prepared = calls.prepare(
                app,
                f"#{contact_id}",
                case.occasion,
                case.purpose,
                case.line,
                case.recap,
            )
        return script_shape(prepared)
    finally:
        app.engine.dispose()


def _line(line: str, spoken: bool) -> str:
    if not spoken:
        return f"  card  {line}"
    if line.startswith("[") and line.endswith("]"):
        return f"  cue   {line}"
    return f"  say   {line}"


def as_text(name: str, case: Case, shape: dict[str, Any]) -> str:
    """The script as a reviewer reads it: a header, each section with its rule ids and which
    lines are said aloud (say), which are cues (cue) or card notes (card), then the warnings."""
    occasion = shape["occasion"] + ("" if case.occasion else " (chosen by default)")
    answer = "asks for a call back" if shape["needs_answer"] else "asks for no call back"
    over = "  OVER THE LIMIT" if shape["voicemail_over_limit"] else ""
    out = [
        f"# {name.removesuffix('.txt')}: {case.title}",
        f"occasion: {occasion}",
        f"now: {case.now}; their local time: {shape['local_time_text']}",
        f"contact: {shape['contact']['name']} ({case.contact.get('kind', 'personal')})",
        f"voicemail: about {shape['voicemail_seconds']} s of "
        f"{shape['voicemail_limit_seconds']:.0f} s{over}; {answer}",
        f"next call: {shape['next_call'] or 'none proposed'}",
    ]
    for section in shape["sections"]:
        kind = "spoken" if section["spoken"] else "not spoken"
        out += ["", f"## {section['title']} ({kind}; {', '.join(section['rules'])})"]
        out += [_line(line, section["spoken"]) for line in section["lines"]]
    out += ["", "## Warnings"]
    out += [f"  - {w}" for w in shape["warnings"]] or ["  (none)"]
    return "\n".join(out) + "\n"


def render_all(folder: Path) -> dict[str, tuple[Case, dict[str, Any], str]]:
    """Every case by file name: the case, its script shape and its text."""
    rendered = {}
    for name, case in numbered():
        shape = script_of(case, folder)
        rendered[name] = (case, shape, as_text(name, case, shape))
    return rendered


def spoken_voicemail(shape: dict[str, Any]) -> str:
    """The voicemail as it is said: its lines without the cues."""
    section = next(s for s in shape["sections"] if s["key"] == "voicemail")
    return " ".join(line for line in section["lines"] if not line.startswith("["))
