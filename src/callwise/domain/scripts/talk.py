"""Small talk prompts: their city's teams and attractions, their interests, their family
(P4.1, P4.2). Nothing the contact keeps private: every candidate passes the `TopicGuard`."""

from __future__ import annotations

from dataclasses import dataclass

from callwise.domain.city_facts import CityInfo, Team
from callwise.domain.model import Contact, RelationshipKind
from callwise.domain.scripts.words import TopicGuard, stable_index, words_of

TALK_LIMIT = 3  # two or three light prompts are plenty (P4.2: never belabour)


@dataclass(frozen=True, slots=True)
class TalkItem:
    """One prompt's subject: kind is 'team', 'attraction', 'interest' or 'family'."""

    kind: str
    text: str
    event: str = ""  # a team's fixture: 'game' or 'match'


def _team_text(team: Team) -> str:
    """Everything a team stands for, so that avoiding 'sports' or 'football' drops it."""
    return " ".join((team.name, team.spoken, team.league, *team.sports, "sports"))


def _pick_team(teams: tuple[Team, ...], interests: tuple[str, ...], key: str) -> Team | None:
    """A team whose sport the contact is into, else one chosen stably for this contact."""
    if not teams:
        return None
    liked = {w for i in interests for w in words_of(i)}
    fans = [t for t in teams if any(set(words_of(s)) <= liked for s in t.sports)]
    pool = fans or list(teams)
    return pool[stable_index(f"{key}|team", len(pool))]


def _city_items(
    info: CityInfo | None, contact: Contact, guard: TopicGuard, key: str
) -> dict[str, TalkItem]:
    items: dict[str, TalkItem] = {}
    if info is None:
        return items
    teams = tuple(t for t in info.teams if guard.allows(_team_text(t)))
    team = _pick_team(teams, guard.keep(contact.interests), key)
    if team is not None:
        items["team"] = TalkItem("team", team.spoken, team.event)
    sights = guard.keep(info.attractions)
    if sights:
        items["attraction"] = TalkItem(
            "attraction", sights[stable_index(f"{key}|sight", len(sights))]
        )
    return items


def _personal_items(contact: Contact, guard: TopicGuard, key: str) -> dict[str, TalkItem]:
    items: dict[str, TalkItem] = {}
    interests = [i.strip() for i in guard.keep(contact.interests) if i.strip()]
    if interests:
        choice = interests[stable_index(f"{key}|interest", len(interests))]
        items["interest"] = TalkItem("interest", choice)
    notes = contact.family_notes.strip()
    if notes and guard.allows(notes, "family"):
        items["family"] = TalkItem("family", "family")
    return items


def small_talk(
    contact: Contact, info: CityInfo | None, guard: TopicGuard, key: str
) -> tuple[TalkItem, ...]:
    """Up to three prompts, none touching an avoided topic (P4.2). Business contacts start
    with their city (teams, sights), personal ones with interests and family. An organization's
    service line gets none: a pleasantry is enough there (P4.1)."""
    if contact.kind is RelationshipKind.ORGANIZATION:
        return ()
    found = _city_items(info, contact, guard, key) | _personal_items(contact, guard, key)
    if contact.kind is RelationshipKind.BUSINESS:
        order = ("team", "attraction", "interest", "family")
    else:
        order = ("interest", "family", "team", "attraction")
    return tuple(found[kind] for kind in order if kind in found)[:TALK_LIMIT]
