"""Terminal rendering of contacts: a table for lists, a card for one contact."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from callwise.cli.state import State, console, print_json
from callwise.domain.codec import contact_to_dict
from callwise.domain.model import Contact
from callwise.domain.phones import display_number

if TYPE_CHECKING:
    from callwise.services.contacts import Page


def contacts_table(contacts: list[Contact], *, title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold", expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("Name", style="bold", no_wrap=True)
    table.add_column("Kind")
    table.add_column("Organization")
    table.add_column("City")
    table.add_column("Phone", no_wrap=True)
    for c in contacts:
        place = ", ".join(p for p in (c.city, c.region or c.country) if p)
        phone = display_number(c.phones[0].number) if c.phones else ""
        table.add_row(str(c.id), c.name, c.kind.value, c.organization, place, phone)
    return table


def print_page(st: State, page: Page, title: str, limit: int, offset: int) -> None:
    """A page of contacts: a table (and how to see more), or the JSON of docs/json.md."""
    if st.as_json:
        print_json(
            {
                "contacts": [contact_to_dict(c) for c in page.contacts],
                "more": page.more,
                "limit": limit,
                "offset": offset,
            }
        )
        return
    if not page.contacts:
        console.print(f"{title}: none")
        return
    console.print(contacts_table(page.contacts, title=title))
    if page.more:
        console.print(f"[dim]more follow: use --offset {offset + limit} (or a larger --limit)[/]")


def _line(card: Text, label: str, value: str) -> None:
    if value:
        card.append(f"{label:<15} ", style="dim")
        card.append(value + "\n")


def contact_card(contact: Contact, introducer: str = "") -> Text:
    """Everything about one contact, in the order a caller needs it (P1.1, P1.2)."""
    c = contact
    card = Text()
    card.append(f"{c.name}", style="bold")
    card.append(
        f"  #{c.id}  {c.kind.value}, addressed {c.effective_address_form.value}\n", style="dim"
    )
    _line(card, "Title", c.honorific)
    _line(card, "Position", " · ".join(p for p in (c.job_title, c.department, c.organization) if p))
    _line(card, "Nickname", c.nickname)
    met = c.met
    when_where = " · ".join(
        p for p in (met.event, met.date.isoformat() if met.date else "", met.place) if p
    )
    _line(card, "Met", when_where)
    _line(card, "", met.circumstances)
    _line(card, "Introduced by", introducer)
    for p in c.phones:
        flag = "" if p.valid else "  (not a valid number: check it)"
        _line(card, f"Phone ({p.label})", display_number(p.number) + flag)
    for e in c.emails:
        _line(card, f"Email{f' ({e.label})' if e.label else ''}", e.address)
    _line(card, "Lives in", ", ".join(p for p in (c.city, c.region, c.country) if p))
    _line(card, "Time zone", c.time_zone)
    _line(card, "Stated hours", c.availability)
    if c.gatekeeper:
        gk = c.gatekeeper
        phone = f" {display_number(gk.phone)}" if gk.phone else ""
        _line(card, "Gatekeeper", f"{gk.name} ({gk.role}){phone}".strip())
    _line(card, "Interests", ", ".join(c.interests))
    _line(card, "Family", c.family_notes)
    _line(card, "Avoid", ", ".join(c.avoid_topics) + ("  (private)" if c.avoid_topics else ""))
    _line(card, "Birthday", c.birthday.isoformat() if c.birthday else "")
    for o in c.other_dates:
        _line(card, o.label.capitalize(), o.date.isoformat())
    source = c.source + (f" on {c.connected_on.isoformat()}" if c.connected_on else "")
    _line(card, "Connected", source.strip())
    _line(card, "LinkedIn", c.linkedin_url)
    _line(card, "Keep in touch", f"every {c.cadence_days} days" if c.cadence_days else "")
    _line(card, "Tags", ", ".join(c.tags))
    _line(card, "Notes", c.notes)
    card.rstrip()
    return card
