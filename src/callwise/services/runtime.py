"""How a callwise process is tuned for speed, in one place (issues 2 and 3).

- the garbage collector: objects alive after start-up are set aside (`freeze_long_lived`),
  collection pauses while a plan is made (`paused_collection`) and runs rarely during an
  import (`fewer_collections`, `collect_rarely` in a reading process);
- the city tables of `zones` come from a disk cache (`enable_city_cache`);
- a plain `import` starts reading its file in other processes before the rest of the start-up
  (`start_early_import`); the import takes the readers over (`take_early_import`).

Nothing here is heavy to import: the modules doing the work load when first called, so the
quick path of `contacts find` pays nothing for them.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from callwise.services.import_source import EarlyReader, PreparedBatch

COLLECT_AFTER = 50_000  # allocations between the garbage collector's youngest passes


def freeze_long_lived() -> None:
    """Set every object alive now aside from the cyclic garbage collector (`gc.freeze`): what
    a process has loaded by now lives until it exits, and no full collection needs to walk it
    again. Reference counting still frees them; only a cycle among them would stay. At exit
    this also spares the interpreter's last full collection (0.4 s after a 10k-card import)."""
    gc.freeze()


_settled = threading.Event()


def freeze_once_settled() -> None:
    """`freeze_long_lived`, once per process, after its first plan: the tables of cities,
    zones and holidays, compiled queries and templates (some 200k objects) are loaded by then,
    and each full collection walked them all, pausing a request for about 150 ms."""
    if not _settled.is_set():
        _settled.set()
        freeze_long_lived()


@contextmanager
def paused_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector meanwhile: a plan allocates many short-lived objects
    (reference counting frees them), and each full collection walks every long-lived object
    too, the large city and zone indexes among them: at a million contacts a quarter of the
    time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the garbage collector's passes far less often meanwhile: an import makes and drops
    millions of objects, almost none in cycles, and the passes cost ~5% of its time."""
    before = gc.get_threshold()
    gc.set_threshold(COLLECT_AFTER, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def collect_rarely() -> None:
    """For a reading process for the rest of its life: `fewer_collections`, never undone."""
    gc.set_threshold(COLLECT_AFTER)


def enable_city_cache() -> None:
    """Let `zones` read its city tables from the user's cache directory when it first needs
    them (~0.3 s less per process); a second call changes nothing."""
    from callwise.services.zone_cache import use_disk_cache

    use_disk_cache()


_parked: list[EarlyReader] = []  # at most one: the readers of this process's `import`


def start_early_import(path: Path, fmt: str = "auto") -> None:
    """Start reading a large file of a plain `import` in other processes now, so parsing
    overlaps the start-up; anything unusual starts nothing and the import reports it."""
    from callwise.services.import_source import start_early_reader

    stop_early_import()
    reader = start_early_reader(path, fmt)
    if reader is not None:
        _parked.append(reader)


def take_early_import(
    path: Path, fmt: str, encoding: str, region: str
) -> Iterator[PreparedBatch] | None:
    """The early readers' batches when they read this very file, else None (and they stop)."""
    if not _parked:
        return None
    return _parked.pop().take(path, fmt, encoding, region)


def stop_early_import() -> None:
    """End early readers nobody took over."""
    while _parked:
        _parked.pop().stop()
