"""The plan on the terminal (its JSON: services/shapes/plan.py): every call with its
priority in words, the reasons, how overdue, their time now and the next courteous window in
both zones, and the minutes it takes (P3.1, P6.1, P9.1-P9.5, P10.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from callwise.cli.state import console
from callwise.domain.overdue import OVERDUE_MEANING
from callwise.domain.phones import display_number, number_to_dial

if TYPE_CHECKING:
    from callwise.domain.plan import PlanDay, PlanEntry
    from callwise.services.plan import PlanReport
    from callwise.services.today import TodayReport


TABLE_WIDTH = 120  # narrower, the table would cut numbers and windows short


def day_words(day: dt.date) -> str:
    """'Tue 24 Nov 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _overdue(entry: PlanEntry) -> str:
    """Days past the date it was due (domain.overdue), under the column that says so."""
    if entry.overdue_days:
        return _plural(entry.overdue_days, "day")
    return "on the day" if entry.fixed_day else "not yet"


def _window(entry: PlanEntry, between: str = "\n") -> Text:
    w = entry.window
    if w is None:
        return Text("none within a year", style="yellow")
    text = Text(f"{w.start:%a %H:%M}-{w.end:%H:%M %Z} theirs{between}")
    text.append(f"{w.home_start:%a %H:%M}-{w.home_end:%H:%M} yours", style="dim")
    text.append(f" ({w.tag})", style="dim")
    return text


def _why(entry: PlanEntry) -> Text:
    text = Text("\n".join(entry.reasons))
    for note in entry.notes:
        text.append(f"\n{note}", style="yellow" if "budget" in note else "dim")
    return text


def _contact_cell(entry: PlanEntry, between: str = "\n") -> Text:
    text = Text(entry.contact.name, style="bold")
    text.append(f"  #{entry.contact.id}", style="dim")
    number = number_to_dial(entry.contact)
    if number:
        text.append(f"{between}{display_number(number)}", style="dim")
    return text


def entries_table(entries: Sequence[PlanEntry], title: str) -> Table:
    table = Table(
        title=title,
        title_justify="left",
        caption=f"Overdue: days {OVERDUE_MEANING}.",
        caption_justify="left",
        header_style="bold",
        show_lines=True,
    )
    for column in ("#", "Priority", "Contact", "Why", "Overdue", "Their time now"):
        table.add_column(column, justify="right" if column == "#" else "left")
    table.add_column("Next courteous window")
    table.add_column("Min", justify="right")
    for i, entry in enumerate(entries, 1):
        local = entry.local_time_now
        table.add_row(
            str(i),
            entry.why_now,
            _contact_cell(entry),
            _why(entry),
            _overdue(entry),
            f"{local:%a %H:%M %Z}",
            _window(entry),
            str(entry.estimated_minutes),
        )
    return table


def _entry_block(number: int, entry: PlanEntry) -> Table:
    """One call as a few lines for a narrow terminal: who and their number, why, the
    priority and minutes, their time now and the window, each wrapped under the name."""
    text = _contact_cell(entry, between="  ")
    text.append("\n")
    text.append_text(_why(entry))
    text.append(f"\n{entry.why_now} · about {entry.estimated_minutes} minutes")
    text.append(f"\nTheir time now {entry.local_time_now:%a %H:%M %Z}\nCall ")
    text.append_text(_window(entry, between=", "))
    block = Table.grid(padding=(0, 1))
    block.add_column(justify="right", min_width=2)
    block.add_column()
    block.add_row(Text(f"{number}.", style="bold"), text)
    return block


def print_entries(entries: Sequence[PlanEntry], title: str) -> None:
    """The table where it fits; on a narrow terminal (80 columns) a block per call, so no
    number or window is cut (issue 15)."""
    if console.width >= TABLE_WIDTH:
        console.print(entries_table(entries, title))
        return
    console.print(Text(title, style="bold"))
    console.line()
    for number, entry in enumerate(entries, 1):
        console.print(_entry_block(number, entry))
        console.line()


def _budget_line(day: PlanDay, report: PlanReport) -> str:
    line = (
        f"{_plural(day.calls, 'call')} of {report.budget_calls}, "
        f"{day.minutes} of {report.budget_minutes} minutes"
    )
    over = sum(1 for e in day.entries if e.over_budget)
    return line + (f"; {over} over budget, as they happen that day" if over else "")


def print_today(report: TodayReport, planned: Mapping[dt.date, int]) -> None:
    """Today's calls, what is left, and the week ahead with the calls `planned` each day."""
    day = report.plan.days[0]
    title = f"Today, {day_words(day.date)} ({report.report.home_zone})"
    if day.entries:
        print_entries(day.entries, title)
    else:
        console.print(f"[bold]{title}[/]: nothing to call today.")
    console.print(
        f"Left today: {_plural(report.left_calls, 'call')}, about {report.left_minutes} minutes "
        f"({_budget_line(day, report.report)})."
    )
    if report.waiting:
        console.print(
            f"{_plural(report.waiting, 'more call')} due did not fit today and wait for the "
            "next days (`callwise week` spreads them)."
        )
    console.print("[bold]Week ahead[/] (your dates)")
    for outlook in report.week_ahead:
        words = outlook.words(planned.get(outlook.date, 0))
        console.print(f"  {outlook.date:%a} {outlook.date.day} {outlook.date:%b}: {words}")


def _bar(used: int, budget: int, width: int = 10) -> str:
    filled = min(width, round(width * used / budget)) if budget else 0
    return "■" * filled + "□" * (width - filled)


def spread_table(report: PlanReport) -> Table:
    table = Table(title="The spread", title_justify="left", header_style="bold")
    for column in ("Day", "Calls", "Minutes", "Budget used", "Fixed-day", "Over budget"):
        table.add_column(column, justify="left" if column in ("Day", "Budget used") else "right")
    for day in report.plan.days:
        fixed = sum(1 for e in day.entries if e.fixed_day)
        over = sum(1 for e in day.entries if e.over_budget)
        table.add_row(
            f"{day.date:%a} {day.date.day} {day.date:%b}",
            f"{day.calls}/{report.budget_calls}",
            f"{day.minutes}/{report.budget_minutes}",
            _bar(day.minutes, report.budget_minutes),
            str(fixed),
            str(over) if over else "",
        )
    return table


def print_plan(report: PlanReport) -> None:
    """`week` and `plan`: the spread per day against the budget, then each day's calls."""
    console.print(spread_table(report))
    for day in report.plan.days:
        if day.entries:
            title = f"{day_words(day.date)}: {_budget_line(day, report)}"
            print_entries(day.entries, title)
    pushed = report.plan.pushed
    if pushed:
        console.print(
            f"{_plural(len(pushed), 'call')} due did not fit these days "
            f"(the most overdue: {', '.join(e.contact.name for e in pushed[:5])})."
        )
