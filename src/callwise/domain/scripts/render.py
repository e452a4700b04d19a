"""Rendering script wording from Jinja2 templates the user may override (P1-P10).

The environment is handed in (`services.script_templates` loads the package wording and the
user's overrides); this module only renders. Templates are plain text (no autoescaping) in a
sandbox, and any undefined variable is an error rather than a silent blank. Each output line
of a template is one line of its section; blank lines vanish.

Wording varies between contacts: `pick(n, slot)` in a template returns a variant in range(n)
that depends only on the contact, the occasion, the template and the slot, so the same
contact always hears the same words and two contacts seldom hear identical ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from callwise.domain.errors import ValidationError
from callwise.domain.scripts.words import clause, lead, sentence, stable_index, tidy


def script_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    """A sandboxed environment over `loader` with the script filters (clause, sentence, lead)."""
    env = SandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(clause=clause, sentence=sentence, lead=lead)
    return env


class _Picker:
    """`pick(n, slot)` for one template: stable per contact, occasion, template and slot."""

    def __init__(self, key: str, template: str) -> None:
        self.key = f"{key}|{template}"

    def __call__(self, n: int, slot: str = "") -> int:
        return stable_index(f"{self.key}|{slot}", n)


def render_lines(
    env: jinja2.Environment, template: str, context: Mapping[str, Any], key: str
) -> tuple[str, ...]:
    """Render `template` and return its non-blank, tidied lines."""
    try:
        text = env.get_template(template).render({**context, "pick": _Picker(key, template)})
    except jinja2.TemplateNotFound as exc:
        raise ValidationError(
            f"no script template {exc.name!r}; restore it or remove your override",
            field="templates",
        ) from None
    except jinja2.TemplateError as exc:
        raise ValidationError(
            f"script template {template!r} cannot be rendered: {exc}", field="templates"
        ) from None
    return tuple(line for line in (tidy(raw) for raw in text.splitlines()) if line)
