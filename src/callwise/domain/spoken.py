"""Numbers and the next call as a person says them on the phone (issue 14; P2.7, P6.1, P10.1).

- Your number in the form the listener dials: national when you and the contact share a
  country ("816 555 0100"), international otherwise ("+1 816 555 0100"), in groups of digits
  with spaces only, so it can be said slowly and written down (P2.7, P10.1).
- The next call as people propose it (P6.1): "next week", "later this month", "in a few
  weeks", "after the holidays", "in the new year", relative to the contact's own date; never
  on a public holiday of their country, never in the year-end stretch between Christmas and
  New Year where those are holidays, and within weeks when the call is an invitation (lunch
  is settled soon, not months away). The exact day is a separate value, said at most once.

The holidays arrive as a set of dates (services/holidays.py builds it from the `holidays`
package), so this module reads no calendar and no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import phonenumbers

from callwise.domain.model import Contact
from callwise.domain.phones import number_to_dial

_MONTH_FIRST = frozenset({"US", "CA", "PH"})  # 'December 3'; elsewhere '3 December'
_DAY = dt.timedelta(days=1)
INVITATION_DAYS = 14  # an invitation proposes its next call within this many days
_FESTIVE_START = (12, 24)  # the year-end stretch, where Christmas and New Year are holidays
_AFTER_FESTIVE_DAYS = 14  # 'after the holidays' up to this day of January


# Numbers (P2.7, P10.1).


def _parsed(number: str) -> phonenumbers.PhoneNumber | None:
    try:
        parsed = phonenumbers.parse(number.strip(), None)
    except phonenumbers.NumberParseException:
        return None
    return parsed if phonenumbers.is_possible_number(parsed) else None


def number_country(number: str) -> str:
    """The two-letter region of an E.164 number ('US' for +1 816 ...), or ''."""
    parsed = _parsed(number)
    region = phonenumbers.region_code_for_number(parsed) if parsed else None
    return region if region and region != "ZZ" else ""


def listener_country(contact: Contact) -> str:
    """The contact's country: the one on the card, else their number's."""
    country = contact.country.strip().upper()
    if len(country) == 2:
        return country
    return number_country(number_to_dial(contact))


def spoken_number(number: str, listener: str) -> str:
    """`number` (E.164) as said to someone in `listener`'s country: national format when both
    are in one country, international otherwise, digits grouped by spaces only. A number that
    cannot be read is returned as written."""
    parsed = _parsed(number)
    if parsed is None:
        return " ".join(number.split())
    same = bool(listener) and number_country(number) == listener.upper()
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if same
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    text = str(phonenumbers.format_number(parsed, style))
    for mark in "-()./":
        text = text.replace(mark, " ")
    return " ".join(text.split())


# The next call (P6.1).


def _festive(year: int, holidays: Collection[dt.date]) -> bool:
    """Whether the stretch from 24 December `year` to 1 January is a holiday season for the
    contact: their country keeps Christmas or New Year's Day."""
    return dt.date(year, 12, 25) in holidays or dt.date(year + 1, 1, 1) in holidays


def _in_festive(day: dt.date, holidays: Collection[dt.date]) -> bool:
    year = day.year if day.month == 12 else day.year - 1
    start = dt.date(year, *_FESTIVE_START)
    return start <= day <= dt.date(year + 1, 1, 1) and _festive(year, holidays)


def _working_day(day: dt.date, holidays: Collection[dt.date], weekend: bool) -> dt.date:
    """The first day from `day` that is no holiday (nor a weekend day, unless `weekend`)."""
    while day in holidays or (not weekend and day.weekday() >= 5):
        day += _DAY
    return day


def proposed_day(
    day: dt.date, today: dt.date, holidays: Collection[dt.date], *, invitation: bool = False
) -> dt.date:
    """The day to propose for the next call, from the planned `day` (P6.1): an invitation's
    within weeks (a week from today when the plan says later); never a public holiday; past
    the year-end holidays when it falls among them."""
    if invitation and (day - today).days > INVITATION_DAYS:
        day = today + 7 * _DAY
    day = max(day, today + _DAY)
    weekend = day.weekday() >= 5
    if _in_festive(day, holidays):
        day = dt.date(day.year + (day.month == 12), 1, 2)
        weekend = False
    return _working_day(day, holidays, weekend)


def _after_festive(day: dt.date, today: dt.date, holidays: Collection[dt.date]) -> bool:
    """`day` falls early in January, and the year-end holidays lie between today and it."""
    if day.month != 1 or day.day > _AFTER_FESTIVE_DAYS or not 0 < (day - today).days <= 60:
        return False
    start = dt.date(day.year - 1, *_FESTIVE_START)
    return today <= start + 8 * _DAY and _festive(day.year - 1, holidays)


def _weeks_apart(day: dt.date, today: dt.date) -> int:
    """Calendar weeks (Monday to Sunday) between today's week and the day's."""
    return ((day - day.weekday() * _DAY) - (today - today.weekday() * _DAY)).days // 7


def _months_apart(day: dt.date, today: dt.date) -> int:
    return (day.year - today.year) * 12 + day.month - today.month


def when_phrase(day: dt.date, today: dt.date, holidays: Collection[dt.date]) -> str:
    """When the next call is, as people say it: 'tomorrow', 'later this week', 'next week',
    'later this month', 'before the holidays', 'after the holidays', 'in a few weeks',
    'next month', 'in the new year', 'in March' (P6.1). No exact date."""
    ahead = (day - today).days
    if ahead <= 0:
        return "today"
    if ahead == 1:
        return "tomorrow"
    if _after_festive(day, today, holidays):
        return "after the holidays"
    weeks, months = _weeks_apart(day, today), _months_apart(day, today)
    if weeks == 0:
        return "later this week"
    if weeks == 1:
        return "next week"
    if months == 0:
        festive_ahead = day.month == 12 and _festive(day.year, holidays)
        return "before the holidays" if festive_ahead else "later this month"
    if day.year > today.year and day.month <= 2 and today.month >= 11:
        return "in the new year"
    if ahead <= 24:
        return "in a couple of weeks"
    if ahead <= 45:
        return "in a few weeks"
    if months == 1:
        return "next month"
    return f"in {day:%B}"


def said_day(day: dt.date, today: dt.date, country: str) -> str:
    """The exact day, to say once: 'Thursday' within the week, else 'Tuesday, March 2' in North
    America and the Philippines, 'Tuesday 2 March' elsewhere; the year only when it is near a
    year away (nobody says the year of a date three months on)."""
    ahead = (day - today).days
    if 0 < ahead <= 6:
        return f"{day:%A}"
    if country.upper() in _MONTH_FIRST:
        text = f"{day:%A}, {day:%B} {day.day}"
    else:
        text = f"{day:%A} {day.day} {day:%B}"
    return f"{text} {day.year}" if ahead > 300 else text
