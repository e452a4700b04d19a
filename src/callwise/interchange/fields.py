"""Values every address-book format spells its own way: dates, labels, relations, web links.

One place decides what `Mobile`, `_$!<Mobile>!$_`, `TYPE=CELL` and `* Mobile` mean, so the
vCard and CSV readers agree and the writers produce what the readers take back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from callwise.domain.errors import ValidationError
from callwise.domain.model import PartialDate
from callwise.domain.places import country_name, normalise_country

# Apple writes a year it does not know as 1604 (a leap year before any living person);
# Outlook and some Android builds use year 0000 for the same.
NO_YEAR_MARKERS = frozenset({0, 1604})

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_YEARLESS = re.compile(r"--(\d{2})-?(\d{2})")
_ISO = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_NAMED_MONTH = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})[ ,-]+(\d{2}|\d{4})")
_DATE_TIME = re.compile(r"(\d{4}-?\d{2}-?\d{2})T[\d:.]*(Z|[+-][\d:]+)?")


def _full_year(year: str) -> int:
    """Two-digit years (Outlook `4/15/85`, LinkedIn `7-Feb-22`) pivot at 30."""
    number = int(year)
    if len(year) == 2:
        return 2000 + number if number < 30 else 1900 + number
    return number


def _date_parts(text: str) -> tuple[int | None, int, int] | None:
    """(year, month, day) from the date forms address books write, or None for 'no date'."""
    raw = text.strip()
    if match := _DATE_TIME.fullmatch(raw):  # Google and Outlook write BDAY as a date-time
        raw = match[1]
    if match := _YEARLESS.fullmatch(raw):
        return None, int(match[1]), int(match[2])
    if match := _ISO.fullmatch(raw):
        return int(match[1]), int(match[2]), int(match[3])
    if match := _SLASHED.fullmatch(raw):
        month, day = int(match[1]), int(match[2])
        if month == day == 0:  # Outlook's `0/0/00`: no date
            return None
        return _full_year(match[3]), month, day
    if (match := _NAMED_MONTH.fullmatch(raw)) and match[2].casefold() in _MONTHS:
        return _full_year(match[3]), _MONTHS[match[2].casefold()], int(match[1])
    raise ValidationError(
        f"{text.strip()!r} is not a date; expected YYYY-MM-DD, --MM-DD, M/D/YYYY or 15 Mar 2024",
        field="date",
    )


def parse_partial_date(text: str, *, omit_year: int | None = None) -> PartialDate | None:
    """A birthday or anniversary; years 1604, 0000 and Apple's X-APPLE-OMIT-YEAR mean unknown.

    RFC 6350 section 4.3.1 writes a yearless date `--MMDD`; Apple's vCard 3.0 writes
    `1604-MM-DD` with `X-APPLE-OMIT-YEAR=1604`. Empty text is None; nonsense raises.
    """
    if not text.strip():
        return None
    parts = _date_parts(text)
    if parts is None:
        return None
    year, month, day = parts
    if year is not None and (year in NO_YEAR_MARKERS or year == omit_year):
        year = None
    try:
        return PartialDate(month, day, year)
    except ValidationError as exc:
        raise ValidationError(f"{text.strip()!r}: {exc.message}", field="date") from None


def parse_full_date(text: str) -> dt.date | None:
    """A date with its year (LinkedIn's `Connected On`); empty is None, anything else raises."""
    partial = parse_partial_date(text)
    if partial is None:
        return None
    if partial.year is None:
        raise ValidationError(f"{text.strip()!r} has no year", field="date")
    return dt.date(partial.year, partial.month, partial.day)


def clean_label(text: str) -> str:
    """Strip Apple's `_$!<Mobile>!$_` wrapper and Google's `* ` mark of the primary value."""
    label = text.strip()
    if label.startswith("_$!<") and label.endswith(">!$_"):
        label = label[4:-4]
    return label.removeprefix("* ").strip()


# Phone labels in the order they win when a number carries several (TYPE=WORK,CELL is mobile).
_PHONE_WORDS = (
    ("assistant", ("assistant", "secretary")),
    ("fax", ("fax",)),
    ("pager", ("pager", "beeper")),
    ("mobile", ("cell", "mobile", "iphone", "cellular", "handy")),
    ("main", ("main", "company", "primary")),
    ("work", ("work", "business", "office")),
    ("home", ("home",)),
    ("other", ("other", "voice", "google voice", "car", "callback", "isdn", "radio", "telex")),
)
_PHONE_NOISE = frozenset({"pref", "voice", "text", "msg", "video", "internet", "tel", "textphone"})


def phone_label(tokens: Iterable[str]) -> tuple[str, str]:
    """The callwise label for a number's type tokens, and the custom label it replaced ('')."""
    written = [clean_label(t) for t in tokens if clean_label(t)]
    words = [w.casefold() for w in written]
    for label, keys in _PHONE_WORDS:
        if any(key in word for word in words for key in keys):
            return label, ""
    custom = next((w for w in written if w.casefold() not in _PHONE_NOISE), "")
    return "other", custom


_EMAIL_STANDARD = frozenset({"home", "work", "other"})
_EMAIL_NOISE = frozenset({"internet", "pref", "x400", "smtp", "ex", "aol", "applelink"})


def email_label(tokens: Iterable[str]) -> str:
    """`home`, `work`, `other`, a custom label as written, or '' when nothing says which."""
    for token in tokens:
        label = clean_label(token)
        if label.casefold() in _EMAIL_STANDARD:
            return label.casefold()
        if label and label.casefold() not in _EMAIL_NOISE:
            return label
    return ""


def written_email_label(label: str) -> str:
    """How Google spells an email label: `work` -> `Work`; custom labels as they are."""
    return label.capitalize() if label in _EMAIL_STANDARD else label


_DATE_STANDARD = frozenset({"anniversary", "other"})


def written_date_label(label: str) -> str:
    """How Google spells an occasion: `anniversary` -> `Anniversary`; custom ones as they are."""
    return label.capitalize() if label in _DATE_STANDARD else label


def date_label(text: str) -> str:
    """An occasion's label: `_$!<Anniversary>!$_` -> `anniversary`; custom labels as written."""
    label = clean_label(text)
    return label.casefold() if label.casefold() in _DATE_STANDARD else label


FAMILY_RELATIONS = frozenset(
    {
        "spouse", "husband", "wife", "partner", "domestic partner", "child", "children", "son",
        "daughter", "parent", "mother", "father", "sibling", "brother", "sister", "relative",
        "kin", "grandparent", "grandmother", "grandfather", "grandchild", "stepchild",
    }
)  # fmt: skip
GATEKEEPER_ROLES = frozenset(
    {"assistant", "secretary", "receptionist", "personal assistant", "executive assistant"}
)


def relation_label(text: str) -> str:
    """`_$!<Spouse>!$_`, `spouse` or `Spouse` -> `Spouse`; custom labels keep their spelling."""
    label = clean_label(text)
    return label[:1].upper() + label[1:] if label.islower() else label


def is_family(label: str) -> bool:
    return clean_label(label).casefold() in FAMILY_RELATIONS


def gatekeeper_role(label: str) -> str:
    """The gatekeeper role a relation label names (P2.3), or '' when it names none."""
    role = clean_label(label).casefold()
    return role if role in GATEKEEPER_ROLES else ""


_RELATION_LINE = re.compile(r"([^:\n]{1,40}): (\S(?:.*\S)?)")


def family_relations(family_notes: str) -> list[tuple[str, str]] | None:
    """Family notes as (label, name) pairs when every line is `Label: Name` of a family tie.

    Writers emit such notes as relations (X-ABRELATEDNAMES, Google's Relation N) that the
    readers turn back into the same lines; any other text is written as it is.
    """
    pairs: list[tuple[str, str]] = []
    for line in family_notes.split("\n"):
        match = _RELATION_LINE.fullmatch(line)
        if match is None or not is_family(match[1]) or relation_label(match[1]) != match[1]:
            return None
        pairs.append((match[1], match[2]))
    return pairs or None


def is_linkedin_profile(url: str) -> bool:
    """True for a LinkedIn member profile address (`linkedin.com/in/...`)."""
    return "linkedin.com/in/" in url.casefold()


SYSTEM_GROUPS = frozenset({"mycontacts", "my contacts", "starred"})


def user_tags(labels: Iterable[str]) -> list[str]:
    """Google labels as tags, without the system ones (`* myContacts`, `myContacts`, `starred`).

    Google marks its own groups with `* ` in CSV (`* myContacts`, legacy `* Friends`).
    """
    tags: list[str] = []
    for label in labels:
        text = label.strip().removeprefix("* ").strip()
        if text and text.casefold() not in SYSTEM_GROUPS:
            tags.append(text)
    return tags


def same_name(written: str, *candidates: str, any_order: bool = False) -> bool:
    """True when a written full name says no more than one of the names we already have.

    Case and spacing never count; with `any_order` neither do word order and commas, for
    sort names such as Google's `File As` (`Doe, Jane`).
    """

    def words(text: str) -> list[str]:
        cleaned = text.replace(",", " ") if any_order else text
        found = cleaned.casefold().split()
        return sorted(found) if any_order else found

    if not written.strip():
        return True
    return any(words(written) == words(candidate) for candidate in candidates)


def export_country(code: str) -> str:
    """A country's English name for other address books, when it reads back as the same code."""
    name = country_name(code) if code else ""
    try:
        return name if name and normalise_country(name) == code else code
    except ValidationError:
        return code


def yes_no(text: str) -> bool:
    """A callwise flag as our exports write it: 'yes' (or 'true', '1'); anything else is no."""
    return text.strip().casefold() in ("yes", "true", "1")
