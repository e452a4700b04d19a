"""Idempotency keys for the REST API (issue 15): a client that retries a request with the
same `Idempotency-Key` gets the first answer again, and nothing is created twice.

Decisions:
- A key is claimed before the request runs (the unique index makes one of two racing
  requests the winner); a second request with the key waits for the first to finish, up to
  `WAIT_ATTEMPTS` x `WAIT_SECONDS`, then gets its answer, or a 409 if it is still running.
- Only an answer that saved something (2xx) is kept; after an error the key is forgotten,
  so the client may fix the request and send it again with the same key.
- A key sent with a different request (another path or body) is a 422: the client reused a
  key by mistake, and replaying an answer to another request would mislead it.
- Keys are kept for `KEEP` (a day) and pruned when a new key is claimed.
- callwise has one user (services/access.py), so every key is that user's; the `owner`
  column keeps keys apart per user.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from callwise.domain.errors import ConflictError, ValidationError
from callwise.services.app import App
from callwise.store import idempotency as store
from callwise.store.idempotency import KeyRow

KEEP = dt.timedelta(hours=24)
WAIT_ATTEMPTS = 200
WAIT_SECONDS = 0.05  # so a retry waits up to ten seconds for the first request to finish
FIELD = "Idempotency-Key"
ONE_USER = "user"


@dataclass(frozen=True)
class Answer:
    """What the first request with a key answered: its status and its body (JSON text; for a
    page form's redirect, 303 and where it pointed)."""

    status: int
    body: str


@dataclass(frozen=True)
class Claim:
    """A key this request holds: finish it with the answer, or release it after an error."""

    owner: str
    key: str


def _claim_or_find(app: App, owner: str, key: str, request: str, fingerprint: str) -> KeyRow | None:
    """None when this request claimed the key; else the row of the request that has it."""
    since = app.now - KEEP
    with app.snapshot() as conn:
        found = store.find(conn, owner, key, since)
    if found is not None:
        return found
    with app.transaction() as conn:
        store.prune(conn, since)
        if store.claim(conn, owner, key, request, fingerprint, app.now):
            return None
        return store.find(conn, owner, key, since)


def begin(app: App, owner: str, key: str, request: str, fingerprint: str) -> Claim | Answer:
    """Claim `key` for `request` (method and path; `fingerprint` covers the whole request),
    or return the answer its first use got. Raises ValidationError when the key was used
    for another request, ConflictError when that first request is still running."""
    for _ in range(WAIT_ATTEMPTS):
        found = _claim_or_find(app, owner, key, request, fingerprint)
        if found is None:
            return Claim(owner, key)
        if found.fingerprint != fingerprint:
            what = "with another body" if found.request == request else f"for {found.request}"
            raise ValidationError(
                f"this key was already used {what}; send a new Idempotency-Key for a new request",
                field=FIELD,
            )
        if found.status is not None:
            return Answer(found.status, found.body or "")
        time.sleep(WAIT_SECONDS)
    raise ConflictError(
        "the first request with this key is still running; send it again in a moment "
        "with the same Idempotency-Key",
        field=FIELD,
    )


def finish(app: App, claim: Claim, answer: Answer) -> None:
    """Keep the answer: later requests with the key get it."""
    with app.transaction() as conn:
        store.complete(conn, claim.owner, claim.key, answer.status, answer.body)


def release(app: App, claim: Claim) -> None:
    """Forget the key after a failed request, so it may be sent again."""
    with app.transaction() as conn:
        store.forget(conn, claim.owner, claim.key)
