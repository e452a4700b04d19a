"""The `callwise` command's entry point: the quick path for a plain `contacts find`, else Typer.

The Typer application itself lives in cli/root.py and loads on first use of `app` (tests and
`main` use it), so a quick command never pays for Typer and every command module."""

from __future__ import annotations

import gc
import sys
from typing import Any

from callwise.cli.args import GLOBAL_FLAGS, GLOBAL_WITH_VALUE, hoist_globals

__all__ = ["GLOBAL_FLAGS", "GLOBAL_WITH_VALUE", "hoist_globals", "main"]


def __getattr__(name: str) -> Any:
    """`app`, `CallwiseGroup` and `main_options` come from cli/root.py, loaded when asked for."""
    if name in ("app", "CallwiseGroup", "main_options"):
        from callwise.cli import root

        return getattr(root, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console entry point."""
    from callwise.cli import quick
    from callwise.cli.state import err_console

    try:
        gc.freeze()  # what is loaded by now lives until exit: no collection needs to look at it
        code = quick.run(sys.argv[1:])
        if code is not None:
            sys.exit(code)
        from callwise.cli.root import app

        gc.freeze()
        app()
    except KeyboardInterrupt:
        err_console.print("interrupted; nothing more was written")
        sys.exit(130)
    finally:
        # The command is done: spare the interpreter's last full garbage collection over every
        # object still alive (0.4 s after a 10k-card import). Finalizers and atexit still run.
        gc.freeze()
