"""Mask social security and payment card numbers before anything is stored (P8.2).

Most organizations need only the last four digits of a social security number, so callwise
keeps only those: notes and call logs never hold a full number. What is found:
- US social security numbers written NNN-NN-NNNN or NNN NN NNNN (a valid area, group and
  serial: no 000, 666 or 9xx area, no 00 group, no 0000 serial), and nine straight digits
  when a label such as "SSN" or "social security number" comes right before them;
- payment card numbers: 13 to 19 digits, straight or in the groups cards are printed with
  (4-4-4-4, 4-6-5, ...), that pass the Luhn check.
Phone numbers (a run that starts with "+") and dates (4-2-2, 2-2-4 groups) are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from callwise.domain.model import Contact

_SSN_SPACED = re.compile(r"(?<![\d*])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d*])")
_SSN_LABELLED = re.compile(
    r"(?i)\b(?:ssn|ss\s?#|soc(?:ial)?\.?\s+sec(?:urity)?\.?(?:\s+(?:number|no\.?|num|#))?)"
    r"\s*(?:is|:|#|=)?\s*(\d{9})(?!\d)"
)
# Straight digits, or the groupings cards are printed with: fours (16 to 19 digits), and the
# 4-6-5 / 4-6-4 of American Express and Diners Club, one separator throughout.
_CARD = re.compile(
    r"(?<![\d*+])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?"
    r"|\d{4}([ -])\d{6}\2\d{4,5}|\d{13,19})(?![\d*])"
)
_PHONE_LEAD = re.compile(r"\+[\d\s().-]*$")
# Nine digits at most a space or hyphen apart: every number masked here has them, so text
# without them (most of it) is left at once.
_NINE_DIGITS = re.compile(r"\d(?:[ -]?\d){8}")
# A number masked here: stars in groups, then the last four digits ('***-**-6789').
_MASKED = re.compile(
    r"(?i)(?:\b(card|ssn|number|no\.?)\s*[:#]?\s*)?"
    r"(?<![\w*])\*+(?:[- ]?\*+)*[- ]?(\d{4})(?!\d)"
)


@dataclass(frozen=True, slots=True)
class MaskResult:
    """The text with sensitive numbers masked, and one warning line per number masked."""

    text: str
    warnings: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.warnings)


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check that every payment card number passes."""
    if not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _valid_ssn(area: str, group: str, serial: str) -> bool:
    """The SSA never issues area 000, 666 or 900-999, group 00 or serial 0000."""
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def _in_phone_number(text: str, start: int) -> bool:
    """Whether the digits at `start` continue a number written with a leading '+'."""
    return bool(_PHONE_LEAD.search(text[:start]))


def _mask_digits(number: str) -> str:
    """Every digit but the last four becomes '*', separators kept: '**** **** **** 1111'."""
    keep = 4
    out: list[str] = []
    for char in reversed(number):
        if char.isdigit():
            out.append(char if keep > 0 else "*")
            keep -= 1
        else:
            out.append(char)
    return "".join(reversed(out))


def _ssn_warning(last4: str) -> str:
    return (
        f"a social security number was masked (ending {last4}): only the last four digits "
        "are kept, which is all most organizations need"
    )


def _card_warning(last4: str) -> str:
    return f"a payment card number was masked (ending {last4}): it is never kept in full"


def _mask_ssns(text: str, warnings: list[str]) -> str:
    def spaced(match: re.Match[str]) -> str:
        area, sep, group, serial = match.groups()
        if not _valid_ssn(area, group, serial) or _in_phone_number(text, match.start()):
            return match.group(0)
        warnings.append(_ssn_warning(serial))
        return f"***{sep}**{sep}{serial}"

    def labelled(match: re.Match[str]) -> str:
        digits = match.group(1)
        warnings.append(_ssn_warning(digits[-4:]))
        whole = match.group(0)
        return whole[: len(whole) - 9] + "*****" + digits[-4:]

    return _SSN_LABELLED.sub(labelled, _SSN_SPACED.sub(spaced, text))


def _mask_cards(text: str, warnings: list[str]) -> str:
    def card(match: re.Match[str]) -> str:
        candidate = match.group(0)
        digits = "".join(c for c in candidate if c.isdigit())
        if not luhn_valid(digits) or _in_phone_number(text, match.start()):
            return candidate
        warnings.append(_card_warning(digits[-4:]))
        return _mask_digits(candidate)

    return _CARD.sub(card, text)


def mask_sensitive(text: str) -> MaskResult:
    """Mask full SSNs and card numbers in `text`, keeping the last four digits (P8.2)."""
    warnings: list[str] = []
    if not _NINE_DIGITS.search(text):
        return MaskResult(text, ())
    masked = _mask_cards(_mask_ssns(text, warnings), warnings)
    return MaskResult(masked, tuple(warnings))


def mask_field(field: str, text: str, warnings: list[str]) -> str:
    """`text` masked, with one line per number naming the field the user typed it in:
    'notes: a social security number was masked (ending 6789): ...' (P8.2)."""
    result = mask_sensitive(text)
    warnings.extend(f"{field}: {w}" for w in result.warnings if f"{field}: {w}" not in warnings)
    return result.text


def spoken_masked(text: str) -> str:
    """A masked number as said aloud, never stars (P8.2): 'my SSN is the number ending 6789',
    'SSN ending 6789', 'card ending 1111'."""

    def say(match: re.Match[str]) -> str:
        label, last4 = match.groups()
        return f"{label} ending {last4}" if label else f"the number ending {last4}"

    return _MASKED.sub(say, text)


def mask_contact(contact: Contact, warnings: list[str]) -> Contact:
    """`contact` with every SSN and card number in its free text masked, one warning line
    per number naming the field ('notes: a social security number was masked ...', P8.2)."""

    def each(field: str, items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(mask_field(field, item, warnings) for item in items)

    met = contact.met
    texts = (contact.notes, contact.family_notes, met.event, met.place, met.circumstances)
    lists = (contact.interests, contact.avoid_topics, contact.tags)
    if not any(_NINE_DIGITS.search(t) for t in (*texts, *(i for items in lists for i in items))):
        return contact  # nothing to mask (most contacts): no copy
    return replace(
        contact,
        notes=mask_field("notes", contact.notes, warnings),
        family_notes=mask_field("family notes", contact.family_notes, warnings),
        met=replace(
            met,
            event=mask_field("where you met", met.event, warnings),
            place=mask_field("meeting place", met.place, warnings),
            circumstances=mask_field("how you met", met.circumstances, warnings),
        ),
        interests=each("interests", contact.interests),
        avoid_topics=each("topics to avoid", contact.avoid_topics),
        tags=each("tags", contact.tags),
    )
