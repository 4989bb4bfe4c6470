"""The ``kg`` program: the console script and ``python -m kg``.

Ctrl-C (or SIGTERM during a build) at any moment, even while the command line or a command's
libraries are still importing, prints ``kg: interrupted`` and exits 130: never a traceback.
This module imports nothing heavy, so that it holds from the program's first moment.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import NoReturn

INTERRUPTED_EXIT_CODE = 130  # 128 + SIGINT, what a shell reports for a process Ctrl-C stopped
INTERRUPTED_MESSAGE = "kg: interrupted"


def main() -> None:
    """Run the ``kg`` command line on ``sys.argv``."""
    try:
        from kg.cli import app

        app(prog_name="kg")
    except KeyboardInterrupt:  # while kg.cli imports; inside a command kg.cli reports it itself
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the report
        exit_interrupted()
    finally:
        signal.signal(signal.SIGINT, _end_at_once)


def exit_interrupted() -> NoReturn:
    """Print the one line that says kg was interrupted and exit 130 (outputs are written atomically).

    Raises:
        SystemExit: always, with code 130.
    """
    sys.stderr.write(f"{INTERRUPTED_MESSAGE}\n")
    sys.stderr.flush()
    raise SystemExit(INTERRUPTED_EXIT_CODE)


def _end_at_once(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C once kg is exiting: its work is done or undone and reported, so end now, not in a shutdown traceback."""
    os._exit(INTERRUPTED_EXIT_CODE)


if __name__ == "__main__":
    main()
