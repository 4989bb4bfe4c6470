"""Orchestration: ingest → parse → extract → resolve → merge, and writing the outputs.

Only this module and :mod:`kg.cli` touch the file system.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rdflib import Dataset

from kg.errors import InputError, OutputError
from kg.extract import extract_document
from kg.ingest import SkipHandler, read_documents
from kg.model import Document, Extraction, KnowledgeGraph
from kg.nlp import DEFAULT_MODEL, load_pipeline
from kg.rdf import RDF_FORMATS, infer, serialize, to_dataset
from kg.resolve import resolve
from kg.vocab import DEFAULT_BASE, normalize_base

OUTPUT_FORMATS = (*RDF_FORMATS, "graphml", "json", "html")
DocumentHandler = Callable[[Document], None]


def extract(
    paths: Iterable[str | Path],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    n_process: int = 1,
    on_skip: SkipHandler | None = None,
    on_document: DocumentHandler | None = None,
) -> Iterator[Extraction]:
    """Stream the extraction records of every document under ``paths``."""
    nlp = load_pipeline(model)
    documents = ((doc.text, doc) for doc in read_documents(paths, on_skip))
    for parsed, document in nlp.pipe(documents, as_tuples=True, batch_size=batch_size, n_process=n_process):
        if on_document is not None:
            on_document(document)
        yield extract_document(parsed, document)


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
    extractions = list(
        extract(paths, model=model, batch_size=batch_size, n_process=n_process, on_skip=on_skip, on_document=on_document)
    )
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


def render_output(kg: KnowledgeGraph, fmt: str, dataset: Dataset | None = None) -> str:
    """The text of one output format (``ttl``, ``trig``, ``nt``, ``nq``, ``jsonld``, ``graphml``, ``json``, ``html``).

    ``dataset`` is the RDF view to serialise (default: ``kg.to_rdf()``).
    """
    if fmt == "html":
        from kg.render import to_html

        return to_html(kg)
    if fmt in {"graphml", "json"}:
        from kg.export import to_graphml, to_node_link_json

        return to_graphml(kg) if fmt == "graphml" else to_node_link_json(kg)
    if fmt in RDF_FORMATS:
        return serialize(dataset if dataset is not None else kg.to_rdf(), fmt)
    raise OutputError(f"unknown output format {fmt!r}; choose from {', '.join(OUTPUT_FORMATS)}")


def write_outputs(kg: KnowledgeGraph, prefix: Path, formats: Iterable[str], *, infer_rdf: bool = False) -> list[Path]:
    """Write ``PREFIX.<fmt>`` for each format, each atomically; return the paths written.

    With ``infer_rdf`` the RDF outputs also hold what the ontology entails (OWL-RL, :func:`kg.rdf.infer`).
    """
    formats = list(formats)
    dataset = None
    if any(fmt in RDF_FORMATS for fmt in formats):
        dataset = infer(to_dataset(kg)) if infer_rdf else to_dataset(kg)
    written = []
    for fmt in formats:
        path = prefix.with_name(f"{prefix.name}.{fmt}")
        atomic_write_text(path, render_output(kg, fmt, dataset))
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
