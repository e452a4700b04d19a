"""The web login from the Settings page (issue 15.5): set, change or remove the password and
say whether the web app asks for it, without a terminal.

Decisions:
- With a password set, every change needs the current one first: a browser left open
  cannot be used to lock its owner out or to turn the login off.
- A new password is typed twice; it is stored as `services/access.py` stores it (argon2),
  which ends every session. Removing it turns the login off and ends every session too.
- Whether the login is on takes effect when the web app next starts (`web/app.py` reads it
  once); the page says so. Asking for a password needs one: refused otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from callwise.services import access
from callwise.services.app import App
from callwise.services.settings import set_setting


@dataclass(frozen=True)
class LoginChange:
    """What the Settings page's login form sent."""

    current: str = ""
    new: str = ""
    again: str = ""
    ask: bool = False


def _current_error(app: App, current: str) -> dict[str, str]:
    if access.has_password(app) and not access.check_password(app, current):
        return {"current_password": "that is not the password set; type the one you log in with"}
    return {}


def save_login(app: App, change: LoginChange) -> dict[str, str]:
    """Store a new password and whether to ask for it; the errors by field (empty: saved)."""
    errors = _current_error(app, change.current)
    if change.new or change.again:
        if len(change.new) < access.MIN_PASSWORD:
            errors["new_password"] = f"too short; use at least {access.MIN_PASSWORD} characters"
        elif change.new != change.again:
            errors["new_password_again"] = "the two differ; type the new password twice"
    elif change.ask and not access.has_password(app):
        errors["new_password"] = "choose a password before asking for one"
    if errors:
        return errors
    if change.new:
        access.set_password(app, change.new)  # every session ends
    set_setting(app, "web_login", "on" if change.ask else "off")
    return {}


def remove_login(app: App, current: str) -> dict[str, str]:
    """Remove the password (and so the login), after the current one; errors by field."""
    errors = _current_error(app, current)
    if not errors:
        access.remove_password(app)
    return errors
