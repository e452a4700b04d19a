"""Seeded synthetic contacts for benchmarks and `callwise demo --synthetic`: realistic shapes
and spreads, no I/O, no clock.

Countries are weighted (mostly US, then GB, CA, DE, IN, AU, FR ...), names come from several
cultures, every phone is a valid E.164 number for its country (the patterns of `data` are checked
against phonenumbers by the tests), and 8% of contacts carry an explicit IANA zone drawn from
the whole zone database, so a planner meets hundreds of distinct zones. Same seed, same contacts.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from typing import NamedTuple, TypeVar

from callwise.domain.model import (
    Contact,
    Email,
    Gatekeeper,
    HowWeMet,
    OtherDate,
    PartialDate,
    Phone,
    RelationshipKind,
)
from callwise.domain.text import fold
from callwise.services.synthetic.tables import (
    City,
    Country,
    Pattern,
    Random,
    Tables,
    keyed,
    load_tables,
)

_T = TypeVar("_T")

_MIXED = frozenset({"US", "GB", "CA", "AU", "NZ"})  # surnames often from another culture
_KINDS = tuple(RelationshipKind)  # business, personal, informal, organization
_KIND_CUM = (0.45, 0.70, 0.95, 1.0)
_CADENCES = (None, 14, 30, 60, 90, 180)
_CADENCE_CUM = tuple(accumulate((0.35, 0.05, 0.15, 0.15, 0.20, 0.10)))
_SOURCES = ("linkedin", "in person", "event", "referral", "email", "phone")
_SOURCE_CUM = tuple(accumulate((0.40, 0.25, 0.15, 0.10, 0.05, 0.05)))
_DOMAINS = ("example.com", "example.org", "example.net")
# "<list> item; item; ..." word lists; indented lines continue.
_WORDS = """
titles Account Executive; Chief Executive Officer; Chief Financial Officer; Controller
    Data Scientist; Director of Operations; Engineering Manager; Founder; General Counsel
    Head of Partnerships; Marketing Director; Office Manager; Partner; Principal; Product Manager
    Program Officer; Project Manager; Recruiter; Regional Sales Director; Senior Consultant
    Software Engineer; Vice President of Sales; Professor; Architect
departments Sales; Finance; Engineering; Operations; Marketing; Human Resources; Legal
    Procurement; Research; Customer Success
stems Northwind; Bluestem; Prairie; Cedar; Harbor; Summit; Ironwood; Meridian; Lakeshore; Redwood
    Granite; Silverline; Beacon; Keystone; Riverbend; Oakridge; Evergreen; Pioneer; Crescent
    Atlas; Horizon; Juniper; Copperline; Foxglove; Tidewater; Highland; Clearwater; Stonebridge
industries Analytics; Logistics; Health; Foods; Capital; Software; Energy; Partners; Design
    Robotics; Media; Insurance; Consulting; Labs
services Bank/Card Services; Insurance/Claims; Telecom/Billing; Outfitters/Customer Care
    Airlines/Reservations; Broadband/Technical Support; Energy/Customer Service
events Chamber of Commerce luncheon; industry conference; alumni reception; neighbour's barbecue
    friend's wedding; charity gala; trade show; guest lecture; flight; coffee meetup; book club
    kids' soccer game; startup pitch night; volunteer day
circumstances Sat at the same table; Introduced by a mutual friend; Seated next to each other
    Asked a question after the talk; Shared a taxi afterwards; Stood in the coffee line together
    Swapped cards at the end; Worked the same volunteer shift
interests golf; running; cycling; hiking; yoga; chess; cooking; baking; gardening; photography
    jazz; opera; podcasts; sailing; skiing; fishing; travel; wine; coffee; woodworking; painting
    pottery; cricket; football; basketball; baseball; hockey; tennis; pickleball; birdwatching
    history; sci-fi; poetry; theatre; film; board games; knitting; astronomy; rowing; climbing
avoid politics; religion; her divorce; his divorce; his layoff; her layoff; their health; money
    the merger; family estrangement
hours Mo-Fr 18:00-20:00; Sa 10:00-12:00; Mo-Fr 12:00-13:00; Tu,Th 16:00-18:00
    weekday evenings; after 6pm; weekends only; mornings
