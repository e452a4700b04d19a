"""The user's settings: who they are, when they can call, and the courtesy policy (P3).

Stored as text key/value pairs in the database so the CLI and the web app share them;
each key has one parser that names the accepted form when a value is rejected.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from callwise.domain import contact_input as ci
from callwise.domain.errors import ValidationError
from callwise.domain.phones import is_region, normalise_number
from callwise.domain.places import normalise_zone

TimeRange = ci.TimeRange
MAX_NUMBER = 36_500  # budgets and cadences: a hundred years of days is already absurd


def parse_time(text: str, field: str) -> dt.time:
    """'14:30', '9am', '2:30 pm' -> a time (read by domain/contact_input.py, like every input)."""
    return ci.clock_time(text, field)


def parse_ranges(text: str, field: str) -> tuple[TimeRange, ...]:
    """'14:00-16:30, 17:30-19:30' or '9am-5pm' -> the ranges; each start before its end."""
    return ci.time_ranges(text, field)


def format_ranges(ranges: tuple[TimeRange, ...]) -> str:
    return ci.ranges_text(ranges)


def parse_days(text: str, field: str) -> frozenset[int]:
    """'Mo-Fr', 'Mon-Fri', 'weekdays' or 'Mo,We,Fr' -> weekday numbers (Monday is 0)."""
    return ci.week_days(text, field)


def _positive_int(text: str, field: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise ValidationError(f"{text!r} is not a whole number above 0", field=field)
    if value > MAX_NUMBER:
        raise ValidationError(f"{text!r} is too large; give at most {MAX_NUMBER}", field=field)
    return value


def _optional_cadence(text: str, field: str) -> int | None:
    if text.strip().lower() in ("", "none", "0"):
        return None
    return _positive_int(text, field)


def _bool(text: str, field: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValidationError(f"{text!r} is not yes or no", field=field)


def _region(text: str, field: str) -> str:
    if not is_region(text.strip()):
        raise ValidationError(
            f"{text!r} is not a phone region; use a two-letter country code such as US or GB",
            field=field,
        )
    return text.strip().upper()


def _phone(text: str, field: str) -> str:
    """Stored already normalised by `check_setting`, in the user's region."""
    return text.strip()


def _zone(text: str, field: str) -> str:
    zone = normalise_zone(text, field=field)
    if not zone:
        raise ValidationError(
            "a time zone is needed; use an IANA name such as America/Chicago", field=field
        )
    return zone


def _text(text: str, field: str) -> str:
    return text.strip()


_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST_NAME = re.compile(rf"^(?=.{{1,253}}$)(?:{_LABEL}\.)*{_LABEL}$")


def normalise_host(text: str) -> str:
    """A host name or IP address as the `Host` header carries it: lower case, no trailing dot,
    IPv6 in brackets. Empty when `text` is neither."""
    host = text.strip().lower().rstrip(".")
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host if _HOST_NAME.match(host) else ""
    return f"[{address}]" if address.version == 6 else str(address)


def parse_hosts(text: str, field: str) -> tuple[str, ...]:
    """'crm.example.org, 192.168.1.20' -> the host names and addresses the web app answers to
    beyond loopback (no scheme, port or path: those are not part of a host)."""
    hosts: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        host = normalise_host(part)
        if not host:
            raise ValidationError(
                f"{part!r} is not a host name or IP address; write names such as "
                "crm.example.org or 192.168.1.20, separated by commas (no https://, port or path)",
                field=field,
            )
        if host not in hosts:
            hosts.append(host)
    return tuple(hosts)


