"""PDFs: the text layer page by page in reading order, page starts for evidence;
scans, passwords, damage are one line.
"""

from __future__ import annotations

import io

import pypdf

from kg.ingest.reader import Skipped, read_documents
from kg.model import page_of
from tests.ingest.helpers import LEFT_COLUMN, RIGHT_COLUMN, two_column_pdf


def read(paths):
    notices = []
    return list(read_documents(paths, notices.append)), notices


def test_a_two_column_page_reads_column_after_column_and_pages_are_recorded(tmp_path):
    (tmp_path / "report.pdf").write_bytes(two_column_pdf())
    (document,), notices = read([tmp_path])
    assert notices == []
    left, right = "\n".join(LEFT_COLUMN), "\n".join(RIGHT_COLUMN)
    assert document.text == f"{left}\n\n{right}\n\nApple makes the iPhone."
    assert document.pages == (0, document.text.index("Apple"))
    assert page_of(document, document.text.index("Nvidia")) == 1
    assert page_of(document, document.text.index("iPhone")) == 2
    assert (document.title, document.author, document.date) == (
        "Chip report", "Jane Smith", "2025-01-20T09:30:00+01:00"
    )
    assert document.source == str(tmp_path / "report.pdf")


def test_pypdf_would_interleave_the_columns():
    """Why kg reads PDFs with pdfminer.six: pypdf follows the drawing order, line across line."""
    page = pypdf.PdfReader(io.BytesIO(two_column_pdf())).pages[0].extract_text()
    assert page.splitlines()[:2] == [LEFT_COLUMN[0], RIGHT_COLUMN[0]]


def test_scanned_encrypted_truncated_and_fake_pdfs_are_one_line_each(tmp_path):
    whole = two_column_pdf()
    (tmp_path / "scan.pdf").write_bytes(two_column_pdf(text=False))
    (tmp_path / "locked.pdf").write_bytes(two_column_pdf(encrypt="secret"))
    (tmp_path / "truncated.pdf").write_bytes(whole[: len(whole) // 3])
    (tmp_path / "header-only.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "notes.pdf").write_text("Just text, named .pdf.", encoding="utf-8")
    documents, notices = read([tmp_path])
    assert documents == []
    assert all(isinstance(n, Skipped) and "\n" not in str(n) for n in notices)
    reasons = {n.where.rsplit("/", 1)[-1]: n.reason for n in notices}
    assert reasons["scan.pdf"] == "no text layer in its 1 page(s): a scanned PDF? (kg does no OCR)"
    assert reasons["locked.pdf"] == "encrypted PDF: it needs a password"
    assert reasons["truncated.pdf"].startswith("damaged PDF (")
    assert reasons["header-only.pdf"].startswith("damaged PDF (")
    assert reasons["notes.pdf"] == "not a PDF (no %PDF- header)"
    assert len(notices) == 5
