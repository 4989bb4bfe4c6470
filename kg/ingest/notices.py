"""What reading an input tells the user: :class:`Skipped` and :class:`Warned` notices, and file names fit to print."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

ESCAPED_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F]}


@dataclass(frozen=True)
class Notice:
    """Something a user should know about one input; ``where`` names the file (and line for JSONL)."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class Skipped(Notice):
    """An input that was not read, and why."""


@dataclass(frozen=True)
class Warned(Notice):
    """An input that was read, but not exactly as its bytes say (decoded as Windows-1252, NULs removed)."""


SkipHandler = Callable[[Notice], None]
"""Called with every :class:`Skipped` input and every :class:`Warned` one."""


def printable(path: str | os.PathLike[str]) -> str:
    """A file name as one printable line: undecodable bytes become ``\\xNN``, control characters too.

    Examples:
        >>> printable("news/a.txt"), printable("bad\\udcff\\n.txt")
        ('news/a.txt', 'bad\\\\xff\\\\x0a.txt')
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace").translate(ESCAPED_CONTROLS)
