"""The options shared by `contacts add` and `contacts edit`, and how they change a contact."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any, TypeVar

import typer

from callwise.domain import contact_input as ci
from callwise.domain.model import PHONE_LABELS, Contact, Email, Gatekeeper, Phone

P = "Contact"
Given = Annotated[
    str | None, typer.Option("--given", help="Given (first) name.", rich_help_panel=P)
]
Family = Annotated[
    str | None, typer.Option("--family", help="Family (last) name.", rich_help_panel=P)
]
Display = Annotated[
    str | None,
    typer.Option("--display", help="Display name, if not given + family.", rich_help_panel=P),
]
Nickname = Annotated[str | None, typer.Option("--nickname", help="Nickname.", rich_help_panel=P)]
Honorific = Annotated[
    str | None,
    typer.Option("--honorific", help="Title: Mr., Ms., Dr., Prof. ...", rich_help_panel=P),
]
Kind = Annotated[
    str | None,
    typer.Option("--kind", help="business, personal, informal or organization.", rich_help_panel=P),
]
Form = Annotated[
    str | None,
    typer.Option(
        "--address",
        help="formal or informal (overrides the kind's default, P2.6); 'auto' resets.",
        rich_help_panel=P,
    ),
]
JobTitle = Annotated[
    str | None, typer.Option("--title", help="Job title (P1.2).", rich_help_panel=P)
]
Org = Annotated[str | None, typer.Option("--org", help="Organization.", rich_help_panel=P)]
Dept = Annotated[str | None, typer.Option("--department", help="Department.", rich_help_panel=P)]
M = "How we met (P1.1)"
MetEvent = Annotated[
    str | None, typer.Option("--met-event", help="Event where you met.", rich_help_panel=M)
]
MetDate = Annotated[
    str | None, typer.Option("--met-date", help="When, YYYY-MM-DD.", rich_help_panel=M)
]
MetPlace = Annotated[str | None, typer.Option("--met-place", help="Where.", rich_help_panel=M)]
MetHow = Annotated[
    str | None, typer.Option("--met-how", help="The circumstances, in words.", rich_help_panel=M)
]
IntroducedBy = Annotated[
    str | None,
    typer.Option(
        "--introduced-by", help="The contact (id or name) who introduced you.", rich_help_panel=M
    ),
]
R = "Reaching them"
Phones = Annotated[
    list[str] | None,
    typer.Option(
        "--phone",
        help="Phone, optionally LABEL:NUMBER (labels: " + ", ".join(PHONE_LABELS) + "). "
        "Repeatable.",
        rich_help_panel=R,
    ),
]
Emails = Annotated[
    list[str] | None,
    typer.Option("--email", help="Email, optionally LABEL:ADDRESS. Repeatable.", rich_help_panel=R),
]
City = Annotated[str | None, typer.Option("--city", help="City.", rich_help_panel=R)]
Region = Annotated[str | None, typer.Option("--region", help="State or region.", rich_help_panel=R)]
Country = Annotated[
    str | None, typer.Option("--country", help="Country code or name.", rich_help_panel=R)
]
Zone = Annotated[
    str | None,
    typer.Option("--zone", help="IANA time zone, e.g. America/Chicago.", rich_help_panel=R),
]
Hours = Annotated[
    str | None,
    typer.Option(
        "--hours", help="Hours they stated, e.g. 'Mo-Fr 18:00-20:00' (P3.3).", rich_help_panel=R
    ),
]
Assistant = Annotated[
    str | None, typer.Option("--assistant", help="Gatekeeper's name (P2.3).", rich_help_panel=R)
]
AssistantPhone = Annotated[
    str | None, typer.Option("--assistant-phone", help="Gatekeeper's phone.", rich_help_panel=R)
]
GatekeeperRole = Annotated[
    str | None,
    typer.Option(
        "--gatekeeper-role", help="assistant (default), receptionist, ...", rich_help_panel=R
    ),
]
K = "Knowing them (P4.2)"
Interests = Annotated[
    list[str] | None, typer.Option("--interest", help="An interest. Repeatable.", rich_help_panel=K)
]
FamilyNotes = Annotated[
    str | None, typer.Option("--family-notes", help="Family, as they told you.", rich_help_panel=K)
]
Avoid = Annotated[
    list[str] | None,
    typer.Option(
        "--avoid",
        help="A topic to avoid; never suggested as small talk. Repeatable.",
        rich_help_panel=K,
    ),
]
Birthday = Annotated[
    str | None,
    typer.Option("--birthday", help="YYYY-MM-DD, or --MM-DD without the year.", rich_help_panel=K),
]
Dates = Annotated[
    list[str] | None,
    typer.Option(
        "--date",
        help="Another date, LABEL=DATE (anniversary=2012-06-09). Repeatable.",
        rich_help_panel=K,
    ),
]
Source = Annotated[
    str | None,
    typer.Option(
        "--source",
        help="Where the connection came from: linkedin, in person, referral ...",
        rich_help_panel=K,
    ),
]
ConnectedOn = Annotated[
    str | None, typer.Option("--connected-on", help="When, YYYY-MM-DD.", rich_help_panel=K)
]
LinkedIn = Annotated[
    str | None, typer.Option("--linkedin", help="LinkedIn profile URL.", rich_help_panel=K)
]
Cadence = Annotated[
    str | None,
    typer.Option(
        "--cadence",
        help="Keep in touch every N days: 30, 30d, 2w, 3m or monthly; 'none' for no cadence "
        "(P6.1).",
        rich_help_panel=K,
    ),
]
Tags = Annotated[
    list[str] | None, typer.Option("--tag", help="A tag. Repeatable.", rich_help_panel=K)
]
Notes = Annotated[str | None, typer.Option("--notes", help="Free notes.", rich_help_panel=K)]
Force = Annotated[
    bool, typer.Option("--force", help="Save even if a phone or email belongs to another contact.")
]

# The options `contacts add` and `contacts edit` share, in the order their help lists them.
SHARED: dict[str, Any] = {
    "given": Given,
    "family": Family,
    "display": Display,
    "nickname": Nickname,
    "honorific": Honorific,
    "kind": Kind,
    "address": Form,
    "job_title": JobTitle,
    "org": Org,
    "department": Dept,
    "met_event": MetEvent,
    "met_date": MetDate,
    "met_place": MetPlace,
    "met_how": MetHow,
    "introduced_by": IntroducedBy,
    "phone": Phones,
    "email": Emails,
    "city": City,
    "region": Region,
    "country": Country,
    "zone": Zone,
    "hours": Hours,
    "assistant": Assistant,
    "assistant_phone": AssistantPhone,
    "gatekeeper_role": GatekeeperRole,
    "interest": Interests,
    "family_notes": FamilyNotes,
    "avoid": Avoid,
    "birthday": Birthday,
    "date": Dates,
    "source": Source,
    "connected_on": ConnectedOn,
    "linkedin": LinkedIn,
    "cadence": Cadence,
    "tag": Tags,
    "notes": Notes,
}
Command = TypeVar("Command", bound=Callable[..., None])


def with_contact_options(command: Command) -> Command:
    """Give `command` every option of `SHARED` where its `opts` parameter stands; it receives
    their values as that one dict (None where not given), so add and edit state them once."""
    keyword = inspect.Parameter.KEYWORD_ONLY
    own = [
        p.replace(kind=keyword)
        for p in inspect.signature(command, eval_str=True).parameters.values()
    ]
    at = next(i for i, p in enumerate(own) if p.name == "opts")
    shared = [
        inspect.Parameter(name, keyword, default=None, annotation=kind)
        for name, kind in SHARED.items()
    ]
    params = [*own[:at], *shared, *own[at + 1 :]]

    @functools.wraps(command)
    def run(**values: Any) -> None:
        opts = {name: values.pop(name) for name in SHARED}
        command(**values, opts=opts)

    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    return run  # type: ignore[return-value]


def _scalars(opts: dict[str, Any]) -> dict[str, Any]:
    """Plain text fields: the option name and the Contact field it sets."""
    mapping = {
        "given": "given_name",
        "family": "family_name",
        "display": "display_name",
        "nickname": "nickname",
        "honorific": "honorific",
        "job_title": "job_title",
        "org": "organization",
        "department": "department",
        "city": "city",
        "region": "region",
        "country": "country",
        "zone": "time_zone",
        "hours": "availability",
        "family_notes": "family_notes",
        "source": "source",
        "linkedin": "linkedin_url",
        "notes": "notes",
    }
    return {field: opts[o] for o, field in mapping.items() if opts.get(o) is not None}


def _unite(
    old: tuple[Any, ...], new: list[Any], removed: list[str], key: Callable[[Any], str]
) -> tuple[Any, ...]:
    """Old items, then new ones, less those whose key matches a removed value."""
    gone = [_match_key(r) for r in removed]
    return tuple(
        item for item in (*old, *new) if not any(_removes(g, _match_key(key(item))) for g in gone)
    )


def _removes(gone: str, item: str) -> bool:
    return item.endswith(gone) if gone.isdigit() else item == gone


def _match_key(text: str) -> str:
    """Phone numbers compare by their digits (so '816 555 0142' removes +18165550142)."""
    digits = "".join(c for c in text if c.isdigit())
    return digits if digits and len(digits) >= 7 else text.strip().casefold()


def apply_options(base: Contact, opts: dict[str, Any], introducer: int | None) -> Contact:
    """A copy of `base` with every given option applied; lists gain items and lose removed ones."""
    changes: dict[str, Any] = _scalars(opts)
    if opts.get("kind") is not None:
        changes["kind"] = ci.relationship_kind(opts["kind"])
    if opts.get("address") is not None:
        changes["address_form"] = ci.address_form(opts["address"])
    if opts.get("birthday") is not None:
        changes["birthday"] = ci.partial_date(opts["birthday"], "birthday")
    if opts.get("connected_on") is not None:
        changes["connected_on"] = ci.iso_date(opts["connected_on"], "connected_on")
    if opts.get("cadence") is not None:
        changes["cadence_days"] = ci.cadence_days(opts["cadence"])
    met = base.met
    for option, field in (
        ("met_event", "event"),
        ("met_place", "place"),
        ("met_how", "circumstances"),
    ):
        if opts.get(option) is not None:
            met = replace(met, **{field: opts[option]})
    if opts.get("met_date") is not None:
        met = replace(met, date=ci.iso_date(opts["met_date"], "met_date"))
    if opts.get("introduced_by") is not None:
        met = replace(met, introduced_by=introducer)
    changes["met"] = met
    changes["gatekeeper"] = _gatekeeper(base.gatekeeper, opts)
    changes.update(_lists(base, opts))
    return replace(base, **changes)


def _gatekeeper(old: Gatekeeper | None, opts: dict[str, Any]) -> Gatekeeper | None:
    keys = ("assistant", "assistant_phone", "gatekeeper_role")
    if all(opts.get(k) is None for k in keys):
        return old
    current = old or Gatekeeper()
    return Gatekeeper(
        opts["assistant"] if opts.get("assistant") is not None else current.name,
        opts["gatekeeper_role"] if opts.get("gatekeeper_role") is not None else current.role,
        opts["assistant_phone"] if opts.get("assistant_phone") is not None else current.phone,
    )


def _lists(base: Contact, opts: dict[str, Any]) -> dict[str, Any]:
    phones = [
        Phone(n, label) for label, n in (ci.labelled(p, "mobile") for p in opts.get("phone") or [])
    ]
    emails = [Email(a, label) for label, a in (ci.labelled(e, "") for e in opts.get("email") or [])]
    dates = [ci.other_date(d) for d in opts.get("date") or []]
    return {
        "phones": _unite(base.phones, phones, opts.get("remove_phone") or [], lambda p: p.number),
        "emails": _unite(base.emails, emails, opts.get("remove_email") or [], lambda e: e.address),
        "other_dates": _unite(
            base.other_dates, dates, opts.get("remove_date") or [], lambda d: d.label
        ),
        "interests": _unite(
            base.interests, opts.get("interest") or [], opts.get("remove_interest") or [], str
        ),
        "avoid_topics": _unite(
            base.avoid_topics, opts.get("avoid") or [], opts.get("remove_avoid") or [], str
        ),
        "tags": _unite(base.tags, opts.get("tag") or [], opts.get("remove_tag") or [], str),
    }
