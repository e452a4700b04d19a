"""`callwise serve`: the web app and REST API on this computer (issue 7)."""

from __future__ import annotations

import errno
import socket
import threading
from typing import Annotated

import typer

from callwise.cli.state import console, state
from callwise.domain.errors import ValidationError


def _check_port_free(host: str, port: int) -> None:
    """One clear line when the address is taken, before uvicorn prints its own trace."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc})"
            raise ValidationError(
                f"{host}:{port} {reason}; pick another with --port", field="port"
            ) from None


def _print_exposure_notes(host: str, web_hosts: tuple[str, ...]) -> None:
    """Beyond loopback: which names are answered, and that TLS belongs in front (issue 11)."""
    console.print(f"Listening on {host}: other computers can reach it; the login is on.")
    names = ", ".join(web_hosts) or "none yet"
    console.print(
        f"Answered host names besides loopback: {names} (and {host} unless it is 0.0.0.0 or ::);"
        " add more with `callwise settings set web_hosts NAME,...`."
    )
    console.print(
        "Put TLS in front (a reverse proxy such as Caddy or nginx): beyond loopback the login "
        "cookie is sent over https only."
    )


def serve(
    ctx: typer.Context,
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; anything but loopback needs the login on."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Start the web app and the REST API (/api/v1) and print the address.

    Example: callwise serve --port 8000
    """
    import uvicorn

    from callwise.web.app import WebConfig, create_app, is_loopback, warm_up

    st = state(ctx)
    web = create_app(WebConfig(db_url=st.db_url, now=st.now_text, host=host))
    _check_port_free(host, port)
    threading.Thread(target=warm_up, args=(web,), daemon=True, name="warm-up").start()
    shown = f"[{host}]" if ":" in host else host
    console.print(f"callwise is serving at [bold]http://{shown}:{port}/[/] (Ctrl+C stops it)")
    if is_loopback(host):
        console.print("Only this computer can reach it (loopback); the API is under /api/v1.")
    else:
        _print_exposure_notes(host, st.app.settings().web_hosts)
    uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
