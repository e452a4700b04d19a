"""The call log's rules: outcome names, dates as typed, the identity guard and the recap.

Pure (the clock and the contact's zone are passed in). `make_call` turns what the user typed
about a call into a `Call`: it checks every value, naming the field to fix, and masks social
security and payment card numbers in every free-text field before anything is stored (P8.2).
The recap it keeps opens the next call's preparation card (P1.1, P7.1); promises with a due
date become follow-ups in the plan (P6.1). `default_occasion` picks the script a call needs
when the user names none (P9).

Decisions:
- A call back time is optional with the `call_back` outcome (without one the plan retries a
  few hours later, P10.3) and refused with any other outcome. A time without an offset is the
  contact's local time: they said when to call, in their own hours (P3.4).
- Dates are YYYY-MM-DD, `today`, `tomorrow` or `+N` days (`+2w` for weeks); a follow-up or a
  promise due before today is refused.
- Promises pair with due dates in order; `-` or `none` stands for "no due date".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from callwise.domain.calls import Call, Outcome, Promise
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, RelationshipKind
from callwise.domain.occasion_kinds import (
    DEFAULT_SCRIPT,
    ORGANIZATION_SCRIPT,
    SCRIPT_IDS,
    ScriptId,
)
from callwise.domain.occasions import PlanPolicy, yearly_date
from callwise.domain.privacy import mask_field
from callwise.domain.text import fold
from callwise.domain.zones import wall_to_utc

OUTCOME_NAMES = (
    "connected",
    "voicemail",
    "no-answer",
    "busy",
    "gatekeeper",
    "wrong-number",
    "call-back",
    "meeting",
)
_OUTCOME_WORDS: Mapping[str, Outcome] = {
    **{name.replace("-", " "): Outcome(name.replace("-", "_")) for name in OUTCOME_NAMES},
    "spoke": Outcome.CONNECTED,
    "answered": Outcome.CONNECTED,
    "left voicemail": Outcome.VOICEMAIL,
    "left a voicemail": Outcome.VOICEMAIL,
    "left message": Outcome.VOICEMAIL,
    "noanswer": Outcome.NO_ANSWER,
    "message left": Outcome.GATEKEEPER,
    "gatekeeper message left": Outcome.GATEKEEPER,
    "callback": Outcome.CALL_BACK,
    "asked to call back": Outcome.CALL_BACK,
    "met": Outcome.MEETING,
}
_DAY = dt.timedelta(days=1)
NO_DUE = frozenset({"", "-", "none", "no"})
MAX_MINUTES = 24 * 60
RECAP_CHARS = 280  # the recap is a line on the next preparation card (P7.1)
_RELATIVE = re.compile(r"^(?:\+|in )\s*(\d{1,4})\s*(d|w|days?|weeks?)?$")
_HAS_TIME = re.compile(r"\d[T ]\d")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_DAY_HINT = "write YYYY-MM-DD, today, tomorrow, or +N days (+3, +2w)"
MAX_YEARS_OFF = 100


def parse_outcome(text: str | Outcome) -> Outcome:
    """An outcome by its name or a phrase of the log ('left voicemail', 'no answer')."""
    if isinstance(text, Outcome):
        return text
    key = " ".join(fold(text).replace("_", " ").replace("-", " ").split())
    found = _OUTCOME_WORDS.get(key)
    if found is None:
        raise ValidationError(
            f"{text!r} is not a call outcome; use one of {', '.join(OUTCOME_NAMES)}",
            field="outcome",
        )
    return found


def parse_day(text: str | dt.date, today: dt.date, *, field: str) -> dt.date:
    """A date as typed: YYYY-MM-DD, today, tomorrow, +N (days) or +Nw (weeks), within
    `MAX_YEARS_OFF` years of today (further off is a typo, and overflows date arithmetic)."""
    day = text if isinstance(text, dt.date) else _read_day(text, today, field)
    if abs((day - today).days) > MAX_YEARS_OFF * 366:
        raise ValidationError(
            f"{day.isoformat()} is too far off; give a date within {MAX_YEARS_OFF} years",
            field=field,
        )
    return day


def _read_day(text: str, today: dt.date, field: str) -> dt.date:
    raw = fold(text)
    if raw in ("today", "tomorrow"):
        return today + dt.timedelta(days=raw == "tomorrow")
    relative = _RELATIVE.match(raw)
    if relative:
        count, unit = int(relative.group(1)), relative.group(2) or "d"
        return today + dt.timedelta(days=count * (7 if unit.startswith("w") else 1))
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(f"{text!r} is not a date; {_DAY_HINT}", field=field) from None


def parse_moment(text: str | dt.datetime, zone: ZoneInfo, now: dt.datetime) -> dt.datetime:
    """A call back time (aware, UTC): ISO 8601 with an offset, else the contact's local
    wall-clock time (`2026-11-25 15:00`, or `15:00` for the next such time), P3.4."""
    if isinstance(text, dt.datetime):
        moment = text if text.tzinfo else wall_to_utc(text, zone, start=True)
        return moment.astimezone(dt.UTC)
    raw = text.strip()
    clock = _CLOCK.match(raw)
    try:
        if clock:
            local = now.astimezone(zone)
            at = dt.time(int(clock.group(1)), int(clock.group(2)))
            wall = dt.datetime.combine(local.date(), at)
            if wall_to_utc(wall, zone, start=True) <= now:
                wall += dt.timedelta(days=1)
            return wall_to_utc(wall, zone, start=True).astimezone(dt.UTC)
        if not _HAS_TIME.search(raw):
            raise ValueError(raw)
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(
            f"{text!r} is not a time; write 2026-11-25T15:00 (their time), an ISO 8601 moment "
            "with an offset, or 15:00 for the next 15:00 where they are",
            field="call_back_at",
        ) from None
    return parse_moment(value, zone, now)


@dataclass(frozen=True, slots=True)
class CallEntry:
    """What the user typed about one call, before any check."""

    outcome: str | Outcome
    note: str = ""
    duration_minutes: float | None = None
    follow_up: str | dt.date | None = None
    promises: tuple[tuple[str, str | dt.date | None], ...] = ()
    call_back_at: str | dt.datetime | None = None
    agent_name: str = ""
    reference: str = ""
    topics: tuple[str, ...] = ()
    occasion: str = ""
    recap: str = ""


@dataclass(frozen=True, slots=True)
class CallClock:
    """When the call is logged: the instant, now, the contact's zone and the earliest date a
    follow-up may fall on (the earlier of your today and theirs)."""

    at: dt.datetime
    now: dt.datetime
    zone: ZoneInfo
    today: dt.date

    def __post_init__(self) -> None:
        """A call happened at a known offset, not in the future, within living memory."""
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValidationError("the time of the call must carry a UTC offset", field="at")
        if self.at > self.now:
            raise ValidationError("a call cannot be logged in the future", field="at")
        if self.now - self.at > dt.timedelta(days=MAX_YEARS_OFF * 366):
            raise ValidationError(
                f"a call more than {MAX_YEARS_OFF} years ago? give the date it happened",
                field="at",
            )


class _Guard:
    """Masks full SSNs and card numbers in each field, collecting one warning each (P8.2)."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def __call__(self, where: str, text: str) -> str:
        return mask_field(where, text.strip(), self.warnings)