"""
_TAGS = {
    RelationshipKind.BUSINESS: ("clients", "prospects", "partners", "alumni", "kc-chamber",
                                "investors", "recruiters", "conference"),
    RelationshipKind.PERSONAL: ("family", "friends", "alumni", "college"),
    RelationshipKind.INFORMAL: ("neighbours", "book-club", "gym", "church", "soccer-parents"),
    RelationshipKind.ORGANIZATION: ("accounts", "orders", "utilities"),
}  # fmt: skip
_NO_MEETING = HowWeMet()
_LEAP_YEAR_DAYS = tuple(
    (d.month, d.day) for d in (dt.date(2000, 1, 1) + dt.timedelta(i) for i in range(366))
)
_YEARLESS = tuple(PartialDate(month, day) for month, day in _LEAP_YEAR_DAYS)


class _Place(NamedTuple):
    """Where a contact lives: a city row for the phone ranges, and what the contact records."""

    row: City
    city: str
    region: str
    country: str
    zone: str


class _Work(NamedTuple):
    job_title: str = ""
    organization: str = ""
    department: str = ""
    honorific: str = ""
    gatekeeper: Gatekeeper | None = None


class _Extras(NamedTuple):
    cadence_days: int | None
    tags: tuple[str, ...]
    interests: tuple[str, ...] = ()
    avoid_topics: tuple[str, ...] = ()
    availability: str = ""
    family_notes: str = ""


@dataclass(slots=True)
class _State:
    """The generator's random source and the numbers and addresses already handed out."""

    rnd: Random
    today: dt.date
    tables: Tables
    numbers: set[str] = field(default_factory=set)
    emails: dict[str, int] = field(default_factory=dict)
    birthdays: dict[tuple[int, int], PartialDate] = field(default_factory=dict)
    past: tuple[dt.date, ...] = ()

    def __post_init__(self) -> None:
        self.past = tuple(self.today - dt.timedelta(days=d) for d in range(3 * 365))


_LISTS = {
    key: tuple(item.strip() for line in lines for item in line.split(";"))
    for key, lines in keyed(_WORDS).items()
}


def _one(rnd: Random, items: Sequence[_T]) -> _T:
    """Like `random.choice`, about three times faster (one C call, no bit sampling)."""
    return items[int(rnd() * len(items))]


def _below(rnd: Random, n: int) -> int:
    """Like `random.randrange(n)`, faster."""
    return int(rnd() * n)


def _few(rnd: Random, items: Sequence[str], k: int) -> tuple[str, ...]:
    """Up to `k` distinct items (fewer when draws repeat), cheaper than `random.sample`."""
    picked: list[str] = []
    for _ in range(k):
        item = items[int(rnd() * len(items))]
        if item not in picked:
            picked.append(item)
    return tuple(picked)


def _pick(rnd: Random, cum: tuple[float, ...]) -> int:
    """The index of a weighted choice; `cum` holds cumulative weights ending at 1."""
    return bisect(cum, rnd())


def _number(state: _State, pattern: Pattern) -> str:
    """A fresh number from `pattern`, never one already handed out."""
    while True:
        number = pattern.draw(state.rnd)
        if number not in state.numbers:
            state.numbers.add(number)
            return number


def _name(state: _State, country: Country) -> tuple[str, str, bool]:
    """(given, family, female); in mixed countries the surname often comes from another culture."""
    rnd, names = state.rnd, state.tables.names
    culture = country.cultures[bisect(country.culture_cum, rnd())]
    female = rnd() < 0.5
    given_names = names[culture + (".f" if female else ".m")]
    given = given_names[int(rnd() * len(given_names))]
    surnames = names[culture + ".s"]
    if country.code in _MIXED and rnd() < 0.5:
        surnames = names[country.cultures[bisect(country.culture_cum, rnd())] + ".s"]
    family = surnames[int(rnd() * len(surnames))]
    if culture == "es" and country.code not in _MIXED and rnd() < 0.6:
        family = f"{family} {surnames[int(rnd() * len(surnames))]}"  # paternal and maternal
    return given, family, female


