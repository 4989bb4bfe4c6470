"""Read input paths into :class:`~kg.model.Document` objects, one at a time.

Text files (``.txt``, ``.md``), ``.jsonl`` files of ``{"id", "text"}`` objects (optional
``title``, ``date``, ``source``), web pages (:mod:`kg.ingest.web`), PDFs (:mod:`kg.ingest.pdf`),
feeds (:mod:`kg.ingest.feeds`), crawls (:mod:`kg.ingest.warc`) and folders of them (searched
recursively) are accepted: the suffix chooses the reader, and each reader checks the content
(a ``.html`` that is a PDF, an ``.xml`` that is no feed is skipped and says so). No input
stops the others: one that cannot be read is reported as :class:`Skipped`, one read with a
caveat (not UTF-8, NUL characters removed) as :class:`Warned`, both through ``on_skip``.
Every file is opened before it is checked and never read past the size limit
(:mod:`kg.ingest.files`). Symbolic links to folders are not followed, so a link loop cannot
trap the walk. Every case is listed in ``docs/reliability.md``.
"""

from __future__ import annotations

import codecs
import importlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.defaults import DEFAULT_MAX_DOCUMENT_BYTES
from kg.errors import InputError
from kg.ingest.dates import normalise_date
from kg.ingest.decode import SNIFF_BYTES, DecodedText, binary_signature, decode_text
from kg.ingest.files import InputFile, Located, open_regular_file, read_lines
from kg.ingest.notices import Notice, SkipHandler, Skipped, Warned, printable
from kg.model import Document

__all__ = ["Notice", "SkipHandler", "Skipped", "Warned", "count_documents", "input_files", "read_documents"]

OPTIONAL_FIELDS = ("title", "date", "source")
COUNT_CHUNK_BYTES = 1 << 20
LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")  # JSON's "\ud800" escapes decode to them; UTF-8 cannot hold them
JSON_TYPES = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array",
              dict: "an object", type(None): "null"}

FormatReader = Callable[[InputFile], Iterator[Located]]


def read_documents(
    paths: Iterable[str | Path],
    on_skip: SkipHandler | None = None,
    *,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> Iterator[Document]:
    """Yield the documents found under ``paths``, in a stable order.

    A document whose id was already read (the same file name given twice, a repeated
    JSONL id) is skipped: ids name documents in the graph and must be unique. A file (or
    JSONL line) over ``max_document_bytes`` is skipped without being read.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("DeepSeek released R1.")
        >>> [d.id for d in read_documents([folder])]
        ['a.txt']
    """
    report = on_skip or (lambda notice: None)
    first_read_from: dict[str, str] = {}
    for where, document in _read_paths(paths, report, max_document_bytes):
        if document.id in first_read_from:
            report(Skipped(
                where, f"duplicate document id {document.id!r} (first read from {first_read_from[document.id]})"
            ))
            continue
        first_read_from[document.id] = where
        yield document


def _read_paths(paths: Iterable[str | Path], report: SkipHandler, max_bytes: int) -> Iterator[Located]:
    for path in map(Path, paths):
        if path.is_dir():
            yield from _read_folder(path, report, max_bytes)
        else:
            yield from _read_file(InputFile(path, printable(path.name), report, max_bytes))


def input_suffix(path: Path) -> str:
    """The suffix that says a file's format, in lower case (``.warc.gz`` counts as one).

    Examples:
        >>> input_suffix(Path("crawl.WARC.gz")), input_suffix(Path("a.HTML")), input_suffix(Path("README"))
        ('.warc.gz', '.html', '')
    """
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def input_files(folder: Path, on_skip: SkipHandler | None = None) -> list[Path]:
    """The input files under ``folder`` (every suffix of :data:`FORMAT_READERS`), sorted.

    Symbolic links to files are listed; links to folders are reported and not followed. What
    a listed name turns out to be (a pipe, a broken link) is checked when it is opened.
    """
    report = on_skip or (lambda notice: None)

    def unreadable(error: OSError) -> None:
        report(Skipped(printable(error.filename or folder), f"cannot read folder: {error.strerror or error}"))

    found: list[Path] = []
    for directory, subfolders, names in os.walk(folder, onerror=unreadable):
        for name in subfolders:
            if os.path.islink(os.path.join(directory, name)):
                report(Skipped(printable(os.path.join(directory, name)), "symbolic link to a folder: not followed"))
        found.extend(path for name in names if input_suffix(path := Path(directory, name)) in FORMAT_READERS)
    return sorted(found)


def _read_folder(folder: Path, report: SkipHandler, max_bytes: int) -> Iterator[Located]:
    files = input_files(folder, report)
    if not files:
        report(Skipped(printable(folder), f"folder holds no input files ({', '.join(FORMAT_READERS)})"))
    for path in files:
        yield from _read_file(InputFile(path, printable(path.relative_to(folder).as_posix()), report, max_bytes))


def _read_file(file: InputFile) -> Iterator[Located]:
    """The documents of one file, read by the reader of its suffix (a file without a known one is text)."""
    try:
        yield from FORMAT_READERS.get(input_suffix(file.path), read_text_file)(file)
    except InputError as exc:
        file.report(Skipped(file.where, str(exc)))


def read_text_file(file: InputFile) -> Iterator[Located]:
    """A plain-text file (``.txt``, ``.md``) as one document, decoded by :func:`~kg.ingest.decode.decode_text`."""
    located = file.document(file.doc_id, decode_text(file.read()), source=file.where)
    if located is not None:
        yield located


def read_jsonl_file(file: InputFile) -> Iterator[Located]:
    """A JSON Lines file: one document per line, each line checked on its own and never read past the limit."""
    with file.open() as stream:
        try:
            kind = binary_signature(stream.read(SNIFF_BYTES))
            if kind is not None:
                raise InputError(f"not text ({kind})")
            stream.seek(0)
            for number, line in enumerate(read_lines(stream, file.max_bytes), start=1):
                where = f"{file.where}:{number}"
                if line is None:
                    file.report(Skipped(
                        where, f"line longer than the limit of {file.max_bytes:,} bytes (see --max-document-mb)"
                    ))
                    continue
                yield from _read_jsonl_line(file, line.removeprefix(codecs.BOM_UTF8) if number == 1 else line, where)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}") from None


