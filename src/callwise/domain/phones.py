"""Phone numbers: E.164 normalisation from a default region, and tel: URIs (RFC 3966)."""

from __future__ import annotations

import phonenumbers

from callwise.domain.errors import ValidationError
from callwise.domain.model import Phone


def is_region(code: str) -> bool:
    """True for a two-letter region phonenumbers knows (US, GB, DE ...)."""
    return code.upper() in phonenumbers.SUPPORTED_REGIONS


def normalise_number(raw: str, region: str, *, field: str = "phone") -> str:
    """Return `raw` as E.164, or raise naming the field and the accepted form."""
    text = raw.strip()
    hint = f"write it with its country code, e.g. +1 816 555 0142 (default region {region})"
    if not text:
        raise ValidationError(f"the number is empty; {hint}", field=field)
    try:
        parsed = phonenumbers.parse(text, region.upper())
    except phonenumbers.NumberParseException:
        raise ValidationError(f"{raw!r} is not a phone number; {hint}", field=field) from None
    if not phonenumbers.is_possible_number(parsed) or not phonenumbers.is_valid_number(parsed):
        raise ValidationError(f"{raw!r} is not a valid phone number; {hint}", field=field) from None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


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
