"""What the command line shows a person: the two consoles, notices, store changes, result tables, quiet interrupts.

:mod:`kg.cli` holds the commands; this module holds how their outcome reaches the terminal.
"""

from __future__ import annotations

import os
import signal
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from kg.ingest.reader import Notice
    from kg.query import QueryResult
    from kg.store import StoreChange

stderr = Console(stderr=True, soft_wrap=True)
stdout = Console(soft_wrap=True)


@contextmanager
def quiet_interrupts() -> Iterator[None]:
    """Ctrl-C and SIGTERM raise ``KeyboardInterrupt`` in kg itself; forked spaCy workers (``--jobs``) just exit.

    So a stopped build removes its temporary file, and the workers print no traceback each.
    """
    parent = os.getpid()

    def interrupt(signum: int, frame: object) -> None:
        if os.getpid() != parent:
            os._exit(128 + signum)
        raise KeyboardInterrupt

    previous = {signum: signal.signal(signum, interrupt) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"\[W127\]")  # "not all worker processes completed"
            yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def report_notices(notices: list[Notice]) -> None:
    """Each skip and warning as one line on stderr, file names shown as they are (never read as markup)."""
    from kg.ingest.reader import Skipped

    for notice in notices:
        kind = "skipped" if isinstance(notice, Skipped) else "warning"
        stderr.print(f"[yellow]kg: {kind}[/] {escape(str(notice))}", highlight=False)


def report_change(store: Path, change: StoreChange) -> None:
    """What a write did to a store, in one line."""
    counts = {"added": change.added, "replaced": change.replaced, "unchanged (skipped)": change.unchanged,
              "removed": change.removed, "not in the store": change.missing}
    summary = ", ".join(f"{len(ids)} {what}" for what, ids in counts.items() if ids) or "no change"
    stderr.print(f"  store {store}: {summary}", highlight=False)


def print_table(result: QueryResult, limit_rows: int) -> None:
    """SELECT results as a table on stdout (at most ``limit_rows``, 0 for all), the row count on stderr."""
    from kg.query import compact

    shown = result.rows if limit_rows == 0 else result.rows[:limit_rows]
    table = Table(*result.variables, show_lines=False)
    for row in shown:
        table.add_row(*(compact(value) for value in row))
    stdout.print(table)
    left_out = len(result) - len(shown)
    note = f"; {left_out} more rows left out (raise --limit-rows, 0 for all, or use --format csv)" if left_out else ""
    stderr.print(f"{len(result)} rows{note}", highlight=False)