def _read_jsonl_line(file: InputFile, line: bytes, where: str) -> Iterator[Located]:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        file.report(Skipped(where, f"not UTF-8 (byte 0x{line[exc.start]:02X} at column {exc.start + 1})"))
        return
    if not text.strip():
        return
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        file.report(Skipped(where, f"invalid JSON: {exc.msg} (column {exc.colno})"))
        return
    except RecursionError:
        file.report(Skipped(where, "invalid JSON: nested too deeply"))
        return
    problem = _record_problem(record)
    if problem is not None:
        file.report(Skipped(where, problem))
        return
    metadata = {name: str(record[name]) for name in OPTIONAL_FIELDS if record.get(name) not in (None, "")}
    fields = {"id": str(record["id"]), "text": record["text"], **metadata}
    repaired = {name: LONE_SURROGATES.sub("\ufffd", value) for name, value in fields.items()}
    warnings = [f'lone surrogate in "{name}" replaced by U+FFFD' for name in fields if repaired[name] != fields[name]]
    if "date" in repaired:
        warnings += _normalise_date_field(repaired)
    located = file.document(
        repaired.pop("id"), DecodedText(repaired.pop("text"), tuple(warnings)), where=where, **repaired
    )
    if located is not None:
        yield located


def _record_problem(record: Any) -> str | None:
    """Why a JSONL record cannot be a document, or ``None`` when it can."""
    if not isinstance(record, dict):
        return "expected a JSON object"
    doc_id, text = record.get("id"), record.get("text")
    if doc_id is None or doc_id == "":
        return 'missing "id"'
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        return f'"id" is {JSON_TYPES[type(doc_id)]}: give a string or an integer'
    if text is None:
        return f'document {doc_id}: missing "text"'
    if not isinstance(text, str):
        return f'document {doc_id}: "text" is {JSON_TYPES[type(text)]}, not a string'
    return None


def _normalise_date_field(fields: dict[str, str]) -> list[str]:
    """Put ``fields["date"]`` in ISO 8601; drop it (with the warning returned) when it is no date kg reads."""
    given = fields.pop("date")
    normalised = normalise_date(given)
    if normalised is None:
        return [f'"date" {given!r} is not an ISO 8601 or RFC 2822 date: left out']
    fields["date"] = normalised
    return []


def _imported_at_first_use(module: str, function: str) -> FormatReader:
    """The reader ``module.function``, imported when a file needs it: a build of text and JSONL files never
    loads trafilatura, pdfminer, feedparser or warcio (a second or so of start-up)."""

    def read(file: InputFile) -> Iterator[Located]:
        reader: FormatReader = getattr(importlib.import_module(module), function)
        return reader(file)

    return read


PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz")
FORMAT_READERS: dict[str, FormatReader] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".jsonl": read_jsonl_file,
    **dict.fromkeys(PAGE_SUFFIXES, _imported_at_first_use("kg.ingest.web", "read_web_page")),
    ".pdf": _imported_at_first_use("kg.ingest.pdf", "read_pdf"),
    **dict.fromkeys(FEED_SUFFIXES, _imported_at_first_use("kg.ingest.feeds", "read_feed")),
    **dict.fromkeys(WARC_SUFFIXES, _imported_at_first_use("kg.ingest.warc", "read_warc")),
}
"""The reader of each input suffix (lower case); a file given by name with another suffix is read as text."""


def count_documents(paths: Iterable[str | Path]) -> int:
    """A quick count of the documents under ``paths`` (for progress bars): files plus JSONL lines."""
    total = 0
    for path in map(Path, paths):
        for file in input_files(path) if path.is_dir() else [path]:
            if file.is_file():
                total += _count_lines(file) if input_suffix(file) == ".jsonl" else 1
    return total


def _count_lines(path: Path) -> int:
    """The lines of a file, counted in bounded chunks (0 when it cannot be read)."""
    try:
        with open_regular_file(path) as stream:
            lines, last = 0, b"\n"
            while chunk := stream.read(COUNT_CHUNK_BYTES):
                lines, last = lines + chunk.count(b"\n"), chunk[-1:]
            return lines + (last != b"\n")
    except (InputError, OSError):
        return 0
