"""Reading and changing the user's settings."""

from __future__ import annotations

from contextlib import suppress

from callwise.domain.errors import ValidationError
from callwise.domain.settings import SPECS, Settings, check_setting
from callwise.services.access import has_password
from callwise.services.app import App
from callwise.store import settings as settings_store


def setting_texts(app: App) -> list[tuple[str, str, str, bool]]:
    """Each setting as (key, value, help, is_default), in a stable order."""
    with app.engine.connect() as conn:
        stored = settings_store.load_texts(conn)
    return [
        (spec.key, stored.get(spec.key, spec.default), spec.help, spec.key not in stored)
        for spec in SPECS
    ]


def set_setting(app: App, key: str, value: str) -> str:
    """Validate and store one setting; return the stored text."""
    region = app.settings().default_region
    text = check_setting(key, value, region)
    turning_login_on = key == "web_login" and Settings.from_texts({key: text}).web_login
    if turning_login_on and not has_password(app):
        raise ValidationError("set a password first with `callwise settings password`", field=key)
    with app.transaction() as conn:
        settings_store.save_text(conn, key, text)
    return text


def check_settings(app: App, changes: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Validate several settings at once: (texts to store, error message by key).

    Your phone is read in the default region being saved with it, if that one is valid.
    """
    errors: dict[str, str] = {}
    texts: dict[str, str] = {}
    region = app.settings().default_region
    if "default_region" in changes:
        with suppress(ValidationError):  # reported below, with its own key
            region = check_setting("default_region", changes["default_region"], region)
    for key, value in changes.items():
        try:
            texts[key] = check_setting(key, value, region)
        except ValidationError as exc:
            errors[exc.field if exc.field in changes else key] = exc.message
    login = texts.get("web_login")
    turning_login_on = login is not None and Settings.from_texts({"web_login": login}).web_login
    if turning_login_on and not has_password(app):
        errors["web_login"] = "set a password first with `callwise settings password`"
    return texts, errors


def set_settings(app: App, changes: dict[str, str]) -> dict[str, str]:
    """Validate every change, then store them all in one transaction, or none if one is invalid.

    Raises the first error (naming its key); `check_settings` lists them all.
    """
    texts, errors = check_settings(app, changes)
    if errors:
        key = next(iter(errors))
        raise ValidationError(errors[key], field=key)
    with app.transaction() as conn:
        for key, text in texts.items():
            settings_store.save_text(conn, key, text)
    return texts
