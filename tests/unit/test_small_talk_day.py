"""Small talk that fits the day (issue 14.6): a team only in its league's season, never the
place where you just met as a sight to see, no repeat of the last call's small talk, their
interests first, and a preparation card that never suggests a topic to avoid (P4.1, P4.2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from callwise.domain.calls import Call, Outcome
from callwise.domain.city_facts import LEAGUE_SEASONS, in_season
from callwise.domain.model import Contact, HowWeMet, RelationshipKind
from callwise.domain.scripts import Caller, Script, build_script
from callwise.services.reference_data import load_city_facts
from callwise.services.script_templates import script_templates

ME = Caller("Jordan Lee", "+18165550142")
DECEMBER = dt.datetime(2026, 12, 2, 15, 0, tzinfo=dt.UTC)
MAY = dt.datetime(2026, 5, 12, 15, 0, tzinfo=dt.UTC)
KC = Contact(
    id=11,
    given_name="Sam",
    family_name="Okafor",
    kind=RelationshipKind.BUSINESS,
    city="Kansas City",
    region="MO",
    country="US",
)


def build(contact: Contact, now: dt.datetime, **options: Any) -> Script:
    options.setdefault("last_call", None)
    return build_script(
        contact,
        "check-in",
        user=ME,
        now=now,
        local_time_text="09:00 Wednesday",
        open_promises=(),
        templates=script_templates(None),
        city_facts=load_city_facts(),
        **options,
    )


def talk(script: Script) -> str:
    section = script.section("small_talk")
    return "\n".join(section.lines) if section else ""


def card(script: Script) -> str:
    section = script.section("preparation")
    assert section is not None
    return "\n".join(section.lines)


def test_p4_2_seasons_cover_every_league_the_city_facts_name() -> None:
    leagues = {t.league for c in load_city_facts().cities.values() for t in c.teams}
    assert leagues <= set(LEAGUE_SEASONS)
    assert not in_season("MLB", dt.date(2026, 12, 2))
    assert in_season("MLB", dt.date(2026, 10, 28))  # the World Series
    assert in_season("NFL", dt.date(2027, 2, 7)) and not in_season("NFL", dt.date(2026, 7, 1))
    assert in_season("NHL", dt.date(2026, 12, 2)) and in_season("NBA", dt.date(2026, 6, 10))


def test_p4_2_no_baseball_question_in_december_on_any_day_or_contact() -> None:
    for days in range(31):
        now = DECEMBER.replace(day=1) + dt.timedelta(days=days)
        for n in range(12):
            sam = KC.with_changes(id=100 + n, interests=("baseball",) if n % 2 else ())
            said = talk(build(sam, now))
            assert "Royals" not in said, (now, said)  # the city's baseball team


def test_p4_2_a_team_in_season_may_come_up() -> None:
    # Kansas City in May: the Royals and Sporting KC play, the Chiefs do not.
    seen = {talk(build(KC.with_changes(id=200 + n), MAY)) for n in range(20)}
    joined = "\n".join(seen)
    assert "the Royals" in joined or "Sporting KC" in joined
    assert "the Chiefs" not in joined
    fan = KC.with_changes(interests=("baseball",))
    assert "the Royals" in talk(build(fan, MAY))


def test_p4_2_the_place_you_just_met_is_not_a_sight_to_ask_about() -> None:
    met = HowWeMet(event="the rail history talk", place="Union Station", date=dt.date(2026, 12, 1))
    for n in range(30):
        sam = KC.with_changes(id=300 + n, met=met)
        assert "Union Station" not in talk(build(sam, DECEMBER))


def test_p4_2_the_prep_card_never_shows_a_topic_to_avoid() -> None:
    ana = KC.with_changes(
        given_name="Ana",
        kind=RelationshipKind.PERSONAL,
        family_notes="recently divorced",
        interests=("divorce law podcasts", "gardening"),
        avoid_topics=("her divorce",),
    )
    text = card(build(ana, DECEMBER))
    assert "Do not raise: her divorce." in text
    assert "divorced" not in text
    assert "podcasts" not in text and "gardening" in text
    assert "divorc" not in talk(build(ana, DECEMBER)).lower()


def test_p4_2_their_interests_come_first() -> None:
    fan = KC.with_changes(interests=("jazz",))
    lines = [line for line in talk(build(fan, DECEMBER)).splitlines() if "jazz" in line]
    assert lines, talk(build(fan, DECEMBER))
    first_prompt = talk(build(fan, DECEMBER)).splitlines()[1]
    assert "jazz" in first_prompt


def _prompts(script: Script) -> list[str]:
    return [line for line in talk(script).splitlines() if not line.startswith("[")][1:]


def test_p4_2_two_consecutive_calls_do_not_repeat_the_team_or_the_sight() -> None:
    for n in range(25):
        sam = KC.with_changes(id=400 + n, interests=("cooking", "chess", "running"))
        first = build(sam, DECEMBER - dt.timedelta(days=14))
        last = Call(sam.id or 0, DECEMBER - dt.timedelta(days=14), Outcome.CONNECTED)
        second = build(sam, DECEMBER, last_call=last)
        for item in ("the Chiefs", "Sporting KC", "cooking", "chess", "running"):
            said_both = [item in "\n".join(_prompts(s)) for s in (first, second)]
            assert said_both != [True, True], (n, item, _prompts(first), _prompts(second))
        sights = ("Nelson-Atkins", "WWI Museum", "Country Club Plaza", "Union Station")
        for sight in sights:
            assert not (sight in talk(first) and sight in talk(second)), (n, sight)


def test_p4_2_a_subject_the_last_call_noted_is_not_raised_again() -> None:
    for n in range(20):
        sam = KC.with_changes(id=500 + n)
        last = Call(500 + n, DECEMBER - dt.timedelta(days=3), Outcome.CONNECTED, topics=("Chiefs",))
        assert "the Chiefs" not in talk(build(sam, DECEMBER, last_call=last)), n
