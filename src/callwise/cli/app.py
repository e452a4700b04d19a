"""The `callwise` command's entry point: the quick path for a plain `contacts find`, an early
start for a plain `import`, else Typer.

The Typer application itself lives in cli/root.py and loads on first use of `app` (tests and
`main` use it), so a quick command never pays for Typer and every command module."""

from __future__ import annotations

import sys
from typing import Any

from callwise.cli.args import GLOBAL_FLAGS, GLOBAL_WITH_VALUE, hoist_globals, quick_import
from callwise.services import runtime

__all__ = ["GLOBAL_FLAGS", "GLOBAL_WITH_VALUE", "hoist_globals", "main"]


def __getattr__(name: str) -> Any:
    """`app`, `CallwiseGroup` and `main_options` come from cli/root.py, loaded when asked for."""
    if name in ("app", "CallwiseGroup", "main_options"):
        from callwise.cli import root

        return getattr(root, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _start_import_early(argv: list[str]) -> None:
    """A plain `import` of a large file starts reading it in a second process before the
    rest of the start-up (Typer, SQLAlchemy, the database): issue 3's whole-command speed."""
    found = quick_import(argv)
    if found is not None:
        from pathlib import Path

        runtime.start_early_import(Path(found.file), found.format)


def main() -> None:
    """Console entry point."""
    _start_import_early(sys.argv[1:])
    from callwise.cli import pipe, quick
    from callwise.cli.state import err_console

    try:
        runtime.freeze_long_lived()  # what is loaded by now lives until exit
        code = quick.run(sys.argv[1:])
        if code is not None:
            sys.exit(code)
        from callwise.cli.root import app

        runtime.enable_city_cache()  # for `when`, `today`, `import`..., read when needed
        runtime.freeze_long_lived()
        app()
    except KeyboardInterrupt:
        err_console.print("interrupted; nothing more was written")
        sys.exit(130)
    except BrokenPipeError:  # the reader of our output has gone (`| head`): end quietly
        sys.exit(pipe.stdout_closed())
    except SystemExit as exc:
        if pipe.closed_by_library(exc.code):
            sys.exit(pipe.CLOSED_PIPE_EXIT)
        raise
    finally:
        # The command is done: spare the interpreter's last full garbage collection over every
        # object still alive. Finalizers and atexit still run.
        runtime.freeze_long_lived()
