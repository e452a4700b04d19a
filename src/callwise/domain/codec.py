"""The one JSON shape of a contact, used by `--json`, the backup file and the API.

The shape is documented in docs/json.md; changing it is a versioned change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from callwise.domain.errors import ValidationError
from callwise.domain.model import (
    AddressForm,
    Contact,
    Email,
    Gatekeeper,
    HowWeMet,
    OtherDate,
    PartialDate,
    Phone,
    RelationshipKind,
)

Json = dict[str, Any]


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _instant(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if value else None


def contact_to_dict(contact: Contact) -> Json:
    """A plain, JSON-ready dict with every field of `contact`."""
    return {
        "id": contact.id,
        "name": contact.name,
        "given_name": contact.given_name,
        "family_name": contact.family_name,
        "display_name": contact.display_name,
        "nickname": contact.nickname,
        "honorific": contact.honorific,
        "kind": contact.kind.value,
        "kind_guessed": contact.kind_guessed,
        "address_form": contact.address_form.value if contact.address_form else None,
        "job_title": contact.job_title,
        "organization": contact.organization,
        "department": contact.department,
        "met": _met_to_dict(contact.met),
        "phones": [
            {"number": p.number, "label": p.label, "valid": p.valid} for p in contact.phones
        ],
        "emails": [{"address": e.address, "label": e.label} for e in contact.emails],
        "city": contact.city,
        "region": contact.region,
        "country": contact.country,
        "time_zone": contact.time_zone,
        "availability": contact.availability,
        "gatekeeper": _gatekeeper_to_dict(contact.gatekeeper),
        "interests": list(contact.interests),
        "family_notes": contact.family_notes,
        "avoid_topics": list(contact.avoid_topics),
        "birthday": contact.birthday.isoformat() if contact.birthday else None,
        "other_dates": [
            {"label": o.label, "date": o.date.isoformat()} for o in contact.other_dates
        ],
        "source": contact.source,
        "connected_on": _date(contact.connected_on),
        "linkedin_url": contact.linkedin_url,
        "cadence_days": contact.cadence_days,
        "tags": list(contact.tags),
        "notes": contact.notes,
        "created_at": _instant(contact.created_at),
        "updated_at": _instant(contact.updated_at),
    }


def _met_to_dict(met: HowWeMet) -> Json:
    return {
        "event": met.event,
        "date": _date(met.date),
        "place": met.place,
        "circumstances": met.circumstances,
        "introduced_by": met.introduced_by,
    }


def _gatekeeper_to_dict(gk: Gatekeeper | None) -> Json | None:
    return {"name": gk.name, "role": gk.role, "phone": gk.phone} if gk is not None else None


def _parse_date(value: Any, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(f"{value!r} is not a date; write YYYY-MM-DD", field=field) from None


def _parse_instant(value: Any, field: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(f"{value!r} is not an ISO 8601 instant", field=field) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _enum(enum: type[RelationshipKind] | type[AddressForm], value: Any, field: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ValidationError(f"{value!r} is not one of: {allowed}", field=field) from None


def _strs(data: Json, key: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ValidationError("expected a list of strings", field=key)
    return tuple(str(v) for v in value)


def contact_from_dict(data: Json) -> Contact:
    """The inverse of `contact_to_dict`; unknown keys are ignored, missing ones take defaults."""
    if not isinstance(data, dict):
        raise ValidationError("expected an object", field="contact")
    form = data.get("address_form")
    birthday = data.get("birthday")
    return Contact(
        id=int(data["id"]) if data.get("id") is not None else None,
        given_name=str(data.get("given_name") or ""),
        family_name=str(data.get("family_name") or ""),
        display_name=str(data.get("display_name") or ""),
        nickname=str(data.get("nickname") or ""),
        honorific=str(data.get("honorific") or ""),
        kind=_enum(RelationshipKind, data.get("kind") or "personal", "kind"),
        kind_guessed=data.get("kind_guessed") is True,
        address_form=_enum(AddressForm, form, "address_form") if form else None,
        job_title=str(data.get("job_title") or ""),
        organization=str(data.get("organization") or ""),
        department=str(data.get("department") or ""),
        met=_met_from(data.get("met") or {}),
        phones=_phones_from(data),
        emails=_emails_from(data),
        city=str(data.get("city") or ""),
        region=str(data.get("region") or ""),
        country=str(data.get("country") or ""),
        time_zone=str(data.get("time_zone") or ""),
        availability=str(data.get("availability") or ""),
        gatekeeper=_gatekeeper_from(data.get("gatekeeper")),
        interests=_strs(data, "interests"),
        family_notes=str(data.get("family_notes") or ""),
        avoid_topics=_strs(data, "avoid_topics"),
        birthday=PartialDate.parse(birthday, field="birthday") if birthday else None,
        other_dates=_other_dates_from(data),
        source=str(data.get("source") or ""),
        connected_on=_parse_date(data.get("connected_on"), "connected_on"),
        linkedin_url=str(data.get("linkedin_url") or ""),
        cadence_days=int(data["cadence_days"]) if data.get("cadence_days") is not None else None,
        tags=_strs(data, "tags"),
        notes=str(data.get("notes") or ""),
        created_at=_parse_instant(data.get("created_at"), "created_at"),
        updated_at=_parse_instant(data.get("updated_at"), "updated_at"),
    )


def _met_from(met: Any) -> HowWeMet:
    return HowWeMet(
        event=str(met.get("event") or ""),
        date=_parse_date(met.get("date"), "met.date"),
        place=str(met.get("place") or ""),
        circumstances=str(met.get("circumstances") or ""),
        introduced_by=int(met["introduced_by"]) if met.get("introduced_by") else None,
    )


def _phones_from(data: Json) -> tuple[Phone, ...]:
    return tuple(
        Phone(str(p["number"]), str(p.get("label") or "mobile"), bool(p.get("valid", True)))
        for p in data.get("phones") or []
    )


def _emails_from(data: Json) -> tuple[Email, ...]:
    return tuple(
        Email(str(e["address"]), str(e.get("label") or "")) for e in data.get("emails") or []
    )


def _gatekeeper_from(gk: Any) -> Gatekeeper | None:
    if not gk:
        return None
    return Gatekeeper(
        str(gk.get("name") or ""), str(gk.get("role") or ""), str(gk.get("phone") or "")
    )


def _other_dates_from(data: Json) -> tuple[OtherDate, ...]:
    return tuple(
        OtherDate(str(o.get("label") or ""), PartialDate.parse(str(o["date"]), field="other_dates"))
        for o in data.get("other_dates") or []
    )
