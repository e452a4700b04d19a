"""The settings page: every setting in its group, saved all or none, errors by their fields."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

import httpx
import pytest
from fastapi.testclient import TestClient

from callwise.domain.errors import ValidationError
from callwise.services.app import App
from callwise.services.settings import set_setting, set_settings, setting_texts
from web_support import csrf_of


def _form(client: TestClient) -> dict[str, str]:
    """The settings form as the page fills it in, with the CSRF token."""
    page = client.get("/settings").text
    form = page.split('id="settings-form"')[1].split("</form>")[0]
    values = dict(re.findall(r'name="(\w+)" type="[a-z]+" value="([^"]*)"', form))
    for name in re.findall(r'<select id="f-\w+" name="(\w+)"', form):
        chosen = re.search(rf'name="{name}".*?<option value="([^"]+)" selected', form, re.S)
        values[name] = chosen.group(1) if chosen else ""
    values["csrf_token"] = csrf_of(client, "/settings")
    return values


def _save(client: TestClient, **changes: str) -> httpx.Response:
    return client.post("/settings", data={**_form(client), **changes})


def test_every_setting_is_on_the_page_in_its_group(client: TestClient, core: App) -> None:
    page = client.get("/settings").text
    for title in ("You", "Calling hours", "Courtesy policy", "Budget", "Default cadences", "Web"):
        assert f">{title}</h2>" in page
    for key, *_ in setting_texts(core):
        assert f'id="f-{key}"' in page
    # Issue 15.5: the login has a form of its own; no terminal command on the page.
    assert 'name="web_login"' not in page and 'action="/settings/login"' in page
    assert "callwise settings" not in page and "callwise serve" not in page
    form = _form(client)
    assert (form["calling_hours_start"], form["calling_hours_end"]) == ("09:00", "19:30")
    assert form["personal_calls_on_holidays"] == "yes"


def test_saving_stores_the_changed_values(client: TestClient, core: App) -> None:
    page = _save(client, user_name="Jordan Lee", user_phone="816 555 0100", daily_calls="5")
    assert page.status_code == 200
    assert "Saved 3 settings." in page.text
    settings = core.settings()
    assert settings.user_name == "Jordan Lee"
    assert settings.user_phone == "+18165550100"
    assert settings.daily_calls == 5
    assert 'value="Jordan Lee"' in page.text


def test_your_phone_is_read_in_the_region_saved_with_it(client: TestClient, core: App) -> None:
    _save(client, default_region="GB", user_phone="020 7946 0018")
    assert core.settings().user_phone == "+442079460018"
    assert core.settings().default_region == "GB"


def test_saving_nothing_changed_says_so(client: TestClient) -> None:
    assert "No changes." in _save(client).text


def test_a_bad_value_is_shown_by_its_field_and_nothing_is_stored(
    client: TestClient, core: App
) -> None:
    page = _save(
        client,
        user_name="Jordan Lee",
        calling_hours_start="9",
        calling_hours_end="lunch",
        daily_calls="0",
    )
    assert page.status_code == 422
    assert re.search(
        r'id="f-calling_hours-error">&#39;9-lunch&#39; is not a time range; write 09:00-17:00',
        page.text,
    )
    assert 'id="f-daily_calls-error">&#39;0&#39; is not a whole number above 0' in page.text
    assert re.search(
        r'id="f-calling_hours_end"[^>]*value="lunch"[^>]*aria-invalid="true"', page.text
    )
    assert 'value="Jordan Lee"' in page.text
    assert "Nothing was saved: 2 values to fix" in page.text
    assert "Not set: this is the default." in page.text
    settings = core.settings()
    assert settings.user_name == "" and settings.daily_calls == 8


def test_the_login_cannot_be_turned_on_from_the_page(client: TestClient, core: App) -> None:
    _save(client, web_login="on", user_name="Jordan")
    assert core.settings().web_login is False
    assert core.settings().user_name == "Jordan"


def test_set_settings_stores_all_or_none(core: App) -> None:
    with pytest.raises(ValidationError) as caught:
        set_settings(core, {"user_name": "Ana", "quiet_start": "25:00"})
    assert caught.value.field == "quiet_start"
    assert core.settings().user_name == ""
    assert set_settings(core, {"user_name": "Ana", "calling_days": "Mo-Fr"}) == {
        "user_name": "Ana",
        "calling_days": "Mo-Fr",
    }
    assert core.settings().calling_days == frozenset(range(5))
    with pytest.raises(ValidationError, match="password"):
        set_settings(core, {"web_login": "on"})


# Issue 15.6: pickers instead of formats to type; your number shown formatted.


def test_calling_hours_and_days_are_picked_and_stored_in_one_form(
    client: TestClient, core: App
) -> None:
    page = client.get("/settings").text
    assert 'name="calling_hours_start" type="time" value="09:00"' in page
    assert 'name="calling_days_day" value="Mo" checked' in page
    assert 'name="calling_days_day" value="Su">' in page  # Sunday is not a calling day
    assert re.search(r'<select id="f-home_zone"[^>]*>', page)
    form = {**_form(client), "calling_days_shown": "1"}  # the day boxes, none ticked yet
    form.update(calling_hours_start="10:00", calling_hours_end="18:00")
    data = [*form.items(), *(("calling_days_day", d) for d in ("Mo", "Tu", "We", "Th", "Fr"))]
    form_type = {"content-type": "application/x-www-form-urlencoded"}
    saved = client.post("/settings", content=urlencode(data), headers=form_type)
    assert "Saved 2 settings." in saved.text
    settings = core.settings()
    assert settings.calling_hours == ((dt.time(10), dt.time(18)),)
    assert settings.calling_days == frozenset(range(5))
    assert dict((k, v) for k, v, *_ in setting_texts(core))["calling_days"] == "Mo-Fr"


def test_no_day_ticked_is_refused_next_to_the_days(client: TestClient, core: App) -> None:
    page = client.post("/settings", data={**_form(client), "calling_days_shown": "1"})
    assert page.status_code == 422
    assert re.search(
        r'id="f-calling_days-error">no days given; write days such as Mo-Fr', page.text
    )
    assert core.settings().calling_days == frozenset(range(6))


def test_your_number_is_shown_formatted_and_saving_it_again_changes_nothing(
    client: TestClient, core: App
) -> None:
    set_setting(core, "user_phone", "+18165550100")
    assert 'value="+1 816-555-0100"' in client.get("/settings").text
    assert "No changes." in _save(client).text
    assert core.settings().user_phone == "+18165550100"
