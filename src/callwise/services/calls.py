"""What to say and what happened: call scripts, the call log and what comes next (issue 6).

`prepare` gathers what a script needs (you, their local time, the last call and its recap,
open promises, who introduced you, the next call's date) and builds it (P1.1, P6.1, P7.1);
`log_call` checks and masks what the user typed (P8.2), stores the call in one transaction and
returns what the plan now holds for the contact (follow-ups, the next keep-in-touch call, a
retry after no answer: P6.1, P10.3); `timeline` is the contact's call history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from callwise.domain.call_log import CallClock, CallEntry, default_occasion, make_call
from callwise.domain.calls import Call, Outcome, Promise, Trip
from callwise.domain.courtesy import CourtesyPlanner, Window
from callwise.domain.errors import NotFoundError, ValidationError
from callwise.domain.model import Contact
from callwise.domain.occasions import ContactHistory, PlanPolicy, find_occasions
from callwise.domain.plan_dates import after_snooze, snoozed_until
from callwise.domain.readiness import missing_before_call, zone_unknown
from callwise.domain.scripts import Caller, Script, build_script
from callwise.domain.text import fold
from callwise.services.app import App
from callwise.services.call_proposal import proposed_next_call
from callwise.services.contacts import resolve_contact
from callwise.services.first_run import caller_of
from callwise.services.holidays import contact_holidays
from callwise.services.reason import CallReason, call_reason, open_promises
from callwise.services.reference_data import load_city_facts
from callwise.services.script_templates import user_script_templates
from callwise.store import activity
from callwise.store import contacts as contacts_store

NEXT_KINDS = ("follow-up", "retry", "cadence")  # what a logged call schedules (P6.1, P10.3)
HORIZON_DAYS = 400
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Prepared:
    """A script with what it was built from: the contact, their local time and zone, the
    last call, open promises and the proposed date of the next call (P1.1, P6.1); `reason`
    is the plan's (`services.reason`), None when the caller named the occasion; `missing`
    what the caller must know first (no number, no known zone: `domain.readiness`)."""

    contact: Contact
    script: Script
    zone: str
    local_time: dt.datetime
    local_time_text: str
    next_call: dt.date | None
    last_call: Call | None
    open_promises: tuple[Promise, ...]
    reason: CallReason | None = None
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class NextStep:
    """An occasion the plan now holds for the contact, and the first courteous window on or
    after its date (P3.4, P6.1, P10.3)."""

    kind: str
    due: dt.date
    reason: str
    window: Window | None


@dataclass(frozen=True)
class LoggedCall:
    """A stored call, the identity guard's warnings (P8.2), how many earlier promises were
    settled, and what comes next."""

    contact: Contact
    call: Call
    warnings: tuple[str, ...]
    settled_promises: int
    next: tuple[NextStep, ...]
    home_zone: str


@dataclass(frozen=True)
class Timeline:
    """A contact's calls, newest first, and the zone to show them in (the user's)."""

    contact: Contact
    calls: tuple[Call, ...]
    home_zone: str


@dataclass(frozen=True)
class _Known:
    """What the store knows about one contact's calls."""

    last_call: Call | None
    open_promises: tuple[Promise, ...]
    introducer: str
    trip: Trip | None
    holidays: frozenset[dt.date] = frozenset()  # theirs, which the next call avoids (P6.1)


def _trip_to(conn: Connection, contact: Contact, today: dt.date) -> Trip | None:
    """Your next trip to the contact's city, for a lunch invitation (P9.3)."""
    city = fold(contact.city.split(",")[0])
    if not city:
        return None
    trips = activity.list_trips(conn, ending_after=today)
    return next((t for t, _ in trips if fold(t.city.split(",")[0]) == city), None)


def _known(app: App, contact: Contact, today: dt.date) -> _Known:
    assert contact.id is not None
    with app.engine.connect() as conn:
        last = activity.history(conn, contact.id, limit=1)
        introducer_id = contact.met.introduced_by
        introducer = contacts_store.get_contact(conn, introducer_id) if introducer_id else None
        return _Known(
            last_call=last[0] if last else None,
            open_promises=open_promises(conn, contact.id, app.now),
            introducer=introducer.name if introducer else "",
            trip=_trip_to(conn, contact, today),
        )


def _local_time_text(local: dt.datetime, reason: str, known: bool = True) -> str:
    """Their time now and whether it is courteous; with no known zone only the caller's own
    clock, never "a good time" somewhere they may not be (P3.2, issue 14)."""
    if not known:
        return f"{local:%A %H:%M} {local:%Z} (your clock: their time zone is unknown)"
    return f"{local:%A %H:%M} {local:%Z} ({reason})"


@dataclass(frozen=True)
class _Ask:
    """What the user asked the script to say."""

    purpose: str
    memorable_line: str
    recap: str
    needs_answer: bool | None = None  # P10.3: the caller's say over the voicemail's call back


