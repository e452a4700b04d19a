"""Every surface takes its import and export formats from the registry (issue 12): the CLI's
`--format` choices, the import report's names, the web's menu, labels and downloads, and the
API's enums. A new format is one registry entry; these tests fail when a surface keeps a list
of its own."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from callwise.cli import import_report
from callwise.cli.app import app as cli_app
from callwise.interchange import formats
from callwise.web.api import data as api_data
from callwise.web.app import OPENAPI_URL
from callwise.web.pages import imports as pages_import


def _choices(command: str) -> list[str]:
    """The choices `command --help` lists for --format."""
    result = CliRunner().invoke(cli_app, [command, "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    found = re.search(r"--format\s+<([\w|]+)>", result.output)
    assert found, result.output
    return found.group(1).split("|")


def test_the_cli_format_choices_equal_the_registry() -> None:
    assert _choices("import") == ["auto", *(f.id for f in formats.FORMATS)]
    assert sorted(_choices("export")) == sorted(f.export.id for f in formats.FORMATS if f.export)
    assert _choices("export") == list(formats.EXPORT_IDS)


def test_the_import_report_names_equal_the_registry() -> None:
    assert {f.id: f.name for f in formats.FORMATS} == import_report.NAMES


def test_the_web_menu_names_and_downloads_equal_the_registry(client: TestClient) -> None:
    menu = [(f.id, f.label) for f in formats.FORMATS]
    assert list(pages_import.IMPORT_FORMATS) == [(formats.AUTO, formats.AUTO_LABEL), *menu]
    assert {f.id: f.name for f in formats.FORMATS} == pages_import.FORMAT_NAMES
    exports = [f.export for f in formats.FORMATS if f.export]
    assert {k: v[0] for k, v in pages_import.EXPORTS.items()} == {e.id: e.label for e in exports}
    assert set(api_data.EXPORTS) == {e.id for e in exports}
    page = client.get("/import").text
    assert f'accept="{pages_import.ACCEPT}"' in page
    for entry in formats.FORMATS:
        assert all(f".{ext}" in pages_import.ACCEPT.split(",") for ext in entry.extensions)
    for _, label in menu:
        assert label in page
    for export in exports:
        assert f'href="/export/{export.id}"' in page
        assert export.label in page


def _enum(schema: dict[str, Any]) -> list[str]:
    for option in (schema, *schema.get("anyOf", ())):
        if "enum" in option:
            return list(option["enum"])
        if "const" in option:
            return [option["const"]]
    raise AssertionError(f"no enum in {schema}")


def test_the_api_enums_equal_the_registry(client: TestClient) -> None:
    document = client.get(OPENAPI_URL).json()
    schemas = document["components"]["schemas"]
    assert _enum(schemas["ImportCommit"]["properties"]["format"]) == list(formats.IMPORT_CHOICES)
    assert _enum(schemas["ImportReportOut"]["properties"]["format"]) == list(formats.IMPORT_IDS)
    export_path = next(p for p in document["paths"] if p.endswith("/exports/{format}"))
    parameter = document["paths"][export_path]["get"]["parameters"][0]
    assert _enum(parameter["schema"]) == list(formats.EXPORT_IDS)
    preview = next(
        name for name in schemas if name.startswith("Body_") and "preview" in name.lower()
    )
    assert _enum(schemas[preview]["properties"]["format"]) == list(formats.IMPORT_CHOICES)
