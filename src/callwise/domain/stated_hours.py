"""Hours a contact has stated, which win over the default preferences (P3.3).

The canonical form is OpenStreetMap `opening_hours` syntax ("Mo-Fr 18:00-20:00"), read by
the `opening_hours` module. People rarely write that, so a small set of plain phrases is
translated to it first:

- days: "weekdays" (Mo-Fr), "weekends" (Sa,Su), "daily" / "every day", day names and their
  plurals or abbreviations ("mondays", "tue"), ranges ("mon-fri", "monday to friday");
- parts of the day: "mornings" 09:00-12:00, "lunchtime" 12:00-13:30, "afternoons"
  12:00-17:00, "evenings" 18:00-21:00, "office hours" / "business hours" 09:00-17:00;
- times: "9-5", "9am-5pm", "6-8pm", "between 6 and 8pm", "18:00-20:00"; a bare hour 1-7
  means the afternoon ("1-3" is 13:00-15:00; "9-5" is 09:00-17:00);
- "after 6pm" runs to 21:00, or two hours when later ("after 8pm" is 20:00-22:00);
  "before noon" starts at 08:00, or two hours before when earlier ("before 8am" is 06:00-08:00).

Days and times combine ("weekday evenings", "weekends after 10am"); ";" or a new group of
days starts another rule ("weekday evenings, weekends" is two). Days without any time mean
09:00-21:00 when other rules give times; a text that names no time of day at all (phrase or
OSM) is `all_day` and the courtesy engine keeps its quiet hours on those days (P3.2).
Words that negate ("not", "except", "never") are not understood: say it in OSM syntax ("off").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import opening_hours

from callwise.domain.contact_input import days_text
from callwise.domain.errors import ValidationError

NaiveRange = tuple[dt.datetime, dt.datetime]
_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_PERIODS = {
    "morning": (540, 720),
    "lunch": (720, 810),
    "afternoon": (720, 1020),
    "evening": (1080, 1260),
    "office": (540, 1020),
    "business": (540, 1020),
    "working": (540, 1020),
}
_DAYTIME = (540, 1260)
_TIME = r"(?:\d{1,2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|noon|midday|midnight)(?![\w:])"
_DAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?|mo|tu|we|th|fr|sa|su)s?(?![a-z])"
)
_TOKEN = re.compile(
    rf"""
    (?P<sep>;)
    |(?:between\s+|from\s+)?(?P<r1>{_TIME})\s*(?:-|to|until|till|and)\s*(?P<r2>{_TIME})
    |(?:after|from|past)\s+(?P<after>{_TIME})
    |(?:before|until|till|by)\s+(?P<before>{_TIME})
    |(?P<d1>{_DAY})\s*(?:-|to|through|thru|till|until)\s*(?P<d2>{_DAY})
    |(?P<day>{_DAY})
    |(?P<group>week\s*days?|work\s*days?|week\s*ends?|daily|every\s*day|any\s*day|all\s*week)
        (?![a-z])
    |(?P<period>(?:in\s+the\s+)?(?:mornings?|afternoons?|evenings?|lunch(?:\s*time)?
        |(?:office|business|working)\s+hours))(?![a-z])
    |(?P<filler>only|on|at|in|the|during|please|call|calls|me|us|is|are|best|ok|okay|fine
        |good|time|times|and|or|any|around|usually|preferably)(?![a-z])
    """,
    re.VERBOSE,
)
_SKIP = re.compile(r"[\s,.!/&]+")
_PARSER_ERRORS: tuple[type[Exception], ...] = (
    SyntaxError,
    ValueError,
    getattr(opening_hours, "ParserError", SyntaxError),  # raised, but missing from the stubs
)


class StatedHoursError(ValidationError):
    """Stated hours that cannot be read; `position` is the 1-based column of the problem."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message, field="availability")
        self.position = position


