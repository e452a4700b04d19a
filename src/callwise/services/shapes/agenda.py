"""The shapes of what the user adds to the plan by hand: trips, their own occasions and
snoozes (docs/json.md, `snooze`, `trips`, `occasions`; P9.3-P9.5)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from callwise.services.shapes import contact_ref

if TYPE_CHECKING:
    from callwise.services.occasions import OccasionReport, Snoozed, TripReport


def trip_shape(report: TripReport) -> dict[str, Any]:
    """A trip; the coordinates are null when callwise does not know the city."""
    trip, where = report.trip, report.coordinates
    return {
        "id": trip.id,
        "city": trip.city,
        "region": trip.region,
        "country": trip.country,
        "start": trip.start.isoformat(),
        "end": trip.end.isoformat(),
        "notes": trip.notes,
        "latitude": where[0] if where else None,
        "longitude": where[1] if where else None,
    }


def trip_added_shape(report: TripReport) -> dict[str, Any]:
    """A recorded trip and why no distance can be measured ("" when it can)."""
    return {"trip": trip_shape(report), "warning": report.warning}


def occasion_added_shape(report: OccasionReport) -> dict[str, Any]:
    """A user's own occasion (the rule canonical, without RRULE:) and its next dates."""
    o = report.occasion
    return {
        "occasion": {
            "id": o.id,
            "contact": contact_ref(report.contact),
            "label": o.label,
            "rrule": o.rrule,
            "start": o.start.isoformat(),
            "needs_answer": o.needs_answer,
        },
        "next_dates": [d.isoformat() for d in report.next_dates],
    }


def snoozed_shape(done: Snoozed) -> dict[str, Any]:
    """Whom the plan leaves out, until when and why."""
    return {
        "contact": contact_ref(done.contact),
        "until": done.snooze.until.isoformat(),
        "reason": done.snooze.reason,
    }