def _place(state: _State, country: Country) -> _Place:
    """A city of `country`; 30% record its zone, 8% live under any zone of the world instead."""
    rnd = state.rnd
    row = country.cities[int(rnd() * len(country.cities))]
    if rnd() < 0.08:
        zone = _one(rnd, state.tables.zones)
        return _Place(row, zone.rsplit("/", 1)[1].replace("_", " "), "", "", zone)
    return _Place(row, row.name, row.region, country.code, row.zone if rnd() < 0.3 else "")


def _phones(state: _State, country: Country, row: City, second: str) -> tuple[Phone, ...]:
    """A mobile, and for 35% a `second` (work or home) line from the city's range."""
    mobile = _one(state.rnd, country.mobiles) if country.mobiles else row.landline
    first = Phone(_number(state, mobile), "mobile")
    if state.rnd() < 0.35:
        return (first, Phone(_number(state, row.landline), second))
    return (first,)


@cache
def _ascii(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum() or c == "-")


def _emails(state: _State, given: str, family: str, label: str) -> tuple[Email, ...]:
    """A unique address at an example domain for 75% of people (the second John Smith gets 2)."""
    rnd = state.rnd
    if rnd() >= 0.75:
        return ()
    base = f"{_ascii(given)}.{_ascii(family)}"
    seen = state.emails[base] = state.emails.get(base, 0) + 1
    suffix = str(seen) if seen > 1 else ""
    return (Email(f"{base}{suffix}@{_DOMAINS[_below(rnd, 3)]}", label),)


def _birthday(state: _State) -> PartialDate | None:
    """65% have a birthday, spread over the year; 30% of those without the year."""
    rnd = state.rnd
    if rnd() >= 0.65:
        return None
    index = _below(rnd, 366)
    if rnd() < 0.3:
        return _YEARLESS[index]
    age = 20 + _below(rnd, 60)
    known = state.birthdays.get((index, age))
    if known is None:
        known = state.birthdays[(index, age)] = _dated(index, state.today.year - age)
    return known


def _dated(index: int, year: int) -> PartialDate:
    """The `index`-th day of a leap year in `year`, with 29 February moved to a leap year."""
    month, day = _LEAP_YEAR_DAYS[index]
    if (month, day) == (2, 29):
        year -= year % 4  # a leap year (1900 and 2100 are out of range)
    return PartialDate(month, day, year)


def _connected_on(state: _State) -> dt.date:
    """Within the past three years; 5% within the last thirty days (fresh LinkedIn requests)."""
    rnd = state.rnd
    days = _below(rnd, 30) if rnd() < 0.05 else 30 + _below(rnd, 3 * 365 - 30)
    return state.past[days]


def _met(rnd: Random, source: str, when: dt.date, place: str) -> HowWeMet:
    """How we met, for 60% of the people met in person or at an event (P1.1)."""
    if source not in ("in person", "event") or rnd() >= 0.6:
        return _NO_MEETING
    return HowWeMet(_one(rnd, _LISTS["events"]), when, place, _one(rnd, _LISTS["circumstances"]))


def _organization(state: _State, place: _Place) -> Contact:
    """A service line to call about an account or an order (P1.3)."""
    rnd = state.rnd
    suffix, department = _one(rnd, _LISTS["services"]).split("/")
    return Contact(
        kind=RelationshipKind.ORGANIZATION,
        organization=f"{_one(rnd, _LISTS['stems'])} {suffix}",
        department=department,
        phones=(Phone(_number(state, place.row.landline), "main"),),
        city=place.city,
        region=place.region,
        country=place.country,
        time_zone=place.zone,
        availability="Mo-Fr 08:00-20:00" if rnd() < 0.5 else "",
        tags=(_one(rnd, _TAGS[RelationshipKind.ORGANIZATION]),),
        notes=f"Account ending {_below(rnd, 10_000):04d}.",
    )


