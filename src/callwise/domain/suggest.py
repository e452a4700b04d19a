"""The names closest to a name that matched no contact, for "did you mean ...?" (issue 15).

A stored name is close when every word typed is a near spelling of one of its words (Okafr and
Okafor, Lindqvst and Lindqvist), or the whole, its words in any order, is (Jonas Bekker)."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from callwise.domain.text import fold

CLOSE = 80  # out of 100: one slip in a five-letter word still counts, two in a short one not
_SHORTLIST = 100  # the C scorer's first pass over every name, before the word-by-word one


def _score(typed: str, name: str) -> float:
    words = name.split()
    by_word = min(max(fuzz.ratio(t, w) for w in words) for t in typed.split())
    return max(by_word, fuzz.token_sort_ratio(typed, name))


def closest_names(typed: str, names: Sequence[str], *, limit: int = 3) -> list[str]:
    """Up to `limit` of `names` (folded, as stored) close to `typed`, closest first."""
    query = fold(typed)
    if not query.strip():
        return []
    shortlist = process.extract(
        query, names, scorer=fuzz.WRatio, limit=_SHORTLIST, score_cutoff=CLOSE / 2
    )
    scored = sorted(
        ((_score(query, name), name) for name, _, _ in shortlist if name.strip()),
        key=lambda pair: (-pair[0], pair[1]),
    )
    found: list[str] = []
    for score, name in scored:
        if score >= CLOSE and name not in found:
            found.append(name)
    return found[:limit]
