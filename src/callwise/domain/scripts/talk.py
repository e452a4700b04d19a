"""Small talk prompts: their interests first, then their city's teams and attractions and
their family (P4.1, P4.2). Prompts fit the day and the history: a team only while its league
is in season, never the place where you just met as a sight to see, and not the subject the
last call's small talk was about. Nothing the contact keeps private: every candidate passes
the `TopicGuard`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from callwise.domain.calls import Call
from callwise.domain.city_facts import CityInfo, Team
from callwise.domain.model import Contact, RelationshipKind
from callwise.domain.scripts.words import TopicGuard, stable_index, words_of

TALK_LIMIT = 3  # two or three light prompts are plenty (P4.2: never belabour)
# Their interests first (P4.2); then a business contact's city, a personal contact's family.
_BUSINESS_ORDER = ("interest", "team", "attraction", "family")
_PERSONAL_ORDER = ("interest", "family", "team", "attraction")
_SMALL_WORDS = frozenset(["the", "a", "an", "of", "and", "at", "in", "on", "for", "to"])


@dataclass(frozen=True, slots=True)
class TalkItem:
    """One prompt's subject: kind is 'team', 'attraction', 'interest' or 'family'."""

    kind: str
    text: str
    event: str = ""  # a team's fixture: 'game' or 'match'


@dataclass(frozen=True, slots=True)
class TalkDay:
    """What small talk must fit: the call's date (their date) and the last call, if any."""

    today: dt.date
    last_call: Call | None = None


def _team_text(team: Team) -> str:
    """Everything a team stands for, so that avoiding 'sports' or 'football' drops it."""
    return " ".join((team.name, team.spoken, team.league, *team.sports, "sports"))


def _said_last_time(call: Call | None) -> TopicGuard:
    """What the last call was about (its topics, recap and notes), as topics not to repeat."""
    if call is None:
        return TopicGuard()
    return TopicGuard((*call.topics, call.recap, call.notes))


def _key_words(text: str) -> frozenset[str]:
    return frozenset(w for w in words_of(text) if w not in _SMALL_WORDS)


def _where_you_met(contact: Contact) -> frozenset[str]:
    met = contact.met
    return _key_words(" ".join((met.place, met.event, met.circumstances)))


def _is_meeting_place(sight: str, met_words: frozenset[str]) -> bool:
    """'Union Station' when you met at Union Station: every word of the sight was there."""
    words = _key_words(sight)
    return bool(words) and words <= met_words


def _rotate(pool: list[str], key: str, day: TalkDay, then: list[str] | None = None) -> str:
    """One of `pool`, stable for this contact and call date. Never the one the last call's
    small talk picked (the same choice made from `then`, the pool on that call's date) nor a
    subject the last call mentions (none at all when it mentioned every one)."""
    if not pool:
        return ""

    def pick(on: dt.date, items: list[str]) -> str:
        return items[stable_index(f"{key}|{on.toordinal()}", len(items))] if items else ""

    said, last = _said_last_time(day.last_call), day.last_call
    before = pick(last.at.date(), pool if then is None else then) if last else ""
    start = pool.index(pick(day.today, pool))
    order = [pool[(start + step) % len(pool)] for step in range(len(pool))]
    fresh = [c for c in order if said.allows(c)]
    return next((c for c in fresh if c != before), fresh[0] if fresh else "")


def _pick_team(
    teams: tuple[Team, ...], interests: tuple[str, ...], key: str, day: TalkDay
) -> Team | None:
    """A team whose sport the contact is into, else any of their city's teams, among those
    whose league is in season on the call's date (`LEAGUE_SEASONS`)."""
    liked = {w for i in interests for w in words_of(i)}

    def pool(on: dt.date) -> list[str]:
        playing = [t for t in teams if t.in_season(on)]
        fans = [t for t in playing if any(set(words_of(s)) <= liked for s in t.sports)]
        return [t.spoken for t in fans or playing]

    last = day.last_call
    then = pool(last.at.date()) if last is not None else None
    chosen = _rotate(pool(day.today), f"{key}|team", day, then)
    return next((t for t in teams if t.spoken == chosen), None)


def _city_items(
    info: CityInfo | None, contact: Contact, guard: TopicGuard, key: str, day: TalkDay
) -> dict[str, TalkItem]:
    items: dict[str, TalkItem] = {}
    if info is None:
        return items
    teams = tuple(t for t in info.teams if guard.allows(_team_text(t)))
    team = _pick_team(teams, guard.keep(contact.interests), key, day)
    if team is not None:
        items["team"] = TalkItem("team", team.spoken, team.event)
    met = _where_you_met(contact)
    sights = [s for s in guard.keep(info.attractions) if not _is_meeting_place(s, met)]
    sight = _rotate(sights, f"{key}|sight", day)
    if sight:
        items["attraction"] = TalkItem("attraction", sight)
    return items


def _personal_items(
    contact: Contact, guard: TopicGuard, key: str, day: TalkDay
) -> dict[str, TalkItem]:
    items: dict[str, TalkItem] = {}
    said = _said_last_time(day.last_call)
    interests = [i.strip() for i in guard.keep(contact.interests) if i.strip()]
    choice = _rotate(interests, f"{key}|interest", day)
    if choice:
        items["interest"] = TalkItem("interest", choice)
    notes = contact.family_notes.strip()
    if notes and guard.allows(notes, "family") and said.allows("family"):
        items["family"] = TalkItem("family", "family")
    return items


def small_talk(
    contact: Contact, info: CityInfo | None, guard: TopicGuard, key: str, day: TalkDay
) -> tuple[TalkItem, ...]:
    """Up to three prompts, their interests first, then a business contact's city and a
    personal contact's family, none touching an avoided topic (P4.2).
    An organization's service line gets none: a pleasantry is enough there (P4.1)."""
    if contact.kind is RelationshipKind.ORGANIZATION:
        return ()
    found = _city_items(info, contact, guard, key, day) | _personal_items(contact, guard, key, day)
    order = _BUSINESS_ORDER if contact.kind is RelationshipKind.BUSINESS else _PERSONAL_ORDER
    return tuple(found[kind] for kind in order if kind in found)[:TALK_LIMIT]