def _work(state: _State, kind: RelationshipKind, female: bool, country: Country) -> _Work:
    """Job, honorific and gatekeeper: every business contact, 30% of the others (P1.2, P2.3)."""
    rnd = state.rnd
    business = kind is RelationshipKind.BUSINESS
    if not business and rnd() >= 0.3:
        return _Work()
    title = _one(rnd, _LISTS["titles"])
    department = _one(rnd, _LISTS["departments"]) if rnd() < 0.6 else ""
    organization = f"{_one(rnd, _LISTS['stems'])} {_one(rnd, _LISTS['industries'])}"
    if not business:
        return _Work(title, organization, department)
    roll = rnd()
    honorific = "Dr." if roll < 0.06 else "Prof." if roll < 0.08 else ""
    if 0.08 <= roll < 0.25:
        honorific = "Ms." if female else "Mr."
    gatekeeper = None
    if rnd() < 0.06:
        given, family, _ = _name(state, country)
        line = _number(state, _one(rnd, country.cities).landline)
        gatekeeper = Gatekeeper(f"{given} {family}", "assistant", line)
    return _Work(title, organization, department, honorific, gatekeeper)


def _extras(rnd: Random, kind: RelationshipKind) -> _Extras:
    """Cadence, tags, interests, topics to avoid, stated hours (P3.3, P4.2, P6.1)."""
    cadence = _CADENCES[_pick(rnd, _CADENCE_CUM)]
    tags = _few(rnd, _TAGS[kind], _below(rnd, 3))
    if rnd() >= 0.5:
        return _Extras(cadence, tags)
    return _Extras(
        cadence,
        tags,
        _few(rnd, _LISTS["interests"], 1 + _below(rnd, 3)),
        (_one(rnd, _LISTS["avoid"]),) if rnd() < 0.08 else (),
        _one(rnd, _LISTS["hours"]) if rnd() < 0.3 else "",
        f"{1 + _below(rnd, 3)} kids; ask about school." if rnd() < 0.2 else "",
    )


def _contact(state: _State) -> Contact:
    """One synthetic contact with the realistic spread of every field."""
    rnd, tables = state.rnd, state.tables
    kind = _KINDS[_pick(rnd, _KIND_CUM)]
    country = tables.countries[_pick(rnd, tables.country_cum)]
    place = _place(state, country)
    if kind is RelationshipKind.ORGANIZATION:
        return _organization(state, place)
    given, family, female = _name(state, country)
    label = "work" if kind is RelationshipKind.BUSINESS else "home"
    source = _SOURCES[_pick(rnd, _SOURCE_CUM)]
    connected_on = _connected_on(state)
    work, extras = _work(state, kind, female, country), _extras(rnd, kind)
    return Contact(
        given_name=given,
        family_name=family,
        honorific=work.honorific,
        kind=kind,
        job_title=work.job_title,
        organization=work.organization,
        department=work.department,
        met=_met(rnd, source, connected_on, place.city),
        phones=_phones(state, country, place.row, label),
        emails=_emails(state, given, family, label),
        city=place.city,
        region=place.region,
        country=place.country,
        time_zone=place.zone,
        availability=extras.availability,
        gatekeeper=work.gatekeeper,
        interests=extras.interests,
        family_notes=extras.family_notes,
        avoid_topics=extras.avoid_topics,
        birthday=_birthday(state),
        other_dates=_other_dates(rnd, label),
        source=source,
        connected_on=connected_on,
        linkedin_url=_linkedin(rnd, given, family) if source == "linkedin" else "",
        cadence_days=extras.cadence_days,
        tags=extras.tags,
    )


def _other_dates(rnd: Random, label: str) -> tuple[OtherDate, ...]:
    """A work or wedding anniversary for 10% (P9.4)."""
    if rnd() >= 0.1:
        return ()
    name = "work anniversary" if label == "work" else "wedding anniversary"
    return (OtherDate(name, _YEARLESS[_below(rnd, 366)]),)


def _linkedin(rnd: Random, given: str, family: str) -> str:
    """A profile address shaped like LinkedIn's: name slug and a short hex suffix."""
    slug = f"{_ascii(given)}-{_ascii(family)}-{int(rnd() * 0x1000000):06x}"
    return f"https://www.linkedin.com/in/{slug}"


def synthetic_contacts(n: int, seed: int = 0, *, today: dt.date) -> Iterator[Contact]:
    """Yield `n` realistic synthetic contacts; the same `seed` and `today` give the same ones.

    For benchmarks. Phones and emails are unique within one run; names may repeat. The
    explicit-zone pool comes from the system's zone database (`canonical_zones`).
    """
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    state = _State(random.Random(seed).random, today, load_tables())
    for _ in range(n):
        yield _contact(state)
