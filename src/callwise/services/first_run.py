"""The first run (issue 15.4): scripts before you say who you are, and one invitation to say it.

Decisions:
- Until your name and number are set, scripts put "[your name]" and "[your number]" where they
  go, as the practice's own samples do (P2.1, P2.7): a first call needs no setup. The domain
  still refuses a blank caller; the placeholder is chosen here, where the `Caller` is built.
- Today invites you once to give your name, number and time zone. Saving or dismissing it
  records `FIRST_RUN_KEY` in the settings table; not a setting (no `Spec`), so `settings show`
  and the JSON backup leave it out, and a restored database asks again only if no name is set.
- The number is checked and stored as the Settings page does (`services/settings.py`): in the
  default region, one error per field, nothing saved when one is wrong.
"""

from __future__ import annotations

from callwise.domain.scripts import Caller
from callwise.domain.settings import Settings
from callwise.services.app import App
from callwise.services.settings import check_settings, set_settings
from callwise.store import settings as settings_store

NAME_PLACEHOLDER = "[your name]"
NUMBER_PLACEHOLDER = "[your number]"
FIRST_RUN_KEY = "state.first_run"  # "saved" or "dismissed"
INTRODUCTION_KEYS = ("user_name", "user_phone", "home_zone")


def caller_of(settings: Settings) -> Caller:
    """You as scripts introduce you: your name and number, or their placeholders (P2.7)."""
    return Caller(
        settings.user_name.strip() or NAME_PLACEHOLDER,
        settings.user_phone.strip() or NUMBER_PLACEHOLDER,
    )


def uses_placeholders(app: App) -> bool:
    """True while scripts say "[your name]" or "[your number]" (either setting is empty)."""
    settings = app.settings()
    return not (settings.user_name.strip() and settings.user_phone.strip())


def _mark(app: App, how: str) -> None:
    with app.transaction() as conn:
        settings_store.save_text(conn, FIRST_RUN_KEY, how)


def invitation_due(app: App) -> bool:
    """True until you have given your name or answered the invitation (saved or dismissed)."""
    settings = app.settings()
    if settings.user_name.strip():
        return False
    with app.engine.connect() as conn:
        return not settings_store.load_texts(conn).get(FIRST_RUN_KEY)


def dismiss(app: App) -> None:
    """Not now: the invitation does not come back (Settings still has the fields)."""
    _mark(app, "dismissed")


def introduce(app: App, typed: dict[str, str]) -> dict[str, str]:
    """Store your name, number and zone, all or none; the errors by field (empty: saved).

    A field left empty keeps its value: the form asks, it does not insist."""
    changes = {k: typed.get(k, "").strip() for k in INTRODUCTION_KEYS}
    changes = {k: v for k, v in changes.items() if v}
    _, errors = check_settings(app, changes)
    if errors:
        return errors
    set_settings(app, changes)
    _mark(app, "saved")
    return {}
