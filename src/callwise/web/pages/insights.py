"""Insights: calls per week and contacts going cold, drawn on the server as inline SVG with the
numbers beside them as tables (issue 7). No chart library and nothing downloaded: the service
gives the numbers (services.insights), this module turns them into shapes."""

from __future__ import annotations

import math
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from callwise.services.insights import Band, ColdContact, Insights, WeekCalls, insights
from callwise.web.deps import AppDep, render
from callwise.web.pages.call import day

router = APIRouter()

WIDTH = 400  # every chart's viewBox width; the page scales it to the screen
WEEK_HEIGHT = 220
WEEK_PLOT = (34, 12, 8, 30)  # left, top, right, bottom margins
ROW = 36  # one contact going cold: name line and bar
LABEL_ROOM = 70  # right of the longest bar, for "123 d"


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class WeekBar:
    week: WeekCalls
    label: str
    reached: Rect
    missed: Rect
    show_label: bool
    x_mid: float


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class WeekChart:
    bars: tuple[WeekBar, ...]
    ticks: tuple[Tick, ...]
    base: float
    left: float
    right: float
    height: int
    summary: str


def nice_top(largest: int) -> tuple[int, int]:
    """A round top for the scale and its step (at most 4 steps): 7 -> (8, 2), 130 -> (150, 50)."""
    if largest <= 4:
        return 4, 1
    rough = largest / 4
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)
    step = max(1, int(step))
    return step * math.ceil(largest / step), step


def week_chart(data: Insights) -> WeekChart:
    """Stacked bars: reached at the bottom, not reached on top (one per week)."""
    left, top, right, bottom = WEEK_PLOT
    base, plot_w = WEEK_HEIGHT - bottom, WIDTH - left - right
    top_value, step = nice_top(max((w.total for w in data.weeks), default=0))
    scale = (base - top) / top_value
    slot = plot_w / max(1, len(data.weeks))
    bars = []
    for i, week in enumerate(data.weeks):
        x = left + i * slot + slot * 0.15
        reached_h, missed_h = week.reached * scale, week.not_reached * scale
        bars.append(
            WeekBar(
                week,
                f"{week.start.day} {week.start:%b}",
                Rect(x, base - reached_h, slot * 0.7, reached_h),
                Rect(x, base - reached_h - missed_h, slot * 0.7, missed_h),
                (len(data.weeks) - 1 - i) % 2 == 0,
                left + (i + 0.5) * slot,
            )
        )
    ticks = tuple(Tick(v, base - v * scale) for v in range(0, top_value + 1, step))
    summary = (
        f"Calls per week for the last {len(data.weeks)} weeks: {data.calls} calls, "
        f"{data.reached} of them reached the person."
    )
    return WeekChart(tuple(bars), ticks, base, left, WIDTH - right, WEEK_HEIGHT, summary)


@dataclass(frozen=True)
class ColdRow:
    contact: ColdContact
    y: float
    bar: Rect
    cadence_x: float
    tone: str


def tone(ratio: float) -> str:
    """How far past due, for the colour: a little, well past, or twice the rhythm and more."""
    if ratio >= 2:
        return "cold"
    return "cool" if ratio >= 1.5 else "late"


def cold_rows(data: Insights) -> tuple[ColdRow, ...]:
    """One row per contact: a bar for the days since the last touch, a mark at the cadence."""
    longest = max((max(c.days_since, c.cadence_days) for c in data.coldest), default=1)
    scale = (WIDTH - LABEL_ROOM) / max(1, longest)
    return tuple(
        ColdRow(c, i * ROW, Rect(0, i * ROW + 16, c.days_since * scale, 12),
                c.cadence_days * scale, tone(c.ratio))
        for i, c in enumerate(data.coldest)
    )  # fmt: skip


def band_rows(bands: tuple[Band, ...]) -> tuple[tuple[Band, float], ...]:
    """Each band of lateness with its bar length in chart units."""
    largest = max((b.count for b in bands), default=0) or 1
    return tuple((b, (WIDTH - 190) * b.count / largest) for b in bands)


@router.get("/insights", response_class=HTMLResponse)
def insights_page(request: Request, app: AppDep) -> HTMLResponse:
    """Calls per week and contacts going cold (P6.1), as charts and as tables."""
    data = insights(app)
    context = {
        "data": data,
        "weeks": week_chart(data),
        "cold": cold_rows(data),
        "cold_height": max(1, len(data.coldest)) * ROW,
        "bands": band_rows(data.bands),
        "width": WIDTH,
        "label_room": LABEL_ROOM,
        "day": day,
        "empty": data.contacts == 0 and data.calls == 0,
    }
    return render(request, "insights.html", context)
