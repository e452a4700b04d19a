"""The flash: a one-time status line carried across a redirect (post/redirect/get, issue 15).

Every page form that changes data answers with a 303 to a page that shows the result, and
leaves what to say once in a short-lived cookie: the message and any warnings. The cookie is
signed with the session key (services/access.py), so only callwise writes what a page says;
the page autoescapes it like any other text. `deps.render` shows it and then forgets it.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from callwise.web.security import sign, unsign

FLASH_COOKIE = "callwise_flash"
FLASH_SECONDS = 60
MAX_TEXT = 400  # characters of the message and of each warning (a cookie holds about 4 KB)
MAX_WARNINGS = 5


@dataclass(frozen=True)
class Flash:
    """What the next page says once: a line, and warnings to check (shown as a list)."""

    message: str
    warnings: tuple[str, ...] = ()


def encode(key: bytes, flash: Flash) -> str:
    """The cookie value: the flash as JSON, base64url, signed."""
    data = {
        "message": flash.message[:MAX_TEXT],
        "warnings": [w[:MAX_TEXT] for w in flash.warnings[:MAX_WARNINGS]],
    }
    packed = base64.urlsafe_b64encode(json.dumps(data).encode()).decode()
    return sign(key, packed)


def decode(key: bytes, value: str) -> Flash | None:
    """The flash in a cookie; None when it is missing, not ours, or unreadable."""
    packed = unsign(key, value) if value else None
    if packed is None:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(packed.encode()))
        message = str(data["message"])
        warnings = tuple(str(w) for w in data["warnings"])
    except (binascii.Error, ValueError, KeyError, TypeError):
        return None
    return Flash(message, warnings)
