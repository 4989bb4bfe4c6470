"""How kg ends: one line and exit 130 when interrupted, and child processes that end with it.

Light: imports only the standard library.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from typing import NoReturn

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies

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


def die_with_parent(parent_pid: int) -> None:
    """In a child process: be killed when the parent ``parent_pid`` dies, even by SIGKILL.

    On Linux the kernel does it (``prctl(PR_SET_PDEATHSIG)``, tied to the thread that started the child);
    elsewhere a watcher thread ends the child within a second of its parent. A child whose parent is
    already gone ends at once.
    """
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_exit_when_orphaned, args=(parent_pid,), daemon=True).start()
    if os.getppid() != parent_pid:  # the parent ended before the death signal was set
        os._exit(0)


def _exit_when_orphaned(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(0)
