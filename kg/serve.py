"""A read-only SPARQL 1.1 Protocol endpoint over a kg store, on the standard library and pyoxigraph.

``GET /query?query=…`` and ``POST /query`` (``application/sparql-query`` or a form) answer with
SPARQL results as JSON, XML, CSV or TSV, and graph results as Turtle, N-Triples, …, chosen by the
``Accept`` header. Everything that writes is refused: ``/update``, SPARQL Update bodies and Graph
Store ``PUT``/``POST``/``DELETE``. Bodies and URLs are capped, ``SERVICE`` is refused (Oxigraph would
otherwise fetch it from the network), kg's prefixes are predeclared, and the default address is
127.0.0.1 (see docs/querying.md for why not the Oxigraph server binary).
"""

from __future__ import annotations

import io
import re
import socket
import socketserver
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TextIO, TypeVar
from urllib.parse import parse_qs, urlsplit

from pyoxigraph import NamedNode, QueryResultsFormat, QueryTriples, RdfFormat, Store

from kg.defaults import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_QUERY_SECONDS
from kg.errors import KGError, QueryRefusedError, QuerySyntaxError, QueryTimeoutError, ServerError
from kg.query import prepare
from kg.store import open_oxigraph
from kg.views.rdf import load_store
from kg.vocab import PREFIXES

QUERY_PATH = "/query"
UPDATE_PATH = "/update"
MAX_REQUEST_BYTES = 1 << 20
MAX_RESULT_BYTES = 64 << 20
MAX_CONNECTIONS = 64
CLIENT_TIMEOUT_SECONDS = 10.0
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
Format = TypeVar("Format", QueryResultsFormat, RdfFormat)


def open_store(source: str | Path) -> Store:
    """Open a kg store directory read-only, or load an RDF file into a temporary in-memory store.

    Raises:
        InputError: ``source`` is neither a kg store nor a readable RDF file.
    """
    source = Path(source)
    return open_oxigraph(source) if source.is_dir() else load_store(source)


def refuse_service(sparql: str) -> None:
    """Refuse a query that uses ``SERVICE``.

    Queries whose text (after SPARQL's ``\\u`` escapes) never spells "service" pass without a
    second parse; the others go through rdflib's parser, which finds a real SERVICE clause.

    Raises:
        QueryRefusedError: the query uses SERVICE.
        QuerySyntaxError: the query mentions "service" and does not parse.

    Examples:
        >>> refuse_service("SELECT * WHERE { ?s ?p ?o }")
        >>> refuse_service("SELECT * WHERE { \\\\u0053ERVICE <http://x/> { ?s ?p ?o } }")
        Traceback (most recent call last):
        kg.errors.QueryRefusedError: SERVICE (federated query) is refused: ...
    """
    unescaped = _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    if "service" in unescaped.casefold():
        prepare(sparql)


def answer_query(
    store: Store,
    sparql: str,
    accept: str = "",
    *,
    default_graph_uris: list[str] | None = None,
    named_graph_uris: list[str] | None = None,
    max_result_bytes: int = MAX_RESULT_BYTES,
    max_seconds: float = DEFAULT_QUERY_SECONDS,
) -> tuple[bytes, str]:
    """Run a read-only SPARQL query and serialise its answer in the format ``accept`` prefers.

    Returns:
        The body and its media type: SPARQL results (JSON by default, XML, CSV, TSV) for
        SELECT and ASK, RDF (Turtle by default, N-Triples, …) for CONSTRUCT and DESCRIBE.

    Raises:
        QuerySyntaxError: the query (or a graph IRI) does not parse; SPARQL Update is not a query.
        QueryRefusedError: the query uses SERVICE, or its answer is over ``max_result_bytes``.
        QueryTimeoutError: the answer was still being written after ``max_seconds``. Oxigraph
            evaluates as it writes, so this stops the query; one that computes long before it
            writes anything (a big COUNT, ORDER BY) is stopped only when it starts writing.
    """
    refuse_service(sparql)
    return _evaluate(store, sparql, accept, default_graph_uris, named_graph_uris, max_result_bytes, max_seconds)


