"""Orchestration: ingest → parse → extract → resolve → merge, and writing the outputs.

Only this module and :mod:`kg.cli` touch the file system.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from pathlib import Path

from kg.chunk import PART_CHARS, join_parts, split_text
from kg.errors import InputError, OutputError
from kg.extract import extract_document
from kg.ingest import SkipHandler, read_documents
from kg.model import Document, Extraction, KnowledgeGraph
from kg.nlp import DEFAULT_MODEL, load_pipeline
from kg.rdf import RDF_FORMATS, serialize
from kg.resolve import resolve
from kg.vocab import DEFAULT_BASE, normalize_base

OUTPUT_FORMATS = (*RDF_FORMATS, "html")
DocumentHandler = Callable[[Document], None]


def extract(
    paths: Iterable[str | Path],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    n_process: int = 1,
    part_chars: int = PART_CHARS,
    on_skip: SkipHandler | None = None,
    on_document: DocumentHandler | None = None,
) -> Iterator[Extraction]:
    """Stream the extraction records of every document under ``paths`` (see :func:`extract_documents`)."""
    return extract_documents(
        read_documents(paths, on_skip),
        model=model,
        batch_size=batch_size,
        n_process=n_process,
        part_chars=part_chars,
        on_document=on_document,
    )


def extract_documents(
    documents: Iterable[Document],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    n_process: int = 1,
    part_chars: int = PART_CHARS,
    on_document: DocumentHandler | None = None,
) -> Iterator[Extraction]:
    """Parse and extract documents as a stream, in input order.

    Documents flow through ``nlp.pipe(as_tuples=True)`` in batches, so only the batches in
    flight are in memory. A document longer than ``part_chars`` (or the model's
    ``max_length``) is parsed in parts (:mod:`kg.chunk`) whose records are put back
    together with their offsets into the whole text.

    Args:
        documents: the documents to parse.
        model: name (or path) of an installed spaCy pipeline.
        batch_size: texts per ``nlp.pipe`` batch.
        n_process: spaCy worker processes.
        part_chars: longest text parsed in one piece.
        on_document: called after each document is extracted (for progress).
    """
    nlp = load_pipeline(model)
    pending: dict[int, Document] = {}
    parts = _document_parts(documents, min(part_chars, nlp.max_length), pending)
    parsed = nlp.pipe(parts, as_tuples=True, batch_size=batch_size, n_process=n_process)
    for number, group in groupby(parsed, key=lambda item: item[1][0]):
        document = pending.pop(number)
        pieces = [(offset, extract_document(doc, document)) for doc, (_, offset) in group]
        extraction = pieces[0][1] if len(pieces) == 1 else join_parts(document, pieces)
        if on_document is not None:
            on_document(document)
        yield extraction


def _document_parts(
    documents: Iterable[Document], max_chars: int, pending: dict[int, Document]
) -> Iterator[tuple[str, tuple[int, int]]]:
    """``(text, (document number, offset))`` for each part; the documents wait in ``pending``.

    Only the small context tuple travels to spaCy's worker processes, not the document.
    """
    for number, document in enumerate(documents):
        pending[number] = document
        for offset, text in split_text(document.text, max_chars):
            yield text, (number, offset)


def build(
    paths: Iterable[str | Path],
    *,
    model: str = DEFAULT_MODEL,
    base: str = DEFAULT_BASE,
    batch_size: int = 32,
    n_process: int = 1,
    on_skip: SkipHandler | None = None,
    on_document: DocumentHandler | None = None,
) -> KnowledgeGraph:
    """Build a knowledge graph from text files, folders and JSONL files.

    Documents are streamed; what is kept per document is its metadata and extraction
    records, never its text.

    Args:
        paths: files (``.txt``, ``.md``, ``.jsonl``) and folders to read.
        model: name (or path) of an installed spaCy pipeline.
        base: base IRI under which entity, document and fact IRIs are minted.
        batch_size: documents per ``nlp.pipe`` batch.
        n_process: spaCy worker processes.
        on_skip: called with each input that could not be read.
        on_document: called after each document is parsed (for progress).

    Raises:
        InputError: no document could be read.
    """
    extractions = [
        extraction.without_text()
        for extraction in extract(
            paths, model=model, batch_size=batch_size, n_process=n_process, on_skip=on_skip, on_document=on_document
        )
    ]
    if not extractions:
        raise InputError("no document could be read from the given paths")
    return merge(extractions, base)


def merge(extractions: Iterable[Extraction], base: str = DEFAULT_BASE) -> KnowledgeGraph:
    """Resolve extraction records and merge them into one :class:`KnowledgeGraph`."""
    extractions = list(extractions)
    base = normalize_base(base)
    resolution = resolve(extractions, base)
    graph = KnowledgeGraph(base=base, documents={e.document.id: e.document for e in extractions})
    graph.add_entities(resolution.entities)
    graph.add_relations(resolution.relations)
    return graph


def render_output(kg: KnowledgeGraph, fmt: str) -> str:
    """The text of one output format (``ttl``, ``trig``, ``nt``, ``nq``, ``jsonld``, ``html``)."""
    if fmt == "html":
        from kg.render import to_html

        return to_html(kg)
    if fmt in RDF_FORMATS:
        return serialize(kg.to_rdf(), fmt)
    raise OutputError(f"unknown output format {fmt!r}; choose from {', '.join(OUTPUT_FORMATS)}")


def write_outputs(kg: KnowledgeGraph, prefix: Path, formats: Iterable[str]) -> list[Path]:
    """Write ``PREFIX.<fmt>`` for each format, each atomically; return the paths written."""
    written = []
    for fmt in formats:
        path = prefix.with_name(f"{prefix.name}.{fmt}")
        atomic_write_text(path, render_output(kg, fmt))
        written.append(path)
    return written


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text to a temporary file beside ``path`` and rename it into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        os.chmod(temporary, 0o644)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
