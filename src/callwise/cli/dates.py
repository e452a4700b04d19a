"""How a day is written on the command line, told once for every option that takes one.

A module of its own so that `cli.plan` and `cli.agenda` share it without importing each other."""

from __future__ import annotations

DATE_HELP = "YYYY-MM-DD, today, tomorrow, +N days or +Nw weeks."
