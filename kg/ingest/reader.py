"""Read input paths into :class:`~kg.model.Document` objects, one at a time.

Files (``.txt``, ``.md``), folders (searched recursively) and ``.jsonl`` files of
``{"id", "text"}`` objects (optional ``title``, ``date``, ``source``) are accepted. No input
stops the others: one that cannot be read is reported as :class:`Skipped`, one read with a
caveat (not UTF-8, NUL characters removed) as :class:`Warned`, both through ``on_skip``.
Symbolic links to folders are not followed, so a link loop cannot trap the walk. Every
case is listed in ``docs/reliability.md``.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import NotTextError
from kg.fileio import read_yaml
from kg.model import Document

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl"})
INPUT_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES
OPTIONAL_FIELDS = ("title", "date", "source")
MAX_DOCUMENT_CHARS = 1_000_000  # spaCy's default Language.max_length: longer texts make nlp() raise
MAX_FILE_BYTES = 4 * MAX_DOCUMENT_CHARS + 4  # the most bytes a text of that length takes (UTF-32)
SIGNATURES_PATH = Path(__file__).resolve().parent.parent / "patterns" / "file_signatures.yaml"
SNIFF_BYTES = 8192
MAX_CONTROL_SHARE = 0.05  # decoded text with more control characters than this is binary data
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # all but \t \n \v \f \r
LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")  # JSON's "\ud800" escapes decode to them; UTF-8 cannot hold them
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark is a prefix of it
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
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


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with warnings about how (none for plain UTF-8)."""

    text: str
    warnings: tuple[str, ...] = ()


def read_documents(paths: Iterable[str | Path], on_skip: SkipHandler | None = None) -> Iterator[Document]:
    """Yield the documents found under ``paths``, in a stable order.

    A document whose id was already read (the same file name given twice, a repeated
    JSONL id) is skipped: ids name documents in the graph and must be unique.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("DeepSeek released R1.")
        >>> [d.id for d in read_documents([folder])]
        ['a.txt']
    """
    report = on_skip or (lambda notice: None)
    first_read_from: dict[str, str] = {}
    for where, document in _read_paths(paths, report):
        if document.id in first_read_from:
            report(Skipped(where, f"duplicate document id {document.id!r} (first read from {first_read_from[document.id]})"))
            continue
        first_read_from[document.id] = where
        yield document


def _read_paths(paths: Iterable[str | Path], report: SkipHandler) -> Iterator[tuple[str, Document]]:
    for path in map(Path, paths):
        if path.is_dir():
            yield from _read_folder(path, report)
        elif not path.is_file():
            report(Skipped(printable(path), _not_a_file_reason(path)))
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield from _read_jsonl(path, report)
        else:
            yield from _read_text_file(path, printable(path.name), report)


def _not_a_file_reason(path: Path) -> str:
    if path.is_symlink():
        return "broken symbolic link or link loop"
    if not path.exists():
        return "no such file or folder"
    return "not a regular file (a pipe, socket or device)"


