"""Scripts and the call log over stored contacts, on SQLite and PostgreSQL (issue 6)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from callwise.domain.calls import Outcome, Promise
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, Gatekeeper, HowWeMet, PartialDate, RelationshipKind
from callwise.services import calls
from callwise.services.app import App
from callwise.services.contacts import save_contact
from callwise.services.settings import set_setting
from callwise.store import tables

DENVER = ZoneInfo("America/Denver")  # NOW is 08:00 on Tue 24 Nov 2026 there


def _me(app: App) -> None:
    set_setting(app, "user_name", "Jordan Lee")
    set_setting(app, "user_phone", "+18165550142")


def _ann(app: App, **more: object) -> Contact:
    """A personal contact in Denver, added 40 days ago, to keep in touch with every 30 days."""
    added = dataclasses.replace(app, now=app.now - dt.timedelta(days=40))
    values: dict[str, object] = {
        "given_name": "Ann",
        "family_name": "Lowe",
        "city": "Denver",
        "region": "CO",
        "country": "US",
        "cadence_days": 30,
        **more,
    }
    return save_contact(added, Contact(**values))  # type: ignore[arg-type]


def _cadence_due(app: App, contact: Contact) -> dt.date | None:
    with app.engine.connect() as conn:
        column = tables.contacts.c
        due = conn.scalar(select(column.cadence_due).where(column.id == contact.id))
    return due if isinstance(due, dt.date) or due is None else None


def test_logging_a_call_moves_the_keep_in_touch_date(app: App) -> None:
    """P6.1: a conversation resets the cadence; the next keep-in-touch call is 30 days on."""
    ann = _ann(app)
    today = app.now.astimezone(DENVER).date()
    assert _cadence_due(app, ann) == today - dt.timedelta(days=10)  # overdue
    logged = calls.log_call(app, "ann lowe", "connected", note="Caught up on the move")
    assert _cadence_due(app, ann) == today + dt.timedelta(days=30)
    cadence = [s for s in logged.next if s.kind == "cadence"]
    assert [s.due for s in cadence] == [today + dt.timedelta(days=30)]
    window = cadence[0].window
    assert window is not None and window.start.date() >= cadence[0].due
    assert logged.call.id is not None and logged.call.occasion == "check-in"


def test_promises_are_stored_become_follow_ups_and_can_be_settled(app: App) -> None:
    """P6.1: each promise with a due date is a follow-up; the user marks them kept."""
    _ann(app)
    logged = calls.log_call(
        app,
        "ann",
        "connected",
        promises=[("send the deck", "+3"), ("intro to Priya", "-")],
        follow_up="2026-12-08",
        topics=["the move", "the move", "skiing"],
    )
    deck = Promise("send the deck", dt.date(2026, 11, 27))
    assert logged.call.promises == (deck, Promise("intro to Priya"))
    reasons = [s.reason for s in logged.next if s.kind == "follow-up"]
    assert any("send the deck" in r for r in reasons)
    assert any("talk again on 8 Dec" in r for r in reasons)
    [stored] = calls.history(app, "ann", limit=5)
    assert stored.promises == (deck, Promise("intro to Priya"))
    assert stored.follow_up == dt.date(2026, 12, 8) and stored.topics == ("the move", "skiing")
    later = dataclasses.replace(app, now=app.now + dt.timedelta(days=3))
    settled = calls.log_call(later, "ann", "connected", settle_promises=True)
    assert settled.settled_promises == 2
    older = calls.history(app, "ann")[1]
    assert all(p.done for p in older.promises)
    assert not [s for s in settled.next if "send the deck" in s.reason]


def test_ssn_and_card_numbers_are_masked_before_storage(app: App) -> None:
    """P8.2: only the last four digits reach the database, and the user is told."""
    _ann(app, kind=RelationshipKind.ORGANIZATION, organization="Harbor Bank")
    logged = calls.log_call(
        app,
        "ann",
        "connected",
        note="Agent asked for SSN 123-45-6789 and card 4111-1111-1111-1111",
        agent_name="Priya",
        reference="CASE-7781",
        occasion="organization",
    )
    assert len(logged.warnings) == 2
    assert logged.warnings[0].startswith("notes: a social security number was masked (ending 6789)")
    assert logged.warnings[1].startswith("notes: a payment card number was masked (ending 1111)")
    with app.engine.connect() as conn:
        notes, recap = conn.execute(select(tables.calls.c.notes, tables.calls.c.recap)).one()
    for text in (notes, recap):
        assert "123-45-6789" not in text and "4111-1111-1111-1111" not in text
        assert "***-**-6789" in text and "****-****-****-1111" in text
    [stored] = calls.history(app, "ann")
    assert (stored.agent_name, stored.reference) == ("Priya", "CASE-7781")


def test_the_last_calls_recap_opens_the_next_script(app: App) -> None:
    """P1.1, P7.1: the preparation card says what happened last time and what is open."""
    _me(app)
    _ann(app)
    earlier = dataclasses.replace(app, now=app.now - dt.timedelta(days=6))
    calls.log_call(
        earlier,
        "ann",
        "connected",
        note="She is moving the office to Boulder in spring",
        promises=[("send the lease checklist", "+10")],
    )
    card = calls.prepare(app, "ann").script.section("preparation")
    assert card is not None
    text = "\n".join(card.lines)
    assert "Last call:" in text and "moving the office to Boulder" in text
    assert "send the lease checklist" in text


def test_a_birthday_today_in_their_local_date_picks_the_birthday_script(app: App) -> None:
    """P9.1: at 15:00 UTC on 24 Nov it is already 25 Nov in Sydney, still 24 Nov in Denver."""
    _me(app)
    save_contact(
        app,
        Contact(
            given_name="Sam",
            family_name="Rivera",
            city="Sydney",
            country="AU",
            birthday=PartialDate(11, 25),
        ),
    )
    _ann(app, birthday=PartialDate(11, 25, 1980))
    sam = calls.prepare(app, "sam rivera")
    assert sam.script.occasion == "birthday" and sam.local_time.date() == dt.date(2026, 11, 25)
    voicemail = sam.script.section("voicemail")
    assert voicemail is not None and "no need to call back" in " ".join(voicemail.lines).lower()
    assert calls.prepare(app, "ann lowe").script.occasion == "check-in"
    assert calls.prepare(app, "ann lowe", occasion="lunch").script.occasion == "lunch"


def test_the_next_call_is_a_courteous_day_after_the_cadence(app: App) -> None:
    """P6.1, P3.1: a business contact's next call lands on a working day."""
    _me(app)
    save_contact(
        app,
        Contact(
            given_name="Amara",
            family_name="Okafor",
            honorific="Dr.",
            kind=RelationshipKind.BUSINESS,
            organization="Heartland Bank",
            city="Denver",
            country="US",
            cadence_days=32,
            gatekeeper=Gatekeeper("Maria"),
            met=HowWeMet(event="the Chamber luncheon"),
        ),
    )
    prepared = calls.prepare(app, "okafor")
    # 24 Nov + 32 days is Sat 26 Dec: the first working day after it is Mon 28 Dec, in the
    # year-end holidays, so the call is proposed after them: Mon 4 Jan (issue 14).
    assert prepared.next_call == dt.date(2027, 1, 4)
    assert "gatekeeper" in prepared.script.keys


