"""The daily plan over stored contacts, on both backends (P6.1, P9.1-P9.5, P10.3, issue 5)."""

from __future__ import annotations

import datetime as dt

from callwise.domain.calls import Call, Outcome, Promise
from callwise.domain.model import Contact, PartialDate, RelationshipKind
from callwise.domain.plan import Plan, PlanEntry
from callwise.services import occasions
from callwise.services.app import App
from callwise.services.contacts import save_contact
from callwise.services.plan import plan_days
from callwise.services.settings import set_setting
from callwise.store import activity
from callwise.store.candidates import month_day_spans

TODAY = dt.date(2026, 11, 24)  # NOW is Tue 24 Nov 2026, 09:00 in Chicago (your zone)
DAY = dt.timedelta(days=1)


def add(app: App, name: str, **fields: object) -> Contact:
    given, _, family = name.partition(" ")
    values: dict[str, object] = {"given_name": given, "family_name": family}
    values.setdefault("city", "Chicago")
    values.setdefault("country", "US")
    values.update(fields)
    return save_contact(app, Contact(**values))  # type: ignore[arg-type]


def log(app: App, contact: Contact, ago: dt.timedelta, outcome: Outcome, **more: object) -> None:
    assert contact.id is not None
    with app.transaction() as conn:
        activity.insert_calls(conn, [Call(contact.id, app.now - ago, outcome, **more)])  # type: ignore[arg-type]


def overdue(app: App, name: str, days_ago: int) -> Contact:
    """A personal contact (30-day default cadence) last reached `days_ago` days ago."""
    contact = add(app, name)
    log(app, contact, dt.timedelta(days=days_ago), Outcome.CONNECTED)
    return contact


def entry(plan: Plan, contact: Contact) -> PlanEntry | None:
    return next((e for e in plan.entries if e.contact.id == contact.id), None)


def day_of(plan: Plan, contact: Contact) -> dt.date | None:
    found = entry(plan, contact)
    return None if found is None else found.day


def test_p9_1_birthday_today_in_the_contacts_local_date(app: App) -> None:
    """15:00 UTC: already 25 Nov in Tokyo, still 24 Nov in Chicago."""
    tokyo = add(app, "Yui Sato", city="Tokyo", country="JP", birthday=PartialDate(11, 25, 1986))
    chicago = add(app, "Ray Cole", birthday=PartialDate(11, 25))
    plan = plan_days(app, TODAY, 1)
    found = entry(plan, tokyo)
    assert found is not None and found.fixed_day
    assert found.reasons[0].startswith("Birthday today: turns 40 (a round number)")
    assert found.priority_text == "1 · fixed day (birthday today)"
    assert found.local_time_now.date() == dt.date(2026, 11, 25)
    assert entry(plan, chicago) is None
    assert day_of(plan_days(app, TODAY, 2), chicago) == TODAY + DAY


def test_several_occasions_merge_into_one_call(app: App) -> None:
    ana = add(app, "Ana Berger", birthday=PartialDate(11, 24), connected_on=TODAY - 3 * DAY)
    plan = plan_days(app, TODAY, 1)
    assert len(plan.entries) == 1
    kinds = [o.kind for o in plan.entries[0].occasions]
    assert kinds == ["birthday", "connect"] and plan.entries[0].contact.id == ana.id
    assert plan.entries[0].estimated_minutes == 15 + 3  # the longer script, plus a topic


def test_budget_fills_today_and_pushes_the_rest_forward(app: App) -> None:
    set_setting(app, "daily_calls", "2")
    late = [overdue(app, f"Person {i}", 40 + i) for i in range(5)]
    plan = plan_days(app, TODAY, 2)
    assert [d.calls for d in plan.days] == [2, 2]
    assert [day_of(plan, c) for c in late[3:]] == [TODAY, TODAY]  # the most overdue first
    assert entry(plan, late[0]) is None and len(plan.pushed) == 1
    assert plan.pushed[0].contact.id == late[0].id
    moved = entry(plan, late[1])
    assert moved is not None and moved.notes[0].startswith("moved from Tue 24 Nov")


def test_a_snooze_hides_the_contact_until_the_date(app: App) -> None:
    due = overdue(app, "Sam Hale", 45)
    assert day_of(plan_days(app, TODAY, 7), due) == TODAY
    occasions.snooze(app, "Sam Hale", TODAY + 3 * DAY, "on holiday")
    plan = plan_days(app, TODAY, 7)
    assert day_of(plan, due) == TODAY + 3 * DAY
    assert entry(plan_days(app, TODAY, 3), due) is None


def test_p9_3_a_trip_brings_lunch_invitations_near_the_city_only(app: App) -> None:
    denver = add(app, "Dee Marsh", city="Denver", region="CO")
    boulder = add(app, "Bo Lind", city="Boulder", region="CO")  # about 40 km away
    far = add(app, "Fay Rios", city="Colorado Springs", region="CO")  # about 100 km
    report = occasions.add_trip(app, "Denver", TODAY + 7 * DAY, TODAY + 9 * DAY, "CO", "US")
    assert report.coordinates is not None and not report.warning
    plan = plan_days(app, TODAY, 7)
    for contact in (denver, boulder):
        found = entry(plan, contact)
        assert found is not None and found.script == "lunch" and found.needs_answer
        assert found.reasons == ("You'll be in Denver 1-3 Dec: invite to lunch or coffee",)
        assert found.day == TODAY + 2 * DAY  # five days before the trip
    assert entry(plan, far) is None


