"""Who may use the web app, and the secrets behind its cookies and its calendar feed.

Decisions:
- One user, one password, stored only as an argon2 hash (issue 7). The hash, the key that
  signs session cookies and the calendar feed token live in the settings table under
  `secret.*` keys, which `settings show` and the JSON backup leave out.
- The feed token is a long random string in the feed's URL, so calendar apps (which cannot
  log in) can subscribe; regenerating it cuts off every old subscription at once.
- Sessions are kept server-side (issue 11) under `secret.sessions`: a JSON map from the
  SHA-256 of each session id to when it started, so a copied database holds no usable
  cookie. Logging out removes that session; setting a password removes them all. A settings
  key rather than a table: one user with a handful of devices needs no migration.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from callwise.domain.errors import ValidationError
from callwise.services.app import App
from callwise.store import settings as settings_store

PASSWORD_KEY = "secret.password_hash"
SESSION_KEY = "secret.session_key"
FEED_KEY = "secret.feed_token"
SESSIONS_KEY = "secret.sessions"
SESSION_SECONDS = 30 * 24 * 3600
MAX_SESSIONS = 20  # the oldest session ends when a 21st device logs in
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
    hashed = _hasher.hash(password)
    with app.transaction() as conn:
        settings_store.save_text(conn, PASSWORD_KEY, hashed)
        settings_store.save_text(conn, SESSIONS_KEY, "{}")  # every session ends


def has_password(app: App) -> bool:
    return bool(_stored(app, PASSWORD_KEY))


def password_hash(app: App) -> str:
    """The stored hash: it changes with the password, so a cache of checked credentials
    keyed by it forgets the old password everywhere (HTTP Basic, web/security.py)."""
    return _stored(app, PASSWORD_KEY)


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


def _session_digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _live_sessions(text: str, now: float) -> dict[str, float]:
    """The stored sessions that have not expired (an unreadable value counts as none)."""
    try:
        stored = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(stored, dict):
        return {}
    return {
        k: float(v)
        for k, v in stored.items()
        if isinstance(v, int | float) and now - float(v) < SESSION_SECONDS
    }


def start_session(app: App) -> str:
    """A new session after a good password; returns its id (the cookie carries it)."""
    session_id = secrets.token_urlsafe(32)
    now = app.now.timestamp()
    with app.transaction() as conn:
        live = _live_sessions(settings_store.load_texts(conn).get(SESSIONS_KEY, ""), now)
        live[_session_digest(session_id)] = now
        newest = dict(sorted(live.items(), key=lambda item: item[1])[-MAX_SESSIONS:])
        settings_store.save_text(conn, SESSIONS_KEY, json.dumps(newest))
    return session_id


def session_alive(app: App, session_id: str) -> bool:
    """True while the session has not ended (logout, password change) or expired."""
    live = _live_sessions(_stored(app, SESSIONS_KEY), app.now.timestamp())
    return _session_digest(session_id) in live


def end_session(app: App, session_id: str) -> None:
    """Log out: this session's cookie no longer opens anything, here or in a copy of it."""
    with app.transaction() as conn:
        live = _live_sessions(
            settings_store.load_texts(conn).get(SESSIONS_KEY, ""), app.now.timestamp()
        )
        if live.pop(_session_digest(session_id), None) is not None:
            settings_store.save_text(conn, SESSIONS_KEY, json.dumps(live))


def remove_password(app: App) -> None:
    """No password any more: the login turns off (from the web app's next start) and every
    session ends, so a cookie made with the old password opens nothing (issue 15.5)."""
    with app.transaction() as conn:
        settings_store.delete_text(conn, PASSWORD_KEY)
        settings_store.save_text(conn, SESSIONS_KEY, "{}")
        settings_store.save_text(conn, "web_login", "off")
