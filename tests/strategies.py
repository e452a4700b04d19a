"""Hypothesis strategies for contacts that callwise accepts."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

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
