"""No full social security or card number survives in anything callwise stores or says
(issue 14.7, P8.2): contact notes, call logs, trips and the rendered script, through the
services on a real database, each masked number named in a warning line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine, select

from callwise.domain.model import Contact, HowWeMet, RelationshipKind
from callwise.services import calls
from callwise.services.app import App, open_app
from callwise.services.contacts import edit_contact, save_contact
from callwise.services.occasions import add_trip
from callwise.services.settings import set_setting
from callwise.store import tables
from conftest import NOW
from strategies import leaked, sensitive_texts

EXAMPLES = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def sqlite_app(tmp_path: Path) -> Iterator[App]:
    app = open_app(f"sqlite:///{tmp_path / 'callwise.db'}", NOW)
    set_setting(app, "user_name", "Jordan Lee")
    set_setting(app, "user_phone", "+18165550142")
    try:
        yield app
    finally:
        app.engine.dispose()


def _stored_text(engine: Engine) -> str:
    """Every text value in the contacts, calls, promises and trips tables."""
    found: list[str] = []
    with engine.connect() as conn:
        for table in (tables.contacts, tables.calls, tables.promises, tables.trips):
            for row in conn.execute(select(table)):
                found.extend(str(v) for v in row if isinstance(v, str))
    return "\n".join(found)


@EXAMPLES
@given(notes=sensitive_texts(), family=sensitive_texts(), purpose=sensitive_texts())
def test_p8_2_contact_notes_are_masked_when_stored_with_a_warning_naming_the_field(
    sqlite_app: App, notes: tuple[str, str], family: tuple[str, str], purpose: tuple[str, str]
) -> None:
    warnings: list[str] = []
    ann = Contact(
        given_name="Ann",
        family_name="Lowe",
        kind=RelationshipKind.PERSONAL,
        city="Denver",
        country="US",
        notes=notes[0],
        met=HowWeMet(circumstances=purpose[0]),
    )
    saved = save_contact(sqlite_app, ann, warnings=warnings)
    assert any(w.startswith("notes: a ") and "was masked (ending" in w for w in warnings)
    assert any(w.startswith("how you met: ") for w in warnings)
    assert saved.id is not None
    more: list[str] = []
    edit_contact(
        sqlite_app, saved.id, lambda c: c.with_changes(family_notes=family[0]), warnings=more
    )
    assert [w.split(":")[0] for w in more] == ["family notes"]
    stored = _stored_text(sqlite_app.engine)
    for _text, digits in (notes, family, purpose):
        assert not leaked(stored, digits), stored


@EXAMPLES
@given(
    note=sensitive_texts(),
    recap=sensitive_texts(),
    promise=sensitive_texts(),
    purpose=sensitive_texts(),
    line=sensitive_texts(),
)
def test_p8_2_call_logs_trips_and_the_script_never_hold_a_full_number(
    sqlite_app: App,
    note: tuple[str, str],
    recap: tuple[str, str],
    promise: tuple[str, str],
    purpose: tuple[str, str],
    line: tuple[str, str],
) -> None:
    ann = save_contact(sqlite_app, Contact(given_name="Ann", family_name="Lowe", city="Denver"))
    logged = calls.log_call(
        sqlite_app,
        str(ann.id),
        "connected",
        note=note[0],
        recap=recap[0],
        promises=((promise[0], None),),
    )
    assert {w.split(":")[0] for w in logged.warnings} >= {"notes", "recap", "promise"}
    trip = add_trip(sqlite_app, "Denver", "2026-12-10", "2026-12-12", notes=note[0])
    assert "notes: a " in trip.warning
    prepared = calls.prepare(
        sqlite_app, str(ann.id), "custom", purpose=purpose[0], memorable_line=line[0]
    )
    said = "\n".join(line for s in prepared.script.sections for line in s.lines)
    stored = _stored_text(sqlite_app.engine)
    for _text, digits in (note, recap, promise, purpose, line):
        assert not leaked(stored, digits) and not leaked(said, digits), said
    spoken = [line for s in prepared.script.sections if s.spoken for line in s.lines]
    # said as 'ending 6789', never the stars of a masked number (a star the user typed may stay)
    assert not any("**" in line for line in spoken), spoken
