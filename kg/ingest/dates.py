"""Publication dates as inputs give them, normalised to ISO 8601.

A date alone stays a date (``2025-01-20``); a date with a time becomes a full datetime
(``2025-01-20T09:30:00+00:00``, with its offset when the input gives one); a year or a
month alone stays as precise as it is (``2025``, ``2025-01``). Inputs write dates in ISO 8601
(JSONL, web pages, WARC), RFC 2822 (RSS), or PDF's ``D:YYYYMMDDHHmmSS+HH'mm'``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

PARTIAL_DATE = re.compile(r"\d{4}(-\d{2})?")
PDF_DATE = re.compile(
    r"D:(?P<year>\d{4})(?P<month>\d{2})?(?P<day>\d{2})?(?P<hour>\d{2})?(?P<minute>\d{2})?(?P<second>\d{2})?"
    r"(?P<zone>[Zz]|[+-]\d{2}'?(\d{2})?'?)?"
)


def normalise_date(value: str) -> str | None:
    """``value`` as an ISO 8601 date or datetime, or ``None`` when it is none of the forms read.

    Examples:
        >>> normalise_date("2025-01-20"), normalise_date("2025-01-20T09:30:00Z")
        ('2025-01-20', '2025-01-20T09:30:00+00:00')
        >>> normalise_date("Mon, 20 Jan 2025 09:30:00 GMT")
        '2025-01-20T09:30:00+00:00'
        >>> normalise_date("D:20250120093000+01'00'"), normalise_date("2025-01"), normalise_date("soon")
        ('2025-01-20T09:30:00+01:00', '2025-01', None)
    """
    value = value.strip()
    if PARTIAL_DATE.fullmatch(value):
        return value if value[5:] == "" or 1 <= int(value[5:]) <= 12 else None
    return _iso(value) or _pdf(value) or _rfc2822(value)


def _iso(value: str) -> str | None:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _rfc2822(value: str) -> str | None:
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _pdf(value: str) -> str | None:
    match = PDF_DATE.fullmatch(value)
    if match is None:
        return None
    parts = {name: int(match[name] or default) for name, default in
             (("year", 0), ("month", 1), ("day", 1), ("hour", 0), ("minute", 0), ("second", 0))}
    try:
        moment = datetime(**parts, tzinfo=_pdf_zone(match["zone"]))
    except ValueError:
        return None
    return moment.date().isoformat() if match["hour"] is None else moment.isoformat()


def _pdf_zone(zone: str | None) -> timezone | None:
    if zone is None:
        return None
    if zone in "Zz":
        return UTC
    digits = zone.replace("'", "")
    offset = timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5] or 0))
    return timezone(-offset if digits[0] == "-" else offset)
