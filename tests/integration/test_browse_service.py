"""Browsing contacts with search and filters, as the web app and the API do (issue 7)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from callwise.domain.errors import NotFoundError, ValidationError
from callwise.services import uploads
from callwise.services.app import App
from callwise.services.browse import Filters, browse_contacts, filter_choices
from callwise.services.demo import load_demo


@pytest.fixture
def demo(app: App) -> App:
    load_demo(app)
    return app


def test_each_filter_narrows_to_matching_contacts(demo: App) -> None:
    everyone = browse_contacts(demo, Filters(), limit=200)
    assert everyone.total == 62 and not everyone.more
    business = browse_contacts(demo, Filters(relationship="business"), limit=200)
    assert business.total == 36
    assert all(c.kind.value == "business" for c in business.contacts)
    friends = browse_contacts(demo, Filters(tag="friends"), limit=200)
    assert friends.total == 6 and all("friends" in c.tags for c in friends.contacts)
    kansas = browse_contacts(demo, Filters(city="kansas city"), limit=200)
    assert kansas.total == 11 and all(c.city == "Kansas City" for c in kansas.contacts)
    both = browse_contacts(demo, Filters(relationship="personal", city="Kansas City"), limit=200)
    assert {c.id for c in both.contacts} == {
        c.id for c in kansas.contacts if c.kind.value == "personal"
    }


def test_search_words_and_pages(demo: App) -> None:
    found = browse_contacts(demo, Filters(query="okafor"))
    assert [c.family_name for c in found.contacts] == ["Okafor"]
    first = browse_contacts(demo, Filters(), limit=25)
    second = browse_contacts(demo, Filters(), limit=25, offset=25)
    assert first.more and second.more and first.total == second.total == 62
    assert not {c.id for c in first.contacts} & {c.id for c in second.contacts}
    last = browse_contacts(demo, Filters(), limit=25, offset=50)
    assert len(last.contacts) == 12 and not last.more


def test_overdue_means_the_keep_in_touch_date_has_passed(demo: App) -> None:
    assert browse_contacts(demo, Filters(overdue=True)).total == 0  # all just added
    later = App(demo.engine, demo.now + dt.timedelta(days=45))
    overdue = browse_contacts(later, Filters(overdue=True), limit=200)
    # Own cadences under 45 days, and personal contacts by their 30-day default.
    expected = {
        c.id
        for c in browse_contacts(demo, Filters(), limit=200).contacts
        if (c.cadence_days or (30 if c.kind.value == "personal" else 999)) < 45
    }
    assert overdue.total == len(expected) > 0
    assert {c.id for c in overdue.contacts} == expected


def test_choices_offer_tags_and_cities_in_use(demo: App) -> None:
    choices = filter_choices(demo)
    assert set(choices.tags[:2]) == {"friends", "clients"}  # six contacts each, most used
    assert {"friends", "clients", "alumni"} <= set(choices.tags)
    assert choices.cities[0] == "Kansas City"


def test_bad_filters_name_the_field(demo: App) -> None:
    with pytest.raises(ValidationError) as caught:
        browse_contacts(demo, Filters(relationship="enemy"))
    assert caught.value.field == "relationship" and "business" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        browse_contacts(demo, Filters(), limit=0)
    assert caught.value.field == "limit"


def test_uploads_are_staged_until_discarded() -> None:
    staged = uploads.stage_upload(io.BytesIO(b"BEGIN:VCARD\r\n"), "../../etc/My Contacts.vcf")
    path = uploads.staged_path(staged.id)
    assert path.name == "My Contacts.vcf" and path.read_bytes() == b"BEGIN:VCARD\r\n"
    assert staged.size == 13
    uploads.discard(staged.id)
    with pytest.raises(NotFoundError, match="upload the file again"):
        uploads.staged_path(staged.id)
    with pytest.raises(NotFoundError):
        uploads.staged_path("../../etc")


def test_an_empty_upload_is_refused_and_nothing_kept() -> None:
    with pytest.raises(ValidationError) as caught:
        uploads.stage_upload(io.BytesIO(b""), "empty.vcf")
    assert caught.value.field == "file" and "empty" in caught.value.message
