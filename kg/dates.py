"""Document dates: the publication dates inputs give, normalised to ISO 8601, and a fact's reporting span.

Inputs give dates in many forms (``2024-03-05``, ``2024-03-05T09:30:00Z``, RFC 2822 in feeds,
``5 March 2024`` in page metadata). :func:`document_date` reads them all into one
:class:`ReportedDate`: an ``xsd:date`` when the input names a day, an ``xsd:dateTime`` when it also
gives a time. A missing or unreadable date is ``None``: kg then writes no date, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

MAX_DATE_CHARS = 64  # longer "dates" are some other field's text: not worth dateparser's time
# A date is read without any relative expression ("yesterday"): only what the text itself names.
_ABSOLUTE_PARSERS = {"PARSERS": ["custom-formats", "absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]}


@dataclass(frozen=True, order=True)
class ReportedDate:
    """A normalised publication date: the instant it sorts by, its ISO 8601 text and XSD datatype.

    ``moment`` is in UTC (a date counts as its midnight; a time without a zone as UTC), so dates
    and times of different documents compare. ``datatype`` is ``"date"`` or ``"dateTime"``.

    Examples:
        >>> document_date("2024-03-05T10:30:00+01:00").value
        '2024-03-05T09:30:00Z'
        >>> document_date("Tue, 05 Mar 2024 10:30:00 GMT").datatype
        'dateTime'
    """

    moment: datetime
    value: str
    datatype: str
    day: date
    """The calendar day where it was published: what relative dates in its text ("yesterday") count from."""


@lru_cache(maxsize=4096)
def document_date(text: str | None) -> ReportedDate | None:
    """The document date ``text`` as a :class:`ReportedDate`, or ``None`` when it is missing or unreadable.

    Examples:
        >>> document_date("2024-03-05").value, document_date("5 March 2024").value
        ('2024-03-05', '2024-03-05')
        >>> document_date("soon") is None, document_date(None) is None
        (True, True)
    """
    text = (text or "").strip()
    if not text or len(text) > MAX_DATE_CHARS:
        return None
    if len(text) == 10 and (day := _iso_day(text)) is not None:
        return _from_day(day)
    moment = _iso_moment(text) or _rfc2822_moment(text) or _written_moment(text)
    if moment is None:
        return None
    if moment.time() == datetime.min.time() and moment.tzinfo is None and not _names_time(text):
        return _from_day(moment.date())
    try:
        return _from_moment(moment)
    except OverflowError:  # "0001-01-01T00:00:00+01:00" is before the first instant Python can hold in UTC
        return None


def reported_range(dates: Iterable[str | None]) -> tuple[ReportedDate, ReportedDate] | None:
    """The earliest and latest readable dates among ``dates`` (documents' dates as given), or ``None``.

    Examples:
        >>> first, last = reported_range(["2024-03-05", None, "2023-12-31T23:00:00Z", "junk"])
        >>> first.value, last.value
        ('2023-12-31T23:00:00Z', '2024-03-05')
    """
    readable = sorted({found for text in dates if (found := document_date(text)) is not None})
    return (readable[0], readable[-1]) if readable else None


def _from_day(day: date) -> ReportedDate:
    return ReportedDate(datetime(day.year, day.month, day.day), day.isoformat(), "date", day)


def _from_moment(moment: datetime) -> ReportedDate:
    utc = moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
    text = utc.isoformat(timespec="microseconds" if utc.microsecond else "seconds")
    return ReportedDate(utc, text + "Z" if moment.tzinfo else text, "dateTime", moment.date())


def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _iso_moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _rfc2822_moment(text: str) -> datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _written_moment(text: str) -> datetime | None:
    import dateparser

    try:
        return dateparser.parse(text, languages=["en"], settings=_ABSOLUTE_PARSERS)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return None


def _names_time(text: str) -> bool:
    return ":" in text
