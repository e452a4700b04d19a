"""What occasion finding reads: the policy's knobs and one contact's history (P6.1, P9.3,
P10.3)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from callwise.domain.calls import Call, CustomOccasion, Snooze, Trip
from callwise.domain.errors import ValidationError
from callwise.domain.model import RELATIONSHIP_KINDS, Contact
from callwise.domain.occasion_dates import Coordinates, Feb29Rule
from callwise.domain.settings import Settings


@dataclass(frozen=True, slots=True)
class PlanPolicy:
    """The knobs of occasion finding; cadences default to the user's settings (P6.1, P10.3)."""

    feb29_rule: Feb29Rule = "feb28"
    connect_window_days: int = 30
    trip_lead_days: int = 5
    trip_radius_km: float = 50.0
    retry_max_tries: int = 3
    retry_gap_hours: int = 3
    voicemail_quiet_days: int = 4
    cadence_business: int | None = 90
    cadence_personal: int | None = 30
    cadence_informal: int | None = 60
    cadence_organization: int | None = None

    def __post_init__(self) -> None:
        if self.feb29_rule not in ("feb28", "mar1"):
            raise ValidationError("use feb28 or mar1", field="feb29_rule")
        for name in ("connect_window_days", "trip_lead_days", "voicemail_quiet_days"):
            if getattr(self, name) < 0:
                raise ValidationError("a number of days cannot be negative", field=name)
        for name in ("retry_max_tries", "retry_gap_hours"):
            if getattr(self, name) < 1:
                raise ValidationError("use a whole number of at least 1", field=name)
        if self.trip_radius_km < 0:
            raise ValidationError("a distance cannot be negative", field="trip_radius_km")

    @classmethod
    def from_settings(cls, settings: Settings, **changes: Any) -> PlanPolicy:
        """The default policy with the cadences the user set (settings `cadence_*`)."""
        names = (f"cadence_{kind}" for kind in RELATIONSHIP_KINDS)
        return cls(**{**{name: getattr(settings, name) for name in names}, **changes})

    def cadence_for(self, contact: Contact) -> int | None:
        """The contact's own cadence, else the default of their relationship kind (P6.1)."""
        default: int | None = getattr(self, f"cadence_{contact.kind.value}")
        return contact.cadence_days or default


@dataclass(frozen=True, slots=True)
class TripStop:
    """One of the user's trips with the coordinates of its city, when known (P9.3)."""

    trip: Trip
    coordinates: Coordinates | None = None


@dataclass(frozen=True, slots=True)
class ContactHistory:
    """What occasion finding reads about one contact.

    `calls`: at least the latest calls and every call with an open promise, any order;
    `last_touch`: the latest touching call when `calls` is only a recent slice.
    """

    contact: Contact
    calls: tuple[Call, ...] = ()
    last_touch: Call | None = None
    trips: tuple[TripStop, ...] = ()
    snoozes: tuple[Snooze, ...] = ()
    custom: tuple[CustomOccasion, ...] = ()
    coordinates: Coordinates | None = None
