"""The golden corpus (issue 14): contrasting contacts and situations whose scripts are checked
in as text under `scripts/`, so that a change of wording shows up in review as a diff.

Each case is a contact as the backup file and the API spell it (`domain/codec.py`), the calls
logged with them before the call (each logged at its own moment, as a user would), your trips,
what you ask the script for (occasion, purpose, memorable line, recap) and the moment of the
call. `cites` are rule ids the script must name (rule checks by id); `never_says` are words no
spoken line may contain; `needs_answer` is whether the voicemail must ask for a call back (None:
not checked). The situations are the playbook's and the seeds' (PLAYBOOK.md); the names, places
and wording are made up for this corpus.

Regenerate the texts with `make golden` after a deliberate change of wording, then read the diff.
"""

from __future__ import annotations

from golden_cases_first import FIRST
from golden_cases_second import SECOND
from golden_model import ME, Case, Logged, Trip

__all__ = ["CASES", "ME", "Case", "Logged", "Trip"]

CASES: tuple[Case, ...] = (*FIRST, *SECOND)  # in this order they are numbered: NN-slug.txt