def test_logging_a_touching_call_resets_the_cadence(app: App) -> None:
    due = overdue(app, "Kim Ode", 31)
    assert day_of(plan_days(app, TODAY, 1), due) == TODAY
    log(app, due, dt.timedelta(hours=1), Outcome.VOICEMAIL)
    assert entry(plan_days(app, TODAY, 7), due) is None


def test_p6_1_a_promise_due_becomes_a_follow_up(app: App) -> None:
    lee = add(app, "Lee Park")
    promise = Promise("Send the deck", due=TODAY + 2 * DAY)
    log(app, lee, dt.timedelta(days=1), Outcome.CONNECTED, promises=(promise,))
    plan = plan_days(app, TODAY, 7)
    found = entry(plan, lee)
    assert found is not None and found.day == TODAY + 2 * DAY
    assert found.reasons == ("You promised to send the deck (due 26 Nov)",)
    assert found.occasions[0].rule == "P6.1"


def test_p10_3_retry_after_no_answer_at_another_hour(app: App) -> None:
    ivy = add(app, "Ivy Moss", kind=RelationshipKind.BUSINESS)
    log(app, ivy, dt.timedelta(hours=20), Outcome.NO_ANSWER, occasion="check-in")
    found = entry(plan_days(app, TODAY, 1), ivy)
    assert found is not None and found.occasions[0].kind == "retry"
    assert "No answer on 23 Nov" in found.reasons[0] and "attempt 2 of 3" in found.reasons[0]
    failed_hour = (app.now - dt.timedelta(hours=20)).astimezone(found.local_time_now.tzinfo).hour
    assert found.window is not None and found.window.start.hour != failed_hour


def test_p9_4_a_custom_occasion_is_planned_on_its_day(app: App) -> None:
    add(app, "Noa Levi")
    report = occasions.add_occasion(
        app, "Noa Levi", "Name day", "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=26"
    )
    assert report.next_dates[:2] == (dt.date(2026, 11, 26), dt.date(2027, 11, 26))
    plan = plan_days(app, TODAY, 7)
    found = entry(plan, report.contact)
    assert found is not None and found.day == TODAY + 2 * DAY and found.fixed_day
    assert found.reasons == ("Name day on Thu 26 Nov",)


def test_contacts_with_nothing_due_are_not_in_the_plan(app: App) -> None:
    for i in range(30):
        add(app, f"Quiet {i}", birthday=PartialDate(6, 1 + i % 28))
    assert plan_days(app, TODAY, 7).entries == ()


def test_p9_1_a_birthday_across_the_year_end_and_on_29_february(app: App) -> None:
    """1 Jan in Tokyo while it is still 31 Dec for you; 29 Feb falls on 28 Feb in 2027."""
    set_setting(app, "cadence_personal", "none")
    tokyo = add(app, "Kai Mori", city="Tokyo", country="JP", birthday=PartialDate(1, 1))
    leap = add(app, "Lia Moss", birthday=PartialDate(2, 29, 2000))
    new_year = App(app.engine, dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC))
    found = entry(plan_days(new_year, dt.date(2026, 12, 31), 1), tokyo)
    assert found is not None and found.reasons == ("Birthday today",)
    february = App(app.engine, dt.datetime(2027, 2, 26, 15, 0, tzinfo=dt.UTC))
    plan = plan_days(february, dt.date(2027, 2, 26), 3)
    found = entry(plan, leap)
    assert found is not None and found.day == dt.date(2027, 2, 28)
    assert "turns 27" in found.reasons[0] and "born on 29 Feb" in found.reasons[0]


def test_p6_1_an_agreed_next_call_and_p3_4_a_call_back_at_their_time(app: App) -> None:
    max_ = add(app, "Max Ruiz")
    log(app, max_, dt.timedelta(days=3), Outcome.CONNECTED, follow_up=TODAY + DAY)
    zoe = add(app, "Zoe Park", city="Denver", region="CO")
    back_at = dt.datetime(2026, 11, 26, 1, 0, tzinfo=dt.UTC)  # Wed 25 Nov, 18:00 in Denver
    log(app, zoe, dt.timedelta(hours=2), Outcome.CALL_BACK, call_back_at=back_at)
    plan = plan_days(app, TODAY, 7)
    agreed = entry(plan, max_)
    assert agreed is not None and agreed.day == TODAY + DAY
    assert agreed.reasons == ("You agreed in the call of 21 Nov to talk again on 25 Nov",)
    back = entry(plan, zoe)
    assert back is not None and back.day == TODAY + DAY and back.fixed_day
    assert back.reasons == ("They asked you to call back on 25 Nov at 18:00 their time",)
    assert back.window is not None and back.window.start >= back_at


def test_the_month_day_spans_looked_up_by_index() -> None:
    """Across the year end; 29 Feb rides along with 28 Feb or 1 Mar (P9.1)."""
    assert month_day_spans(dt.date(2026, 12, 30), dt.date(2027, 1, 2)) == [
        (12, 30, 31),
        (1, 1, 2),
    ]
    assert (2, 29, 29) in month_day_spans(dt.date(2027, 3, 1), dt.date(2027, 3, 3))
    assert (2, 29, 29) not in month_day_spans(dt.date(2027, 3, 2), dt.date(2027, 3, 3))
    assert month_day_spans(dt.date(2026, 1, 1), dt.date(2027, 1, 1))[1] == (2, 1, 31)