def prepare(
    app: App,
    query: str,
    occasion: str | None = None,
    purpose: str = "",
    memorable_line: str = "",
    notes_recap: str = "",
    *,
    needs_answer: bool | None = None,
) -> Prepared:
    """The script for calling a contact now, with what it was built from (P1-P10).

    Without an occasion, the plan's reason decides (`services.reason`: the same as Today's);
    `needs_answer` overrides whether the voicemail asks for a call back (P10.3). Until your
    name and number are set the script says "[your name]" and "[your number]"
    (services/first_run.py).
    """
    settings = app.settings()
    caller = caller_of(settings)  # placeholders until you say who you are (issue 15.4)
    contact = resolve_contact(app, query)
    planner = CourtesyPlanner(settings, settings.home_zone)
    policy = PlanPolicy.from_settings(settings)
    verdict = planner.verdict(contact, app.now)
    local = verdict.local_time
    known = _known(app, contact, local.date())
    text = _local_time_text(local, verdict.reason, not zone_unknown(verdict.location))
    reason = None if occasion else call_reason(app, contact, local.date())
    ask = _Ask(
        purpose or (reason.purpose if reason else ""), memorable_line, notes_recap, needs_answer
    )
    chosen = occasion or (reason.script if reason else "")
    known = replace(known, holidays=contact_holidays(planner, contact, local.date(), HORIZON_DAYS))
    next_call = proposed_next_call(planner, policy, contact, local, known.holidays, chosen)
    script = _script(contact, chosen, caller, local, text, known, next_call, ask)
    missing = missing_before_call(contact, verdict.location)
    early = (reason.early_note,) if reason and reason.early_note else ()
    script = replace(script, warnings=(*missing, *early, *script.warnings))
    return Prepared(
        contact,
        script,
        verdict.location.zone,
        local,
        text,
        next_call,
        known.last_call,
        known.open_promises,
        reason,
        missing,
    )


def _script(
    contact: Contact,
    occasion: str,
    caller: Caller,
    local: dt.datetime,
    local_time_text: str,
    known: _Known,
    next_call: dt.date | None,
    ask: _Ask,
) -> Script:
    """Build the script on the contact's local clock, so that `today` is their date."""
    return build_script(
        contact,
        occasion,
        user=caller,
        now=local,
        local_time_text=local_time_text,
        last_call=known.last_call,
        open_promises=known.open_promises,
        purpose=ask.purpose,
        memorable_line=ask.memorable_line,
        next_call=next_call,
        templates=user_script_templates(),
        city_facts=load_city_facts(),
        introducer=known.introducer,
        trip=known.trip if occasion == "lunch" else None,
        recap=ask.recap,
        needs_answer=ask.needs_answer,
        holidays=known.holidays,
    )


def _history_of(conn: Connection, contact: Contact, now: dt.datetime) -> ContactHistory:
    """The calls occasion finding reads: the last year's, any with an open promise or an
    agreed follow-up, and the latest touching call (P6.1)."""
    assert contact.id is not None
    since = now - HORIZON_DAYS * _DAY
    calls = activity.recent_calls(conn, [contact.id], since).get(contact.id, [])
    touch = activity.last_touches(conn, [contact.id]).get(contact.id)
    custom = activity.custom_occasions_for(conn, [contact.id]).get(contact.id, [])
    snooze = activity.snoozes_for(conn, [contact.id], now.date() - _DAY).get(contact.id)
    snoozes = (snooze,) if snooze else ()
    return ContactHistory(contact, tuple(calls), touch, snoozes=snoozes, custom=tuple(custom))


def _next_steps(
    history: ContactHistory, planner: CourtesyPlanner, policy: PlanPolicy, now: dt.datetime
) -> tuple[NextStep, ...]:
    """The follow-ups, retries and keep-in-touch call the plan now holds, each with the first
    courteous window on or after its date, none before a snooze ends (P3.4, P6.1, P10.3)."""
    key = planner.key(history.contact)
    zone, home = ZoneInfo(key.zone), ZoneInfo(planner.home_zone)
    today = now.astimezone(zone).date()
    found = find_occasions(history, today, policy, until=today + HORIZON_DAYS * _DAY, zone=zone)
    until = snoozed_until(history.snoozes, now.astimezone(home).date())
    back = now if until is None else max(now, dt.datetime.combine(until, dt.time(), home))
    steps = []
    for o in (o for o in after_snooze(found, until) if o.kind in NEXT_KINDS):
        start = max(dt.datetime.combine(o.due, dt.time(), zone), back, o.not_before or now)
        steps.append(NextStep(o.kind, o.due, o.reason, planner.next_window(key, start)))
    return tuple(steps)


