"""Hypothesis strategies for contacts that callwise accepts, and whole books with history."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from hypothesis import strategies as st

from callwise.domain.calls import Call, CustomOccasion, Outcome, Promise, Snooze, Trip
from callwise.domain.model import (
    AddressForm,
    Contact,
    Email,
    Gatekeeper,
    HowWeMet,
    OtherDate,
    PartialDate,
    Phone,
    RelationshipKind,
)
from callwise.domain.occasions import check_rrule
from callwise.domain.privacy import luhn_valid
from callwise.services import contacts as contacts_service
from callwise.services.app import App
from callwise.store import activity

# Fictional but valid numbers in several regions.
PHONES = (
    [f"+1816555{n:04d}" for n in range(100, 200)]
    + [f"+44207946{n:04d}" for n in range(0, 100)]
    + ["+4930901820", "+33142685300", "+81312345678", "+61255501234", "+919876543210"]
)

text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30
).map(str.strip)
words = st.lists(text.filter(bool), max_size=4, unique_by=str.casefold)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(dates)
    year = draw(st.one_of(st.none(), st.just(day.year)))
    return PartialDate(day.month, day.day, year)


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    """A contact as `prepare_contact` leaves it: E.164 phones, ISO country, IANA zone."""
    numbers = draw(st.lists(st.sampled_from(PHONES), max_size=3, unique=True))
    labels = st.sampled_from(["mobile", "work", "home", "assistant"])
    emails = draw(
        st.lists(
            st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}@example\.(com|org)", fullmatch=True),
            max_size=2,
            unique=True,
        )
    )
    return Contact(
        given_name=draw(text.filter(bool)),
        family_name=draw(text),
        display_name=draw(text),
        nickname=draw(text),
        honorific=draw(st.sampled_from(["", "Dr.", "Ms.", "Prof.", "Mr."])),
        kind=draw(st.sampled_from(list(RelationshipKind))),
        address_form=draw(st.one_of(st.none(), st.sampled_from(list(AddressForm)))),
        job_title=draw(text),
        organization=draw(text),
        department=draw(text),
        met=HowWeMet(draw(text), draw(st.one_of(st.none(), dates)), draw(text), draw(text)),
        phones=tuple(Phone(n, draw(labels)) for n in numbers),
        emails=tuple(Email(e, draw(st.sampled_from(["", "work", "home"]))) for e in emails),
        city=draw(text),
        region=draw(text),
        country=draw(st.sampled_from(["", "US", "GB", "DE", "IN", "NP"])),
        time_zone=draw(st.sampled_from(["", "America/Chicago", "Asia/Kathmandu", "Europe/London"])),
        availability=draw(st.sampled_from(["", "Mo-Fr 18:00-20:00", "weekday evenings"])),
        gatekeeper=draw(
            st.one_of(
                st.none(),
                st.builds(
                    Gatekeeper,
                    text.filter(bool),
                    st.sampled_from(["assistant", "receptionist"]),
                    st.sampled_from(["", "+18165550199"]),
                ),
            )
        ),
        interests=tuple(draw(words)),
        family_notes=draw(text),
        avoid_topics=tuple(draw(words)),
        birthday=draw(st.one_of(st.none(), partial_dates())),
        other_dates=tuple(
            OtherDate(draw(text.filter(bool)), draw(partial_dates()))
            for _ in range(draw(st.integers(0, 2)))
        ),
        source=draw(st.sampled_from(["", "linkedin", "in person", "referral"])),
        connected_on=draw(st.one_of(st.none(), dates)),
        linkedin_url=draw(st.sampled_from(["", "https://www.linkedin.com/in/someone-1a2b"])),
        cadence_days=draw(st.one_of(st.none(), st.integers(1, 365))),
        tags=tuple(draw(words)),
        notes=draw(text),
    )


# --- books with history (the backup's round trip) ------------------------------------------

instants = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2030, 12, 31),
    timezones=st.just(dt.UTC),
)
RULES = (
    "FREQ=YEARLY",
    "FREQ=MONTHLY;BYMONTHDAY=1",
    "FREQ=WEEKLY;BYDAY=MO",
    "FREQ=YEARLY;INTERVAL=2",
)
CITIES = ("Kansas City", "London", "Kathmandu", "Berlin", "Springfield")


@dataclass(frozen=True)
class Book:
    """A whole book to store: contacts (ids 1..n in order) and history that points at them by
    position in `contacts`; `introducers[i]` is the position of whoever introduced contact i."""

    contacts: list[Contact]
    introducers: list[int | None]
    calls: list[tuple[int, Call]]
    snoozes: dict[int, Snooze]
    trips: list[Trip]
    occasions: list[tuple[int, CustomOccasion]]


def _promises() -> st.SearchStrategy[tuple[Promise, ...]]:
    promise = st.builds(Promise, text.filter(bool), st.one_of(st.none(), dates), st.booleans())
    return st.lists(promise, max_size=2).map(tuple)


def calls_of(contact_id: int = 0) -> st.SearchStrategy[Call]:
    """A logged call of any outcome, with promises, a follow-up and a call-back."""
    return st.builds(
        Call,
        contact_id=st.just(contact_id),
        at=instants,
        outcome=st.sampled_from(list(Outcome)),
        occasion=st.sampled_from(["", "birthday", "keep_in_touch", "follow_up"]),
        duration_seconds=st.one_of(st.none(), st.integers(0, 10_000)),
        notes=text,
        topics=words.map(tuple),
        promises=_promises(),
        follow_up=st.one_of(st.none(), dates),
        call_back_at=st.one_of(st.none(), instants),
        agent_name=text,
        reference=text,
        recap=text,
    )


@st.composite
def trips_any(draw: st.DrawFn) -> Trip:
    start = draw(dates)
    end = start + dt.timedelta(days=draw(st.integers(0, 20)))
    city = draw(st.one_of(st.sampled_from(CITIES), text.filter(bool)))
    country = draw(st.sampled_from(["", "US", "GB", "NP"]))
    return Trip(city, start, end, None, draw(text), country, draw(text))


@st.composite
def books(draw: st.DrawFn, max_contacts: int = 4) -> Book:
    """Contacts with calls, promises, snoozes, own occasions, introducers, and trips."""
    people = draw(st.lists(contacts(), min_size=1, max_size=max_contacts))
    n = len(people)
    introducers = [
        draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None for i in range(n)
    ]
    at = st.integers(0, n - 1)
    logged = draw(st.lists(st.tuples(at, calls_of()), max_size=6))
    snoozed = draw(st.dictionaries(at, st.builds(Snooze, st.just(0), dates, text), max_size=n))
    own = st.builds(
        CustomOccasion,
        st.just(0),
        text.filter(bool),
        st.sampled_from(RULES),
        dates,
        needs_answer=st.booleans(),
    )
    return Book(
        people,
        introducers,
        logged,
        snoozed,
        draw(st.lists(trips_any(), max_size=3)),
        draw(st.lists(st.tuples(at, own), max_size=3)),
    )


def write_book(app: App, book: Book) -> list[int]:
    """Store `book` through the services and the store, as callwise would have; return the ids
    of its contacts in order."""
    ids: list[int] = []
    for contact, introducer in zip(book.contacts, book.introducers, strict=True):
        met = replace(
            contact.met, introduced_by=ids[introducer] if introducer is not None else None
        )
        saved = contacts_service.save_contact(app, replace(contact, met=met), force=True)
        assert saved.id is not None
        ids.append(saved.id)
    with app.transaction() as conn:
        activity.insert_calls(conn, [replace(c, contact_id=ids[i]) for i, c in book.calls])
        for i, snooze in book.snoozes.items():
            activity.set_snooze(conn, replace(snooze, contact_id=ids[i]))
        for trip in book.trips:
            activity.insert_trip(conn, trip)
        for i, occasion in book.occasions:
            rule = check_rrule(occasion.rrule, occasion.start)
            activity.insert_custom_occasion(conn, replace(occasion, contact_id=ids[i], rrule=rule))
    return ids


# Sensitive numbers in free text (P8.2).


@st.composite
def ssns(draw: st.DrawFn) -> str:
    """A US social security number the SSA could issue, written NNN-NN-NNNN or spaced."""
    area = draw(st.integers(1, 899).filter(lambda n: n != 666))
    group, serial = draw(st.integers(1, 99)), draw(st.integers(1, 9999))
    sep = draw(st.sampled_from(["-", " "]))
    return f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"


@st.composite
def cards(draw: st.DrawFn) -> str:
    """A 16-digit number that passes the Luhn check, straight or in groups of four."""
    body = draw(st.text("0123456789", min_size=15, max_size=15))
    digits = next(body + d for d in "0123456789" if luhn_valid(body + d))
    sep = draw(st.sampled_from(["", " ", "-"]))
    return sep.join(digits[i : i + 4] for i in range(0, 16, 4))


secrets = st.one_of(ssns(), cards())


@st.composite
def sensitive_texts(draw: st.DrawFn) -> tuple[str, str]:
    """Free text with a secret in it (words around it), and the secret's digits."""
    secret = draw(secrets)
    before = draw(st.sampled_from(["my SSN is", "card", "pay with", "", "read out"]))
    after = draw(text.filter(lambda t: not re.search(r"\d", t)))
    return f"{before} {secret} {after}".strip(), re.sub(r"\D", "", secret)


def leaked(found: str, digits: str) -> bool:
    """Whether `digits` (a secret) appear in full in `found`, whatever the separators."""
    return digits in re.sub(r"\D", "", found) and any(
        re.sub(r"\D", "", run) == digits for run in re.findall(r"[\d][\d -]*[\d]", found)
    )
