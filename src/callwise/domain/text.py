"""Text folding for search: case- and accent-insensitive, the same in every store."""

from __future__ import annotations

import unicodedata

# Letters that do not decompose into a base letter plus accents.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i"})


class _Marks(dict[int, int | None]):
    """A `str.translate` table that drops combining marks (accents), filled in as characters
    are met: one C-level pass per string instead of a Python test per character."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def fold(text: str) -> str:
    """Lower-case `text`, drop accents and collapse whitespace: 'Zoë  Müller' -> 'zoe muller'."""
    if text.isascii():  # the common case, and the same result much faster
        return " ".join(text.lower().split())
    lowered = text.casefold().translate(_SPECIAL)
    bare = unicodedata.normalize("NFKD", lowered).translate(_MARKS)
    return " ".join(bare.split())