def test_no_answer_suggests_a_retry_at_a_later_window(app: App) -> None:
    """P10.3: try again a few hours later, in a courteous window."""
    _ann(app)
    at = app.now + dt.timedelta(hours=5)  # 13:00 in Denver
    later = dataclasses.replace(app, now=at)
    logged = calls.log_call(later, "ann", "no answer")
    [retry] = [s for s in logged.next if s.kind == "retry"]
    assert retry.window is not None and retry.window.end > at + dt.timedelta(hours=3)
    assert _cadence_due(app, Contact(id=logged.contact.id)) == dt.date(2026, 11, 14)


def test_a_call_back_time_is_kept_and_scheduled(app: App) -> None:
    """P3.4: they asked for a time (their time); a late one stands, with a warning."""
    _ann(app)
    logged = calls.log_call(app, "ann", "call back", call_back_at="2026-11-24T16:00")
    assert logged.call.call_back_at == dt.datetime(2026, 11, 24, 23, 0, tzinfo=dt.UTC)
    assert logged.call.outcome is Outcome.CALL_BACK and not logged.warnings
    assert any("call back" in s.reason for s in logged.next)
    late = calls.log_call(app, "ann", "call-back", call_back_at="2026-11-24T23:30")
    assert any("too late" in w for w in late.warnings)


def _said(app: App, key: str) -> str:
    section = calls.prepare(app, "ann").script.section(key)
    assert section is not None
    return " ".join(section.said)


def test_before_you_say_who_you_are_the_script_has_placeholders(app: App) -> None:
    """Issue 15.4, P2.7: a first run has scripts; "[your name]" and "[your number]" stand
    where your name and number go, whole even where a first name alone is said (P2.6)."""
    _ann(app)  # personal: the caller gives a first name only
    assert "[your name]" in _said(app, "opener")
    assert "[your name]" in _said(app, "voicemail") and "[your number]" in _said(app, "voicemail")
    set_setting(app, "user_name", "Jordan Lee")
    said = _said(app, "voicemail")
    assert "Jordan" in said and "[your name]" not in said and "[your number]" in said


def test_a_refused_value_stores_nothing(app: App) -> None:
    _ann(app)
    for typed, field in (
        ({"outcome": "chatted"}, "outcome"),
        ({"outcome": "connected", "follow_up": "2026-11-01"}, "follow_up"),
        ({"outcome": "connected", "call_back_at": "16:00"}, "call_back_at"),
    ):
        with pytest.raises(ValidationError) as caught:
            calls.log_call(app, "ann", **typed)  # type: ignore[arg-type]
        assert caught.value.field == field
    assert calls.history(app, "ann") == []
    with pytest.raises(ValidationError):
        calls.history(app, "ann", limit=0)
