"""The inputs of a call script: the caller, the request, and what makes it invalid (P2.1).

The occasions callwise writes scripts for (P9), which are keep-in-touch calls (P2.7, P5.4) or
need an answer (P10.3), all read from the registry (`domain.occasion_kinds.SCRIPTS`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from callwise.domain.calls import Call, Promise, Trip
from callwise.domain.city_facts import CityFacts
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, RelationshipKind
from callwise.domain.occasion_kinds import SCRIPT_IDS, SCRIPTS
from callwise.domain.privacy import mask_field
from callwise.domain.scripts.words import TopicGuard, words_of
from callwise.domain.settings import Settings
from callwise.domain.spoken import listener_country, spoken_number

OCCASIONS = SCRIPT_IDS  # the scripts callwise writes (domain.occasion_kinds)
KEEP_IN_TOUCH = frozenset(s.id for s in SCRIPTS.values() if s.keep_in_touch)  # P2.7, P5.4
# Whether the voicemail asks for a call back (P10.3); a custom call asks when it asks a question.
NEEDS_ANSWER: dict[str, bool] = {
    s.id: s.needs_answer for s in SCRIPTS.values() if s.needs_answer is not None
}
NEEDS_PURPOSE = frozenset(s.id for s in SCRIPTS.values() if s.needs_purpose)  # P1.3, P5.1


@dataclass(frozen=True, slots=True)
class Caller:
    """The user as they introduce themself (P2.1, P2.7): settings `user_name`, `user_phone`."""

    name: str
    phone: str

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValidationError(
                "scripts need your name; set it with `callwise settings set user_name NAME`",
                field="user_name",
            )
        if not self.phone.strip():
            raise ValidationError(
                "scripts say your number (P2.7, P10.1); set it with "
                "`callwise settings set user_phone NUMBER`",
                field="user_phone",
            )

    @classmethod
    def from_settings(cls, settings: Settings) -> Caller:
        return cls(settings.user_name, settings.user_phone)


@dataclass(frozen=True, slots=True)
class ScriptRequest:
    """Everything `build_script` was given; see its docstring."""

    contact: Contact
    occasion: str
    user: Caller
    now: dt.datetime
    local_time_text: str
    last_call: Call | None
    open_promises: tuple[Promise, ...]
    purpose: str = ""
    memorable_line: str = ""
    next_call: dt.date | None = None
    city_facts: CityFacts | None = None
    introducer: str = ""
    trip: Trip | None = None
    recap: str = ""
    needs_answer: bool | None = None
    elaborate: bool | None = None
    holidays: frozenset[dt.date] = frozenset()  # the contact's public holidays (P6.1)

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def org_call(self) -> bool:
        return self.occasion == "organization" or self.contact.kind is RelationshipKind.ORGANIZATION


def check_request(request: ScriptRequest) -> None:
    """Reject what no script can be built from, naming the field and the fix."""
    if request.occasion not in OCCASIONS:
        known = ", ".join(OCCASIONS)
        raise ValidationError(
            f"unknown occasion {request.occasion!r}; use one of {known}", field="occasion"
        )
    if request.now.tzinfo is None or request.now.utcoffset() is None:
        raise ValidationError("the time must carry a UTC offset or zone", field="now")
    if request.occasion in NEEDS_PURPOSE and not request.purpose.strip():
        raise ValidationError(
            f"{'an' if request.occasion[0] in 'aeiou' else 'a'} {request.occasion} call needs a "
            "purpose: what you need from them",
            field="purpose",
        )


def make_guard(request: ScriptRequest) -> TopicGuard:
    """The contact's topics to avoid; their names, the caller's name and number never count as
    a topic (the number closes every voicemail that asks for a call back, P10.3)."""
    c, me = request.contact, request.user
    names = (c.given_name, c.family_name, c.display_name, c.nickname, c.honorific)
    mine = (me.name, me.phone, spoken_number(me.phone, listener_country(c)))
    exempt = {w for text in (*names, *mine) for w in words_of(text)}
    return TopicGuard(tuple(t for t in c.avoid_topics if t.strip()), frozenset(exempt))


def masked_request(request: ScriptRequest, warnings: list[str]) -> ScriptRequest:
    """The request with every social security and card number in its free text masked to the
    last four digits, one warning each naming where it was (P8.2): nothing is read out in full."""

    def promises(where: str, items: tuple[Promise, ...]) -> tuple[Promise, ...]:
        return tuple(replace(p, text=mask_field(where, p.text, warnings)) for p in items)

    call = request.last_call
    if call is not None:
        call = replace(
            call,
            notes=mask_field("last call's notes", call.notes, warnings),
            recap=mask_field("last call's recap", call.recap, warnings),
            promises=promises("last call's promise", call.promises),
        )
    return replace(
        request,
        purpose=mask_field("purpose", request.purpose, warnings),
        memorable_line=mask_field("memorable line", request.memorable_line, warnings),
        recap=mask_field("recap", request.recap, warnings),
        introducer=mask_field("introducer", request.introducer, warnings),
        open_promises=promises("promise", request.open_promises),
        last_call=call,
    )
