"""News feeds (``.rss``, ``.atom``, or ``.xml`` whose root is a feed): one document per item, with feedparser.

An item's id is its guid (Atom ``id``), else its link; its text is its full content, else its
summary, with the markup removed as for pages (:func:`kg.ingest.web.fragment_text`); its title,
author, publication date and link (as ``source``) come along, and the feed's title is the item's site.
feedparser reads the bytes it is given and never goes to the network for them.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from kg.errors import FormatError
from kg.ingest.dates import normalise_date
from kg.ingest.decode import SNIFF_BYTES, DecodedText, binary_signature
from kg.ingest.files import InputFile, Located
from kg.ingest.notices import Skipped, Warned
from kg.ingest.web import fragment_text

ROOT_ELEMENT = re.compile(rb"<([A-Za-z_][\w.:-]*)")  # the first element after the prolog, comments and doctype
PROLOG = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s)*", re.DOTALL)


def read_feed(file: InputFile) -> Iterator[Located]:
    """Each item of an RSS or Atom feed as a document (an item without text is reported and passed over).

    Raises:
        FormatError: the file is not XML, or its root is not a feed.
    """
    raw = file.read()
    feed = _parse(raw)
    if feed.get("bozo"):
        file.report(Warned(file.where, f"not well-formed XML ({_reason(feed)}): read what could be parsed"))
    site = feed.feed.get("title") or None
    for number, item in enumerate(feed.entries, start=1):
        where = f"{file.where} item {number}"
        text = _item_text(item)
        if not text:
            file.report(Skipped(where, "item has no content or summary"))
            continue
        located = file.document(
            item.get("id") or item.get("link") or f"{file.doc_id}#{number}", DecodedText(text), where=where,
            title=item.get("title") or None, date=_item_date(item), source=item.get("link") or file.where,
            author=item.get("author") or None, site=site,
        )
        if located is not None:
            yield located


def _parse(raw: bytes) -> Any:
    """feedparser's reading of ``raw``, refused when it is no feed at all."""
    kind = binary_signature(raw)
    if kind is not None:
        raise FormatError(f"not a feed ({kind})")
    feed = feedparser.parse(raw)
    if feed.get("version"):
        return feed
    if feed.get("bozo"):
        raise FormatError(f"not a feed: not XML ({_reason(feed)})")
    root = ROOT_ELEMENT.match(PROLOG.sub(b"", raw[:SNIFF_BYTES], count=1))
    name = root[1].decode("ascii", "replace") if root else "none"
    raise FormatError(f"not a feed: its root element is <{name}>, not <rss>, <feed> or <rdf:RDF>")


def _reason(feed: Any) -> str:
    return str(feed.get("bozo_exception", "unknown error")).replace("\n", " ")


def _item_text(item: Any) -> str:
    """An item's full content if it has one, else its summary, as plain text."""
    for detail in [*item.get("content", []), item.get("summary_detail")]:
        if detail and (detail.get("value") or "").strip():
            value = detail["value"]
            return fragment_text(value) if "html" in (detail.get("type") or "html") else value.strip()
    return ""


def _item_date(item: Any) -> str | None:
    """An item's publication date (else its update date), normalised; from feedparser's UTC reading as a fallback."""
    for field in ("published", "updated"):
        given = item.get(field)
        normalised = normalise_date(given) if given else None
        if normalised is None and item.get(f"{field}_parsed"):
            normalised = datetime.fromtimestamp(calendar.timegm(item[f"{field}_parsed"]), UTC).isoformat()
        if normalised:
            return normalised
    return None
