"""Reading and changing the user's settings."""

from __future__ import annotations

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
