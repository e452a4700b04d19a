"""Phone numbers: E.164 normalisation from a default region, and tel: URIs (RFC 3966)."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, Phone


def is_region(code: str) -> bool:
    """True for a two-letter region phonenumbers knows (US, GB, DE ...)."""
    return code.upper() in phonenumbers.SUPPORTED_REGIONS


_NOT_A_NUMBER = "not a phone number"
_NOT_VALID = "not a valid phone number"


@lru_cache(maxsize=8192)
def _e164(text: str, region: str) -> str:
    """E.164 of `text` read from `region`, else why not. Remembered: an import meets the same
    numbers again (a switchboard, a merged duplicate, the same file imported twice)."""
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return _NOT_A_NUMBER
    if not phonenumbers.is_possible_number(parsed) or not phonenumbers.is_valid_number(parsed):
        return _NOT_VALID
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def normalise_number(raw: str, region: str, *, field: str = "phone") -> str:
    """Return `raw` as E.164, or raise naming the field and the accepted form."""
    text = raw.strip()
    hint = f"write it with its country code, e.g. +1 816 555 0142 (default region {region})"
    if not text:
        raise ValidationError(f"the number is empty; {hint}", field=field)
    number = _e164(text, region.upper())
    if number in (_NOT_A_NUMBER, _NOT_VALID):
        raise ValidationError(f"{raw!r} is {number}; {hint}", field=field)
    return number


def normalise_phone(
    phone: Phone, region: str, *, strict: bool = True, field: str = "phone"
) -> Phone:
    """Normalise one phone. With `strict=False` a bad number is kept as written and flagged."""
    try:
        return Phone(normalise_number(phone.number, region, field=field), phone.label, True)
    except ValidationError:
        if strict:
            raise
        return Phone(phone.number.strip(), phone.label, False)


def display_number(number: str) -> str:
    """An E.164 number in international format for people to read; other text unchanged."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return number
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def tel_uri(number: str) -> str:
    """The RFC 3966 `tel:` URI of an E.164 number (one tap dials it on a phone)."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        digits = "".join(c for c in number if c.isdigit() or c == "+")
        return f"tel:{digits}"
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.RFC3966))


def number_to_dial(contact: Contact) -> str:
    """The number to dial: the contact's first valid phone (E.164), or "" when none is usable.
    The plan, the today page and the calendar all dial this one."""
    return next((p.number for p in contact.phones if p.valid and p.number.strip()), "")


def dial_uri(number: str) -> str:
    """The `tel:` URI of a number to dial, or "" for no number."""
    return tel_uri(number) if number else ""