def pair_promises(
    texts: Sequence[str], dues: Sequence[str]
) -> tuple[tuple[str, str | dt.date | None], ...]:
    """`--promise` and `--due` given in order: one due date per promise, or none at all."""
    if dues and len(dues) != len(texts):
        raise ValidationError(
            f"{len(texts)} promise(s) but {len(dues)} due date(s); give one --due per "
            "--promise, in order ('-' for none), or no --due at all",
            field="due",
        )
    return tuple((text, dues[i] if dues else None) for i, text in enumerate(texts))


def _promises(entry: CallEntry, clock: CallClock, guard: _Guard) -> tuple[Promise, ...]:
    found = []
    for text, due_text in entry.promises:
        if not text.strip():
            raise ValidationError("a promise needs its text: what you promised", field="promise")
        due = None
        if isinstance(due_text, dt.date) or fold(due_text or "") not in NO_DUE:
            assert due_text is not None
            due = parse_day(due_text, clock.today, field="due")
            if due < clock.today:
                raise ValidationError(
                    f"{due} is before today: a promise falls due ahead", field="due"
                )
        found.append(Promise(guard("promise", text), due))
    return tuple(found)


def _follow_up(entry: CallEntry, clock: CallClock) -> dt.date | None:
    if entry.follow_up is None or entry.follow_up == "":
        return None
    day = parse_day(entry.follow_up, clock.today, field="follow_up")
    if day < clock.today:
        raise ValidationError(f"{day} is before today: the next call lies ahead", field="follow_up")
    return day


