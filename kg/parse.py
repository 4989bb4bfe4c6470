"""Documents through spaCy in batches, with extraction inside the parse: the local and the Dask path share this.

kg adds one component, ``kg_extract``, at the end of the spaCy pipeline. It turns each parsed
``Doc`` into an :class:`~kg.model.Extraction` of plain records and hands it back in the doc's
context, in place of the parse. With ``n_process > 1`` the parent forks that many workers, each
with the whole pipeline, and sends them batches of raw text: each worker tokenizes, parses and
extracts its batch with ``nlp.pipe``, and only the small records travel back to the parent, which
resolves, merges and writes. (spaCy's own ``nlp.pipe(n_process=N)`` tokenizes every text in the
parent and sends the workers serialised ``Doc`` objects; on a machine with as many cores as
workers, that parent work slows the workers down.)
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from itertools import groupby
from multiprocessing import util
from typing import cast

from spacy.language import Language
from spacy.tokens import Doc

from kg.defaults import DEFAULT_BATCH_SIZE, DEFAULT_MODEL
from kg.errors import WorkerError
from kg.exits import die_with_parent
from kg.extractors import extract_document, prepare_date_reading
from kg.gazetteer import Gazetteer
from kg.model import Document, Extraction
from kg.nlp.language import load_pipeline
from kg.nlp.parts import PART_CHARS, join_parts, split_text
from kg.rules import Rules, load_rules

EXTRACT_COMPONENT = "kg_extract"
DocumentHandler = Callable[[Document], None]
PartContext = tuple[int, int, Document]  # document number, offset of the part, the document with the part's text
RecordsContext = tuple[int, int, Extraction]  # what kg_extract leaves in the context: the part's records
BATCHES_IN_FLIGHT = 2  # per worker: batches sent ahead of the one being read back, so no worker waits
CLOSING_SPLIT = 4  # the closing batches are cut this many ways, so that the workers finish at about the same time
_worker_pipeline: Language | None = None  # the parent's pipeline, which forked workers inherit


@Language.factory(EXTRACT_COMPONENT)
def make_extractor(nlp: Language, name: str) -> Extractor:
    """The ``kg_extract`` component (registered at import, so spaCy's worker processes know it)."""
    return Extractor(load_rules())


class Extractor:
    """Turn a parsed ``Doc`` into its extraction records, carried back in the context of an empty ``Doc``.

    The records are all kg needs from the parse; dropping the parse itself means a worker process
    sends back a few records instead of every token, tag and vector. spaCy's worker processes
    (``n_process > 1``) are forked with this component, and die with the process that forked them.
    """

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        prepare_date_reading()
        util.register_after_fork(self, _die_with_forking_parent)
        self.parent_pid = os.getpid()

    def __call__(self, doc: Doc) -> Doc:
        number, offset, document = doc._context
        extraction = extract_document(doc, document, self.rules)
        records = Doc(doc.vocab, words=[])
        records._context = (number, offset, extraction)
        return records


def _die_with_forking_parent(extractor: Extractor) -> None:
    """Run in each forked worker: a killed ``kg build`` (even by SIGKILL) leaves no worker behind."""
    die_with_parent(extractor.parent_pid)
    extractor.parent_pid = os.getpid()


def parse_documents(
    documents: Iterable[Document],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = DEFAULT_BATCH_SIZE,
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
        n_process: spaCy worker processes; extraction runs inside them.
        part_chars: longest text parsed in one piece.
        on_document: called after each document is extracted (for progress).
        gazetteer: replaces the shipped gazetteer (see :func:`kg.gazetteer.load_gazetteer`).
    """
    nlp = extracting_pipeline(model, gazetteer)
    pending: dict[int, Document] = {}
    parts = _document_parts(documents, min(part_chars, nlp.max_length), pending)
    contexts = _in_workers(nlp, parts, batch_size, n_process) if n_process > 1 else _records(nlp, parts, batch_size)
    for number, group in groupby(contexts, key=lambda context: context[0]):
        document = pending.pop(number)
        pieces = [(offset, replace(extraction, document=document)) for _, offset, extraction in group]
        extraction = pieces[0][1] if len(pieces) == 1 else join_parts(document, pieces)
        if on_document is not None:
            on_document(document)
        yield extraction


def _records(nlp: Language, parts: Iterable[tuple[str, PartContext]], batch_size: int) -> Iterator[RecordsContext]:
    """The records of each part, parsed and extracted in this process."""
    parsed = nlp.pipe(parts, as_tuples=True, batch_size=batch_size)
    return cast(Iterator[RecordsContext], (context for _, context in parsed))  # kg_extract swapped them


def _in_workers(
    nlp: Language, parts: Iterable[tuple[str, PartContext]], batch_size: int, n_process: int
) -> Iterator[RecordsContext]:
    """The records of each part, in input order, from ``n_process`` forked workers that each run the whole
    pipeline on a batch of texts; at most :data:`BATCHES_IN_FLIGHT` batches a worker are read ahead."""
    global _worker_pipeline
    _worker_pipeline = nlp
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(n_process, mp_context=fork) as pool:
        in_flight: deque[Future[list[RecordsContext]]] = deque()
        try:
            for batch in _closing_in_small_batches(parts, batch_size, BATCHES_IN_FLIGHT * n_process):
                in_flight.append(pool.submit(_batch_records, batch))
                if len(in_flight) >= BATCHES_IN_FLIGHT * n_process:
                    yield from in_flight.popleft().result()
            while in_flight:
                yield from in_flight.popleft().result()
        except BrokenProcessPool:
            raise WorkerError("a parse worker process died (killed, or out of memory); nothing was written") from None
        finally:
            pool.shutdown(cancel_futures=True)


def _closing_in_small_batches(
    parts: Iterable[tuple[str, PartContext]], batch_size: int, closing: int
) -> Iterator[list[tuple[str, PartContext]]]:
    """Batches of ``batch_size`` parts, in order, except the last ``closing`` batches' worth of parts, which come in
    batches :data:`CLOSING_SPLIT` times smaller: at the end of the input a worker given a whole batch would parse
    alone while the others wait."""
    ahead: deque[tuple[str, PartContext]] = deque()
    for part in parts:
        ahead.append(part)
        if len(ahead) == (closing + 1) * batch_size:
            yield [ahead.popleft() for _ in range(batch_size)]
    small = max(1, batch_size // CLOSING_SPLIT)
    while ahead:
        yield [ahead.popleft() for _ in range(min(small, len(ahead)))]


def _batch_records(batch: list[tuple[str, PartContext]]) -> list[RecordsContext]:
    """In a worker: the records of one batch of parts."""
    assert _worker_pipeline is not None, "a worker is forked from a parent that set its pipeline"
    return list(_records(_worker_pipeline, batch, len(batch)))


def extracting_pipeline(model: str = DEFAULT_MODEL, gazetteer: Gazetteer | None = None) -> Language:
    """The spaCy pipeline ``model`` with kg's components, ending in ``kg_extract`` with these rules.

    The pipeline is loaded once per process; each call sets the extraction rules for ``gazetteer``.
    """
    nlp = load_pipeline(model)
    if EXTRACT_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(EXTRACT_COMPONENT, last=True)
    rules = load_rules() if gazetteer is None else replace(load_rules(), gazetteer=gazetteer)
    extractor: Extractor = nlp.get_pipe(EXTRACT_COMPONENT)  # type: ignore[assignment]
    extractor.rules = rules
    return nlp


def _document_parts(
    documents: Iterable[Document], max_chars: int, pending: dict[int, Document]
) -> Iterator[tuple[str, PartContext]]:
    """``(text, (document number, offset, document))`` for each part; the documents wait in ``pending``.

    The context's document carries the part's text (so extraction never has spaCy join the tokens again), not
    the whole document's.
    """
    for number, document in enumerate(documents):
        pending[number] = document
        metadata = document.without_text()
        for offset, text in split_text(document.text, max_chars):
            yield text, (number, offset, replace(metadata, text=text))
