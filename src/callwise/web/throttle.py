"""Login attempts refused after repeated wrong passwords (issue 11).

Decisions:
- After `per_client` wrong passwords from one client address within `window` seconds, or
  `overall` from everyone (a guesser with many addresses), every password attempt from that
  client (everyone, for the overall limit) is answered 429 with `Retry-After`, even the
  right password, until the oldest failure leaves the window. The login form and HTTP Basic
  share the count.
- State lives in this server process's memory: nothing for a guesser to make the database
  write, and forgotten on restart. With several workers each keeps its own count (the limit
  multiplies by the number of workers).
- The clock is passed in (monotonic by default), so tests can move it.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

PER_CLIENT = 5
OVERALL = 50
WINDOW_SECONDS = 15 * 60


class LoginThrottle:
    """Counts wrong passwords per client address and overall, in a sliding window."""

    def __init__(
        self,
        *,
        per_client: int = PER_CLIENT,
        overall: int = OVERALL,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_client, self.overall, self.window, self.clock = per_client, overall, window, clock
        self._clients: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> int | None:
        """Whole seconds until `client` may try a password again; None when it may now."""
        with self._lock:
            now = self.clock()
            self._forget(now)
            waits = [
                self._wait(times, limit, now)
                for times, limit in (
                    (self._clients.get(client, deque()), self.per_client),
                    (self._all, self.overall),
                )
                if len(times) >= limit
            ]
        return max(waits) if waits else None

    def failed(self, client: str) -> None:
        with self._lock:
            now = self.clock()
            self._clients.setdefault(client, deque()).append(now)
            self._all.append(now)

    def succeeded(self, client: str) -> None:
        """The right password: this client's count starts again (the overall one does not)."""
        with self._lock:
            self._clients.pop(client, None)

    def _wait(self, times: deque[float], limit: int, now: float) -> int:
        return max(1, math.ceil(times[-limit] + self.window - now))

    def _forget(self, now: float) -> None:
        """Drop failures older than the window, and clients left with none."""
        cutoff = now - self.window
        for times in (*self._clients.values(), self._all):
            while times and times[0] <= cutoff:
                times.popleft()
        for client in [c for c, times in self._clients.items() if not times]:
            del self._clients[client]
