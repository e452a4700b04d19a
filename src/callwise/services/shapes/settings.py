"""The shapes of your settings: `settings show --json` gives the values by key (docs/json.md),
the API each setting with what it is for and whether it is the default."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# (key, value as text, what it is for, whether it is the default): services.settings rows.
SettingRow = tuple[str, str, str, bool]


def setting_values(rows: Iterable[SettingRow]) -> dict[str, str]:
    """`{key: value}` for every setting."""
    return {key: value for key, value, _, _ in rows}


def setting_shape(row: SettingRow) -> dict[str, Any]:
    """One setting as the API gives it."""
    key, value, help_, is_default = row
    return {"key": key, "value": value, "help": help_, "is_default": is_default}


def settings_shape(rows: Iterable[SettingRow]) -> dict[str, Any]:
    """Every setting as the API gives them."""
    return {"settings": [setting_shape(row) for row in rows]}
