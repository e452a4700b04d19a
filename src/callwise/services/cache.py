"""Plans kept in memory while they still hold: same question, same data, same minute (issue 7).

Making today's plan reads thousands of rows and costs tens of milliseconds; the web app asks
for it on every page load. A result is kept per database engine, keyed by what it depends on:
- the question (which function, with which arguments);
- the data revision (store/db.py), raised by every write transaction of any process, so a call
  logged from the CLI or another worker is seen by the next request; the settings are data
  too (saved in a write transaction), so they need no key of their own;
- the minute of the clock: a plan shows "their local time now" and courteous windows, so a
  result is reused within the minute it was made only.
Checking costs one single-row read per request. Values must be immutable (frozen dataclasses
of tuples, str, bytes): every thread gets the same object. When several threads ask for the
same missing key at once, one computes and the others wait for its result.

The web layer may keep what it makes of a plan the same way (the JSON bytes of /api/v1/plan,
the HTML of the Today page's cards), with `remembered` and a question of its own, computing
the plan inside `compute` (after the revision was read, so a kept value is never older than
its key).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

from sqlalchemy import Engine

from callwise.services.app import App
from callwise.services.runtime import freeze_once_settled

T = TypeVar("T")
ENTRIES = 32  # per engine; a plan of a year is the largest value, a few megabytes at most


class ResultCache:
    """A bounded, thread-safe map from keys to computed values, least recently used out."""

    def __init__(self, size: int = ENTRIES) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._running: dict[Hashable, tuple[threading.Event, int]] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value kept under `key`, computed (once, whoever asks meanwhile) when missing."""
        me = threading.get_ident()
        while True:
            with self._lock:
                if key in self._values:
                    self._values.move_to_end(key)
                    return cast(T, self._values[key])
                running = self._running.get(key)
                if running is None:
                    done = threading.Event()
                    self._running[key] = (done, me)
                    break
            if running[1] == me:  # asked again while computing it: waiting would never end
                return compute()
            running[0].wait()  # another thread computes it; look again (it may have failed)
        try:
            value = compute()
        except BaseException:
            self._finish(key, done)
            raise
        self._finish(key, done, value)
        return value

    def _finish(self, key: Hashable, done: threading.Event, *value: object) -> None:
        with self._lock:
            if value:
                self._values[key] = value[0]
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
            del self._running[key]
        done.set()

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


_caches: weakref.WeakKeyDictionary[Engine, ResultCache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def cache_of(engine: Engine) -> ResultCache:
    """The cache of one engine (one database in this process); gone with the engine."""
    with _caches_lock:
        found = _caches.get(engine)
        if found is None:
            found = _caches[engine] = ResultCache()
        return found


def remembered(app: App, question: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """`compute()`, or its result from earlier in this minute if no data changed since.

    The revision is read before computing: a write landing meanwhile leaves the result under
    the older revision, which no later request asks for."""
    minute = app.now.replace(second=0, microsecond=0)
    key = (*question, app.data_revision(), minute)
    found = cache_of(app.engine).get(key, compute)
    freeze_once_settled()
    return found
