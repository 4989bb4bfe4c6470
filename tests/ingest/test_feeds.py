"""Feeds: one document per item with its id, title, date, link and text; what is no feed is one line."""

from __future__ import annotations

from kg.ingest.reader import Skipped, Warned, read_documents
from tests.ingest.helpers import atom_feed, rss_feed


def read(paths):
    notices = []
    return list(read_documents(paths, notices.append)), notices


def test_rss_items_become_documents_with_their_metadata(tmp_path):
    (tmp_path / "tech.rss").write_text(rss_feed(), encoding="utf-8")
    documents, notices = read([tmp_path])
    assert [(d.id, d.title, d.date, d.source, d.author, d.site) for d in documents] == [
        ("technews-0001", "DeepSeek releases R1", "2025-01-20T09:30:00+00:00", "https://technews.example.com/r1",
         "Jane Smith", "Tech News Daily"),
        ("https://technews.example.com/activision", "Microsoft deal", "2025-01-21T10:00:00+01:00",
         "https://technews.example.com/activision", None, "Tech News Daily"),
    ]
    # content, not summary
    assert documents[0].text == "DeepSeek released R1 in January.\nNvidia makes the H800 chip & more."
    assert documents[1].text == "Microsoft bought Activision in 2023."
    assert [str(n) for n in notices] == [f"{tmp_path / 'tech.rss'} item 3: item has no content or summary"]


def test_atom_entries_and_an_xml_file_whose_root_is_a_feed(tmp_path):
    (tmp_path / "chips.xml").write_text(atom_feed(), encoding="utf-8")
    documents, notices = read([tmp_path])
    assert [(d.id, d.date, d.source, d.text) for d in documents] == [
        ("urn:uuid:entry-1", "2025-02-01T08:00:00+00:00", "https://chips.example.org/apple-tsmc",
         "TSMC makes chips for Apple."),
        ("urn:uuid:entry-2", "2025-02-03T09:00:00+02:00", "https://chips.example.org/intel",
         "Intel makes the Xeon chip."),
    ]
    assert documents[0].author == "Ann Lee" and notices == []


def test_what_is_no_feed_is_one_line_and_a_truncated_feed_is_read_with_a_warning(tmp_path):
    (tmp_path / "notxml.rss").write_text("DeepSeek released R1. This is not XML at all.", encoding="utf-8")
    (tmp_path / "drawing.xml").write_text('<?xml version="1.0"?>\n<!-- a picture -->\n<svg xmlns="http://www.w3.org/2000/svg"/>')
    (tmp_path / "image.atom").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    full = rss_feed()
    (tmp_path / "cut.rss").write_text(
        full[: full.index("<item><title>Microsoft")] + "<item><title>Micro", encoding="utf-8"
    )
    documents, notices = read([tmp_path])
    assert [d.id for d in documents] == ["technews-0001"]
    assert all("\n" not in str(n) for n in notices)
    by_file = {n.where.rsplit("/", 1)[-1]: n for n in notices}
    assert isinstance(by_file["cut.rss"], Warned) and by_file["cut.rss"].reason.startswith("not well-formed XML (")
    assert by_file["notxml.rss"].reason.startswith("not a feed: not XML (")
    assert by_file["drawing.xml"].reason == "not a feed: its root element is <svg>, not <rss>, <feed> or <rdf:RDF>"
    assert by_file["image.atom"].reason == "not a feed (PNG image)"
    assert all(isinstance(by_file[name], Skipped) for name in ("notxml.rss", "drawing.xml", "image.atom"))
