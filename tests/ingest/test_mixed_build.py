"""One build from a folder mixing every input format: one graph, offsets into the text kg extracted,
one line per bad file.
"""

from __future__ import annotations

import gzip

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest.reader import read_documents
from kg.model import page_of
from kg.query import run_query
from tests.helpers import SEEDS
from tests.ingest.helpers import news_page, rss_feed, two_column_pdf, write_warc

runner = CliRunner()
CRAWLED = "https://technews.example.com/2025/02/nvidia"
EVIDENCE = """SELECT ?doc ?start ?end ?sentence WHERE {
    ?ev kg:fromDocument/kg:documentId ?doc ; kg:startOffset ?start ; kg:endOffset ?end ; kg:sentence ?sentence .
}"""


def mixed_folder(root):
    """A .txt seed article, a saved page, a two-column PDF, an RSS feed and a gzipped crawl, in subfolders too."""
    folder = root / "news"
    (folder / "pages").mkdir(parents=True)
    seed = min(SEEDS.glob("*.txt"))
    (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "pages" / "r1.html").write_text(news_page(), encoding="utf-8")
    (folder / "report.pdf").write_bytes(two_column_pdf())
    (folder / "tech.rss").write_text(rss_feed(), encoding="utf-8")
    crawled = news_page("Nvidia and TSMC", ("Nvidia makes the H800 chip. TSMC makes chips for Apple and Nvidia.",) * 3,
                        url=CRAWLED, date="2025-02-03")
    write_warc(folder / "crawl.warc.gz", {CRAWLED: crawled})
    return folder, seed.name


def test_a_mixed_folder_with_bad_files_builds_and_says_one_line_per_bad_file(tmp_path, blank_pipeline):
    folder, _ = mixed_folder(tmp_path)
    (folder / "fake.html").write_bytes(two_column_pdf())
    (folder / "cut.pdf").write_bytes(two_column_pdf()[:500])
    (folder / "notxml.rss").write_text("not a feed", encoding="utf-8")
    write_warc(folder / "empty.warc.gz", {})
    (folder / "archive.warc.gz").write_bytes(gzip.compress(b"not a crawl"))
    result = runner.invoke(app, ["build", str(folder), "-o", str(tmp_path / "out" / "g"), "-f", "nt"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    skipped = [line for line in lines if line.startswith("kg: skipped")]
    assert sorted(line.split(": ", 2)[1].rsplit("/", 1)[-1] for line in skipped) == [
        "archive.warc.gz", "cut.pdf", "empty.warc.gz", "fake.html", "notxml.rss", "tech.rss item 3"
    ]
    assert lines[len(skipped)].startswith("built 6 documents") and "; skipped 6 (listed above)" in lines[len(skipped)]
    assert all(line.startswith("  wrote ") for line in lines[len(skipped) + 1 :]), lines  # no library's log line


@pytest.mark.model
def test_every_evidence_offset_points_at_its_sentence_in_the_text_kg_extracted(tmp_path):
    folder, seed = mixed_folder(tmp_path)
    prefix = tmp_path / "out" / "mixed"
    result = runner.invoke(app, ["build", str(folder), "-o", str(prefix), "-f", "ttl"])
    assert result.exit_code == 0, result.output
    texts = {document.id: document.text for document in read_documents([folder])}
    assert sorted(texts) == sorted([seed, "pages/r1.html", "report.pdf", "technews-0001",
                                    "https://technews.example.com/activision", CRAWLED])
    rows = run_query(Graph().parse(prefix.with_suffix(".ttl")), EVIDENCE).values()
    for doc, start, end, sentence in rows:
        assert texts[str(doc)][int(start) : int(end)] == str(sentence), (doc, start)
    supported = {str(doc) for doc, *_ in rows}
    assert {seed, "pages/r1.html", "report.pdf", "technews-0001", CRAWLED} <= supported
    paged = run_query(Graph().parse(prefix.with_suffix(".ttl")), PAGES).values()
    documents = {document.id: document for document in read_documents([folder])}
    assert paged and {str(doc) for doc, *_ in paged} == {"report.pdf"}, "only the PDF's evidence has pages"
    for doc, start, page in paged:
        assert int(page) == page_of(documents[str(doc)], int(start))


PAGES = """SELECT ?doc ?start ?page WHERE {
  ?e kg:page ?page ; kg:startOffset ?start ; kg:fromDocument ?d . ?d kg:documentId ?doc }"""