def _evaluate(
    store: Store,
    sparql: str,
    accept: str,
    default_graph_uris: list[str] | None,
    named_graph_uris: list[str] | None,
    max_result_bytes: int,
    max_seconds: float,
) -> tuple[bytes, str]:
    # Not inlined in answer_query: rdflib's parser leaves reference cycles that keep its callers' frames
    # alive until a garbage collection on some other thread, and pyoxigraph results must die on their own.
    try:
        result = store.query(
            sparql,
            prefixes=PREFIXES,
            default_graph=[*_graph_nodes(default_graph_uris)] if default_graph_uris else None,
            named_graphs=[*_graph_nodes(named_graph_uris)] if named_graph_uris else None,
        )
    except SyntaxError as exc:
        raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from exc
    output = _BoundedBuffer(max_result_bytes, time.monotonic() + max_seconds)
    try:  # serialize() evaluates the query as it writes, without holding the GIL
        if isinstance(result, QueryTriples):
            rdf_format = negotiate(accept, RdfFormat, RdfFormat.TURTLE)
            result.serialize(output, format=rdf_format)
            return output.getvalue(), rdf_format.media_type
        results_format = negotiate(accept, QueryResultsFormat, QueryResultsFormat.JSON)
        result.serialize(output, format=results_format)
        return output.getvalue(), results_format.media_type
    except _ResultTooLarge:
        raise QueryRefusedError(f"the answer is over {max_result_bytes} bytes: add a LIMIT (and OFFSET to page)") from None
    except _ResultTooSlow:
        raise QueryTimeoutError(f"the query ran over {max_seconds:g} s and was stopped: add a LIMIT or narrow it") from None


class _ResultTooLarge(Exception):
    pass


class _ResultTooSlow(Exception):
    pass


class _BoundedBuffer(io.BytesIO):
    """An in-memory output that refuses to grow past ``limit`` bytes or to be written after ``deadline``
    (a ``time.monotonic()`` value); pyoxigraph passes our exception on and stops evaluating."""

    def __init__(self, limit: int, deadline: float) -> None:
        super().__init__()
        self.limit = limit
        self.deadline = deadline

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.limit:
            raise _ResultTooLarge
        if time.monotonic() > self.deadline:
            raise _ResultTooSlow
        return super().write(data)


def _graph_nodes(iris: list[str]) -> list[NamedNode]:
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


class SparqlServer(ThreadingHTTPServer):
    """A threaded HTTP server answering SPARQL queries over one pyoxigraph store, read-only.

    At most ``max_connections`` connections are served at once; further clients wait in the
    listen backlog. Use :func:`make_server` to create one.
    """

    daemon_threads = True
    request_queue_size = 128  # listen backlog; the default 5 drops bursts of new clients (SYN retried after 1 s)

    def __init__(
        self,
        store: Store,
        address: tuple[str, int],
        *,
        max_request_bytes: int = MAX_REQUEST_BYTES,
        max_result_bytes: int = MAX_RESULT_BYTES,
        max_query_seconds: float = DEFAULT_QUERY_SECONDS,
        max_connections: int = MAX_CONNECTIONS,
        access_log: TextIO | None = None,
    ) -> None:
        self.store = store
        self.max_request_bytes = max_request_bytes
        self.max_result_bytes = max_result_bytes
        self.max_query_seconds = max_query_seconds
        self.access_log = access_log
        self._slots = threading.BoundedSemaphore(max_connections)
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, SparqlRequestHandler)

    def server_bind(self) -> None:
        """Bind without the reverse DNS lookup :class:`HTTPServer` does for its server name."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-answer is routine for a server: no traceback for it."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        """The query URL, e.g. ``http://127.0.0.1:7878/query``."""
        host = f"[{self.server_name}]" if ":" in self.server_name else self.server_name
        return f"http://{host}:{self.server_port}{QUERY_PATH}"

    def process_request(self, request: Any, client_address: Any) -> None:
        self._slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def make_server(
    store: Store,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    max_request_bytes: int = MAX_REQUEST_BYTES,
    max_result_bytes: int = MAX_RESULT_BYTES,
    max_query_seconds: float = DEFAULT_QUERY_SECONDS,
    max_connections: int = MAX_CONNECTIONS,
    access_log: TextIO | None = None,
) -> SparqlServer:
    """Create (bind, not yet start) a read-only SPARQL endpoint; ``port=0`` picks a free port.

    Call ``serve_forever()`` to run it and ``shutdown()`` from another thread to stop it.

    Raises:
        ServerError: the address cannot be bound (in use, not a local address, no permission).
    """
    try:
        return SparqlServer(
            store, (host, port), max_request_bytes=max_request_bytes, max_result_bytes=max_result_bytes,
            max_query_seconds=max_query_seconds, max_connections=max_connections, access_log=access_log,
        )
    except OSError as exc:
        raise ServerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


