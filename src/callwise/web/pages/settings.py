"""The settings page (issue 7): every setting in groups, saved all or none; the calendar feed.

Decisions:
- Only the fields whose value changed are validated and stored, all in one transaction: one
  invalid value stores none, and every error is shown next to its field (422).
- Issue 15.6: calling hours and business hours are two time pickers (while they are one
  range), calling and business days are day boxes, your time zone a list, your number shown
  formatted; the pickers are put back into the text the one parser reads
  (domain/contact_input.py), which also takes what people type (9am-5pm, Mon-Fri).
- The web login has a form of its own (issue 15.5): set, change or remove the password (the
  current one first, when there is one) and whether to ask for it (`services/web_login.py`).
  Whether it is on takes effect when the web app next starts; a password changed here keeps
  this browser logged in with a new session (the others end).
- Hints are the settings' own help without the playbook's rule ids (plain words on pages).
- `next` (a path on this site) gives a way back to the page you came from, also after saving.
- The feed URL is built from the address the page was reached at, as a calendar app on the
  same network would use it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from callwise.domain.contact_input import DAY_CODES, week_days
from callwise.domain.errors import ValidationError
from callwise.domain.phones import display_number
from callwise.services import access
from callwise.services.app import App
from callwise.services.places import zone_names
from callwise.services.settings import check_settings, set_settings, setting_texts
from callwise.services.web_login import LoginChange, remove_login, save_login
from callwise.web.deps import AppDep, CsrfDep, redirect_with_flash, render, web_state
from callwise.web.pages.login import with_new_session
from callwise.web.security import safe_next

router = APIRouter()

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("You", ("user_name", "user_phone", "home_zone", "default_region")),
    ("Calling hours", ("calling_hours", "calling_days", "quiet_start", "quiet_end")),
    (
        "Courtesy policy",
        (
            "personal_windows",
            "business_hours",
            "business_days",
            "business_avoid",
            "personal_calls_on_holidays",
        ),
    ),
    ("Budget", ("daily_calls", "daily_minutes")),
    ("Web", ("web_hosts",)),
    (
        "Default cadences",
        ("cadence_business", "cadence_personal", "cadence_informal", "cadence_organization"),
    ),
)
EDITABLE = frozenset(key for _, keys in GROUPS for key in keys)
LABELS = {
    "user_name": "Your name",
    "user_phone": "Your phone number",
    "home_zone": "Your time zone",
    "default_region": "Default phone region",
    "calling_hours": "Your calling hours",
    "calling_days": "Your calling days",
    "quiet_start": "No calls before",
    "quiet_end": "No calls after",
    "personal_windows": "Personal call windows",
    "business_hours": "Business hours",
    "business_days": "Business days",
    "business_avoid": "Business hours to avoid",
    "personal_calls_on_holidays": "Personal calls on public holidays",
    "daily_calls": "Calls a day",
    "daily_minutes": "Minutes of calls a day",
    "cadence_business": "Business contacts (days)",
    "cadence_personal": "Personal contacts (days)",
    "cadence_informal": "Informal contacts (days)",
    "cadence_organization": "Organizations (days)",
    "web_hosts": "Other names this web app answers to",
}
# Hints the page words itself: the settings' help names terminal commands (issue 15.5).
PAGE_HINTS = {
    "web_hosts": "Host names or addresses, comma-separated, for reaching callwise from other "
    "devices (with the password on). Used from the web app's next start.",
}
_RULE_IDS = re.compile(r"\s*\((?:P\d+\.\d+(?:,\s*)?)+\)")
INPUT_TYPES = {"user_phone": "tel", "daily_calls": "number", "daily_minutes": "number"}
YES_NO = frozenset({"personal_calls_on_holidays"})
RANGE_PICKERS = frozenset({"calling_hours", "business_hours"})
DAY_PICKERS = frozenset({"calling_days", "business_days"})
_TRUE = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class SettingRow:
    """One setting as the form shows it."""

    key: str
    label: str
    value: str
    help: str
    is_default: bool
    kind: str  # an input type, or "yesno"


def _shown(key: str, value: str) -> str:
    """The value as the form writes it (yes/no settings as yes or no)."""
    if key in YES_NO:
        return "yes" if value.strip().lower() in _TRUE else "no"
    if key == "user_phone" and value.strip():
        return display_number(value)
    return value


def _kind(key: str, value: str) -> str:
    """How the form shows a setting: an input type, yes/no, a time range, day boxes."""
    if key in YES_NO:
        return "yesno"
    if key in RANGE_PICKERS and value.count("-") == 1 and "," not in value:
        return "range"
    return "days" if key in DAY_PICKERS else INPUT_TYPES.get(key, "text")


def ticked_days(text: str) -> list[str]:
    """The day boxes to tick for a days setting ('Mo-Fr' -> Mo ... Fr); none if unreadable."""
    try:
        return [DAY_CODES[d] for d in sorted(week_days(text, "days"))]
    except ValidationError:
        return []


def picked(form: Mapping[str, str], days: Mapping[str, list[str]]) -> dict[str, str]:
    """The pickers' inputs as the text of their setting: '09:00' and '17:00' -> '09:00-17:00',
    the boxes ticked -> 'Mo,Tu,We' (none ticked: no days, which the parser refuses)."""
    texts = {}
    for key in RANGE_PICKERS:
        start, end = form.get(f"{key}_start"), form.get(f"{key}_end")
        if start is not None and end is not None:
            texts[key] = f"{start.strip()}-{end.strip()}" if (start + end).strip() else ""
    for key in DAY_PICKERS:
        if f"{key}_shown" in form:
            texts[key] = ",".join(days.get(key, []))
    return texts


def plain_hint(key: str, help_text: str) -> str:
    """The help a person reads on the page: no rule ids, no terminal commands."""
    return PAGE_HINTS.get(key) or _RULE_IDS.sub("", help_text)


def _current(app: App) -> dict[str, tuple[str, str, bool]]:
    """key -> (value as shown, hint, is_default)."""
    return {key: (_shown(key, v), plain_hint(key, h), d) for key, v, h, d in setting_texts(app)}


def feed_url(request: Request, token: str) -> str:
    base = str(request.base_url).rstrip("/")
    return f"{base}/calendar/feed/{token}.ics"


def _page(
    request: Request,
    app: App,
    *,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
    next_url: str = "",
    login_errors: dict[str, str] | None = None,
) -> HTMLResponse:
    current = _current(app)
    typed = typed or {}
    groups = [
        (
            title,
            [
                SettingRow(
                    key,
                    LABELS[key],
                    typed.get(key, current[key][0]),
                    current[key][1],
                    current[key][2],
                    _kind(key, typed.get(key, current[key][0])),
                )
                for key in keys
            ],
        )
        for title, keys in GROUPS
    ]
    url = feed_url(request, access.feed_token(app))
    context: dict[str, Any] = {
        "groups": groups,
        "errors": errors or {},
        "zones": [(zone, zone.replace("_", " ")) for zone in zone_names()],
        "day_codes": DAY_CODES,
        "ticked_days": ticked_days,
        "login_on": current["web_login"][0] in ("on", "yes", "true", "1"),
        "login_now": web_state(request).login,
        "has_password": access.has_password(app),
        "login_errors": login_errors or {},
        "next_url": next_url if next_url not in ("", "/settings") else "",
        "feed_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1],
    }
    return render(request, "settings.html", context, status_code=status_code)


FEED_REGENERATED = (
    "A new feed address was made: calendars subscribed to the old one stop updating. "
    "Subscribe again with the address below."
)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, app: AppDep, next: str = "") -> HTMLResponse:
    return _page(request, app, next_url=safe_next(next) if next else "")


def _back_to(next_url: str, anchor: str = "") -> str:
    """The Settings page again, keeping the way back to where you came from."""
    return "/settings" + (f"?next={quote(safe_next(next_url))}" if next_url else "") + anchor


async def submitted_texts(request: Request) -> dict[str, str]:
    """The editable settings in the posted form, as text."""
    form = await request.form()
    texts = {k: v for k, v in form.items() if isinstance(v, str)}
    days = {
        key: [d for d in form.getlist(f"{key}_day") if isinstance(d, str)] for key in DAY_PICKERS
    }
    texts.update(picked(texts, days))
    return {k: v for k, v in texts.items() if k in EDITABLE}


@router.post("/settings", dependencies=[CsrfDep])
def settings_save(
    request: Request,
    app: AppDep,
    typed: Annotated[dict[str, str], Depends(submitted_texts)],
    next: Annotated[str, Form()] = "",
) -> Response:
    """Store the changed settings, or none of them and each error next to its field."""
    current = _current(app)
    changes = {
        key: value for key, value in typed.items() if value.strip() != current[key][0].strip()
    }
    _, errors = check_settings(app, changes)
    if errors:
        return _page(request, app, typed=typed, errors=errors, status_code=422, next_url=next)
    set_settings(app, changes)
    count = len(changes)
    said = f"Saved {count} setting{'' if count == 1 else 's'}." if count else "No changes."
    return redirect_with_flash(request, _back_to(next), said)


@router.post("/settings/feed/regenerate", dependencies=[CsrfDep])
def feed_regenerate(request: Request, app: AppDep) -> RedirectResponse:
    """A new feed token: the old subscription URL stops working at once."""
    access.regenerate_feed_token(app)
    return redirect_with_flash(request, "/settings#calendar-feed", FEED_REGENERATED)


LOGIN_SAVED = "Saved the login. It applies from the web app's next start."


@router.post("/settings/login", dependencies=[CsrfDep])
def login_save(
    request: Request,
    app: AppDep,
    current_password: Annotated[str, Form()] = "",
    new_password: Annotated[str, Form()] = "",
    new_password_again: Annotated[str, Form()] = "",
    ask: Annotated[str, Form()] = "",
) -> Response:
    """Set or change the password and whether to ask for it (the current one first)."""
    change = LoginChange(current_password, new_password, new_password_again, ask == "on")
    errors = save_login(app, change)
    if errors:
        return _page(request, app, login_errors=errors, status_code=422)
    response = redirect_with_flash(request, "/settings#web-login", LOGIN_SAVED)
    if new_password and web_state(request).login:
        return with_new_session(request, app, response)  # this browser stays logged in
    return response


@router.post("/settings/login/remove", dependencies=[CsrfDep])
def login_remove(
    request: Request, app: AppDep, remove_current_password: Annotated[str, Form()] = ""
) -> Response:
    """Remove the password: the login turns off from the next start; every session ends."""
    errors = remove_login(app, remove_current_password)
    if errors:
        refused = {"remove_current_password": errors["current_password"]}
        return _page(request, app, login_errors=refused, status_code=422)
    said = "Removed the password. The web app stops asking for one from its next start."
    response = redirect_with_flash(request, "/settings#web-login", said)
    if web_state(request).login:
        return with_new_session(request, app, response)  # until the restart turns it off
    return response
