"""Who may use the web app, and the secrets behind its cookies and its calendar feed.

Decisions:
- One user, one password, stored only as an argon2 hash (issue 7). The hash, the key that
  signs session cookies and the calendar feed token live in the settings table under
  `secret.*` keys, which `settings show` and the JSON backup leave out.
- The feed token is a long random string in the feed's URL, so calendar apps (which cannot
  log in) can subscribe; regenerating it cuts off every old subscription at once.
"""

from __future__ import annotations

import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from callwise.domain.errors import ValidationError
from callwise.services.app import App
from callwise.store import settings as settings_store

PASSWORD_KEY = "secret.password_hash"
SESSION_KEY = "secret.session_key"
FEED_KEY = "secret.feed_token"
MIN_PASSWORD = 8
_hasher = PasswordHasher()


def _stored(app: App, key: str) -> str:
    with app.engine.connect() as conn:
        return settings_store.load_texts(conn).get(key, "")


def _store(app: App, key: str, value: str) -> None:
    with app.transaction() as conn:
        settings_store.save_text(conn, key, value)


def set_password(app: App, password: str) -> None:
    """Store the web app's password as an argon2 hash."""
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            f"too short; use at least {MIN_PASSWORD} characters", field="password"
        )
    _store(app, PASSWORD_KEY, _hasher.hash(password))


def has_password(app: App) -> bool:
    return bool(_stored(app, PASSWORD_KEY))


def check_password(app: App, password: str) -> bool:
    """True when `password` is the one set; False for a wrong one or none set."""
    stored = _stored(app, PASSWORD_KEY)
    if not stored:
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _secret(app: App, key: str) -> str:
    """The secret under `key`, made on first use."""
    value = _stored(app, key)
    if not value:
        value = secrets.token_urlsafe(32)
        _store(app, key, value)
    return value


def session_key(app: App) -> bytes:
    """The key that signs the web app's session cookies."""
    return _secret(app, SESSION_KEY).encode()


def feed_token(app: App) -> str:
    """The token in the calendar feed's URL."""
    return _secret(app, FEED_KEY)


def regenerate_feed_token(app: App) -> str:
    """A new feed token: every calendar subscribed with the old URL stops updating."""
    value = secrets.token_urlsafe(32)
    _store(app, FEED_KEY, value)
    return value


def check_feed_token(app: App, token: str) -> bool:
    stored = _stored(app, FEED_KEY)
    return bool(stored) and hmac.compare_digest(stored.encode(), token.encode())