def _call_back_warning(
    planner: CourtesyPlanner, contact: Contact, at: dt.datetime | None
) -> tuple[str, ...]:
    """A call back asked for outside courteous hours: their request wins (P3.3, P3.4)."""
    if at is None:
        return ()
    verdict = planner.verdict(contact, at)
    if verdict.ok:
        return ()
    return (f"call_back_at: {verdict.reason}; they asked for that time, so it stands (P3.3, P3.4)",)


@dataclass(frozen=True)
class _Setup:
    contact: Contact
    planner: CourtesyPlanner
    policy: PlanPolicy
    clock: CallClock


def _setup(app: App, query: str, at: dt.datetime | None) -> _Setup:
    settings = app.settings()
    contact = resolve_contact(app, query)
    planner = CourtesyPlanner(settings, settings.home_zone)
    zone = ZoneInfo(planner.key(contact).zone)
    mine = app.now.astimezone(ZoneInfo(settings.home_zone)).date()
    today = min(mine, app.now.astimezone(zone).date())
    clock = CallClock(at or app.now, app.now, zone, today)
    return _Setup(contact, planner, PlanPolicy.from_settings(settings), clock)


def log_call(
    app: App,
    query: str,
    outcome: str | Outcome,
    *,
    note: str = "",
    duration: float | None = None,
    follow_up: str | dt.date | None = None,
    promises: Sequence[tuple[str, str | dt.date | None]] = (),
    call_back_at: str | dt.datetime | None = None,
    agent_name: str = "",
    reference: str = "",
    topics: Sequence[str] = (),
    occasion: str | None = None,
    at: dt.datetime | None = None,
    recap: str = "",
    settle_promises: bool = False,
) -> LoggedCall:
    """Record one call (`duration` in minutes) and return what comes next (P6.1, P7.1, P10).

    Sensitive numbers are masked before storage, with a warning each (P8.2);
    `settle_promises` marks the contact's earlier promises kept. Nothing is stored when a
    value is refused (ValidationError names the field).
    """
    s = _setup(app, query, at)
    assert s.contact.id is not None
    entry = CallEntry(
        outcome, note, duration, follow_up, tuple(promises), call_back_at,
        agent_name, reference, tuple(topics), occasion or "", recap,
    )  # fmt: skip
    if not entry.occasion and at is None:  # a call just made: the plan's reason (Today's)
        their_today = app.now.astimezone(s.clock.zone).date()
        entry = replace(entry, occasion=call_reason(app, s.contact, their_today).script)
    with app.transaction() as conn:
        if not entry.occasion:
            entry = replace(entry, occasion=_occasion_now(conn, s, app.now))
        call, warnings = make_call(entry, s.contact.id, s.clock)
        settled = activity.mark_promises_done(conn, s.contact.id) if settle_promises else 0
        call_id = activity.insert_calls(conn, [call])[0]
        history = _history_of(conn, s.contact, app.now)
    warnings += _call_back_warning(s.planner, s.contact, call.call_back_at)
    steps = _next_steps(history, s.planner, s.policy, app.now)
    stored = replace(call, id=call_id)
    return LoggedCall(s.contact, stored, warnings, settled, steps, s.planner.home_zone)


def logged_call(app: App, contact_id: int, call_id: int) -> LoggedCall:
    """A call logged earlier and what the plan holds for the contact now: the page a logged
    call leads to, which may be reloaded (issue 15). Its warnings were said when it was
    logged, so none here."""
    s = _setup(app, f"#{contact_id}", None)
    with app.engine.connect() as conn:
        call = activity.one_call(conn, contact_id, call_id)
        history = _history_of(conn, s.contact, app.now)
    if call is None:
        raise NotFoundError(
            f"no such call with {s.contact.name}; their page lists their calls", field="call"
        )
    steps = _next_steps(history, s.planner, s.policy, app.now)
    return LoggedCall(s.contact, call, (), 0, steps, s.planner.home_zone)


def _occasion_now(conn: Connection, s: _Setup, now: dt.datetime) -> str:
    """The occasion an earlier call logged without one was most likely about (P9)."""
    assert s.contact.id is not None
    last = activity.history(conn, s.contact.id, limit=1)
    return default_occasion(
        s.contact,
        s.clock.at.astimezone(s.clock.zone).date(),
        last_call=last[0] if last else None,
        open_promises=open_promises(conn, s.contact.id, now),
        policy=s.policy,
    )


def timeline(app: App, query: str, limit: int = 20) -> Timeline:
    """`callwise history CONTACT`: the latest `limit` calls, newest first."""
    if limit < 1:
        raise ValidationError("show at least 1 call", field="limit")
    contact = resolve_contact(app, query)
    assert contact.id is not None
    with app.engine.connect() as conn:
        calls = activity.history(conn, contact.id, limit=limit)
    return Timeline(contact, tuple(calls), app.settings().home_zone)


def history(app: App, query: str, limit: int = 20) -> list[Call]:
    """A contact's calls, newest first (see `timeline`)."""
    return list(timeline(app, query, limit).calls)
