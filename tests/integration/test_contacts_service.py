"""Contact use cases against real SQLite files and a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from callwise.domain.errors import AmbiguousError, ConflictError, NotFoundError, ValidationError
from callwise.domain.model import Contact, Email, HowWeMet, Phone, RelationshipKind
from callwise.services import contacts as service
from callwise.services.app import App, open_app


def _add(app: App, **fields: object) -> Contact:
    return service.save_contact(app, Contact(**fields))  # type: ignore[arg-type]


def test_a_saved_contact_is_read_back_whole(app: App) -> None:
    saved = _add(
        app,
        given_name="Zoë",
        family_name="Müller",
        phones=(Phone("816 555 0142"),),
        emails=(Email("zoe@example.com", "work"),),
        tags=("alumni",),
    )
    assert saved.id is not None
    assert service.get_contact(app, saved.id) == saved
    assert saved.phones == (Phone("+18165550142"),)
    assert saved.created_at == saved.updated_at == app.now


def test_find_ignores_case_and_accents_across_fields(app: App) -> None:
    zoe = _add(
        app,
        given_name="Zoë",
        family_name="Müller",
        organization="Kühne Logistics",
        city="Zürich",
        tags=("book-club",),
        notes="Met at the Basel fair",
    )
    _add(app, given_name="Ann", family_name="Lee", city="Denver")
    for query in ("ZOE", "muller", "kuhne log", "zurich", "BOOK-club", "basel", "zo mu"):
        found = service.find_contacts(app, query).contacts
        assert [c.id for c in found] == [zoe.id], query


def test_find_pages_results_in_name_order(app: App) -> None:
    for name in ("Cara", "Abe", "Bea"):
        _add(app, given_name=name, family_name="Okafor")
    first = service.find_contacts(app, "okafor", limit=2)
    assert [c.given_name for c in first.contacts] == ["Abe", "Bea"] and first.more
    rest = service.find_contacts(app, "okafor", limit=2, offset=2)
    assert [c.given_name for c in rest.contacts] == ["Cara"] and not rest.more


def test_a_phone_or_email_of_another_contact_needs_force(app: App) -> None:
    ann = _add(
        app, given_name="Ann", phones=(Phone("+18165550142"),), emails=(Email("ann@example.com"),)
    )
    twin = Contact(
        given_name="Annie", phones=(Phone("(816) 555-0142"),), emails=(Email("ANN@example.com"),)
    )
    with pytest.raises(ConflictError, match=r"already belongs to Ann \(#\d+\)"):
        service.save_contact(app, twin)
    assert service.count_contacts(app) == 1
    forced = service.save_contact(app, twin, force=True)
    assert forced.id != ann.id and service.count_contacts(app) == 2


def test_editing_keeps_creation_time_and_own_numbers(app: App) -> None:
    ann = _add(app, given_name="Ann", phones=(Phone("+18165550142"),))
    later = replace(app, now=app.now + dt.timedelta(days=3))
    edited = service.save_contact(later, replace(ann, job_title="Partner"))
    assert edited.created_at == app.now and edited.updated_at == later.now
    assert service.get_contact(app, ann.id or 0).job_title == "Partner"


def test_resolve_by_id_name_and_ambiguity(app: App) -> None:
    dana = _add(app, given_name="Dana", family_name="Whitfield")
    _add(app, given_name="Dan", family_name="Ortiz")
    _add(app, given_name="Danielle", family_name="Ortiz")
    assert service.resolve_contact(app, str(dana.id)).id == dana.id
    assert service.resolve_contact(app, f"#{dana.id}").id == dana.id
    assert service.resolve_contact(app, "dana whitfield").id == dana.id
    assert service.resolve_contact(app, "Dan Ortiz").given_name == "Dan"
    with pytest.raises(AmbiguousError) as caught:
        service.resolve_contact(app, "ortiz")
    assert len(caught.value.candidates) == 2
    with pytest.raises(NotFoundError):
        service.resolve_contact(app, "nobody")
    with pytest.raises(NotFoundError):
        service.resolve_contact(app, "9999")


def test_bad_input_changes_nothing(app: App) -> None:
    ann = _add(app, given_name="Ann", city="Denver")
    with pytest.raises(ValidationError):
        service.save_contact(app, replace(ann, city="Boulder", phones=(Phone("12"),)))
    with pytest.raises(ValidationError, match="introduced"):
        service.save_contact(app, replace(ann, met=HowWeMet(introduced_by=4242)))
    assert service.get_contact(app, ann.id or 0) == ann


def test_introducer_and_removal(app: App) -> None:
    ann = _add(app, given_name="Ann")
    bo = _add(app, given_name="Bo", met=HowWeMet(event="Gala", introduced_by=ann.id))
    service.remove_contact(app, ann.id or 0)
    assert service.get_contact(app, bo.id or 0).met.introduced_by is None
    with pytest.raises(NotFoundError):
        service.get_contact(app, ann.id or 0)


def test_list_filters_by_kind_and_tag(app: App) -> None:
    _add(app, given_name="Ann", kind=RelationshipKind.BUSINESS, tags=("clients",))
    _add(app, given_name="Bo", kind=RelationshipKind.PERSONAL, tags=("clients-old",))
    assert [c.given_name for c in service.list_contacts(app, kind="business").contacts] == ["Ann"]
    assert [c.given_name for c in service.list_contacts(app, tag="clients").contacts] == ["Ann"]


def test_two_connections_share_one_sqlite_file(sqlite_url: str) -> None:
    """WAL and a busy timeout: the CLI and the web app use the same file at once."""
    cli, web = open_app(sqlite_url), open_app(sqlite_url)
    with cli.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    with web.engine.connect() as reader:
        reader.exec_driver_sql("SELECT count(*) FROM contacts").scalar()
        saved = service.save_contact(cli, Contact(given_name="Ann"))
    assert service.get_contact(web, saved.id or 0).given_name == "Ann"


def test_editing_a_contact_that_shares_a_number_needs_no_force(app: App) -> None:
    """Issue 13, item 7: a shared landline is normal; only a number the edit adds is asked about."""
    landline = Phone("+18165550147", "home")
    rosa = _add(app, given_name="Rosa", family_name="Alvarez", phones=(landline,))
    miguel = service.save_contact(
        app, Contact(given_name="Miguel", family_name="Alvarez", phones=(landline,)), force=True
    )
    assert miguel.id is not None
    edited = service.edit_contact(app, miguel.id, lambda c: replace(c, job_title="Chef"))
    assert edited.job_title == "Chef"
    service.save_contact(app, replace(edited, tags=("family",)))  # a whole replacement too
    cell = Phone("+18165550148", "mobile")
    service.edit_contact(app, rosa.id or 0, lambda c: replace(c, phones=(*c.phones, cell)))
    with pytest.raises(ConflictError, match=r"belongs to Rosa Alvarez .*shared between"):
        service.edit_contact(app, miguel.id, lambda c: replace(c, phones=(*c.phones, cell)))
    added = service.edit_contact(
        app, miguel.id, lambda c: replace(c, phones=(*c.phones, cell)), force=True
    )
    assert {p.number for p in added.phones} == {"+18165550147", "+18165550148"}