class SparqlRequestHandler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol, query operation only."""

    server: SparqlServer
    protocol_version = "HTTP/1.1"  # keep-alive: clients reuse one connection for many queries
    server_version = "kg-sparql"
    timeout = CLIENT_TIMEOUT_SECONDS

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == UPDATE_PATH:
            self._refuse_update()
        elif url.path != QUERY_PATH:
            self._send_error(HTTPStatus.NOT_FOUND, f"no such resource; the SPARQL endpoint is {QUERY_PATH}")
        elif len(url.query) > self.server.max_request_bytes:
            self._send_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "query too long; POST it, up to the size limit")
        else:
            self._answer(parse_qs(url.query))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        content_type = self.headers.get_content_type()
        if url.path == UPDATE_PATH or content_type == "application/sparql-update":
            self._refuse_update()
            return
        if url.path != QUERY_PATH:
            self._refuse_write()
            return
        body = self._read_body()
        if body is None:
            return
        if content_type == "application/sparql-query":
            parameters = parse_qs(url.query)
            parameters["query"] = [body]
        elif content_type == "application/x-www-form-urlencoded":
            parameters = parse_qs(body)
        else:
            self._send_error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                             "send application/sparql-query or application/x-www-form-urlencoded")
            return
        if "update" in parameters:
            self._refuse_update()
        else:
            self._answer(parameters)

    def do_PUT(self) -> None:
        self._refuse_write()

    def do_DELETE(self) -> None:
        self._refuse_write()

    def do_PATCH(self) -> None:
        self._refuse_write()

    def _read_body(self) -> str | None:
        """The request body as text, or ``None`` after answering with an error."""
        if "Transfer-Encoding" in self.headers:
            self._send_error(HTTPStatus.LENGTH_REQUIRED, "chunked bodies are not accepted; send Content-Length")
            return None
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._send_error(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length header")
            return None
        if length < 0 or length > self.server.max_request_bytes:
            self._send_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                             f"request body over {self.server.max_request_bytes} bytes")
            return None
        try:
            return self.rfile.read(length).decode(self.headers.get_content_charset() or "utf-8")
        except (LookupError, UnicodeDecodeError):
            self._send_error(HTTPStatus.BAD_REQUEST, "request body is not valid text in its charset")
            return None

    def _answer(self, parameters: dict[str, list[str]]) -> None:
        queries = parameters.get("query", [])
        if len(queries) != 1:
            self._send_error(HTTPStatus.BAD_REQUEST, "give exactly one 'query' parameter")
            return
        try:
            body, media_type = answer_query(
                self.server.store, queries[0], self.headers.get("Accept", ""),
                default_graph_uris=parameters.get("default-graph-uri"),
                named_graph_uris=parameters.get("named-graph-uri"), max_result_bytes=self.server.max_result_bytes,
                max_seconds=self.server.max_query_seconds,
            )
        except QueryRefusedError as error:
            self._send_error(HTTPStatus.FORBIDDEN, str(error))
        except QueryTimeoutError as error:
            self._send_error(HTTPStatus.SERVICE_UNAVAILABLE, str(error))
        except KGError as error:
            self._send_error(HTTPStatus.BAD_REQUEST, str(error))
        except (OSError, RuntimeError, ValueError) as exc:  # evaluation failed inside the store
            self._send_error(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {exc}")
        else:
            self._send(HTTPStatus.OK, body, media_type)

    def _refuse_update(self) -> None:
        self._send_error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")

    def _refuse_write(self) -> None:
        self._send_error(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only: only GET and POST of queries",
                         allow="GET, POST")

    def _send_error(self, status: HTTPStatus, message: str, *, allow: str | None = None) -> None:
        self.close_connection = True  # an unread body must not be taken for the next request
        self._send(status, f"{message}\n".encode(), "text/plain; charset=utf-8", allow=allow)

    def _send(self, status: HTTPStatus, body: bytes, media_type: str, *, allow: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        if allow:
            self.send_header("Allow", allow)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        log = self.server.access_log
        if log is not None:
            log.write(f"{self.address_string()} - [{self.log_date_time_string()}] {format % args}\n")
            log.flush()

