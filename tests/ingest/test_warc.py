"""Crawls: every HTML response record is a web page with its URL and date; a crawl without pages is one line."""

from __future__ import annotations

import gzip
import io
import re

from warcio.archiveiterator import ArchiveIterator

from kg.ingest.reader import read_documents
from tests.ingest.helpers import ARTICLE, NOISE, news_page, write_warc

R1 = "https://technews.example.com/2025/01/deepseek-r1"
UNDATED = "https://technews.example.com/undated"
OTHER = "https://other.example.net/a"


def read(paths):
    notices = []
    return list(read_documents(paths, notices.append)), notices


def undated_page():
    return "<html><body><article>" + "".join(f"<p>{p}</p>" for p in ARTICLE[1:]) + "</article></body></html>"


def test_html_records_become_pages_with_their_url_and_date(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz", {R1: news_page(url=R1), UNDATED: undated_page()})
    write_warc(tmp_path / "plain.warc", {OTHER: undated_page()}, gzip=False, extra=False)
    documents, notices = read([tmp_path])
    assert notices == []
    assert [(d.id, d.date, d.source) for d in documents] == [
        (R1, "2025-01-20", R1),  # the page's own date
        (UNDATED, "2025-03-04T05:06:07+00:00", UNDATED),  # the record's WARC-Date
        (OTHER, "2025-03-04T05:06:07+00:00", OTHER),
    ]
    assert ARTICLE[0] in documents[0].text and not any(noise in documents[0].text for noise in NOISE)
    assert documents[0].title == "DeepSeek releases R1 model"


def record_offsets(crawl):
    """Where each record of a crawl starts."""
    records = ArchiveIterator(io.BytesIO(crawl))
    for _ in records:
        yield records.offset


def test_bad_crawls_are_one_line_each(tmp_path):
    write_warc(tmp_path / "no-pages.warc.gz", {})
    (tmp_path / "fake.warc").write_text("DeepSeek released R1.\n", encoding="utf-8")
    whole = write_warc(tmp_path / "whole.warc.gz", {R1: news_page(url=R1), UNDATED: undated_page()}).read_bytes()
    (tmp_path / "whole.warc.gz").unlink()
    (tmp_path / "cut.warc.gz").write_bytes(whole[: len(whole) - 100])  # inside the last page's body
    (tmp_path / "gzip.warc.gz").write_bytes(gzip.compress(b"not a crawl\n"))
    other = write_warc(tmp_path / "other.warc.gz", {OTHER: undated_page(), f"{OTHER}/2": undated_page()}).read_bytes()
    (tmp_path / "other.warc.gz").unlink()
    last_record = list(record_offsets(other))[-1]
    (tmp_path / "headless.warc.gz").write_bytes(other[: last_record + 60])  # cut inside the last record's headers
    documents, notices = read([tmp_path])
    assert [d.id for d in documents] == [R1, OTHER]  # the records before the damage are read, in both cut crawls
    assert all("\n" not in str(n) for n in notices)
    reasons = {n.where.rsplit("/", 1)[-1]: n.reason for n in notices if "cut.warc.gz" not in n.where}
    assert reasons["no-pages.warc.gz"] == "no HTML response record in the crawl (2 other response)"
    assert reasons["fake.warc"].startswith("not a WARC file: ")
    assert reasons["gzip.warc.gz"].startswith("not a WARC file: ")
    (cut,) = [n for n in notices if "cut.warc.gz" in n.where]  # the bytes missing vary with the compressed record ids
    assert re.fullmatch(
        rf"{tmp_path / 'cut.warc.gz'} {UNDATED}: damaged: the record is cut short \(\d+ bytes missing\)", str(cut)
    )
    assert reasons["headless.warc.gz"].startswith("damaged after 5 record(s): its last ")
    assert len(notices) == 5