@dataclass(frozen=True, slots=True)
class StatedHours:
    """A contact's stated hours in canonical OSM form; compared by meaning, not wording (P3.3)."""

    osm: str
    text: str = field(default="", compare=False)

    @property
    def all_day(self) -> bool:
        """True when no time of day is given ("Sa,Su"): quiet hours still apply then (P3.2)."""
        return not re.search(r"\d:\d|24/7|sunrise|sunset|dawn|dusk", self.osm)

    @property
    def weekly(self) -> bool:
        """True when the hours repeat every week: no dates, months, years or holidays."""
        months = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
        return not re.search(rf"\b(?:{months}|PH|SH|easter)\b|week|\d{{4}}|\[", self.osm)

    def open_intervals(self, start: dt.datetime, end: dt.datetime) -> list[NaiveRange]:
        """Open intervals between two naive local datetimes, clipped to [start, end) (P3.3)."""
        if start.tzinfo is not None or end.tzinfo is not None:
            raise ValueError("stated hours are read in local wall-clock time: pass naive datetimes")
        if end <= start:
            return []
        spans: list[NaiveRange] = []
        for begin, finish, state, _comment in _compiled(self.osm).intervals(start, end):
            if state != opening_hours.State.OPEN:
                continue
            begin, finish = max(begin, start), min(finish or end, end)
            if spans and spans[-1][1] == begin:
                begin = spans.pop()[0]
            if begin < finish:
                spans.append((begin, finish))
        return spans

    def is_open(self, at: dt.datetime) -> bool:
        """Whether a naive local datetime falls inside the stated hours (P3.3)."""
        if at.tzinfo is not None:
            raise ValueError(
                "stated hours are read in local wall-clock time: pass a naive datetime"
            )
        return bool(_compiled(self.osm).is_open(at))

    def __str__(self) -> str:
        return self.osm


@lru_cache(maxsize=4096)
def _compiled(osm: str) -> opening_hours.OpeningHours:
    return opening_hours.OpeningHours(osm, max_interval_days=400)


@lru_cache(maxsize=4096)
def parse_stated_hours(text: str) -> StatedHours:
    """Read OSM opening_hours or a plain phrase (see the module docstring) (P3.3)."""
    raw = text.strip()
    if not raw:
        raise StatedHoursError("no hours given; write e.g. 'Mo-Fr 18:00-20:00'", 1)
    osm_error = _osm_error(raw)
    if osm_error is None:
        return StatedHours(str(_compiled(raw).normalize()), raw)
    phrase = _phrase_to_osm(raw)
    if isinstance(phrase, str) and _osm_error(phrase) is None:
        return StatedHours(str(_compiled(phrase).normalize()), raw)
    offset = len(text) - len(text.lstrip())
    position = offset + max(osm_error, phrase if isinstance(phrase, int) else 1)
    raise StatedHoursError(_explain(text, position), position)


def _osm_error(osm: str) -> int | None:
    """None when `osm` parses; else the 1-based column where the parser stopped."""
    try:
        _compiled(osm)
    except _PARSER_ERRORS as exc:
        found = re.search(r"-->\s*\d+:(\d+)", str(exc))
        return int(found.group(1)) if found else 1
    return None


def _explain(text: str, position: int) -> str:
    rest = text[position - 1 :][:20]
    return (
        f"cannot read the hours {text!r} at position {position} ({rest!r}); write OpenStreetMap "
        "opening hours such as 'Mo-Fr 18:00-20:00', or a phrase such as 'weekday evenings', "
        "'weekends after 10am' or 'before noon'"
    )


@dataclass(slots=True)
class _Rule:
    days: set[int] = field(default_factory=set)
    times: list[tuple[int, int]] = field(default_factory=list)


def _phrase_to_osm(raw: str) -> str | int:
    """The OSM form of a plain phrase, or the 1-based position of the first word not understood."""
    text, rules, position = raw.lower(), [_Rule()], 0
    while True:
        skipped = _SKIP.match(text, position)
        position = skipped.end() if skipped else position
        if position >= len(text):
            break
        match = _TOKEN.match(text, position)
        if match is None:
            return position + 1
        try:
            _apply(match, rules)
        except ValueError:
            return position + 1
        position = match.end()
    return _render([r for r in rules if r.days or r.times]) or 1


