"""Hand-built spaCy parses for the extractor tests, and shortcuts to what is extracted from them."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extractors import extract_document
from kg.model import Document, Extraction

Row = tuple[str, str, int, str, str, str]


def make_doc(vocab: Vocab, rows: list[Row], ents: list[str] | None = None) -> Doc:
    """A parsed Doc from rows of (word, lemma, head index, dep, pos, tag); ``ents`` in IOB form."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][4] != "PUNCT" and rows[i + 1][5] != "POS" for i in range(len(rows))]
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in rows],
        heads=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        pos=[r[4] for r in rows],
        tags=[r[5] for r in rows],
        ents=ents or ["O"] * len(rows),
    )


def extraction_of(doc: Doc, text_id: str = "t") -> Extraction:
    """What :func:`~kg.extractors.extract_document` reads off ``doc``, as a document of its text."""
    return extract_document(doc, Document.from_text(text_id, doc.text))


def facts_of(doc: Doc, text_id: str = "t") -> set[tuple[str, str, str]]:
    """The (subject text, predicate, object text) of every relation extracted from ``doc``."""
    extraction = extract_document(doc, Document.from_text(text_id, doc.text))
    return {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations}
