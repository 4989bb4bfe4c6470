"""Orchestration: ingest → parse → extract → resolve → merge, and writing the outputs.

Only this module and :mod:`kg.cli` touch the file system.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import groupby
from pathlib import Path
from typing import Any, TextIO

from rdflib import Dataset

from kg.defaults import DEFAULT_BASE, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MODEL, OUTPUT_FORMATS
from kg.errors import InputError, OutputError
from kg.extract import extract_document
from kg.gazetteer import Gazetteer
from kg.ingest.reader import SkipHandler, read_documents
from kg.model import Document, Extraction, KnowledgeGraph
from kg.nlp.language import load_pipeline
from kg.nlp.parts import PART_CHARS, join_parts, split_text
from kg.rdf import RDF_FORMATS, infer, serialize, to_dataset
from kg.render import DEFAULT_PAGE, PageOptions, to_html
from kg.resolve import extraction_records, resolve
from kg.rules import load_rules
from kg.vocab import checked_base

OUTPUT_SUFFIXES = {"merges": "merges.tsv"}
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
    gazetteer: Gazetteer | None = None,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> Iterator[Extraction]:
    """Stream the extraction records of every document under ``paths`` (see :func:`extract_documents`)."""
    return extract_documents(
        read_documents(paths, on_skip, max_document_bytes=max_document_bytes),
        model=model,
        batch_size=batch_size,
        n_process=n_process,
        part_chars=part_chars,
        on_document=on_document,
        gazetteer=gazetteer,
    )


def extract_documents(
    documents: Iterable[Document],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    n_process: int = 1,
    part_chars: int = PART_CHARS,
    on_document: DocumentHandler | None = None,
    gazetteer: Gazetteer | None = None,
) -> Iterator[Extraction]:
    """Parse and extract documents as a stream, in input order.

    Documents flow through ``nlp.pipe(as_tuples=True)`` in batches, so only the batches in
    flight are in memory. A document longer than ``part_chars`` (or the model's
    ``max_length``) is parsed in parts (:mod:`kg.nlp.parts`) whose records are put back
    together with their offsets into the whole text.

    Args:
        documents: the documents to parse.
        model: name (or path) of an installed spaCy pipeline.
        batch_size: texts per ``nlp.pipe`` batch.
        n_process: spaCy worker processes.
        part_chars: longest text parsed in one piece.
        on_document: called after each document is extracted (for progress).
        gazetteer: replaces the shipped gazetteer (see :func:`kg.gazetteer.load_gazetteer`).
    """
    nlp = load_pipeline(model)
    rules = load_rules() if gazetteer is None else replace(load_rules(), gazetteer=gazetteer)
    pending: dict[int, Document] = {}
    parts = _document_parts(documents, min(part_chars, nlp.max_length), pending)
    parsed = nlp.pipe(parts, as_tuples=True, batch_size=batch_size, n_process=n_process)
    for number, group in groupby(parsed, key=lambda item: item[1][0]):
        document = pending.pop(number)
        pieces = [(offset, extract_document(doc, document, rules)) for doc, (_, offset) in group]
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
    dask_address: str | None = None,
    gazetteer: Gazetteer | None = None,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
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
        dask_address: parse and extract on the Dask cluster whose scheduler is at this address
            (``n_process`` is then ignored); see :mod:`kg.distributed`.
        gazetteer: known names, aliases and forced classes; the shipped gazetteer by default.
        max_document_bytes: a larger input file or JSONL line is skipped unread.

    Raises:
        InputError: no document could be read.
        UsageError: ``base`` is not an absolute IRI.
    """
    base = checked_base(base)
    if dask_address is not None:
        from kg.distributed import extract_on_dask

        records = extract_on_dask(
            paths, dask_address, model=model, batch_size=batch_size, on_skip=on_skip, on_document=on_document,
            gazetteer=gazetteer, max_document_bytes=max_document_bytes,
        )
    else:
        records = extract(
            paths, model=model, batch_size=batch_size, n_process=n_process, on_skip=on_skip, on_document=on_document,
            gazetteer=gazetteer, max_document_bytes=max_document_bytes,
        )
    extractions = [extraction.without_text() for extraction in records]
    if not extractions:
        raise InputError("no document could be read from the given paths")
    return merge(extractions, base, gazetteer)