@dataclass(frozen=True, slots=True)
class SettingSpec:
    key: str
    default: str
    parse: Callable[[str, str], Any]
    help: str


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("user_name", "", _text, "Your name, as you say it on the phone (P2.1, P2.7)."),
    SettingSpec("user_phone", "", _phone, "Your phone number, said in keep-in-touch calls (P2.7)."),
    SettingSpec("home_zone", "America/Chicago", _zone, "Your own IANA time zone."),
    SettingSpec("default_region", "US", _region, "Region for numbers written without +code."),
    SettingSpec("calling_hours", "09:00-19:30", parse_ranges, "When you can call, your time."),
    SettingSpec("calling_days", "Mo-Sa", parse_days, "The days you make calls."),
    SettingSpec("quiet_start", "08:00", parse_time, "No calls before this, their time (P3.2)."),
    SettingSpec("quiet_end", "21:00", parse_time, "No calls after this, their time (P3.2)."),
    SettingSpec(
        "personal_windows",
        "14:00-16:30, 17:30-19:30",
        parse_ranges,
        "Preferred hours for personal and informal contacts, their time (P3.1).",
    ),
    SettingSpec(
        "business_hours",
        "09:00-17:00",
        parse_ranges,
        "Working hours of business contacts, their time (P3.1).",
    ),
    SettingSpec("business_days", "Mo-Fr", parse_days, "Working days of business contacts."),
    SettingSpec(
        "business_avoid",
        "09:00-09:30, 12:00-13:00",
        parse_ranges,
        "Business hours to avoid: the first half hour and lunch.",
    ),
    SettingSpec(
        "personal_calls_on_holidays",
        "yes",
        _bool,
        "Whether personal calls are fine on public holidays (business calls never are).",
    ),
    SettingSpec("daily_calls", "8", _positive_int, "How many calls a day the plan schedules."),
    SettingSpec("daily_minutes", "60", _positive_int, "How many minutes of calls a day."),
    SettingSpec(
        "cadence_business",
        "90",
        _optional_cadence,
        "Default keep-in-touch days for business contacts (none for no default).",
    ),
    SettingSpec("cadence_personal", "30", _optional_cadence, "Default days for personal contacts."),
    SettingSpec("cadence_informal", "60", _optional_cadence, "Default days for informal contacts."),
    SettingSpec(
        "cadence_organization", "none", _optional_cadence, "Default days for organizations."
    ),
    SettingSpec(
        "web_login",
        "off",
        _bool,
        "Ask for a password in the web app; needed to serve beyond this computer "
        "(set one with `callwise settings password`).",
    ),
    SettingSpec(
        "web_hosts",
        "",
        parse_hosts,
        "Host names or addresses the web app answers to beyond this computer, comma-separated "
        "(used with the login on; restart `callwise serve` after changing).",
    ),
)
SPEC_BY_KEY = {spec.key: spec for spec in SPECS}


@dataclass(frozen=True, slots=True)
class Settings:
    """Parsed settings; build with `Settings.from_texts`."""

    user_name: str
    user_phone: str
    home_zone: str
    default_region: str
    calling_hours: tuple[TimeRange, ...]
    calling_days: frozenset[int]
    quiet_start: dt.time
    quiet_end: dt.time
    personal_windows: tuple[TimeRange, ...]
    business_hours: tuple[TimeRange, ...]
    business_days: frozenset[int]
    business_avoid: tuple[TimeRange, ...]
    personal_calls_on_holidays: bool
    daily_calls: int
    daily_minutes: int
    cadence_business: int | None
    cadence_personal: int | None
    cadence_informal: int | None
    cadence_organization: int | None
    web_login: bool
    web_hosts: tuple[str, ...]

    @classmethod
    def from_texts(cls, texts: Mapping[str, str]) -> Settings:
        """Parse stored texts, falling back to defaults for keys never set."""
        values = {
            spec.key: spec.parse(texts.get(spec.key, spec.default), spec.key) for spec in SPECS
        }
        return cls(**values)

    @classmethod
    def defaults(cls) -> Settings:
        return cls.from_texts({})


def check_setting(key: str, value: str, region: str = "US") -> str:
    """Validate one `settings set KEY VALUE`; return the text to store.

    Your own phone is read in your default `region` when written without a country code.
    """
    spec = SPEC_BY_KEY.get(key)
    if spec is None:
        known = ", ".join(SPEC_BY_KEY)
        raise ValidationError(f"unknown setting {key!r}; known settings: {known}", field="key")
    if key == "user_phone":
        return normalise_number(value, region, field=key) if value.strip() else ""
    parsed = spec.parse(value, key)
    if spec.parse is parse_ranges:  # stored in one form, whatever form was typed
        return format_ranges(parsed)
    if spec.parse is parse_days:
        return ci.days_text(parsed)
    if spec.parse is parse_time:
        return f"{parsed:%H:%M}"
    return value.strip()


assert {f.name for f in fields(Settings)} == set(SPEC_BY_KEY)
