"""Spans of time for courtesy: interval arithmetic on sorted, disjoint [start, end) ranges,
wall-clock plans of one local date, and their conversion to naive UTC across clock changes.

`courtesy` composes these into a contact's windows; nothing here knows a contact or a planner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal, TypeVar
from zoneinfo import ZoneInfo

from callwise.domain.settings import Settings
from callwise.domain.zones import wall_to_utc

Tag = Literal["preferred", "acceptable"]
Policy = Literal["personal", "business"]
Span = tuple[dt.datetime, dt.datetime, Tag]  # naive: in UTC, or in local wall-clock time
Range = tuple[dt.datetime, dt.datetime]
T = TypeVar("T", dt.time, dt.datetime)
UTC = dt.UTC
DAY = dt.timedelta(days=1)
HORIZON = 370  # days a next-window search looks ahead (stated hours may name one date a year)


def clip(ranges: Iterable[tuple[T, T]], low: T, high: T) -> list[tuple[T, T]]:
    """Ranges cut to [low, high), sorted, with overlaps merged (settings may overlap)."""
    merged: list[tuple[T, T]] = []
    for start, end in sorted(ranges):
        start, end = max(start, low), min(end, high)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            previous = merged.pop()
            start, end = previous[0], max(end, previous[1])
        merged.append((start, end))
    return merged


def subtract(ranges: Sequence[tuple[T, T]], cuts: Sequence[tuple[T, T]]) -> list[tuple[T, T]]:
    kept: list[tuple[T, T]] = []
    for start, end in ranges:
        for cut_start, cut_end in sorted(cuts):
            if cut_end <= start or cut_start >= end:
                continue
            if cut_start > start:
                kept.append((start, cut_start))
            start = max(start, cut_end)
        if start < end:
            kept.append((start, end))
    return kept


@lru_cache(maxsize=256)
def day_plan(
    policy: Policy, weekday: int, settings: Settings
) -> tuple[tuple[dt.time, dt.time, Tag], ...]:
    """Wall-clock ranges of one local date by policy: P3.1 preferences inside P3.2 quiet hours."""
    quiet = (settings.quiet_start, settings.quiet_end)
    if policy == "business":
        if weekday not in settings.business_days:
            return ()
        hours = subtract(clip(settings.business_hours, *quiet), settings.business_avoid)
        return tuple((a, b, "preferred") for a, b in hours)
    preferred = clip(settings.personal_windows, *quiet)
    tagged: list[tuple[dt.time, dt.time, Tag]] = [(a, b, "preferred") for a, b in preferred]
    tagged += [(a, b, "acceptable") for a, b in subtract([quiet], preferred)]
    return tuple(sorted(tagged))


def dates(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + i * DAY for i in range((last - first).days + 1)]


def on_day(day: dt.date, start: dt.time, end: dt.time) -> Range:
    return dt.datetime.combine(day, start), dt.datetime.combine(day, end)


@lru_cache(maxsize=1 << 15)
def _day_offset(zone: ZoneInfo, day: dt.date) -> dt.timedelta | None:
    """The UTC offset of a whole local date, or None when the clock changes that day."""
    ends = (dt.datetime.combine(day, dt.time()), dt.datetime.combine(day, dt.time.max))
    offsets = {e.replace(tzinfo=zone, fold=f).utcoffset() for e in ends for f in (0, 1)}
    return offsets.pop() if len(offsets) == 1 else None


def _naive_utc(wall: dt.datetime, zone: ZoneInfo, *, start: bool) -> dt.datetime:
    """`wall_to_utc` as a naive UTC datetime, with a fast path for days without a clock change."""
    offset = _day_offset(zone, wall.date())
    if offset is not None:
        return wall - offset
    return wall_to_utc(wall, zone, start=start).replace(tzinfo=None)


def to_utc(spans: Iterable[Span], zone: ZoneInfo) -> list[Span]:
    """Wall-clock ranges to naive UTC, merging ranges of one tag that now touch."""
    found: list[Span] = []
    for wall_start, wall_end, tag in spans:
        start, end = (
            _naive_utc(wall_start, zone, start=True),
            _naive_utc(wall_end, zone, start=False),
        )
        if start >= end:
            continue
        if found and found[-1][2] == tag and found[-1][1] >= start:
            start = found.pop()[0]
        found.append((start, end, tag))
    return found


def within(spans: Sequence[Span], ranges: Sequence[Range]) -> list[Span]:
    """Each tagged span cut to the ranges (both sorted and disjoint)."""
    found: list[Span] = []
    i = j = 0
    while i < len(spans) and j < len(ranges):
        start, end, tag = spans[i]
        low, high = max(start, ranges[j][0]), min(end, ranges[j][1])
        if low < high:
            found.append((low, high, tag))
        if end < ranges[j][1]:
            i += 1
        else:
            j += 1
    return found


@lru_cache(maxsize=4096)
def offset_changes(zone: str, after: dt.datetime) -> tuple[int, ...]:
    """Days k (1 to the horizon) whose UTC offset differs from day k-1, from `after` (naive UTC)."""
    tz, moment = ZoneInfo(zone), after.replace(tzinfo=UTC)
    offsets = [(moment + k * DAY).astimezone(tz).utcoffset() for k in range(HORIZON + 1)]
    return tuple(k for k in range(1, HORIZON + 1) if offsets[k] != offsets[k - 1])
