"""The ``kg`` program: the console script and ``python -m kg``.

Ctrl-C (or SIGTERM during a build) at any moment, even while the command line or a command's
libraries are still importing, prints ``kg: interrupted`` and exits 130: never a traceback.
This module imports nothing heavy, so that it holds from the program's first moment.
"""

from __future__ import annotations

import os
import signal
from types import FrameType

from kg.exits import INTERRUPTED_EXIT_CODE, exit_interrupted


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


def _end_at_once(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C once kg is exiting: its work is done or undone and reported, so end now, not in a shutdown traceback."""
    os._exit(INTERRUPTED_EXIT_CODE)


if __name__ == "__main__":
    main()
