"""How kg ends when interrupted: one line and exit 130, never a traceback (light: imports only the standard library)."""

from __future__ import annotations

import sys
from typing import NoReturn

INTERRUPTED_EXIT_CODE = 130  # 128 + SIGINT, what a shell reports for a process Ctrl-C stopped
INTERRUPTED_MESSAGE = "kg: interrupted"


def exit_interrupted() -> NoReturn:
    """Print the one line that says kg was interrupted and exit 130 (outputs are written atomically).

    Raises:
        SystemExit: always, with code 130.
    """
    sys.stderr.write(f"{INTERRUPTED_MESSAGE}\n")
    sys.stderr.flush()
    raise SystemExit(INTERRUPTED_EXIT_CODE)
