"""Kept plans (services/cache.py): reused within the minute, never after the data changed,
whichever process changed it (issue 7). Both backends."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from callwise.domain.calls import Call, Outcome
from callwise.domain.model import Contact
from callwise.services.app import App, open_app
from callwise.services.cache import ResultCache
from callwise.services.calls import log_call
from callwise.services.contacts import save_contact
from callwise.services.plan import plan_between
from callwise.services.settings import set_setting
from callwise.services.today import TodayReport, today
from callwise.store import activity

MINUTE = dt.timedelta(minutes=1)


def overdue(app: App, name: str, days_ago: int) -> Contact:
    """A personal contact in Chicago (30-day cadence) last reached `days_ago` days ago."""
    given, _, family = name.partition(" ")
    contact = save_contact(
        app, Contact(given_name=given, family_name=family, city="Chicago", country="US")
    )
    assert contact.id is not None
    with app.transaction() as conn:
        at = app.now - dt.timedelta(days=days_ago)
        activity.insert_calls(conn, [Call(contact.id, at, Outcome.CONNECTED)])
    return contact


def names(report: TodayReport) -> list[str]:
    return [e.contact.given_name for e in report.plan.entries]


def at(app: App, moment: dt.datetime) -> App:
    """The same database and engine (the same process) at another moment."""
    return App(app.engine, moment)


def test_a_call_logged_takes_the_contact_off_today_at_once(app: App) -> None:
    overdue(app, "Kim Ode", 40)
    overdue(app, "Lou Park", 50)
    assert names(today(app)) == ["Lou", "Kim"]
    log_call(app, "Kim Ode", "connected", note="caught up")
    assert names(today(app)) == ["Lou"]


def test_a_change_made_by_another_process_is_seen(app: App, db_url: str) -> None:
    """A second App has its own engine and cache, as the CLI next to the web app has."""
    overdue(app, "Kim Ode", 40)
    overdue(app, "Max Roy", 45)
    overdue(app, "Lou Park", 50)
    assert names(today(app)) == ["Lou", "Max", "Kim"]
    other = open_app(db_url, app.now)
    try:
        log_call(other, "Lou Park", "voicemail")
        assert names(today(app)) == ["Max", "Kim"]
        set_setting(other, "daily_calls", "1")  # settings are data: the budget changes too
        assert names(today(app)) == ["Max"]
        assert names(today(other)) == ["Max"]
    finally:
        other.engine.dispose()


def test_within_the_minute_the_plan_is_reused_and_a_later_minute_recomputes(app: App) -> None:
    overdue(app, "Kim Ode", 40)
    first = today(app)
    assert today(at(app, app.now + dt.timedelta(seconds=30))) is first
    later = today(at(app, app.now + MINUTE))
    assert later is not first
    assert later.report.now == app.now + MINUTE
    before, after = first.plan.entries[0], later.plan.entries[0]
    assert after.local_time_now - before.local_time_now == MINUTE  # "their local time now"


def test_the_kept_result_equals_a_fresh_computation(app: App, db_url: str) -> None:
    for i in range(6):
        overdue(app, f"Person {i}", 35 + i)
    kept = today(app)
    assert today(app) is kept
    kept_range = plan_between(app, "today", "+6")
    assert plan_between(app, "today", "+6") is kept_range
    fresh_app = open_app(db_url, app.now)  # a new engine: nothing kept yet
    try:
        assert today(fresh_app) == kept
        assert plan_between(fresh_app, "today", "+6") == kept_range
    finally:
        fresh_app.engine.dispose()


def test_a_refused_change_is_not_a_new_revision(app: App) -> None:
    overdue(app, "Kim Ode", 40)
    before = app.data_revision()
    kept = today(app)
    with pytest.raises(ValueError), app.transaction() as conn:
        activity.insert_calls(conn, [Call(1, app.now, Outcome.CONNECTED)])
        raise ValueError("changed my mind")
    assert app.data_revision() == before
    assert today(app) is kept


def test_every_thread_asking_at_once_gets_one_computation() -> None:
    cache = ResultCache()
    release = threading.Event()
    runs: list[int] = []

    def compute() -> tuple[int, ...]:
        release.wait(timeout=10)
        runs.append(1)
        return (len(runs),)

    got: list[tuple[int, ...]] = []
    threads = [
        threading.Thread(target=lambda: got.append(cache.get("plan", compute))) for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    release.set()
    for thread in threads:
        thread.join()
    assert runs == [1] and got == [(1,)] * 6


def test_a_failed_computation_is_not_kept_and_the_oldest_entry_goes_first() -> None:
    cache = ResultCache(size=2)

    def fail() -> int:
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        cache.get("a", fail)
    assert cache.get("a", lambda: 1) == 1
    cache.get("b", lambda: 2)
    cache.get("a", lambda: 10)  # used again: "b" is now the oldest
    cache.get("c", lambda: 3)
    assert cache.get("a", lambda: 100) == 1
    assert cache.get("b", lambda: 20) == 20


def test_asking_again_while_computing_the_same_key_does_not_hang() -> None:
    cache = ResultCache()

    def outer() -> str:
        return "outer sees " + cache.get("plan", lambda: "inner")

    assert cache.get("plan", outer) == "outer sees inner"
    assert cache.get("plan", lambda: "later") == "outer sees inner"
