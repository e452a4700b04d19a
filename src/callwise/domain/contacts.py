"""Checking and normalising a contact before it is stored (P1.1, P1.2, P2.6)."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, Email, Gatekeeper, Phone, RelationshipKind
from callwise.domain.phones import normalise_number, normalise_phone
from callwise.domain.places import normalise_country, normalise_zone
from callwise.domain.privacy import mask_contact
from callwise.domain.stated_hours import parse_stated_hours
from callwise.domain.text import fold

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_ID = 2**31 - 1  # ids are 32-bit integers in the database
MAX_CADENCE_DAYS = 36500  # a hundred years; further overflows the plan's date arithmetic
# A contact's dates stay well inside the calendar (years 1 to 9999): occasions and plans add
# up to a hundred years to them, and a year outside is a typo anyway.
FIRST_YEAR, LAST_YEAR = 1000, 9000
_WEB_SCHEMES = ("http", "https")
_UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f\\<>\"'`]")


def _clean_list(items: tuple[str, ...]) -> tuple[str, ...]:
    """Trim, drop empties and duplicates (case-insensitively), keep the first spelling and order."""
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        text = item.strip()
        key = fold(text)
        if text and key not in seen:
            seen.add(key)
            kept.append(text)
    return tuple(kept)


def _check_email(email: Email) -> Email:
    address = email.address.strip()
    if not _EMAIL.match(address):
        raise ValidationError(
            f"{email.address!r} is not an email address; write it as name@example.com",
            field="email",
        )
    return Email(address, email.label.strip())


def _unique_phones(phones: tuple[Phone, ...]) -> tuple[Phone, ...]:
    seen: set[str] = set()
    kept: list[Phone] = []
    for phone in phones:
        if phone.number not in seen:
            seen.add(phone.number)
            kept.append(phone)
    return tuple(kept)


def _unique_emails(emails: tuple[Email, ...]) -> tuple[Email, ...]:
    seen: set[str] = set()
    kept: list[Email] = []
    for email in emails:
        if email.address.casefold() not in seen:
            seen.add(email.address.casefold())
            kept.append(email)
    return tuple(kept)


def has_name(contact: Contact) -> bool:
    names = (contact.given_name, contact.family_name, contact.display_name, contact.nickname)
    if any(n.strip() for n in names):
        return True
    return contact.kind is RelationshipKind.ORGANIZATION and bool(contact.organization.strip())


def prepare_contact(
    contact: Contact, region: str, *, strict: bool = True, warnings: list[str] | None = None
) -> Contact:
    """Validate `contact` and return it normalised: E.164 phones, ISO country, IANA zone,
    any SSN or card number in its free text masked (P8.2; one line each into `warnings`).

    With `strict=False` (imports) an unparseable phone is kept as written and flagged.
    """
    if not has_name(contact):
        raise ValidationError(
            "a contact needs a name: give a given name, family name, display name or nickname",
            field="name",
        )
    _check_numbers(contact)
    _check_years(contact)
    gatekeeper = contact.gatekeeper
    if gatekeeper is not None:
        gatekeeper = _prepare_gatekeeper(gatekeeper, region, strict=strict)
    availability, notes = _check_availability(contact, strict=strict)
    linkedin_url, notes = _check_linkedin(contact.linkedin_url, notes, strict=strict)
    prepared = replace(
        contact,
        availability=availability,
        notes=notes,
        linkedin_url=linkedin_url,
        given_name=contact.given_name.strip(),
        family_name=contact.family_name.strip(),
        display_name=contact.display_name.strip(),
        nickname=contact.nickname.strip(),
        honorific=contact.honorific.strip(),
        phones=_unique_phones(
            tuple(normalise_phone(p, region, strict=strict) for p in contact.phones)
        ),
        emails=_unique_emails(tuple(_check_email(e) for e in contact.emails)),
        country=normalise_country(contact.country),
        time_zone=normalise_zone(contact.time_zone),
        gatekeeper=gatekeeper,
        interests=_clean_list(contact.interests),
        avoid_topics=_clean_list(contact.avoid_topics),
        tags=_clean_list(contact.tags),
    )
    return mask_contact(prepared, [] if warnings is None else warnings)


def _check_numbers(contact: Contact) -> None:
    """The cadence and the introducer's id must be numbers callwise can store and plan with."""
    cadence = contact.cadence_days
    if cadence is not None and not 1 <= cadence <= MAX_CADENCE_DAYS:
        raise ValidationError(
            f"{cadence} is not a cadence; give a whole number of days from 1 to "
            f"{MAX_CADENCE_DAYS}, or leave it empty for none",
            field="cadence_days",
        )
    introducer = contact.met.introduced_by
    if introducer is not None and not 1 <= introducer <= MAX_ID:
        raise ValidationError(
            f"no other contact has id {introducer}; give the id of the contact who introduced you",
            field="introduced_by",
        )


