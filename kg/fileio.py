"""File I/O in one place: atomic writes of text, JSON Lines and whole folders, directory fsync, the store lock.

Every output kg writes goes through here, so a crash, a full disk or Ctrl-C leaves each file
either as it was or complete: never half written.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import filelock
import yaml

from kg.errors import DataFileError, OutputError, StoreLockedError

MAX_DATA_FILE_BYTES = 16 << 20  # a gazetteer or pattern file; far above any real one
MAX_DATA_FILE_DEPTH = 64  # nesting of mappings and lists; kg's own files need 4


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text to a temporary file beside ``path`` and rename it into place.

    ``path`` holds either its previous content or all of ``text``, whatever happens: on
    an error (disk full, no permission) or an interrupt (``KeyboardInterrupt``) the
    temporary file is removed and ``path`` is untouched. Only a hard kill (SIGKILL, power
    loss) can leave a ``.NAME.*.tmp`` file behind.

    Raises:
        OutputError: the file could not be written (the message names it and says why).
    """
    with atomic_stream(path) as stream:
        stream.write(text)


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Write one JSON object per line, atomically; return how many were written."""
    count = 0
    with atomic_stream(path) as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


@contextmanager
def atomic_stream(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text stream to a temporary file beside ``path``, renamed into place on success.

    Raises:
        OutputError: the file could not be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        os.chmod(temporary, 0o644)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise
    sync_directory(path.parent)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A fresh temporary path beside ``path`` to create a file or folder at; moved onto ``path`` on success.

    For outputs that are folders or databases: ``path`` keeps its previous content until the new one
    is complete, then the old one is removed. On an error the temporary path is removed.

    Raises:
        OutputError: the output could not be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    target = scratch / path.name
    try:
        yield target
        _swap_into_place(target, path, scratch)
    except BaseException as exc:
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    sync_directory(path.parent)


def _swap_into_place(new: Path, path: Path, scratch: Path) -> None:
    """Move ``new`` onto ``path``; a previous folder at ``path`` is moved into ``scratch`` first (then removed)."""
    if path.is_dir() and not path.is_symlink():
        os.replace(path, scratch / f"{path.name}.old")
    os.replace(new, path)


def sync_directory(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every platform can open a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def read_yaml(path: Path, *, max_bytes: int = MAX_DATA_FILE_BYTES) -> Any:
    """Parse a YAML data file that may come from anyone: bounded in size and nesting, with no aliases.

    YAML anchors and aliases (``&a`` / ``*a``) are refused: a few hundred bytes of them can
    expand into gigabytes (a "billion laughs" bomb), and kg's data files never need them.

    Raises:
        DataFileError: the file cannot be read, is larger than ``max_bytes``, nests deeper than
            :data:`MAX_DATA_FILE_DEPTH`, uses an alias, or is not valid YAML (the message names the file).
    """
    try:
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if len(raw) > max_bytes:
        raise DataFileError(f"{path}: too large for a data file (over {max_bytes:,} bytes)")
    try:
        return yaml.load(raw.decode("utf-8"), Loader=_BoundedLoader)  # a SafeLoader subclass
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}: not UTF-8 text: {exc}") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: invalid YAML: {_one_line(str(exc))}") from exc


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases and nesting deeper than :data:`MAX_DATA_FILE_DEPTH`."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.YAMLError(f"aliases (*name) are not allowed in kg data files (line {mark.line + 1})")
        self._depth += 1
        try:
            if self._depth > MAX_DATA_FILE_DEPTH:
                mark = self.peek_event().start_mark
                raise yaml.YAMLError(f"nested deeper than {MAX_DATA_FILE_DEPTH} levels (line {mark.line + 1})")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _one_line(text: str) -> str:
    return " ".join(text.split())


@contextmanager
def store_lock(store: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold the store's write lock (a ``filelock`` on ``STORE/lock``, on every platform).

    Raises:
        StoreLockedError: another process holds it and ``wait`` is false.
    """
    store.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(store / "lock", timeout=-1 if wait else 0)
    try:
        with lock:
            yield
    except filelock.Timeout:
        raise StoreLockedError(
            f"{store}: another kg process is writing this store; try again when it is done, or pass --wait"
        ) from None
