"""Where script wording is loaded from: the package's templates and the user's overrides
(issue 6, P10.4). The domain renders whatever environment it is handed.

The package wording lives in `callwise/templates/scripts/*.j2`; a file of the same name in
the user's folder (`templates/` in callwise's config dir) wins: a ChoiceLoader looks there
first.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
import platformdirs

from callwise.domain.scripts.render import script_environment

PACKAGE = "callwise"
TEMPLATE_FOLDER = "templates/scripts"


def user_template_dir() -> Path | None:
    """The user's wording overrides: `templates/` in callwise's config dir, when it exists."""
    folder = Path(platformdirs.user_config_dir("callwise", appauthor=False)) / "templates"
    return folder if folder.is_dir() else None


@lru_cache(maxsize=16)
def script_templates(template_dir: Path | None = None) -> jinja2.Environment:
    """The environment for one override folder (None: the package wording only)."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.PackageLoader(PACKAGE, TEMPLATE_FOLDER))
    return script_environment(jinja2.ChoiceLoader(loaders))


def user_script_templates() -> jinja2.Environment:
    """The package wording with the user's overrides, when they have any."""
    return script_templates(user_template_dir())
