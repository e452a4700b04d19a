"""Which host names the web app answers to, against DNS rebinding (issue 11).

A page on another site can point its own name at 127.0.0.1 and then read this app "same
origin"; the browser still sends that name in `Host`. So only known names are served:
loopback (127.0.0.1, localhost, [::1], any port) and, with the login on, the names the user
configured (`web_hosts`) plus the address given to `serve --host`. The Origin of a write is
compared against these names, never against the request's own `Host`.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from callwise.domain.settings import normalise_host

WILDCARDS = frozenset({"0.0.0.0", "[::]"})


def split_host(value: str) -> tuple[str, int | None] | None:
    """`Host` or an origin's authority -> (normalised host, port); None when malformed."""
    try:
        parts = urlsplit(f"//{value.strip()}")
        port = parts.port
    except ValueError:
        return None
    if parts.username is not None or parts.path or parts.query:
        return None
    host = normalise_host(parts.hostname or "")
    return (host, port) if host else None


def is_loopback_name(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1 (host as `normalise_host` writes it)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class AllowedHosts:
    """The names served beyond loopback (loopback names are always served)."""

    names: frozenset[str] = frozenset()

    @classmethod
    def build(cls, *, login: bool, configured: tuple[str, ...], serve_host: str) -> AllowedHosts:
        """Without the login only loopback is served, whatever is configured."""
        if not login:
            return cls()
        names = set(configured)
        own = normalise_host(serve_host)
        if own and own not in WILDCARDS:
            names.add(own)
        return cls(frozenset(n for n in names if not is_loopback_name(n)))

    def allows(self, host_header: str | None) -> bool:
        split = split_host(host_header or "")
        return split is not None and (is_loopback_name(split[0]) or split[0] in self.names)

    def origin_allowed(self, origin: str, host_header: str | None) -> bool:
        """A configured name is trusted whatever the `Host` (a reverse proxy may rewrite it);
        a loopback origin must be exactly this server (another local app has another port)."""
        if origin == "null":
            return False
        authority = urlsplit(origin).netloc
        split = split_host(authority)
        if split is None:
            return False
        if split[0] in self.names:
            return True
        here = split_host(host_header or "")
        return is_loopback_name(split[0]) and here is not None and split == here
