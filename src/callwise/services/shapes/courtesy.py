"""The shapes of `when`: a courteous window, where a contact's clock is, and the report
(docs/json.md, `when`; P3.1, P3.2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from callwise.services.shapes import contact_ref

if TYPE_CHECKING:
    from callwise.domain.courtesy import Window
    from callwise.domain.zones import Location
    from callwise.services.courtesy import WhenReport


def window_shape(window: Window) -> dict[str, Any]:
    """`start`/`end` in the contact's zone, `home_*` in yours, and the tag."""
    return {
        "start": window.start.isoformat(),
        "end": window.end.isoformat(),
        "home_start": window.home_start.isoformat(),
        "home_end": window.home_end.isoformat(),
        "tag": window.tag,
    }


def optional_window_shape(window: Window | None) -> dict[str, Any] | None:
    return None if window is None else window_shape(window)


def location_shape(location: Location) -> dict[str, Any]:
    """Their zone and how callwise knows it."""
    return {
        "zone": location.zone,
        "source": location.source,
        "place": location.place,
        "country": location.country,
        "subdivision": location.subdivision,
        "detail": location.detail,
        "candidates": list(location.candidates),
    }


def when_shape(report: WhenReport) -> dict[str, Any]:
    """Their time now, whether now is courteous and why, and the next windows."""
    return {
        "contact": contact_ref(report.contact),
        "location": location_shape(report.location),
        "now": report.now.isoformat(),
        "local_time": report.verdict.local_time.isoformat(),
        "ok": report.verdict.ok,
        "reason": report.verdict.reason,
        "home_zone": report.home_zone,
        "windows": [window_shape(w) for w in report.windows],
    }
