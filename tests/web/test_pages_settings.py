"""The settings page: every setting in its group, saved all or none, errors by their fields."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi.testclient import TestClient

from callwise.domain.errors import ValidationError
from callwise.services.app import App
from callwise.services.settings import set_settings, setting_texts
from web_support import csrf_of


def _form(client: TestClient) -> dict[str, str]:
    """The settings form as the page fills it in, with the CSRF token."""
    page = client.get("/settings").text
    form = page.split('id="settings-form"')[1].split("</form>")[0]
    values = dict(re.findall(r'name="(\w+)" type="[a-z]+" value="([^"]*)"', form))
    for name in re.findall(r'<select id="f-\w+" name="(\w+)"', form):
        chosen = re.search(rf'name="{name}".*?<option value="(\w+)" selected', form, re.S)
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
    assert form["calling_hours"] == "09:00-19:30" and form["personal_calls_on_holidays"] == "yes"


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
    page = _save(client, user_name="Jordan Lee", calling_hours="9-5", daily_calls="0")
    assert page.status_code == 422
    assert re.search(
        r'id="f-calling_hours-error">&#39;9&#39; is not a time; write HH:MM', page.text
    )
    assert 'id="f-daily_calls-error">&#39;0&#39; is not a whole number above 0' in page.text
    assert re.search(r'id="f-calling_hours"[^>]*value="9-5"[^>]*aria-invalid="true"', page.text)
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
