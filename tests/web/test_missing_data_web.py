"""Missing data said first on the web (issue 14.8): the guide's top and Today's card warn of
no number and no known zone, never call someone else's clock "a good time", and the guide asks
for a number, saves it to the contact and goes on (post/redirect/get)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from callwise.domain.model import Contact, PartialDate
from callwise.services.app import App
from callwise.services.contacts import get_contact, save_contact
from callwise.services.settings import set_setting
from web_support import csrf_of

NO_NUMBER = "No phone number to call"
NO_ZONE = "Their place and time zone are unknown"


def _pat(core: App) -> int:
    """Born on the day of NOW (24 Nov): Today plans her, with no number and no place."""
    set_setting(core, "user_name", "Jordan Lee")
    set_setting(core, "user_phone", "+18165550142")
    saved = save_contact(
        core, Contact(given_name="Pat", family_name="Quill", birthday=PartialDate(11, 24, 1990))
    )
    assert saved.id is not None
    return saved.id


def test_the_guide_says_what_is_missing_at_the_top(client: TestClient, core: App) -> None:
    pat = _pat(core)
    page = client.get(f"/contacts/{pat}/call").text
    start = page.index('<header class="card call-head">')
    header = page[start : page.index("</header>", start)]
    assert NO_NUMBER in header and NO_ZONE in header
    assert "a good time" not in page
    assert 'name="phone"' in header and "Save the number and go on" in header


def test_todays_card_warns_and_never_says_a_good_time(client: TestClient, core: App) -> None:
    _pat(core)
    page = client.get("/").text
    card = page[page.index('class="plan-entry') :]
    card = card[: card.index("</li>\n")]
    assert "Pat Quill" in card and NO_NUMBER in card and NO_ZONE in card
    assert "a good time now" not in card


def test_a_number_typed_in_the_guide_is_saved_and_the_guide_goes_on(
    client: TestClient, core: App
) -> None:
    pat = _pat(core)
    token = csrf_of(client, f"/contacts/{pat}/call")
    refused = client.post(
        f"/contacts/{pat}/call/phone", data={"phone": "not a number", "csrf_token": token}
    )
    assert refused.status_code == 422 and 'id="phone-error"' in refused.text
    assert get_contact(core, pat).phones == ()  # nothing half-written
    saved = client.post(
        f"/contacts/{pat}/call/phone",
        data={"phone": "+1 816 555 0177", "csrf_token": token},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"] == f"/contacts/{pat}/call"
    page = client.get(saved.headers["location"]).text
    assert "Saved +1 816 555 0177 to Pat Quill" in page
    assert 'href="tel:+1-816-555-0177"' in page and NO_NUMBER not in page
    assert [p.number for p in get_contact(core, pat).phones] == ["+18165550177"]