def _apply(match: re.Match[str], rules: list[_Rule]) -> None:
    """Add one token's meaning to the rule being built, or start a new rule."""
    token = match.lastgroup or ""
    rule = rules[-1]
    if token in ("sep",) and (rule.days or rule.times):
        rules.append(_Rule())
    elif token in ("d2", "day", "group"):
        days = _days(match)
        if rule.days and rule.times:
            rules.append(_Rule(days=days))
        else:
            rule.days |= days
    elif token in ("r2", "after", "before", "period"):
        rule.times.append(_times(match))


def _days(match: re.Match[str]) -> set[int]:
    if match.group("group"):
        word = re.sub(r"\s+", "", match.group("group")).rstrip("s")
        return {"weekday": {0, 1, 2, 3, 4}, "workday": {0, 1, 2, 3, 4}, "weekend": {5, 6}}.get(
            word, set(range(7))
        )
    if match.group("day"):
        return {_day_number(match.group("day"))}
    first, last = _day_number(match.group("d1")), _day_number(match.group("d2"))
    return {(first + i) % 7 for i in range((last - first) % 7 + 1)}


def _day_number(word: str) -> int:
    return [d.lower() for d in _DAYS].index(word[:2])


def _times(match: re.Match[str]) -> tuple[int, int]:
    """Minutes since midnight (start, end) of a range, an after/before or a part of the day."""
    if match.group("period"):
        words = match.group("period").split()
        key = next(k for k in _PERIODS if any(w.startswith(k) for w in words))
        return _PERIODS[key]
    if match.group("after"):
        start = _clock(match.group("after"), end=False)
        return start, min(max(_DAYTIME[1], start + 120), 1440)
    if match.group("before"):
        end = _clock(match.group("before"), end=True)
        return max(min(_DAYTIME[0] - 60, end - 120), 0), end
    first, last = match.group("r1"), match.group("r2")
    end = _clock(last, end=True)
    start = _clock(first, end=False)
    suffix = re.search(r"([ap])\.?m", last)
    if suffix and not re.search(r"[ap]\.?m", first):
        with contextlib.suppress(ValueError):
            shared = _clock(f"{first}{suffix.group(1)}m", end=False)
            start = shared if shared < end else start
    if end <= start < end + 720 and end < 720 and not suffix and ":" not in last:
        end += 720
    return start, end


def _clock(word: str, *, end: bool) -> int:
    """Minutes since midnight; a bare hour 1-7 is in the afternoon; midnight ends at 24:00."""
    word = word.replace(".", "").replace(" ", "")
    named = {"noon": 720, "midday": 720, "midnight": 1440 if end else 0}
    if word in named:
        return named[word]
    found = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(am|pm)?", word)
    if found is None:
        raise ValueError(word)
    hour, minute, suffix = int(found.group(1)), int(found.group(2) or 0), found.group(3)
    if minute > 59 or hour > 24 or (suffix and not 1 <= hour <= 12) or (hour == 24 and minute):
        raise ValueError(word)
    if suffix:
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif 1 <= hour <= 7 and not found.group(1).startswith("0"):
        hour += 12
    return hour * 60 + minute


def _render(rules: list[_Rule]) -> str:
    any_times = any(r.times for r in rules)
    parts = []
    for rule in rules:
        times = rule.times or ([_DAYTIME] if any_times else [])
        spans = ",".join(f"{_hhmm(a)}-{_hhmm(b)}" for a, b in times)
        parts.append(" ".join(p for p in (_day_list(rule.days), spans) if p))
    return ", ".join(parts)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _day_list(days: set[int]) -> str:
    """{0,1,2,3,4,6} -> 'Mo-Fr,Su'; all seven days -> '' (every day)."""
    if len(days) == 7:
        return ""
    return days_text(frozenset(days))