def printable(path: str | os.PathLike[str]) -> str:
    """A file name as one printable line: undecodable bytes become ``\\xNN``, control characters too.

    Examples:
        >>> printable("news/a.txt"), printable("bad\\udcff\\n.txt")
        ('news/a.txt', 'bad\\\\xff\\\\x0a.txt')
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace").translate(ESCAPED_CONTROLS)


def input_files(folder: Path, on_skip: SkipHandler | None = None) -> list[Path]:
    """The ``.txt``, ``.md`` and ``.jsonl`` files under ``folder``, sorted.

    Symbolic links to files are read; links to folders are reported and not followed.
    """
    report = on_skip or (lambda notice: None)

    def unreadable(error: OSError) -> None:
        report(Skipped(printable(error.filename or folder), f"cannot read folder: {error.strerror or error}"))

    found = []
    for directory, subfolders, names in os.walk(folder, onerror=unreadable):
        for name in subfolders:
            if os.path.islink(os.path.join(directory, name)):
                report(Skipped(printable(os.path.join(directory, name)), "symbolic link to a folder: not followed"))
        for name in names:
            path = Path(directory, name)
            if path.suffix.lower() not in INPUT_SUFFIXES:
                continue
            if path.is_file():
                found.append(path)
            else:
                report(Skipped(printable(path), _not_a_file_reason(path)))
    return sorted(found)


def _read_folder(folder: Path, report: SkipHandler) -> Iterator[tuple[str, Document]]:
    files = input_files(folder, report)
    if not files:
        report(Skipped(printable(folder), "folder holds no .txt, .md or .jsonl files"))
    for path in files:
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _read_jsonl(path, report)
        else:
            yield from _read_text_file(path, printable(path.relative_to(folder).as_posix()), report)


def _read_text_file(path: Path, doc_id: str, report: SkipHandler) -> Iterator[tuple[str, Document]]:
    where = printable(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report(Skipped(where, f"too large: {size:,} bytes (documents hold at most {MAX_DOCUMENT_CHARS:,} characters)"))
            return
        raw = path.read_bytes()
    except OSError as exc:
        report(Skipped(where, f"cannot read: {exc.strerror or exc}"))
        return
    try:
        decoded = decode_text(raw)
    except NotTextError as exc:
        report(Skipped(where, str(exc)))
        return
    yield from _make_document(where, doc_id, decoded, report, source=where)


def _make_document(
    where: str, doc_id: str, decoded: DecodedText, report: SkipHandler, **metadata: str
) -> Iterator[tuple[str, Document]]:
    """Check a decoded text and yield it as a document, reporting why not or with what caveats."""
    text, warnings = decoded.text, list(decoded.warnings)
    if "\x00" in text:
        warnings.append(f"removed {text.count(chr(0)):,} NUL characters")
        text = text.replace("\x00", "")
    if not text.strip():
        report(Skipped(where, "empty document" + (" (whitespace only)" if text else "")))
        return
    if len(text) > MAX_DOCUMENT_CHARS:
        report(Skipped(where, f"too long: {len(text):,} characters (the limit is {MAX_DOCUMENT_CHARS:,}); split it"))
        return
    for warning in warnings:
        report(Warned(where, warning))
    yield where, Document.from_text(doc_id, text, **metadata)


def decode_text(raw: bytes) -> DecodedText:
    """Decode a file's bytes, saying so whenever the result is a guess.

    UTF-8 (with or without a byte-order mark) and UTF-16/32 with a mark decode silently;
    UTF-16 without a mark is told by its NUL bytes; other bytes decode as UTF-8 with
    replacement characters when they mostly are UTF-8, else as Windows-1252 or Latin-1.
    Line ends become ``\\n``.

    Raises:
        NotTextError: the bytes are binary: a known file signature, or too many NUL or control bytes.

    Examples:
        >>> decode_text("naïve\\r\\n".encode("utf-8"))
        DecodedText(text='naïve\\n', warnings=())
        >>> decode_text("naïve".encode("cp1252"))
        DecodedText(text='naïve', warnings=('not UTF-8 (byte 0xEF at offset 2): decoded as Windows-1252',))
        >>> decode_text(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
        Traceback (most recent call last):
        kg.errors.NotTextError: not text (PNG image)
    """
    kind = binary_signature(raw)
    if kind is not None:
        raise NotTextError(f"not text ({kind})")
    decoded = _decode_with_bom(raw) or _decode_utf16_without_bom(raw) or _decode_8bit(raw)
    if decoded.text and len(CONTROL_CHARACTERS.findall(decoded.text)) > MAX_CONTROL_SHARE * len(decoded.text):
        raise NotTextError("not text (binary content)")
    return DecodedText(decoded.text.replace("\r\n", "\n").replace("\r", "\n"), decoded.warnings)


@cache
def _file_signatures() -> tuple[tuple[bytes, str], ...]:
    table = read_yaml(SIGNATURES_PATH)
    return tuple(
        (bytes.fromhex(code), name)
        for name, codes in table.items()
        for code in ([codes] if isinstance(codes, str) else codes)
    )


def binary_signature(raw: bytes) -> str | None:
    """The binary format ``raw`` starts like (``"PNG image"``), from ``kg/patterns/file_signatures.yaml``."""
    return next((name for signature, name in _file_signatures() if raw.startswith(signature)), None)


def _decode_with_bom(raw: bytes) -> DecodedText | None:
    for mark, codec in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return DecodedText(raw.decode(codec))
            except UnicodeDecodeError as exc:
                raise NotTextError(f"not text (a {codec.upper()} byte-order mark, then invalid bytes)") from exc
    return None


def _decode_utf16_without_bom(raw: bytes) -> DecodedText | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte, the high byte of each unit."""
    sample = raw[: SNIFF_BYTES - SNIFF_BYTES % 2]
    units = len(sample) // 2
    if units == 0 or b"\x00" not in sample:
        return None
    nul_at_even, nul_at_odd = sample[0::2].count(0), sample[1::2].count(0)
    for codec, high_nuls, low_nuls in (("utf-16-le", nul_at_odd, nul_at_even), ("utf-16-be", nul_at_even, nul_at_odd)):
        if high_nuls >= 0.3 * units and low_nuls <= 0.02 * units:
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                return None
            return DecodedText(text, (f"no byte-order mark: decoded as {codec.upper()} (told by its NUL bytes)",))
    return None


def _decode_8bit(raw: bytes) -> DecodedText:
    try:
        return DecodedText(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first_bad = f"byte 0x{raw[exc.start]:02X} at offset {exc.start}"
    replaced = raw.decode("utf-8", "replace")
    invalid = replaced.count("\ufffd")
    if sum(1 for char in replaced if char > "\x7f") - invalid > invalid:
        return DecodedText(replaced, (f"not valid UTF-8 ({first_bad}): {invalid:,} bad bytes replaced by U+FFFD",))
    try:
        return DecodedText(raw.decode("cp1252"), (f"not UTF-8 ({first_bad}): decoded as Windows-1252",))
    except UnicodeDecodeError:
        return DecodedText(raw.decode("latin-1"), (f"not UTF-8 ({first_bad}): decoded as Latin-1",))


def _read_jsonl(path: Path, report: SkipHandler) -> Iterator[tuple[str, Document]]:
    where = printable(path)
    try:
        with path.open("rb") as stream:
            kind = binary_signature(stream.read(SNIFF_BYTES))
            if kind is not None:
                report(Skipped(where, f"not text ({kind})"))
                return
            stream.seek(0)
            for number, line in enumerate(stream, start=1):
                yield from _read_jsonl_line(line.removeprefix(codecs.BOM_UTF8) if number == 1 else line, f"{where}:{number}", report)
    except OSError as exc:
        report(Skipped(where, f"cannot read: {exc.strerror or exc}"))


def _read_jsonl_line(line: bytes, where: str, report: SkipHandler) -> Iterator[tuple[str, Document]]:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        report(Skipped(where, f"not UTF-8 (byte 0x{line[exc.start]:02X} at column {exc.start + 1})"))
        return
    if not text.strip():
        return
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        report(Skipped(where, f"invalid JSON: {exc.msg} (column {exc.colno})"))
        return
    except RecursionError:
        report(Skipped(where, "invalid JSON: nested too deeply"))
        return
    if not isinstance(record, dict):
        report(Skipped(where, "expected a JSON object"))
        return
    doc_id, text = record.get("id"), record.get("text")
    if not isinstance(doc_id, (str, int)) or str(doc_id) == "":
        report(Skipped(where, 'missing "id"'))
        return
    if not isinstance(text, str):
        report(Skipped(where, f'document {doc_id}: missing "text"'))
        return
    metadata = {name: str(record[name]) for name in OPTIONAL_FIELDS if record.get(name) not in (None, "")}
    fields = {"id": str(doc_id), "text": text, **metadata}
    repaired = {name: LONE_SURROGATES.sub("\ufffd", value) for name, value in fields.items()}
    warnings = tuple(f'lone surrogate in "{name}" replaced by U+FFFD' for name in fields if repaired[name] != fields[name])
    yield from _make_document(
        where, repaired.pop("id"), DecodedText(repaired.pop("text"), warnings), report, **repaired
    )


def count_documents(paths: Iterable[str | Path]) -> int:
    """A quick count of the documents under ``paths`` (for progress bars): files plus JSONL lines."""
    total = 0
    for path in map(Path, paths):
        for file in input_files(path) if path.is_dir() else [path]:
            if not file.is_file():
                continue
            total += _count_lines(file) if file.suffix.lower() in JSONL_SUFFIXES else 1
    return total


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 0
