"""The quick path: a plain `contacts find` runs without Typer (issue 2: a whole `find` command
at least 20 times faster than khard). Its output, errors and exit codes are those of the Typer
command, which runs instead whenever `args.quick_find` does not recognise the command line."""

from __future__ import annotations

from callwise.cli.args import quick_find
from callwise.cli.pipe import stdout_closed
from callwise.cli.render import print_page
from callwise.cli.state import State, report_defect, report_error
from callwise.domain.errors import CallwiseError
from callwise.services import contacts as service


def run(argv: list[str]) -> int | None:
    """Run `argv` when it is a plain `contacts find` and return its exit code; else None."""
    found = quick_find(argv)
    if found is None:
        return None
    st = State(db_url=found.db_url, now_text=found.now_text, as_json=found.as_json)
    try:
        page = service.find_contacts(st.app, found.query, limit=found.limit, offset=found.offset)
        print_page(st, page, f"Matching {found.query!r}", found.limit, found.offset)
    except CallwiseError as exc:
        report_error(exc, st.as_json)
        return exc.exit_code
    except BrokenPipeError:  # the reader of our output has gone: end quietly
        return stdout_closed()
    except Exception as exc:  # a defect: one line for the user, the trace on request
        report_defect(exc)
        return 1
    return 0