def _check_years(contact: Contact) -> None:
    """Every date of the contact within FIRST_YEAR..LAST_YEAR, naming the field if not."""
    dated = [
        ("birthday", contact.birthday.year if contact.birthday else None),
        ("met_date", contact.met.date.year if contact.met.date else None),
        ("connected_on", contact.connected_on.year if contact.connected_on else None),
        *(("other_dates", other.date.year) for other in contact.other_dates),
    ]
    for field, year in dated:
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                f"the year {year} is out of range; give a date from the year {FIRST_YEAR} "
                f"to {LAST_YEAR}",
                field=field,
            )


def _check_availability(contact: Contact, *, strict: bool) -> tuple[str, str]:
    """Stated hours must be readable (P3.3); an import keeps unreadable text in the notes."""
    text = contact.availability.strip()
    if not text:
        return "", contact.notes
    try:
        parse_stated_hours(text)
    except ValidationError:
        if strict:
            raise
        kept = f"Stated hours (not understood): {text}"
        return "", "\n".join(p for p in (contact.notes, kept) if p)
    return text, contact.notes


def check_web_url(text: str, field: str) -> str:
    """An http(s) address to store in a contact, trimmed; any other scheme (javascript:,
    data:, vbscript:, file:) is refused, as a page would render it as a link."""
    url = text.strip()
    hint = "give a web address that starts with https://"
    if _UNSAFE_IN_URL.search(url):
        raise ValidationError(f"{text!r} has spaces or quotes; {hint}", field=field)
    try:
        parts = urlsplit(url)
        hostname = parts.hostname or ""
    except ValueError:
        raise ValidationError(f"{text!r} is not a web address; {hint}", field=field) from None
    if parts.scheme.lower() not in _WEB_SCHEMES or not hostname or parts.username is not None:
        raise ValidationError(f"{text!r} is not a web address; {hint}", field=field)
    return url


_LINKEDIN_WITHOUT_SCHEME = re.compile(r"(?:www\.|[a-z]{2,3}\.)?linkedin\.com/", re.IGNORECASE)
# A profile address as exports write it (no query, port or user): taken as it is, without
# splitting it (an import checks one per row).
_PLAIN_LINKEDIN = re.compile(r"https?://(?:[a-z0-9-]+\.)?linkedin\.com/[a-z0-9._~%/-]*", re.I)


def check_linkedin_url(text: str) -> str:
    """A LinkedIn address (linkedin.com or a subdomain, over http or https); written without
    a scheme (`linkedin.com/in/jane`), it gets https://. Empty stays empty."""
    url = text.strip()
    if not url:
        return ""
    if _LINKEDIN_WITHOUT_SCHEME.match(url):
        url = f"https://{url}"
    if _PLAIN_LINKEDIN.fullmatch(url):  # the usual form, which `linkedin_checked` accepts
        return url
    return linkedin_checked(url, text)


def linkedin_checked(url: str, text: str) -> str:
    """`url` (from `text` as written) when it is an http(s) address on linkedin.com."""
    url = check_web_url(url, "linkedin_url")
    hostname = (urlsplit(url).hostname or "").rstrip(".")
    if hostname != "linkedin.com" and not hostname.endswith(".linkedin.com"):
        raise ValidationError(
            f"{text!r} is not a LinkedIn address; give one on linkedin.com, "
            "e.g. https://www.linkedin.com/in/jane-doe",
            field="linkedin_url",
        )
    return url


def _check_linkedin(text: str, notes: str, *, strict: bool) -> tuple[str, str]:
    """The stored profile address; an import keeps a refused one as text in the notes."""
    try:
        return check_linkedin_url(text), notes
    except ValidationError as exc:
        if strict:
            raise
        kept = f"LinkedIn profile (not kept: {exc.message})"
        return "", "\n".join(p for p in (notes, kept) if p)


def _prepare_gatekeeper(gatekeeper: Gatekeeper, region: str, *, strict: bool) -> Gatekeeper | None:
    if not (gatekeeper.name.strip() or gatekeeper.phone.strip()):
        return None
    phone = gatekeeper.phone.strip()
    if phone:
        try:
            phone = normalise_number(phone, region, field="gatekeeper_phone")
        except ValidationError:
            if strict:
                raise
    return Gatekeeper(gatekeeper.name.strip(), gatekeeper.role.strip() or "assistant", phone)


def search_text(contact: Contact) -> str:
    """The folded text `contacts find` searches: names, organization, city, tags, notes."""
    parts = [
        contact.display_name,
        contact.given_name,
        contact.family_name,
        contact.nickname,
        contact.organization,
        contact.department,
        contact.job_title,
        contact.city,
        contact.region,
        " ".join(contact.tags),
        contact.notes,
    ]
    return fold(" ".join(p for p in parts if p))
