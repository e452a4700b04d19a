"""`callwise contacts add | edit | show | list | find | remove`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from callwise.cli import contact_options as o
from callwise.cli.render import contact_card, print_page
from callwise.cli.state import confirm, console, err_console, interactive, print_json, state
from callwise.domain.codec import contact_to_dict
from callwise.domain.contact_input import relationship_kind
from callwise.domain.contacts import MAX_ID
from callwise.domain.errors import ConflictError, NotFoundError, ValidationError
from callwise.domain.model import Contact
from callwise.services import contact_kinds as kinds
from callwise.services import contacts as service
from callwise.services.app import App
from callwise.services.browse import Filters

app = typer.Typer(help="Add, change, look up and remove contacts.", no_args_is_help=True)

ContactArg = Annotated[str, typer.Argument(help="An id (42) or a name that matches one contact.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
EditedArg = Annotated[
    str | None, typer.Argument(help="An id (42) or a name that matches one contact.")
]
AllMatching = Annotated[
    str | None,
    typer.Option(
        "--all-matching",
        metavar="WORDS",
        help="With --kind only: change every contact `contacts find WORDS` finds.",
    ),
]
Limit = Annotated[
    int, typer.Option("--limit", min=1, max=MAX_ID, help="At most this many contacts.")
]
Offset = Annotated[int, typer.Option("--offset", min=0, max=MAX_ID, help="Skip this many first.")]


def _introducer(app_: App, opts: dict[str, Any]) -> int | None:
    ref = opts.get("introduced_by")
    if not ref:
        return None
    return service.resolve_contact(app_, ref).id


def _save(save: Callable[[bool], Contact], force: bool) -> Contact:
    """Run `save(force)`; on a duplicate phone or email, warn and ask (or fail with the
    --force hint), then save again with force."""
    try:
        return save(force)
    except ConflictError as exc:
        if not interactive():
            raise ConflictError(f"{exc.message} (use --force to save anyway)") from None
        err_console.print(f"[yellow]warning:[/] {exc.message}")
        confirm("Save anyway?", refuse_hint="use --force")
        return save(True)


def _output(
    ctx: typer.Context, contact: Contact, verb: str, warnings: list[str] | None = None
) -> None:
    for warning in warnings or ():  # P8.2: what was masked, on stderr
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    if state(ctx).as_json:
        print_json(contact_to_dict(contact))
    else:
        console.print(f"{verb} [bold]{contact.name}[/] (#{contact.id})")


@app.command("add")
@o.with_contact_options
def add(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="Full name; split into given and family unless --given/--family are given."
        ),
    ] = None,
    opts: dict[str, Any] | None = None,
    force: o.Force = False,
) -> None:
    """Add a contact.

    Example: callwise contacts add "Dana Whitfield" --kind business --honorific Ms.
    --title "VP Operations" --org "Harbor Freight Lines" --phone work:+18165550190
    --city "Kansas City" --region MO --country US --met-event "Chamber luncheon"
    """
    opts = dict(opts or {})
    if name and opts.get("given") is None and opts.get("family") is None:
        first, _, rest = name.strip().partition(" ")
        opts["given"], opts["family"] = first, rest.strip()
    app_ = state(ctx).app
    contact = o.apply_options(Contact(), opts, _introducer(app_, opts))
    masked: list[str] = []
    saved = _save(lambda f: service.save_contact(app_, contact, force=f, warnings=masked), force)
    _output(ctx, saved, "Added", masked)


@app.command("edit")
@o.with_contact_options
def edit(
    ctx: typer.Context,
    contact: EditedArg = None,
    opts: dict[str, Any] | None = None,
    all_matching: AllMatching = None,
    yes: Yes = False,
    force: o.Force = False,
    remove_phone: Annotated[list[str] | None, typer.Option(help="Remove this phone.")] = None,
    remove_email: Annotated[list[str] | None, typer.Option(help="Remove this email.")] = None,
    remove_tag: Annotated[list[str] | None, typer.Option(help="Remove this tag.")] = None,
    remove_interest: Annotated[list[str] | None, typer.Option(help="Remove this interest.")] = None,
    remove_avoid: Annotated[
        list[str] | None, typer.Option(help="Remove this avoided topic.")
    ] = None,
    remove_date: Annotated[
        list[str] | None, typer.Option(help="Remove the date with this label.")
    ] = None,
) -> None:
    """Change a contact: text options replace (an empty value clears), list options add.

    Only the fields named change, applied to the contact as stored when it is written, so an
    edit made meanwhile elsewhere (the web app, another command) is kept (issue 11).
    `--all-matching WORDS --kind KIND` changes the relationship of every contact the words
    find (imports guess it from the card), after showing how many and asking.

    Example: callwise contacts edit "Dana Whitfield" --title COO --tag vip --remove-tag clients

    Example: callwise contacts edit --all-matching "acme" --kind business --yes
    """
    removals = {k: v for k, v in locals().items() if k.startswith("remove_")}
    options = {**(opts or {}), **removals}
    if all_matching is not None or contact is None:
        _edit_matching(ctx, contact, all_matching, options, yes)
        return
    app_ = state(ctx).app
    found = service.resolve_contact(app_, contact)
    introducer = _introducer(app_, options)
    o.apply_options(found, options, introducer)  # refuses a bad value before taking the lock
    assert found.id is not None
    contact_id = found.id

    def change(stored: Contact) -> Contact:
        return o.apply_options(stored, options, introducer)

    masked: list[str] = []
    saved = _save(
        lambda f: service.edit_contact(app_, contact_id, change, force=f, warnings=masked), force
    )
    _output(ctx, saved, "Updated", masked)


def _edit_matching(
    ctx: typer.Context, contact: str | None, words: str | None, options: dict[str, Any], yes: bool
) -> None:
    """`edit --all-matching WORDS --kind KIND`: the relationship of every contact found."""
    if words is None:
        raise ValidationError(
            "give a contact (an id or a name), or --all-matching WORDS with --kind",
            field="contact",
        )
    others = [k for k, v in options.items() if v not in (None, []) and k != "kind"]
    if contact is not None or others or options.get("kind") is None:
        raise ValidationError(
            "--all-matching changes only the relationship: give --kind and no contact or "
            "other option",
            field="all_matching",
        )
    app_, filters = state(ctx).app, Filters(query=words)
    preview = kinds.preview_kind_change(app_, filters, options["kind"])
    kind = preview.kind.value
    if not preview.matching:
        raise NotFoundError(
            f"no contact matches {words!r}; `callwise contacts find WORDS` shows what matches",
            field="all_matching",
        )
    if preview.changing and not yes:
        confirm(
            f"Mark {preview.changing} of the {preview.matching} contacts matching {words!r} "
            f"as {kind}?",
            refuse_hint="add --yes to change them",
        )
    done = kinds.set_kind_of_matching(app_, filters, kind) if preview.changing else preview
    if state(ctx).as_json:
        print_json({"kind": kind, "matching": done.matching, "changed": done.changing})
    else:
        console.print(
            f"Marked {done.changing} contacts matching {words!r} as {kind} "
            f"({done.matching - done.changing} were {kind} already).",
            highlight=False,
        )


@app.command("show")
def show(ctx: typer.Context, contact: ContactArg) -> None:
    """Show everything about one contact.

    Example: callwise contacts show "Dana Whitfield"
    """
    app_ = state(ctx).app
    found = service.resolve_contact(app_, contact)
    if state(ctx).as_json:
        print_json(contact_to_dict(found))
        return
    introducer = ""
    if found.met.introduced_by:
        intro = service.get_contact(app_, found.met.introduced_by)
        introducer = f"{intro.name} (#{intro.id})"
    console.print(contact_card(found, introducer))


@app.command("list")
def list_(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option(help="Only this relationship kind.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only contacts with this tag.")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> None:
    """List contacts in name order.

    Example: callwise contacts list --kind business --tag clients
    """
    if kind is not None:
        relationship_kind(kind)  # refuses an unknown kind
    page = service.list_contacts(state(ctx).app, kind=kind, tag=tag, limit=limit, offset=offset)
    print_page(state(ctx), page, "Contacts", limit, offset)


@app.command("find")
def find(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help="Words to look for in names, organization, city, "
            "tags and notes (case and accents ignored)."
        ),
    ],
    limit: Limit = 50,
    offset: Offset = 0,
) -> None:
    """Find contacts whose names, organization, city, tags or notes contain every word.

    Example: callwise contacts find "kansas city chamber"
    """
    page = service.find_contacts(state(ctx).app, query, limit=limit, offset=offset)
    print_page(state(ctx), page, f"Matching {query!r}", limit, offset)


@app.command("remove")
def remove(
    ctx: typer.Context,
    contact: ContactArg,
    yes: Yes = False,
) -> None:
    """Remove a contact (asks first; `callwise import` of a backup brings them back).

    Example: callwise contacts remove 42 --yes
    """
    app_ = state(ctx).app
    found = service.resolve_contact(app_, contact)
    if not yes:
        confirm(f"Remove {found.name} (#{found.id})?", refuse_hint="add --yes to remove")
    assert found.id is not None
    removed = service.remove_contact(app_, found.id)
    if state(ctx).as_json:
        print_json({"removed": contact_to_dict(removed)})
    else:
        console.print(
            f"Removed {removed.name} (#{removed.id}). "
            "A backup from `callwise export` restores them."
        )
