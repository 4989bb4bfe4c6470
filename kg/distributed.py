"""Parsing and extraction on a Dask cluster: batches of documents out, extraction records back.

The client reads the documents and submits them in batches; each worker process loads the spaCy
pipeline once (:func:`kg.nlp.language.load_pipeline` is cached) and returns the batch's
:class:`~kg.model.Extraction` records (frozen, picklable dataclasses). Resolution and merging stay on
the client (:func:`kg.pipeline.merge`), so the graph is the one a single process builds. Workers need the
same ``kg`` and spaCy model installed as the client. Dask is the optional extra ``offline-kg[dask]``.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.defaults import DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MODEL
from kg.errors import ServerError
from kg.gazetteer import Gazetteer
from kg.ingest.reader import SkipHandler, read_documents
from kg.model import Document, Extraction
from kg.pipeline import DocumentHandler, extract_documents

CONNECT_TIMEOUT_SECONDS = 30
BATCHES_IN_FLIGHT_PER_THREAD = 2  # enough to keep workers busy while the client collects, bounded memory


def extract_on_dask(
    paths: Iterable[str | Path],
    address: str,
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    on_skip: SkipHandler | None = None,
    on_document: DocumentHandler | None = None,
    gazetteer: Gazetteer | None = None,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
) -> Iterator[Extraction]:
    """Stream the extraction records of every document under ``paths``, computed on a Dask cluster.

    Mirrors :func:`kg.pipeline.extract`: same records, in the same order.

    Args:
        paths: files and folders to read (on the client).
        address: the Dask scheduler, e.g. ``tcp://10.0.0.5:8786``.
        model: spaCy pipeline, installed on every worker.
        batch_size: documents per task.
        on_skip: called with each input that could not be read.
        on_document: called as each document's records arrive (for progress).
        gazetteer: known names and classes (sent to the workers); the shipped one by default.
        max_document_bytes: a larger input file or JSONL line is skipped unread.

    Raises:
        ServerError: Dask is not installed, or the scheduler cannot be reached.
    """
    client = connect(address)
    try:
        threads = max(1, sum(client.nthreads().values()))
        in_flight: deque[Any] = deque()
        for batch in _batches(read_documents(paths, on_skip, max_document_bytes=max_document_bytes), batch_size):
            in_flight.append(client.submit(extract_batch, batch, model, gazetteer, pure=False))
            if len(in_flight) >= BATCHES_IN_FLIGHT_PER_THREAD * threads:
                yield from _collect(in_flight.popleft(), on_document)
        while in_flight:
            yield from _collect(in_flight.popleft(), on_document)
    finally:
        client.close()


def connect(address: str) -> Any:
    """A ``distributed.Client`` connected to the scheduler at ``address``.

    Raises:
        ServerError: Dask is not installed, or the scheduler cannot be reached.
    """
    try:
        from distributed import Client
    except ImportError as exc:
        raise ServerError("--dask needs Dask: pip install 'offline-kg[dask]' on the client and every worker") from exc
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ServerError(f"cannot connect to the Dask scheduler at {address}: {exc}") from exc


def extract_batch(documents: list[Document], model: str, gazetteer: Gazetteer | None = None) -> list[Extraction]:
    """The extraction records of a batch of documents (runs on a worker)."""
    return list(extract_documents(documents, model=model, batch_size=len(documents), gazetteer=gazetteer))


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _collect(future: Any, on_document: DocumentHandler | None) -> Iterator[Extraction]:
    for extraction in future.result():
        if on_document is not None:
            on_document(extraction.document)
        yield extraction
