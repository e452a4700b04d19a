"""Synthetic contacts for benchmarks and `callwise demo --synthetic`: a demo tool, not domain
logic. Pure and seeded (no I/O, no clock): same seed, same contacts."""

from __future__ import annotations

from callwise.services.synthetic.generator import synthetic_contacts
from callwise.services.synthetic.tables import canonical_zones

__all__ = ["canonical_zones", "synthetic_contacts"]
