"""Shortcuts to what the extractors read off a hand-built parse (``tests.helpers.make_doc``)."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extractors import extract_document
from kg.model import Document, Extraction


def extraction_of(doc: Doc, text_id: str = "t") -> Extraction:
    """What :func:`~kg.extractors.extract_document` reads off ``doc``, as a document of its text."""
    return extract_document(doc, Document.from_text(text_id, doc.text))


def facts_of(doc: Doc, text_id: str = "t") -> set[tuple[str, str, str]]:
    """The (subject text, predicate, object text) of every relation extracted from ``doc``."""
    extraction = extract_document(doc, Document.from_text(text_id, doc.text))
    return {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations}
