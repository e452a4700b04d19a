"""Outlook's CSV export (desktop Outlook and Outlook.com, English column names).

Columns are found by name: the desktop and web exports order and count them differently.
Dates are M/D/YYYY, and `0/0/00` means no date.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from callwise.interchange.csv_records import read_table, text
from callwise.interchange.draft import ContactDraft
from callwise.interchange.records import ParsedRecord, RejectedRecord, Share

_PHONES = (
    ("Mobile Phone", "mobile"),
    ("Business Phone", "work"),
    ("Business Phone 2", "work"),
    ("Home Phone", "home"),
    ("Home Phone 2", "home"),
    ("Company Main Phone", "main"),
    ("Primary Phone", "main"),
    ("Business Fax", "fax"),
    ("Home Fax", "fax"),
    ("Other Fax", "fax"),
    ("Pager", "pager"),
    ("Other Phone", "other"),
    ("Car Phone", "other"),
    ("Callback", "other"),
    ("Radio Phone", "other"),
    ("ISDN", "other"),
    ("TTY/TDD Phone", "other"),
    ("Telex", "other"),
    ("Assistant's Phone", "assistant"),
)
_EMAILS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
_NAMES = {
    "First Name": "given_name",
    "Middle Name": "middle_name",
    "Last Name": "family_name",
    "Title": "honorific",
    "Suffix": "name_suffix",
    "Nickname": "nickname",
    "Company": "organization",
    "Department": "department",
    "Job Title": "job_title",
}
_PEOPLE = (
    ("Assistant's Name", "assistant"),
    ("Spouse", "spouse"),
    ("Children", "children"),
    ("Manager's Name", "manager"),
    ("Referred By", "referred by"),
)
_KNOWN = {
    name.casefold(): name
    for name in (
        *(p for p, _ in _PHONES), *_EMAILS, *_NAMES, *(p for p, _ in _PEOPLE), "Birthday",
        "Anniversary", "Notes", "Categories", "Web Page", "Personal Web Page", "Hobby",
        "Profession",
    )
}  # fmt: skip


def canonical_column(name: str) -> str:
    """Outlook's column names, matched without regard to case; `Country` as `Country/Region`."""
    if name.casefold().endswith(" country"):
        name = f"{name}/Region"
    return _KNOWN.get(name.casefold(), name)


def read_outlook(
    lines: Iterable[str], share: Share | None = None
) -> Iterator[ParsedRecord | RejectedRecord]:
    """Records of an Outlook CSV export."""
    return read_table(
        lines,
        kind="outlook",
        expected="Outlook CSV (First Name, Last Name, E-mail Address, Business Phone ...)",
        canonical=canonical_column,
        fill=_fill,
        share=share,
    )


def _fill(record: dict[str, str], draft: ContactDraft) -> None:
    for column, attribute in _NAMES.items():
        if value := text(record, column):
            setattr(draft, attribute, value)
    for column, label in _PHONES:
        draft.add_phone(text(record, column), [label], what=column)
    for column in _EMAILS:
        draft.add_email(text(record, column), "")
    for prefix in ("Business", "Home", "Other"):
        draft.set_place(
            text(record, f"{prefix} City"),
            text(record, f"{prefix} State"),
            text(record, f"{prefix} Country/Region"),
        )
    draft.set_birthday(text(record, "Birthday"))
    draft.add_date("anniversary", text(record, "Anniversary"))
    _fill_more(record, draft)


def _fill_more(record: dict[str, str], draft: ContactDraft) -> None:
    """Notes, categories, people, web pages, hobbies and profession."""
    if notes := text(record, "Notes"):
        draft.notes.append(notes)
    categories = text(record, "Categories").replace(":::", ";")
    draft.add_tags([c.strip() for c in categories.split(";")])
    for column, role in _PEOPLE:
        draft.add_relation(role, text(record, column))
    for column in ("Web Page", "Personal Web Page"):
        draft.add_url(text(record, column))
    hobbies = text(record, "Hobby").replace(";", ",")
    draft.interests.extend(h.strip() for h in hobbies.split(",") if h.strip())
    if (profession := text(record, "Profession")) and profession != draft.job_title:
        if draft.job_title:
            draft.keep_in_notes("Profession", profession)
        else:
            draft.job_title = profession
