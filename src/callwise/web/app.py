"""The FastAPI application: pages, the REST API under /api/v1, static files (issue 7).

One process serves both; the pages and the API call the same services as the CLI.
Around it: the guard (hosts, origins, login; web/security.py) and the security headers
(web/headers.py), outermost so that even a 500 page carries them (issue 11).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp

import callwise
from callwise.domain.errors import ValidationError
from callwise.services import access
from callwise.services.app import App, open_app
from callwise.web import errors, idempotency
from callwise.web.deps import HERE, WebState
from callwise.web.head import HeadAsGet
from callwise.web.headers import SecurityHeaders
from callwise.web.hosts import AllowedHosts
from callwise.web.pages import install
from callwise.web.security import Guard, LoginChecks
from callwise.web.throttle import LoginThrottle

OPENAPI_URL = "/api/v1/openapi.json"


@dataclass(frozen=True)
class WebConfig:
    """How `callwise serve` was started: the database, a fixed clock (tests), the address."""

    db_url: str | None = None
    now: str | None = None
    host: str = "127.0.0.1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_exposure(core: App, host: str) -> bool:
    """Whether the login is on; refuses to listen beyond this computer without it."""
    login = core.settings().web_login
    if not login and not is_loopback(host):
        raise ValidationError(
            f"{host} is reachable from other computers; turn on the login first: "
            "`callwise settings password`, then `callwise settings set web_login on`",
            field="host",
        )
    return login


class CallwiseWeb(FastAPI):
    """FastAPI with the security headers around everything, error pages included, and HEAD
    answered like GET on every route (web/head.py)."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(HeadAsGet(super().build_middleware_stack()))


def _login_checks(core: App, fixed_now: dt.datetime | None) -> LoginChecks:
    """The guard's questions to the database, each at the moment of the request."""

    def at_now() -> App:
        return App(core.engine, fixed_now or dt.datetime.now(dt.UTC))

    return LoginChecks(
        key=access.session_key(core),
        session_alive=lambda session_id: access.session_alive(at_now(), session_id),
        password_hash=lambda: access.password_hash(at_now()),
        check_password=lambda password: access.check_password(at_now(), password),
    )


def create_app(config: WebConfig | None = None) -> FastAPI:
    """The app over the database in `config` (opened and migrated now)."""
    config = config or WebConfig()
    core = open_app(config.db_url, config.now)
    login = _check_exposure(core, config.host)
    fixed_now = core.now if config.now else None
    app = CallwiseWeb(
        title="callwise",
        version=callwise.__version__,
        description="Whom to call today, when it is courteous, and what to say.",
        openapi_url=OPENAPI_URL,
        docs_url=None,  # served by web/pages/install.py from our own copy of Swagger UI
        redoc_url=None,
    )
    throttle = LoginThrottle()
    app.state.web = WebState(core.engine, fixed_now, login, throttle)
    errors.install(app)
    idempotency.install(app)
    _include_routes(app)
    app.mount(install.SWAGGER_URL, StaticFiles(directory=install.SWAGGER_FILES), name="swagger")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    hosts = AllowedHosts.build(
        login=login, configured=core.settings().web_hosts, serve_host=config.host
    )
    app.add_middleware(
        Guard,
        hosts=hosts,
        login=_login_checks(core, fixed_now) if login else None,
        throttle=throttle,
    )
    return app


def warm_up(app: FastAPI) -> None:
    """Build the zone and city indexes and today's plan before the first visitor needs them
    (about two seconds on a cold start); a failure here only means the first page is slower."""
    from callwise.services.today import today

    state = app.state.web
    try:
        today(App(state.engine, state.fixed_now or dt.datetime.now(dt.UTC)))
    except Exception:  # the page itself will report the problem to the user
        errors.log.exception("warm-up failed")


def _include_routes(app: FastAPI) -> None:
    from callwise.web import api
    from callwise.web.pages import (
        call,
        contacts,
        contacts_mark,
        duplicates,
        feed,
        imports,
        insights,
        login,
        offline,
        settings,
        today,
        trips,
        welcome,
    )

    app.include_router(api.router, prefix="/api/v1")
    for module in (
        login,
        today,
        contacts_mark,  # before contacts: /contacts/mark is no contact's page
        contacts,
        duplicates,
        call,
        imports,
        trips,
        settings,
        feed,
        insights,
        welcome,
        install,
        offline,
    ):
        app.include_router(module.router, include_in_schema=False)
