"""Read input paths into :class:`~kg.model.Document` objects, one at a time.

Files (``.txt``, ``.md``), folders (searched recursively) and ``.jsonl`` files of
``{"id", "text"}`` objects (optional ``title``, ``date``, ``source``) are accepted. A bad
document is reported through ``on_skip`` and never stops the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.model import Document

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl"})
OPTIONAL_FIELDS = ("title", "date", "source")


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, and why (``where`` names the file, and line for JSONL)."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


SkipHandler = Callable[[Skipped], None]


def read_documents(paths: Iterable[str | Path], on_skip: SkipHandler | None = None) -> Iterator[Document]:
    """Yield the documents found under ``paths``, in a stable order.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("DeepSeek released R1.")
        >>> [d.id for d in read_documents([folder])]
        ['a.txt']
    """
    report = on_skip or (lambda skipped: None)
    for path in map(Path, paths):
        if path.is_dir():
            yield from _read_folder(path, report)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield from _read_jsonl(path, report)
        elif not path.exists():
            report(Skipped(str(path), "no such file or folder"))
        else:
            document = _read_text_file(path, path.name, report)
            if document is not None:
                yield document


def _read_folder(folder: Path, report: SkipHandler) -> Iterator[Document]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES)
    if not files:
        report(Skipped(str(folder), "folder holds no .txt, .md or .jsonl files"))
    for path in files:
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _read_jsonl(path, report)
        else:
            document = _read_text_file(path, path.relative_to(folder).as_posix(), report)
            if document is not None:
                yield document


def _read_text_file(path: Path, doc_id: str, report: SkipHandler) -> Document | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report(Skipped(str(path), f"cannot read: {exc.strerror or exc}"))
        return None
    text = decode_text(raw)
    if text is None:
        report(Skipped(str(path), "not text (binary content)"))
        return None
    if not text.strip():
        report(Skipped(str(path), "empty document"))
        return None
    return Document.from_text(doc_id, text, source=str(path))


def decode_text(raw: bytes) -> str | None:
    """Decode bytes as UTF-8 (BOM allowed) or UTF-16 with a BOM; ``None`` for binary data.

    Examples:
        >>> decode_text("naïve".encode("utf-8"))
        'naïve'
        >>> decode_text(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00") is None
        True
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in raw[:8192]:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_jsonl(path: Path, report: SkipHandler) -> Iterator[Document]:
    try:
        handle = path.open(encoding="utf-8-sig", errors="strict")
    except OSError as exc:
        report(Skipped(str(path), f"cannot read: {exc.strerror or exc}"))
        return
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    document = _parse_jsonl_record(line, f"{path}:{number}", report)
                    if document is not None:
                        yield document
        except UnicodeDecodeError as exc:
            report(Skipped(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})"))


def _parse_jsonl_record(line: str, where: str, report: SkipHandler) -> Document | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        report(Skipped(where, f"invalid JSON: {exc.msg} (column {exc.colno})"))
        return None
    if not isinstance(record, dict):
        report(Skipped(where, "expected a JSON object"))
        return None
    doc_id, text = record.get("id"), record.get("text")
    if not isinstance(doc_id, (str, int)) or str(doc_id) == "":
        report(Skipped(where, 'missing "id"'))
        return None
    if not isinstance(text, str) or not text.strip():
        report(Skipped(where, f'document {doc_id}: missing or empty "text"'))
        return None
    extras = {name: str(record[name]) for name in OPTIONAL_FIELDS if record.get(name) not in (None, "")}
    return Document.from_text(str(doc_id), text, **extras)


def count_documents(paths: Iterable[str | Path]) -> int:
    """A quick count of the documents under ``paths`` (for progress bars): files plus JSONL lines."""
    total = 0
    for path in map(Path, paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                total += _count_lines(file)
            elif suffix in TEXT_SUFFIXES or file == path:
                total += 1
    return total


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 0
