"""A LinkedIn address in the usual form is taken without being split (an import checks one
per row); the shortcut accepts only what the full check accepts, and keeps it as written."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from callwise.domain.contacts import check_linkedin_url, linkedin_checked
from callwise.domain.errors import ValidationError

_SCHEMES = st.sampled_from(["https://", "http://", "HTTPS://", "", "ftp://", "//", "javascript:"])
_SUBDOMAINS = st.sampled_from(["", "www.", "uk.", "ABC.", "xn--a-b.", "a_b.", "evil.example/"])
_HOSTS = st.sampled_from(["linkedin.com", "LinkedIn.com", "linkedin.com.evil.example", "lnkd.in"])
_PATH = st.sampled_from(
    [
        "/",
        "in/",
        "jane-doe",
        "%20",
        "@",
        ":8080",
        "?trk=x",
        "#top",
        " ",
        "\t",
        "'",
        "<",
        "_",
        "~",
        "é",
        ".",
        "\\",
        '"',
        "`",
        "x",
    ]
)
_ADDRESSES = st.builds(
    lambda *parts: "".join(parts[:3]) + "".join(parts[3]),
    _SCHEMES,
    _SUBDOMAINS,
    _HOSTS,
    st.lists(_PATH, max_size=6),
)


def _full_check(text: str) -> str | None:
    """What the full check makes of `text` (scheme added as check_linkedin_url adds it)."""
    url = text.strip()
    host = url.casefold().split("/", 1)[0].removeprefix("www.")
    bare = host == "linkedin.com" or (
        host.endswith(".linkedin.com") and len(host) in (15, 16) and host[:-13].isalpha()
    )
    if bare and "/" in url:
        url = f"https://{url}"
    try:
        return linkedin_checked(url, text)
    except ValidationError:
        return None


def _quick_check(text: str) -> str | None:
    try:
        return check_linkedin_url(text)
    except ValidationError:
        return None


@settings(max_examples=500)  # cheap: a few milliseconds each
@given(_ADDRESSES)
def test_the_usual_form_is_taken_only_where_the_full_check_takes_it(text: str) -> None:
    if not text.strip():
        assert check_linkedin_url(text) == ""
        return
    assert _quick_check(text) == _full_check(text)


def test_an_export_s_profile_address_is_kept_as_written() -> None:
    for url in (
        "https://www.linkedin.com/in/jane-doe-0a1b2c",
        "http://uk.linkedin.com/in/jane_doe/",
        "https://linkedin.com/in/J%C3%A9r%C3%B4me",
    ):
        assert check_linkedin_url(url) == url
    assert check_linkedin_url("linkedin.com/in/jane") == "https://linkedin.com/in/jane"
