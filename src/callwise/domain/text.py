"""Text folding for search: case- and accent-insensitive, the same in every store."""

from __future__ import annotations

import unicodedata

# Letters that do not decompose into a base letter plus accents.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(text: str) -> str:
    """Lower-case `text`, drop accents and collapse whitespace: 'Zoë  Müller' -> 'zoe muller'."""
    if text.isascii():  # the common case, and the same result much faster
        return " ".join(text.lower().split())
    lowered = text.casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())