def _call_back(entry: CallEntry, outcome: Outcome, clock: CallClock) -> dt.datetime | None:
    if entry.call_back_at is None or entry.call_back_at == "":
        return None
    if outcome is not Outcome.CALL_BACK:
        raise ValidationError(
            "a call back time goes with the call-back outcome (they asked you to call back)",
            field="call_back_at",
        )
    moment = parse_moment(entry.call_back_at, clock.zone, clock.now)
    if moment <= clock.at:
        raise ValidationError(f"{moment.isoformat()} is not after the call", field="call_back_at")
    if moment > clock.now + dt.timedelta(days=366):
        raise ValidationError(
            f"{moment.isoformat()} is more than a year away; give a call back time within a year",
            field="call_back_at",
        )
    return moment


def _duration(minutes: float | None) -> int | None:
    if minutes is None:
        return None
    if not 0 <= minutes <= MAX_MINUTES:
        raise ValidationError(f"{minutes:g} minutes? give 0 to {MAX_MINUTES}", field="duration")
    return round(minutes * 60)


def _occasion(text: str) -> str:
    occasion = text.strip()
    if occasion and occasion not in SCRIPT_IDS:
        known = ", ".join(SCRIPT_IDS)
        raise ValidationError(
            f"unknown occasion {occasion!r}; use one of {known}", field="occasion"
        )
    return occasion


def _when(clock: CallClock) -> dt.datetime:
    return clock.at.astimezone(dt.UTC)


def recap_of(notes: str, topics: Iterable[str] = ()) -> str:
    """One line for the next preparation card (P7.1): the notes, else the topics."""
    line = " ".join(notes.split())
    if not line:
        named = [t for t in topics if t]
        line = f"talked about {', '.join(named)}" if named else ""
    if len(line) <= RECAP_CHARS:
        return line
    return line[:RECAP_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def make_call(entry: CallEntry, contact_id: int, clock: CallClock) -> tuple[Call, tuple[str, ...]]:
    """The call to store, and the warnings of the identity guard (P6.1, P7.1, P8.2).

    Raises ValidationError naming the field to fix; nothing is masked silently.
    """
    outcome, guard = parse_outcome(entry.outcome), _Guard()
    notes = guard("notes", entry.note)
    topics = tuple(dict.fromkeys(t for t in (guard("topic", x) for x in entry.topics) if t))
    recap = guard("recap", entry.recap) if entry.recap.strip() else recap_of(notes, topics)
    call = Call(
        contact_id=contact_id,
        at=_when(clock),
        outcome=outcome,
        occasion=_occasion(entry.occasion),
        duration_seconds=_duration(entry.duration_minutes),
        notes=notes,
        topics=topics,
        promises=_promises(entry, clock, guard),
        follow_up=_follow_up(entry, clock),
        call_back_at=_call_back(entry, outcome, clock),
        agent_name=guard("agent", entry.agent_name),
        reference=guard("reference", entry.reference),
        recap=recap,
    )
    return call, tuple(guard.warnings)


def default_occasion(
    contact: Contact,
    today: dt.date,
    *,
    last_call: Call | None,
    open_promises: Iterable[Promise],
    policy: PlanPolicy | None = None,
) -> ScriptId:
    """The script a call needs when none is named, on the contact's local `today`: an
    organization (P1.3), their birthday (P9.1), a call they asked for (P3.4), a fresh
    connection (P9.2), a promise or an agreed call now due (P6.1), else a check-in (P5.4)."""
    rules = policy or PlanPolicy()
    born, linked = contact.birthday, contact.connected_on
    if contact.kind is RelationshipKind.ORGANIZATION:
        return ORGANIZATION_SCRIPT
    if born is not None and yearly_date(born, today.year, rules.feb29_rule) == today:
        return "birthday"
    if last_call is not None and last_call.outcome is Outcome.CALL_BACK:
        return "return-call"
    if linked is not None and linked <= today <= linked + rules.connect_window_days * _DAY:
        talked = last_call is not None and last_call.outcome in (Outcome.CONNECTED, Outcome.MEETING)
        if not (talked and last_call is not None and last_call.at.date() >= linked):
            return "connect"
    agreed = last_call.follow_up if last_call is not None else None
    if (agreed is not None and agreed <= today) or any(
        not p.done and p.due is not None and p.due <= today for p in open_promises
    ):
        return "follow-up"
    return DEFAULT_SCRIPT
