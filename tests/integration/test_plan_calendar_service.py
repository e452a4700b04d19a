"""The plan agrees with the calendar, over the demo contacts and stored calls, on both
backends (issue 14): Claire's birthday in Paris (P9.1), one meaning of overdue for today, the
Contacts filter and Insights, a prompt call after meeting someone (P9.5), an agreed follow-up
that stays (P6.1) and personal calls in preferred windows (P3.1)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from callwise.domain.calls import Call, Outcome, Promise
from callwise.domain.model import Contact, HowWeMet, RelationshipKind
from callwise.domain.plan import Plan, PlanEntry
from callwise.services import calls
from callwise.services.app import App
from callwise.services.browse import Filters, browse_contacts
from callwise.services.contacts import resolve_contact, save_contact
from callwise.services.demo import load_demo
from callwise.services.insights import insights
from callwise.services.plan import plan_days
from callwise.services.settings import set_setting
from callwise.store import activity

TODAY = dt.date(2026, 11, 24)  # NOW: Tue 24 Nov 2026, 09:00 in Chicago (your zone)
DAY = dt.timedelta(days=1)


def at(app: App, moment: dt.datetime) -> App:
    return dataclasses.replace(app, now=moment)


def entry(plan: Plan, contact: Contact) -> PlanEntry | None:
    return next((e for e in plan.entries if e.contact.id == contact.id), None)


def test_p9_1_claire_is_called_on_her_paris_birthday_when_planned_on_a_kansas_city_evening(
    app: App,
) -> None:
    load_demo(app)
    evening = at(app, dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.UTC))  # 1 Dec, 21:00 yours
    claire = resolve_contact(evening, "Claire Dubois")
    found = entry(plan_days(evening, dt.date(2026, 12, 1), 4), claire)
    assert found is not None and found.fixed_day
    assert found.day == dt.date(2026, 12, 3)
    assert found.window is not None and found.window.start.date() == dt.date(2026, 12, 3)
    assert str(found.window.start.tzinfo) == "Europe/Paris"


def test_overdue_means_one_thing_in_today_the_contacts_filter_and_insights(app: App) -> None:
    load_demo(app)
    today = plan_days(app, TODAY, 1)
    assert [e.contact.name for e in today.entries if e.overdue_days] == []
    assert any(o.kind == "connect" for e in today.entries for o in e.occasions)
    assert browse_contacts(app, Filters(overdue=True)).total == 0
    assert insights(app).overdue == 0
    # A promise due three days ago is overdue everywhere the same way.
    claire = resolve_contact(app, "Claire Dubois")
    assert claire.id is not None
    promise = Promise("send the photos", TODAY - 3 * DAY)
    with app.transaction() as conn:
        activity.insert_calls(
            conn, [Call(claire.id, app.now - 10 * DAY, Outcome.CONNECTED, promises=(promise,))]
        )
    late = entry(plan_days(app, TODAY, 1), claire)
    assert late is not None and late.overdue_days == 3
    assert late.priority_text == "2 · 3 days overdue"
    filtered = browse_contacts(app, Filters(overdue=True))
    assert [c.name for c in filtered.contacts] == ["Claire Dubois"]


def test_p9_5_someone_met_yesterday_is_planned_today_not_in_90_days(app: App) -> None:
    dana = save_contact(
        app,
        Contact(
            given_name="Dana",
            family_name="Whitfield",
            kind=RelationshipKind.BUSINESS,
            city="Kansas City",
            region="MO",
            country="US",
            met=HowWeMet(event="Chamber luncheon", date=TODAY - DAY),
            cadence_days=90,
        ),
    )
    found = entry(plan_days(app, TODAY, 1), dana)
    assert found is not None
    assert found.reasons == ("You met on 23 Nov (Chamber luncheon): call while it is fresh",)
    assert browse_contacts(app, Filters(overdue=True)).total == 0  # due today: in time
    tomorrow = at(app, app.now + 2 * DAY)
    assert browse_contacts(tomorrow, Filters(overdue=True)).total == 1


def test_p6_1_an_agreed_follow_up_stays_after_a_call_in_between(app: App) -> None:
    set_setting(app, "user_name", "Jordan Lee")
    set_setting(app, "user_phone", "+18165550142")
    ann = save_contact(
        at(app, app.now - 40 * DAY),
        Contact(given_name="Ann", family_name="Lowe", city="Denver", region="CO", country="US"),
    )
    calls.log_call(app, "Ann", "connected", follow_up="+2w")
    later = at(app, app.now + 3 * DAY)
    logged = calls.log_call(later, "Ann", "connected", note="a quick word about the party")
    agreed = TODAY + 14 * DAY
    assert [(s.kind, s.due) for s in logged.next if s.kind == "follow-up"] == [
        ("follow-up", agreed)
    ]
    day = entry(plan_days(later, agreed, 1), ann)
    assert day is not None and day.occasions[0].kind == "follow-up"
    assert day.reasons[0] == "You agreed in the call of 24 Nov to talk again on 8 Dec"
    done = calls.log_call(at(app, app.now + 14 * DAY), "Ann", "connected")
    assert not [s for s in done.next if s.kind == "follow-up"]


def test_p3_1_personal_calls_today_are_in_preferred_windows_when_the_day_has_one(app: App) -> None:
    load_demo(app)
    for days_ago, name in ((200, "Claire Dubois"), (100, "Tanya Brooks-Miller"), (70, "Jenna")):
        contact = resolve_contact(app, name)
        assert contact.id is not None
        with app.transaction() as conn:
            activity.insert_calls(
                conn, [Call(contact.id, app.now - days_ago * DAY, Outcome.CONNECTED)]
            )
    personal = [
        e
        for e in plan_days(app, TODAY, 1).entries
        if e.contact.kind in (RelationshipKind.PERSONAL, RelationshipKind.INFORMAL)
        and not e.contact.availability
    ]
    assert len(personal) == 3
    for e in personal:
        assert e.window is not None and e.window.tag == "preferred", e.contact.name
