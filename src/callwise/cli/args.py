"""Reading the command line before Typer does: global options anywhere, and the quick commands.

`contacts find` is the command people (and scripts) run most; `quick_find` recognises its plain
forms so cli/quick.py can run it without loading Typer and every command module (issue 2).
`quick_import` recognises a plain `import`, whose reading can start before Typer loads (issue 3)."""

from __future__ import annotations

from dataclasses import dataclass

GLOBAL_WITH_VALUE = ("--db", "--now")
GLOBAL_FLAGS = ("--json",)


def hoist_globals(args: list[str]) -> list[str]:
    """Let `--db`, `--now` and `--json` stand anywhere: move them before the command words."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name = arg.split("=", 1)[0]
        if arg in GLOBAL_FLAGS or (name in GLOBAL_WITH_VALUE and "=" in arg):
            front.append(arg)
        elif arg in GLOBAL_WITH_VALUE and i + 1 < len(args):
            front.extend(args[i : i + 2])
            i += 1
        else:
            rest.append(arg)
        i += 1
    return front + rest


@dataclass(frozen=True)
class FindArgs:
    """`[--db URL] [--now WHEN] [--json] contacts find QUERY [--limit N] [--offset N]`."""

    query: str
    limit: int = 50
    offset: int = 0
    db_url: str | None = None
    now_text: str | None = None
    as_json: bool = False


def _options(
    words: list[str], names: tuple[str, ...], flags: tuple[str, ...] = (), *, stop: bool = False
) -> tuple[dict[str, str], list[str]] | None:
    """`--name value` / `--name=value` pairs, bare flags and positional words (under ""), and
    the words left when `stop` ends the reading at the first positional one. None when anything
    else is there (help, an unknown option, a repeated one, a missing value)."""
    found: dict[str, str] = {}
    i = 0
    while i < len(words):
        name, eq, value = words[i].partition("=")
        if not name.startswith("-"):
            if stop:
                break
            name, value = "", words[i]
        elif name in flags and not eq:
            value = "yes"
        elif name not in names or (not eq and i + 1 >= len(words)):
            return None
        elif not eq:
            i += 1
            value = words[i]
        if name in found:
            return None
        found[name] = value
        i += 1
    return found, words[i:]


MAX_COUNT = 2**31 - 1  # as Typer's --limit/--offset (cli/contacts.py): the database's integers


def _count(text: str | None, default: int, least: int) -> int | None:
    """A plain count within least..MAX_COUNT, else None (Typer then explains)."""
    if text is None:
        return default
    if not text.isascii() or not text.isdigit() or not least <= int(text) <= MAX_COUNT:
        return None
    return int(text)


def quick_find(argv: list[str]) -> FindArgs | None:
    """The arguments of a plain `contacts find`, or None: Typer then parses (and explains)."""
    hoisted = _options(hoist_globals(argv), GLOBAL_WITH_VALUE, GLOBAL_FLAGS, stop=True)
    if hoisted is None or hoisted[1][:2] != ["contacts", "find"]:
        return None
    glob, rest = hoisted
    parsed = _options(rest[2:], ("--limit", "--offset"))
    if parsed is None or "" not in parsed[0]:
        return None
    own = parsed[0]
    limit, offset = _count(own.get("--limit"), 50, 1), _count(own.get("--offset"), 0, 0)
    if limit is None or offset is None:
        return None
    return FindArgs(own[""], limit, offset, glob.get("--db"), glob.get("--now"), "--json" in glob)


@dataclass(frozen=True)
class ImportArgs:
    """The file and format of `[globals] import FILE [--format F] [--region R] [--dry-run]
    [--skip-invalid]`: enough to start reading the file; Typer still parses the command."""

    file: str
    format: str = "auto"


def quick_import(argv: list[str]) -> ImportArgs | None:
    """The file and format of a plain `import` command line, or None."""
    hoisted = _options(hoist_globals(argv), GLOBAL_WITH_VALUE, GLOBAL_FLAGS, stop=True)
    if hoisted is None or hoisted[1][:1] != ["import"]:
        return None
    parsed = _options(hoisted[1][1:], ("--format", "--region"), ("--dry-run", "--skip-invalid"))
    if parsed is None or "" not in parsed[0]:
        return None
    return ImportArgs(parsed[0][""], parsed[0].get("--format", "auto"))
