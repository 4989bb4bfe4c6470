"""Answering one SPARQL request from a kg store or RDF file: what a query worker of ``kg serve`` runs.

A worker opens the store read-only itself (:class:`LiveStore` follows it to each new generation a
write swaps in), checks the query text (:mod:`kg.query_text`), refuses ``SERVICE``, predeclares kg's
prefixes, and writes the answer in the negotiated format into a buffer capped at ``MAX_RESULT_BYTES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

from pyoxigraph import NamedNode, QueryResultsFormat, QueryTriples, RdfFormat, Store

from kg.errors import NotAStoreError, QueryRefusedError, QuerySyntaxError, StoreError
from kg.query_text import check_query_text
from kg.vocab import PREFIXES

MAX_RESULT_BYTES = 64 << 20
STORE_GRAPH_DIRECTORY = "oxigraph"  # kg.store.OXIGRAPH_DIRECTORY (kg.store imports spaCy: too heavy for a worker)
Format = TypeVar("Format", QueryResultsFormat, RdfFormat)


class LiveStore:
    """A kg store directory's live generation, opened read-only and reopened when a write swaps in another.

    The replaced generation is closed first, so that its files are freed once the store deletes them.

    Raises:
        InputError: (on call) the directory holds no store that can be opened.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._opened: Path | None = None
        self._store: Store | None = None

    def __call__(self) -> Store:
        """The store of the live generation."""
        live = (self.directory / STORE_GRAPH_DIRECTORY).resolve()
        if live != self._opened:
            self._store = self._opened = None  # close the replaced generation before opening the live one
            self._store, self._opened = self._open(live), live
        assert self._store is not None
        return self._store

    def _open(self, location: Path) -> Store:
        return open_read_only(self.directory, location)


def open_read_only(store: Path, location: Path) -> Store:
    """The pyoxigraph store at ``location`` (inside the kg store ``store``), opened read-only.

    Raises:
        NotAStoreError: there is no pyoxigraph store at ``location``.
        StoreError: it cannot be opened.
    """
    if not location.is_dir():
        raise NotAStoreError(f"{store}: not a kg store (no {STORE_GRAPH_DIRECTORY}/ directory inside)")
    try:
        return Store.read_only(str(location))
    except OSError as exc:
        raise StoreError(f"{store}: cannot open the store: {exc}") from exc


def open_served_store(source: Path) -> Callable[[], Store]:
    """In a query worker: what gives the store to query, a :class:`LiveStore` or an RDF file loaded once.

    Raises:
        InputError: ``source`` is neither a kg store nor a readable RDF file.
    """
    if source.is_dir():
        live = LiveStore(source)
        live()
        return live
    from kg.views.rdf import load_store

    store = load_store(source)
    return lambda: store


@dataclass(frozen=True)
class QueryRequest:
    """One query for a worker, with the dataset it asks for and the answer's media type and size cap."""

    sparql: str
    accept: str = ""
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    max_result_bytes: int = MAX_RESULT_BYTES


def answer_request(store: Callable[[], Store], request: QueryRequest) -> tuple[bytes, str]:
    """:func:`answer_query` of ``request`` over the current ``store()`` (what a query worker runs)."""
    return answer_query(store(), request.sparql, request.accept, default_graph_uris=request.default_graph_uris,
                        named_graph_uris=request.named_graph_uris, max_result_bytes=request.max_result_bytes)


def answer_query(
    store: Store,
    sparql: str,
    accept: str = "",
    *,
    default_graph_uris: tuple[str, ...] = (),
    named_graph_uris: tuple[str, ...] = (),
    max_result_bytes: int = MAX_RESULT_BYTES,
) -> tuple[bytes, str]:
    """Run a read-only SPARQL query and serialise its answer in the format ``accept`` prefers.

    Returns:
        The body and its media type: SPARQL results (JSON by default, XML, CSV, TSV) for
        SELECT and ASK, RDF (Turtle by default, N-Triples, …) for CONSTRUCT and DESCRIBE.

    Raises:
        QuerySyntaxError: the query (or a graph IRI) does not parse, or is too long or deep to parse;
            SPARQL Update is not a query.
        QueryRefusedError: the query uses SERVICE, or its answer is over ``max_result_bytes``.
    """
    check_query_text(sparql)
    try:
        result = store.query(
            sparql,
            prefixes=PREFIXES,
            default_graph=_graph_nodes(default_graph_uris) or None,
            named_graphs=_graph_nodes(named_graph_uris) or None,
        )
    except SyntaxError as exc:
        raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from exc
    output = _BoundedBuffer(max_result_bytes)
    try:  # serialize() evaluates the query as it writes
        if isinstance(result, QueryTriples):
            rdf_format = negotiate(accept, RdfFormat, RdfFormat.TURTLE)
            result.serialize(output, format=rdf_format)
            return output.getvalue(), rdf_format.media_type
        results_format = negotiate(accept, QueryResultsFormat, QueryResultsFormat.JSON)
        result.serialize(output, format=results_format)
        return output.getvalue(), results_format.media_type
    except _ResultTooLarge:
        raise QueryRefusedError(
            f"the answer is over {max_result_bytes} bytes: add a LIMIT (and OFFSET to page)"
        ) from None


class _ResultTooLarge(Exception):
    pass


class _BoundedBuffer(BytesIO):
    """An in-memory output that refuses to grow past ``limit`` bytes; pyoxigraph passes our exception on
    and stops evaluating."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.limit:
            raise _ResultTooLarge
        return super().write(data)


def _graph_nodes(iris: tuple[str, ...]) -> list[Any]:
    try:
        return [NamedNode(iri) for iri in iris]
    except ValueError as exc:
        raise QuerySyntaxError(f"not a graph IRI: {exc}") from exc


def negotiate(accept: str, kind: type[Format], default: Format) -> Format:
    """The first format of ``kind`` in the ``Accept`` header by preference, else ``default``.

    Examples:
        >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", QueryResultsFormat, QueryResultsFormat.JSON)
        <QueryResultsFormat SPARQL Results in XML>
        >>> negotiate("text/html, */*;q=0.8", RdfFormat, RdfFormat.TURTLE)
        <RdfFormat Turtle>
    """
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media_type, *parameters = (part.strip() for part in item.split(";"))
        quality = next((_quality(p[2:]) for p in parameters if p.startswith("q=")), 1.0)
        if media_type and quality > 0:
            ranked.append((-quality, position, media_type.lower()))
    for _, _, media_type in sorted(ranked):
        found = kind.from_media_type(media_type)
        if found is not None:
            return found
    return default


def _quality(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0
