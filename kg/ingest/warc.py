"""Web crawls (``.warc``, ``.warc.gz``): one document per HTML response record, read as a web page, with warcio.

The archive is streamed record by record (it may be far larger than the size limit, each
record may not). A record's document id and source are its URL (``WARC-Target-URI``); its date
is the page's own, else the record's ``WARC-Date``. Requests, metadata, redirects and
non-HTML responses (images, scripts) are passed over; an archive with no HTML page says so, and
one cut short is named (the pages before the cut are read).
"""

from __future__ import annotations

import os
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from kg.errors import FormatError, InputError
from kg.ingest.dates import normalise_date
from kg.ingest.decode import DecodedText
from kg.ingest.files import InputFile, Located
from kg.ingest.notices import Skipped
from kg.ingest.web import extract_article, page_markup

HTML_TYPES = ("text/html", "application/xhtml+xml")
DAMAGED = (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error)


def read_warc(file: InputFile) -> Iterator[Located]:
    """Each HTML page of a crawl as a document; a page that cannot be read is reported and passed over.

    Raises:
        FormatError: not a WARC file, damaged (the records before the damage are read), or no HTML page in it.
    """
    kinds: Counter[str] = Counter()
    with file.open() as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                kind = _kind(record)
                kinds[kind] += 1
                if kind == "HTML page":
                    yield from _read_page(file, record)
        except DAMAGED as exc:
            read = sum(kinds.values())
            where = f"damaged after {read:,} record(s)" if read else "not a WARC file"
            raise FormatError(f"{where}: {exc}".replace("\n", " ")) from None
        left = os.fstat(stream.fileno()).st_size - records.offset  # warcio ends quietly at a member cut in its headers
        if left > 0 and kinds:
            raise FormatError(
                f"damaged after {sum(kinds.values()):,} record(s): its last {left:,} bytes hold no whole record"
            )
    if not kinds["HTML page"]:
        found = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())) or "no record"
        raise FormatError(f"no HTML response record in the crawl ({found})")


def _kind(record: Any) -> str:
    """What a record is, for reading and for the message of a crawl without pages."""
    if record.rec_type != "response" or record.http_headers is None:
        return f"{record.rec_type} record"
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    status = (record.http_headers.get_statuscode() or "")[:1]
    if content_type in HTML_TYPES and status == "2":
        return "HTML page"
    return "other response"


def _read_page(file: InputFile, record: Any) -> Iterator[Located]:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{file.where} {url}"
    raw = record.content_stream().read(file.max_bytes + 1)
    try:
        if len(raw) > file.max_bytes:
            raise InputError(f"too large: over {file.max_bytes:,} bytes (see --max-document-mb)")
        missing = record.raw_stream.limit  # what the record's Content-Length promised and the archive did not hold
        if missing:
            raise FormatError(f"damaged: the record is cut short ({missing:,} bytes missing)")
        decoded = page_markup(raw)
        article = extract_article(decoded.text, file.max_bytes, url or None)
        if article is None:
            raise FormatError("no article text found in the page")
    except InputError as exc:
        file.report(Skipped(where, str(exc)))
        return
    recorded = record.rec_headers.get_header("WARC-Date")
    located = file.document(
        url or f"{file.doc_id}#{record.rec_headers.get_header('WARC-Record-ID')}",
        DecodedText(article.text, decoded.warnings), where=where, title=article.title,
        date=article.date or (normalise_date(recorded) if recorded else None), source=article.url or url or file.where,
        author=article.author, site=article.site,
    )
    if located is not None:
        yield located
