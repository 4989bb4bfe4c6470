"""Orchestration: ingest → parse and extract → resolve and merge, and the public ``build``/``extract``/``sparql``.

Reading inputs (:mod:`kg.ingest`), writing outputs (:mod:`kg.views`) and the store go through :mod:`kg.fileio`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.defaults import BuildOptions
from kg.errors import InputError
from kg.gazetteer import Gazetteer
from kg.ingest.reader import SkipHandler, read_documents
from kg.model import Extraction, KnowledgeGraph
from kg.parse import DocumentHandler, parse_documents
from kg.resolve import extraction_records, merge, resolve
from kg.views.rdf import to_dataset
from kg.vocab import checked_base

if TYPE_CHECKING:
    from kg.query import QueryResult

FULL_COLLECTION_EVERY = 100  # collections of the middle generation between two of the oldest (Python's default: 10)


def extract(
    paths: Iterable[str | Path],
    options: BuildOptions | None = None,
    *,
    on_skip: SkipHandler | None = None,
    on_document: DocumentHandler | None = None,
    gazetteer: Gazetteer | None = None,
) -> Iterator[Extraction]:
    """Stream the extraction records of every document under ``paths``, in input order.

    Args:
        paths: files and folders to read.
        options: model, batch size, processes, Dask scheduler (defaults: :class:`~kg.defaults.BuildOptions`).
        on_skip: called with each input that could not be read.
        on_document: called after each document is extracted (for progress).
        gazetteer: known names, aliases and forced classes; the shipped gazetteer by default.

    Raises:
        ServerError: ``options.dask_address`` is set and the cluster cannot be used.
    """
    options = options or BuildOptions()
    if options.dask_address is not None:
        from kg.distributed import extract_on_dask  # Dask is an optional extra: imported only when asked for

        return extract_on_dask(
            read_documents(paths, on_skip, max_document_bytes=options.max_document_bytes), options.dask_address,
            model=options.model, batch_size=options.batch_size, on_document=on_document, gazetteer=gazetteer,
        )
    return parse_documents(
        read_documents(paths, on_skip, max_document_bytes=options.max_document_bytes),
        model=options.model, batch_size=options.batch_size, n_process=options.n_process,
        part_chars=options.part_chars, on_document=on_document, gazetteer=gazetteer,
    )


def build(
    paths: Iterable[str | Path],
    options: BuildOptions | None = None,
    *,
    on_skip: SkipHandler | None = None,
    on_document: DocumentHandler | None = None,
    gazetteer: Gazetteer | None = None,
) -> KnowledgeGraph:
    """Build a knowledge graph from text files, folders and JSONL files.

    Documents are streamed; what is kept per document is its metadata and extraction
    records, never its text. Arguments as for :func:`extract`.

    Raises:
        InputError: no document could be read.
        UsageError: ``options.base`` is not an absolute IRI.
    """
    options = options or BuildOptions()
    base = checked_base(options.base)
    records = extract(paths, options, on_skip=on_skip, on_document=on_document, gazetteer=gazetteer)
    with _records_kept_until_merged():
        extractions = [extraction.without_text() for extraction in records]
        if not extractions:
            raise InputError("no document could be read from the given paths")
        return merge(extractions, base, gazetteer)


def extract_records(
    paths: Iterable[str | Path],
    options: BuildOptions | None = None,
    *,
    on_skip: SkipHandler | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[dict[str, Any]]:
    """The ``kg extract`` records of every document: mentions and relation mentions with entity IRIs.

    Raises:
        InputError: no document could be read.
        UsageError: ``options.base`` is not an absolute IRI.
    """
    options = options or BuildOptions()
    base = checked_base(options.base)
    with _records_kept_until_merged():
        extractions = list(extract(paths, options, on_skip=on_skip, gazetteer=gazetteer))
        if not extractions:
            raise InputError("no document could be read from the given paths")
        return list(extraction_records(extractions, resolve(extractions, base, gazetteer)))


@contextmanager
def _records_kept_until_merged() -> Iterator[None]:
    """Run the oldest generation's garbage collections ten times more rarely while the records pile up.

    Every document's records stay alive until the merge, so each full collection walks all of them again, and
    finds nothing: on the whole BBC set eleven full collections took 1.7 s, four fifths of the collector's time.
    Reference cycles are still collected; Python's setting comes back afterwards.
    """
    young, middle, oldest = gc.get_threshold()
    gc.set_threshold(young, middle, max(oldest, FULL_COLLECTION_EVERY))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, oldest)


def sparql(graph: KnowledgeGraph, query: str) -> QueryResult:
    """Answer a SPARQL query over ``graph`` (the ontology's prefixes predeclared).

    Examples:
        >>> from kg.model import Entity, KnowledgeGraph
        >>> graph = KnowledgeGraph("https://e.org/")
        >>> graph.add_entities([Entity("https://e.org/entity/r1", "R1", "AIModel")])
        >>> sparql(graph, "SELECT ?label WHERE { ?e a kg:AIModel ; rdfs:label ?label }").values()
        [('R1',)]
    """
    from kg.query import run_query  # deferred: rdflib's SPARQL engine costs a build a fifth of a second to import

    return run_query(to_dataset(graph), query)
