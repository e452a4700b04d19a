"""One base error for everything a user can get wrong; each surface translates it once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager


class CallwiseError(Exception):
    """A failure explained in one line. `exit_code` is for the CLI, `http_status` for the web."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class ValidationError(CallwiseError):
    """A value that cannot be accepted; names the field and what would be."""

    exit_code = 3
    http_status = 422


class NotFoundError(CallwiseError):
    """An id or a name that matches nothing."""

    exit_code = 4
    http_status = 404


class AmbiguousError(CallwiseError):
    """A name query that matches more than one contact."""

    exit_code = 5
    http_status = 409

    def __init__(self, message: str, candidates: list[str], *, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.candidates = candidates


class ConflictError(CallwiseError):
    """The change clashes with what is stored (a phone or email another contact has)."""

    exit_code = 6
    http_status = 409


class AbortedError(CallwiseError):
    """The user declined a confirmation, or it (or a password) could not be asked for
    without a terminal."""

    exit_code = 7
    http_status = 400


class StorageError(CallwiseError):
    """The database cannot be opened, migrated or written."""

    exit_code = 8
    http_status = 503


@contextmanager
def renamed_fields(names: Mapping[str, str]) -> Iterator[None]:
    """Rename the field of a ValidationError raised inside to what this user typed or sent
    (the CLI's `--to`, the API's `end`): one message, each surface's own names."""
    try:
        yield
    except ValidationError as exc:
        if exc.field is not None and exc.field in names:
            exc.field = names[exc.field]
        raise