def merge(
    extractions: Iterable[Extraction], base: str = DEFAULT_BASE, gazetteer: Gazetteer | None = None
) -> KnowledgeGraph:
    """Resolve extraction records and merge them into one :class:`KnowledgeGraph`."""
    extractions = list(extractions)
    base = checked_base(base)
    resolution = resolve(extractions, base, gazetteer)
    graph = KnowledgeGraph(base=base, documents={e.document.id: e.document for e in extractions})
    graph.add_entities(resolution.entities)
    graph.add_relations(resolution.relations)
    return graph


def render_output(
    kg: KnowledgeGraph, fmt: str, dataset: Dataset | None = None, page: PageOptions = DEFAULT_PAGE
) -> str:
    """The text of one output format (see :data:`OUTPUT_FORMATS`).

    ``dataset`` is the RDF view to serialise (default: ``kg.to_rdf()``); ``page`` sets how the
    HTML page is drawn (node cap, colouring). Other formats ignore them.
    """
    if fmt == "html":
        return to_html(kg, max_nodes=page.max_nodes, color=page.color, title=page.title)
    if fmt in {"graphml", "json"}:
        from kg.export import to_graphml, to_node_link_json

        return to_graphml(kg) if fmt == "graphml" else to_node_link_json(kg)
    if fmt in RDF_FORMATS:
        return serialize(dataset if dataset is not None else kg.to_rdf(), fmt, base=kg.base)
    if fmt == "merges":
        return merges_tsv(kg)
    raise OutputError(f"unknown output format {fmt!r}; choose from {', '.join(OUTPUT_FORMATS)}")


def merges_tsv(kg: KnowledgeGraph) -> str:
    """One row per entity: IRI, label, class, and every surface form merged into it with the rule that merged it.

    Surface forms are ``form [rule]`` joined by `` | ``; tabs and newlines in names become spaces.
    """
    def clean(text: str) -> str:
        return " ".join(text.split())

    rows = ["iri\tlabel\ttype\tmerged"]
    for entity in kg.entities:
        merged = " | ".join(f"{clean(form)} [{rule}]" for form, rule in entity.merged_from)
        rows.append(f"{entity.iri}\t{clean(entity.label)}\t{entity.type}\t{merged}")
    return "\n".join(rows) + "\n"


def write_outputs(
    kg: KnowledgeGraph,
    prefix: Path,
    formats: Iterable[str],
    page: PageOptions = DEFAULT_PAGE,
    *,
    infer_rdf: bool = False,
) -> list[Path]:
    """Write ``PREFIX.<fmt>`` for each format, each atomically; return the paths written.

    With ``infer_rdf`` the RDF outputs also hold what the ontology entails (OWL-RL, :func:`kg.rdf.infer`).
    """
    formats = list(formats)
    dataset = None
    if any(fmt in RDF_FORMATS for fmt in formats):
        dataset = infer(to_dataset(kg)) if infer_rdf else to_dataset(kg)
    written = []
    for fmt in formats:
        path = prefix.with_name(f"{prefix.name}.{OUTPUT_SUFFIXES.get(fmt, fmt)}")
        atomic_write_text(path, render_output(kg, fmt, dataset, page))
        written.append(path)
    return written


def extract_records(
    paths: Iterable[str | Path],
    *,
    model: str = DEFAULT_MODEL,
    base: str = DEFAULT_BASE,
    n_process: int = 1,
    on_skip: SkipHandler | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[dict[str, Any]]:
    """The ``kg extract`` records of every document: mentions and relation mentions with entity IRIs.

    Raises:
        InputError: no document could be read.
        UsageError: ``base`` is not an absolute IRI.
    """
    base = checked_base(base)
    extractions = list(extract(paths, model=model, n_process=n_process, on_skip=on_skip, gazetteer=gazetteer))
    if not extractions:
        raise InputError("no document could be read from the given paths")
    return list(extraction_records(extractions, resolve(extractions, base, gazetteer)))


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Write one JSON object per line, atomically; return how many were written."""
    count = 0
    with _atomic_stream(path) as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text to a temporary file beside ``path`` and rename it into place.

    ``path`` holds either its previous content or all of ``text``, whatever happens: on
    an error (disk full, no permission) or an interrupt (``KeyboardInterrupt``) the
    temporary file is removed and ``path`` is untouched. Only a hard kill (SIGKILL, power
    loss) can leave a ``.NAME.*.tmp`` file behind.

    Raises:
        OutputError: the file could not be written (the message names it and says why).
    """
    with _atomic_stream(path) as stream:
        stream.write(text)


@contextmanager
def _atomic_stream(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text stream to a temporary file beside ``path``, renamed into place on success (see above)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        os.chmod(temporary, 0o644)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise
    sync_directory(path.parent)


def sync_directory(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every platform can open a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
