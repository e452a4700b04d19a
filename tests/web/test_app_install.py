"""Installable on a phone (issue 15.7): the web app manifest and its icons, the favicon, HEAD
answered like GET, and the API docs served from this server alone."""

from __future__ import annotations

import json
import re
import struct

from fastapi.testclient import TestClient

from callwise.web.headers import DOCS_POLICY

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HEX_COLOUR = re.compile(r"^#[0-9a-f]{6}$")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (bytes 16..24 after the signature)."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_manifest_names_the_app_and_its_colours(client: TestClient) -> None:
    answer = client.get("/manifest.webmanifest")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/manifest+json")
    manifest = json.loads(answer.text)
    assert manifest["name"] == "callwise" and manifest["short_name"] == "callwise"
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    style = client.get("/static/style.css").text
    for key, variable in (("theme_color", "--ink"), ("background_color", "--bg")):
        assert HEX_COLOUR.match(manifest[key]), key
        assert f"{variable}: {manifest[key]};" in style, (key, variable)


def test_the_manifest_icons_answer_with_pngs_of_their_declared_size(client: TestClient) -> None:
    icons = client.get("/manifest.webmanifest").json()["icons"]
    declared = {(icon["sizes"], purpose) for icon in icons for purpose in icon["purpose"].split()}
    for size in ("192x192", "512x512"):
        assert {(size, "any"), (size, "maskable")} <= declared, size
    for icon in icons:
        answer = client.get(icon["src"])
        assert answer.status_code == 200, icon["src"]
        assert answer.headers["content-type"] == icon["type"] == "image/png"
        width, height = png_size(answer.content)
        assert f"{width}x{height}" == icon["sizes"], icon["src"]


def test_the_favicon_and_the_touch_icon_are_served(client: TestClient) -> None:
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 200
    assert favicon.headers["content-type"] == "image/x-icon"
    assert favicon.content[:4] == b"\x00\x00\x01\x00"  # the ICO header: reserved 0, type 1
    touch = client.get("/apple-touch-icon.png")
    assert touch.status_code == 200 and png_size(touch.content) == (180, 180)


def test_every_page_links_the_manifest_and_the_icons(client: TestClient) -> None:
    for path in ("/", "/contacts", "/settings"):
        page = client.get(path).text
        assert '<link rel="manifest" href="/manifest.webmanifest">' in page, path
        assert '<link rel="icon" href="/favicon.ico"' in page, path
        assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in page, path


def test_head_answers_like_get_without_a_body(demo_client: TestClient) -> None:
    for path in ("/", "/contacts", "/api/v1/today", "/manifest.webmanifest", "/static/style.css"):
        got = demo_client.get(path)
        head = demo_client.head(path)
        assert got.status_code == 200 and head.status_code == 200, path
        assert head.content == b"", path
        for name in ("content-type", "content-security-policy", "x-frame-options"):
            assert head.headers[name] == got.headers[name], (path, name)
        if "content-length" in got.headers:
            assert head.headers["content-length"] == got.headers["content-length"], path


def test_head_on_an_unknown_page_is_404_and_post_only_routes_still_refuse_it(
    client: TestClient,
) -> None:
    assert client.head("/no-such-page").status_code == 404
    assert client.head("/logout").status_code == 405


def test_the_api_docs_load_only_from_this_server(client: TestClient) -> None:
    answer = client.get("/api/v1/docs")
    assert answer.status_code == 200
    assert answer.headers["content-security-policy"] == DOCS_POLICY
    html = answer.text
    assert "SwaggerUIBundle" not in html, "no inline starter script"
    assert not re.search(r"<script(?![^>]*\bsrc=)|\sstyle=", html)
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200 and asset.content, url
    assert 'data-openapi-url="/api/v1/openapi.json"' in html
    assert client.get("/api/v1/openapi.json").status_code == 200
