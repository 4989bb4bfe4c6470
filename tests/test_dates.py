"""Document dates: every form inputs give, normalised to ISO 8601; the unreadable ones give nothing."""

from __future__ import annotations

import pytest

from kg.dates import document_date, reported_range


@pytest.mark.parametrize(
    ("given", "value", "datatype"),
    [
        ("2024-03-05", "2024-03-05", "date"),
        (" 2024-02-29 ", "2024-02-29", "date"),
        ("20240305", "2024-03-05", "date"),
        ("5 March 2024", "2024-03-05", "date"),
        ("March 5, 2024", "2024-03-05", "date"),
        ("2024-03-05T10:30:00+01:00", "2024-03-05T09:30:00Z", "dateTime"),
        ("2024-03-05T10:30:00Z", "2024-03-05T10:30:00Z", "dateTime"),
        ("2024-03-05 10:30", "2024-03-05T10:30:00", "dateTime"),  # no zone given, none invented
        ("Tue, 05 Mar 2024 10:30:00 GMT", "2024-03-05T10:30:00Z", "dateTime"),  # RFC 2822, as in feeds
    ],
)
def test_document_dates_are_normalised(given, value, datatype):
    found = document_date(given)
    assert found is not None and (found.value, found.datatype) == (value, datatype)


@pytest.mark.parametrize(
    "given", [None, "", "soon", "yesterday", "2024", "2024-03", "2024-02-30", "0001-01-01T00:00:00+01:00", "9" * 200]
)
def test_unreadable_dates_give_none(given):
    assert document_date(given) is None


def test_the_publication_day_is_the_local_one():
    late = document_date("2024-03-05T23:30:00-05:00")
    assert late.value == "2024-03-06T04:30:00Z" and late.day.isoformat() == "2024-03-05"


def test_reported_range_compares_instants_and_keeps_each_as_given():
    first, last = reported_range(["2024-03-06", "2024-03-05T23:00:00Z", None, "junk"])
    assert (first.value, last.value) == ("2024-03-05T23:00:00Z", "2024-03-06")
    assert reported_range([None, "junk"]) is None
