"""Open input files safely and turn their text into documents.

A path is opened first and checked after: ``open`` never blocks (``O_NONBLOCK``, so a named
pipe put in a file's place cannot hang the build), the opened descriptor must be a regular file
(not a pipe, socket or device such as ``/dev/zero``), and no more than the size limit is ever
read, whatever the file claims or becomes.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from kg.defaults import DEFAULT_MAX_DOCUMENT_BYTES
from kg.errors import InputError, NotAFileError, TooLargeError
from kg.ingest.decode import DecodedText
from kg.ingest.notices import SkipHandler, Skipped, Warned, printable
from kg.model import Document

OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
SKIP_CHUNK_BYTES = 1 << 20
Located = tuple[str, Document]
"""A document and where it was read from (the file; the file and its line, item or record)."""
FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def open_regular_file(path: Path) -> BinaryIO:
    """Open ``path`` for reading without blocking, and make sure what was opened is a regular file.

    Raises:
        NotAFileError: nothing is there, a broken link or loop, or a pipe, socket, device or folder.
        InputError: the file cannot be opened (permissions, I/O error).
    """
    try:
        descriptor = os.open(path, OPEN_FLAGS)
    except OSError as exc:
        raise _open_error(path, exc) from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = next((name for test, name in FILE_KINDS if test(mode)), "not a file")
        raise NotAFileError(f"not a regular file ({kind})")
    return os.fdopen(descriptor, "rb")


def _open_error(path: Path, exc: OSError) -> InputError:
    if exc.errno == errno.ELOOP or (exc.errno == errno.ENOENT and path.is_symlink()):
        return NotAFileError("broken symbolic link or link loop")
    if exc.errno == errno.ENOENT:
        return NotAFileError("no such file or folder")
    return InputError(f"cannot read: {exc.strerror or exc}")


def read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """All of ``stream``'s bytes, refusing a file over ``max_bytes`` before it is read (or as it grows).

    Raises:
        TooLargeError: the file holds more than ``max_bytes`` bytes.
    """
    size = os.fstat(stream.fileno()).st_size
    if size > max_bytes:
        raise TooLargeError(_too_large(f"{size:,} bytes", max_bytes))
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise TooLargeError(_too_large(f"over {max_bytes:,} bytes (it grew while read)", max_bytes))
    return raw


def read_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Each line of ``stream`` (with its ``\\n``), or ``None`` for a line over ``max_bytes``.

    A line over the limit is passed over in bounded chunks: at most ``max_bytes + 1`` bytes are
    ever held, however long the line.
    """
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(SKIP_CHUNK_BYTES)) and not rest.endswith(b"\n"):
            pass
        yield None


def _too_large(size: str, max_bytes: int) -> str:
    return f"too large: {size} (the limit is {max_bytes:,}; see --max-document-mb)"


@dataclass(frozen=True)
class InputFile:
    """One input file to read: its path, the id its document gets, the size limit, where notices go."""

    path: Path
    doc_id: str
    report: SkipHandler
    max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES

    @property
    def where(self) -> str:
        """The file's path as printed in notices."""
        return printable(self.path)

    def open(self) -> BinaryIO:
        """The file opened for reading (see :func:`open_regular_file`)."""
        return open_regular_file(self.path)

    def read(self) -> bytes:
        """All the file's bytes (see :func:`read_limited`).

        Raises:
            InputError: not a regular file, unreadable, or over the size limit.
        """
        with self.open() as stream:
            try:
                return read_limited(stream, self.max_bytes)
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror or exc}") from None

    def document(
        self, doc_id: str, decoded: DecodedText, *, where: str | None = None, **metadata: Any
    ) -> Located | None:
        """Check a decoded text and make it a document, reporting why not (``None``) or with what caveats.

        NUL characters are removed (with a warning); an empty text or one longer than the size
        limit is skipped. ``where`` names the part of the file it comes from (a JSONL line, a feed item).
        """
        where = where or self.where
        text, warnings = decoded.text, list(decoded.warnings)
        if "\x00" in text:
            warnings.append(f"removed {text.count(chr(0)):,} NUL characters")
            text = text.replace("\x00", "")
        if not text.strip():
            self.report(Skipped(where, "empty document" + (" (whitespace only)" if text else "")))
            return None
        if len(text) > self.max_bytes:
            self.report(Skipped(
                where, f"too long: {len(text):,} characters (the limit is {self.max_bytes:,}; see --max-document-mb)"
            ))
            return None
        for warning in warnings:
            self.report(Warned(where, warning))
        return where, Document.from_text(doc_id, text, **metadata)
