"""Bounds on what a contacts file may hold, so that hostile input costs bounded time and memory
(issue 11). Each is far above what a real address book holds; passing one is one clear error
that names the bound and the limit."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from callwise.domain.errors import ValidationError

MAX_FILE_BYTES = 4 * 1024**3  # a whole file (the web app's uploads have a lower bound)
MAX_LINE_CHARS = 1_000_000  # one physical line of any file, and one unfolded vCard line
MAX_CARD_CHARS = 1_000_000  # the text of one vCard (inline photos, which are dropped, aside)
MAX_PARAMS = 100  # parameters on one vCard content line (real ones have up to ~6)
MAX_VALUES = 1_000  # values in one property (N, ADR, CATEGORIES) or one CSV cell (` ::: `)
MAX_COLUMNS = 2_000  # cells in one CSV record (Google's widest exports have a few hundred)


def check_file_size(size: int) -> None:
    """Refuse a file over MAX_FILE_BYTES before reading any of it."""
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}; "
            "split it or export fewer contacts",
            field="file",
        )


def too_many(count: int, limit: int, what: str) -> str:
    """The reason given for `count` of `what` over `limit` (a card or row is rejected)."""
    return f"{count:,} {what}, over the limit of {limit:,}"


def bounded_lines(lines: Iterable[str], first_line: int = 1) -> Iterator[str]:
    """The lines of `lines`, each at most MAX_LINE_CHARS long: a longer one stops the read
    with an error, and a stream (`readline`) never holds more than that in memory. NUL
    characters are dropped: they mean nothing in a text file and PostgreSQL cannot store them."""
    readline = getattr(lines, "readline", None)
    source: Iterable[str] = iter(lambda: readline(MAX_LINE_CHARS + 1), "") if readline else lines
    for number, line in enumerate(source, start=first_line):
        if len(line) > MAX_LINE_CHARS:
            raise ValidationError(
                f"line {number} is longer than the limit of {MAX_LINE_CHARS:,} characters; "
                "is this a contacts file?",
                field="file",
            )
        yield line.replace("\x00", "") if "\x00" in line else line
