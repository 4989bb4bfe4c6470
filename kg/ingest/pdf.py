"""PDF files (``.pdf``): the text layer, page by page, with pdfminer.six's layout analysis.

pdfminer.six groups characters into text boxes by position and orders the boxes for reading,
so a two-column page reads column after column even when the file draws it line across line;
pypdf follows the order of the drawing operators and interleaves such columns (measured in
``docs/inputs.md``). Pages are joined by a blank line and each page's start offset is kept in
:attr:`~kg.model.Document.pages`, so :func:`~kg.model.page_of` gives an evidence's page. A PDF
with no text layer (a scan) or one that needs a password is skipped with a message saying so.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTTextContainer
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text as decode_pdf_string

from kg.errors import FormatError
from kg.ingest.dates import normalise_date
from kg.ingest.decode import DecodedText
from kg.ingest.files import InputFile, Located

PDF_SIGNATURE = b"%PDF-"
SIGNATURE_WINDOW = 1024  # readers accept the header anywhere in the first kilobyte
PAGE_SEPARATOR = "\n\n"
logging.getLogger("pdfminer").addHandler(logging.NullHandler())  # kg reports a damaged PDF itself, in one line


def read_pdf(file: InputFile) -> Iterator[Located]:
    """A PDF as one document: its pages' text, page start offsets, and the title, author and date it states.

    Raises:
        FormatError: not a PDF, damaged, encrypted with a password, or without a text layer.
    """
    raw = file.read()
    if PDF_SIGNATURE not in raw[:SIGNATURE_WINDOW]:
        raise FormatError("not a PDF (no %PDF- header)")
    try:
        document = PDFDocument(PDFParser(io.BytesIO(raw)))
        pages = [_page_text(page) for page in _pages(document)]
        info = _info(document)
    except PDFPasswordIncorrect:
        raise FormatError("encrypted PDF: it needs a password") from None
    except Exception as exc:  # pdfminer raises nearly anything on a damaged file
        raise FormatError(f"damaged PDF ({type(exc).__name__}: {exc})".replace("\n", " ")) from None
    if not any(text.strip() for text in pages):
        raise FormatError(f"no text layer in its {len(pages)} page(s): a scanned PDF? (kg does no OCR)")
    starts, offset = [], 0
    for text in pages:
        starts.append(offset)
        offset += len(text) + len(PAGE_SEPARATOR)
    date = info.get("CreationDate") or info.get("ModDate")
    located = file.document(
        file.doc_id, DecodedText(PAGE_SEPARATOR.join(pages)), title=info.get("Title"), author=info.get("Author"),
        date=normalise_date(date) if date else None, source=file.where, pages=tuple(starts),
    )
    if located is not None:
        yield located


def _pages(document: PDFDocument) -> Iterator[Any]:
    """The laid-out pages (pdfminer's ``LTPage``) of a document, in order."""
    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        yield device.get_result()


def _page_text(layout: Any) -> str:
    """A page's text boxes in reading order, a blank line between boxes; NULs and CRs removed, so offsets hold."""
    boxes = (element.get_text().strip() for element in layout if isinstance(element, LTTextContainer))
    text = "\n\n".join(box for box in boxes if box)
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")


def _info(document: PDFDocument) -> dict[str, str]:
    """The document information dictionary's text entries (Title, Author, CreationDate...)."""
    info: dict[str, str] = {}
    for entries in document.info:
        for key, value in resolve1(entries).items():
            value = resolve1(value)
            if isinstance(value, bytes) and value.strip():
                info[key] = decode_pdf_string(value).strip().replace("\x00", "")
    return info
