"""A read-only SPARQL 1.1 Protocol endpoint over a kg store: uvicorn (h11) in front, query worker processes behind.

``GET /query?query=…`` and ``POST /query`` (``application/sparql-query`` or a form) answer with
SPARQL results as JSON, XML, CSV or TSV, and graph results as Turtle, N-Triples, …, chosen by the
``Accept`` header. Everything that writes is refused: ``/update``, SPARQL Update bodies and Graph
Store ``PUT``/``POST``/``DELETE``. Bodies and URLs are capped, ``SERVICE`` is refused (Oxigraph would
otherwise fetch it from the network), kg's prefixes are predeclared, and the default address is
127.0.0.1 (see docs/querying.md for why not the Oxigraph server binary).

Made to be exposed: queries run in a pool of worker processes (:mod:`kg.query_workers`) that open
the store read-only themselves, follow it to each new generation a write swaps in, may take a set
amount of memory, and are killed and replaced when an answer is late. The HTTP side is uvicorn's h11
protocol with a deadline for each request head and body, a strict reading of the head, and a cap on
connections; the query text is checked (:mod:`kg.query_text`) before a parser sees it.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from pathlib import Path
from typing import Any, TextIO, cast
from urllib.parse import parse_qs

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from kg.answers import (
    MAX_RESULT_BYTES,
    QueryRequest,
    answer_request,
    open_served_store,
)
from kg.defaults import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_QUERY_SECONDS
from kg.errors import (
    KGError,
    QueryMemoryError,
    QueryRefusedError,
    QueryTimeoutError,
    ServerError,
)
from kg.query_workers import QueryWorkerPool

QUERY_PATH = "/query"
UPDATE_PATH = "/update"
MAX_REQUEST_BYTES = 1 << 20
MAX_CONNECTIONS = 500  # beyond this many open connections, requests get 503
MAX_QUERY_MEMORY_BYTES = 512 << 20  # per query worker, beyond what the open store takes
QUERY_WORKERS = min(2 * (os.cpu_count() or 1), 8)
CLIENT_TIMEOUT_SECONDS = 10.0  # for a request's head, and again for its body
MAX_HEAD_BYTES = 64 << 10  # request line and headers


@dataclass(frozen=True)
class _Response:
    status: HTTPStatus
    body: bytes
    media_type: str = "text/plain; charset=utf-8"
    allow: str | None = None


def _error(status: HTTPStatus, message: str, *, allow: str | None = None) -> _Response:
    return _Response(status, f"{message}\n".encode(), allow=allow)


_READ_ONLY = "this endpoint is read-only"
_REFUSED_UPDATE = _error(HTTPStatus.FORBIDDEN, f"{_READ_ONLY}: SPARQL Update is refused")
_REFUSED_WRITE = _error(HTTPStatus.METHOD_NOT_ALLOWED, f"{_READ_ONLY}: only GET and POST of queries", allow="GET, POST")


class SparqlApp:
    """The ASGI application: the SPARQL 1.1 Protocol's query operation, answered by a pool of query workers."""

    def __init__(self, pool: QueryWorkerPool[QueryRequest, tuple[bytes, str]], *, max_request_bytes: int,
                 max_result_bytes: int, max_query_seconds: float, access_log: TextIO | None) -> None:
        self.pool = pool
        self.max_request_bytes = max_request_bytes
        self.max_result_bytes = max_result_bytes
        self.max_query_seconds = max_query_seconds
        self.access_log = access_log

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Any], send: Callable[[Any], Any]) -> None:
        if scope["type"] != "http":
            return
        response = await self._respond(scope, _Headers(scope["headers"]), receive)
        headers = [(b"content-type", response.media_type.encode()), (b"content-length", b"%d" % len(response.body))]
        if response.allow:
            headers.append((b"allow", response.allow.encode()))
        if response.status >= 400:  # an unread body must not be taken for the next request
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        await send({"type": "http.response.body", "body": response.body})
        self._log(scope, response)

    async def _respond(self, scope: dict[str, Any], headers: _Headers, receive: Callable[[], Any]) -> _Response:
        method, path, query_string = scope["method"], scope["path"], scope["query_string"].decode("latin-1")
        if method == "GET":
            if headers.get("content-length", "0") != "0" or "transfer-encoding" in headers:
                return _error(HTTPStatus.BAD_REQUEST, "a GET request has no body: POST the query")
            if path == UPDATE_PATH:
                return _REFUSED_UPDATE
            if path != QUERY_PATH:
                return _error(HTTPStatus.NOT_FOUND, f"no such resource; the SPARQL endpoint is {QUERY_PATH}")
            if len(query_string) > self.max_request_bytes:
                return _error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "query too long; POST it, up to the size limit")
            return await self._answer(parse_qs(query_string), headers)
        if method == "POST":
            return await self._respond_to_post(path, query_string, headers, receive)
        if method in {"PUT", "DELETE", "PATCH"}:
            return _REFUSED_WRITE
        return _error(HTTPStatus.NOT_IMPLEMENTED, f"method {method} is not supported: GET or POST a query")

    async def _respond_to_post(self, path: str, query_string: str, headers: _Headers,
                               receive: Callable[[], Any]) -> _Response:
        content_type, charset = _content_type(headers.get("content-type", ""))
        if path == UPDATE_PATH or content_type == "application/sparql-update":
            return _REFUSED_UPDATE
        if path != QUERY_PATH:
            return _REFUSED_WRITE
        body = await self._read_body(headers, receive)
        if isinstance(body, _Response):
            return body
        try:
            text = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return _error(HTTPStatus.BAD_REQUEST, "request body is not valid text in its charset")
        if content_type == "application/sparql-query":
            parameters = parse_qs(query_string)
            parameters["query"] = [text]
        elif content_type == "application/x-www-form-urlencoded":
            parameters = parse_qs(text)
        else:
            return _error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                          "send application/sparql-query or application/x-www-form-urlencoded")
        if "update" in parameters:
            return _REFUSED_UPDATE
        return await self._answer(parameters, headers)

    async def _read_body(self, headers: _Headers, receive: Callable[[], Any]) -> bytes | _Response:
        """The request body, or the error response that refuses it."""
        if "transfer-encoding" in headers:
            return _error(HTTPStatus.LENGTH_REQUIRED, "chunked bodies are not accepted; send Content-Length")
        if "content-length" not in headers:
            return _error(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length header")
        if int(headers["content-length"]) > self.max_request_bytes:  # h11 has checked it is digits only
            return _error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {self.max_request_bytes} bytes")
        parts = []
        try:
            async with asyncio.timeout(CLIENT_TIMEOUT_SECONDS):
                message = {"more_body": True}
                while message.get("more_body"):
                    message = await receive()
                    parts.append(message.get("body", b""))
        except TimeoutError:
            return _error(HTTPStatus.REQUEST_TIMEOUT, f"request body not received within {CLIENT_TIMEOUT_SECONDS:g} s")
        return b"".join(parts)

    async def _answer(self, parameters: dict[str, list[str]], headers: _Headers) -> _Response:
        queries = parameters.get("query", [])
        if len(queries) != 1:
            return _error(HTTPStatus.BAD_REQUEST, "give exactly one 'query' parameter")
        request = QueryRequest(queries[0], headers.get("accept", ""), tuple(parameters.get("default-graph-uri", ())),
                               tuple(parameters.get("named-graph-uri", ())), self.max_result_bytes)
        try:
            body, media_type = await self.pool.ask(request, self.max_query_seconds)
        except QueryRefusedError as error:
            return _error(HTTPStatus.FORBIDDEN, str(error))
        except (QueryTimeoutError, QueryMemoryError) as error:
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, str(error))
        except ServerError as error:
            return _error(HTTPStatus.INTERNAL_SERVER_ERROR, str(error))
        except KGError as error:
            return _error(HTTPStatus.BAD_REQUEST, str(error))
        return _Response(HTTPStatus.OK, body, media_type)

    def _log(self, scope: dict[str, Any], response: _Response) -> None:
        if self.access_log is None:
            return
        client = (scope.get("client") or ("-",))[0]
        target = scope["raw_path"].decode("latin-1") + (f"?{scope['query_string'].decode('latin-1')}"
                                                         if scope["query_string"] else "")
        when = time.strftime("%d/%b/%Y %H:%M:%S")
        self.access_log.write(f'{client} - [{when}] "{scope["method"]} {target} HTTP/{scope["http_version"]}" '
                              f"{response.status.value} {len(response.body)}\n")
        self.access_log.flush()


class _Headers(dict[str, str]):
    """A request's headers by lower-case name; repeated ones joined by commas (RFC 9110, 5.3)."""

    def __init__(self, raw: list[tuple[bytes, bytes]]) -> None:
        super().__init__()
        for name, value in raw:
            key, text = name.decode("latin-1").lower(), value.decode("latin-1")
            self[key] = f"{self[key]}, {text}" if key in self else text


def _content_type(value: str) -> tuple[str, str]:
    """The media type and charset (default UTF-8) of a Content-Type header."""
    media_type, *parameters = (part.strip() for part in value.split(";"))
    charset = next((p.split("=", 1)[1].strip('"') for p in parameters if p.lower().startswith("charset=")), "utf-8")
    return media_type.lower(), charset


_HEAD_END = re.compile(rb"\r?\n\r?\n")
_CONTROL = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")


def head_problem(buffer: bytes) -> str | None:
    """What is wrong with the request head at the start of ``buffer`` (complete or not yet), if anything.

    h11 unfolds folded header lines and takes a bare LF for a line end; a proxy in front may read
    the same bytes otherwise, so neither is accepted, nor any control character.

    Examples:
        >>> head_problem(b"GET /query HTTP/1.1\\r\\nHost: x\\r\\n X-Folded: y\\r\\n\\r\\n")
        'folded header line'
        >>> head_problem(b"GET /query HTTP/1.1\\nHost: x\\n\\n")
        'control character, bare CR or bare LF in the request head'
        >>> head_problem(b"GET /query HTTP/1.1\\r\\nHost: x\\r")
    """
    end = _HEAD_END.search(buffer)
    head = buffer[: end.end()] if end else buffer.removesuffix(b"\r")
    if b"\r\n " in head or b"\r\n\t" in head:
        return "folded header line"
    if _CONTROL.search(head.replace(b"\r\n", b"")):
        return "control character, bare CR or bare LF in the request head"
    return None


class StrictH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request head and a strict reading of it.

    uvicorn restarts its idle timer at every byte, so a client sending one byte now and then holds
    its connection forever; here the whole head must arrive within ``head_seconds`` of the
    connection, or of the previous response, or the connection is answered 408 and closed.
    """

    def __init__(self, *args: Any, head_seconds: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.head_seconds = head_seconds
        self._head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: Any) -> None:
        """Start the head deadline of the first request."""
        super().connection_made(transport)
        self._start_head_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the deadline with the connection."""
        self._stop_head_deadline()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        """Refuse a malformed head before h11 reads it; stop the deadline once it has."""
        if self.conn.their_state is h11.IDLE:
            problem = head_problem(self.conn.trailing_data[0])
            if problem:
                self._refuse(b"400 Bad Request", problem)
                return
        super().handle_events()
        if self.conn.their_state is not h11.IDLE:
            self._stop_head_deadline()

    def on_response_complete(self) -> None:
        """Start the head deadline of the next request on this connection."""
        super().on_response_complete()
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._start_head_deadline()

    def _start_head_deadline(self) -> None:
        self._stop_head_deadline()
        self._head_deadline = self.loop.call_later(self.head_seconds, self._head_overdue)

    def _stop_head_deadline(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_overdue(self) -> None:
        self._head_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._refuse(b"408 Request Timeout", f"request head not received within {self.head_seconds:g} s")

    def _refuse(self, status: bytes, message: str) -> None:
        """Answer outside h11 (which has read no request to answer) and close the connection."""
        body = f"{message}\n".encode()
        self.transport.write(b"HTTP/1.1 %s\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: %d\r\n"
                             b"connection: close\r\n\r\n%s" % (status, len(body), body))
        self.transport.close()


class _StoppingWorkersFirst(uvicorn.Server):
    """uvicorn's server, which stops the query workers when it starts to shut down (Ctrl-C, SIGTERM,
    :meth:`SparqlServer.shutdown`): queries still running end at once (500) instead of being waited for."""

    def __init__(self, config: uvicorn.Config, pool: QueryWorkerPool[QueryRequest, tuple[bytes, str]]) -> None:
        super().__init__(config)
        self.pool = pool

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """Stop the workers, then shut down as uvicorn does."""
        self.pool.close()
        await super().shutdown(sockets)


class SparqlServer:
    """A read-only SPARQL endpoint listening on one address; use :func:`make_server` to create one."""

    def __init__(self, listener: socket.socket, pool: QueryWorkerPool[QueryRequest, tuple[bytes, str]],
                 config: uvicorn.Config) -> None:
        self.pool = pool
        self.server_address: tuple[str, int] = listener.getsockname()[:2]
        self._listener = listener
        self._uvicorn = _StoppingWorkersFirst(config, pool)
        self._serving = threading.Event()
        self._stopped = threading.Event()

    @property
    def server_port(self) -> int:
        """The TCP port it listens on."""
        return self.server_address[1]

    @property
    def url(self) -> str:
        """The query URL, e.g. ``http://127.0.0.1:7878/query``."""
        host = self.server_address[0]
        return f"http://{f'[{host}]' if ':' in host else host}:{self.server_port}{QUERY_PATH}"

    def serve_forever(self) -> None:
        """Answer requests until :meth:`shutdown` (from another thread), Ctrl-C or SIGTERM."""
        self._serving.set()
        try:
            self._uvicorn.run(sockets=[self._listener])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` and wait until it has returned; queries still running are stopped (500)."""
        self._uvicorn.should_exit = True
        if self._serving.is_set():
            self._stopped.wait()

    def server_close(self) -> None:
        """Stop the query workers and close the listening socket."""
        self.pool.close()
        self._listener.close()


def make_server(
    source: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    max_request_bytes: int = MAX_REQUEST_BYTES,
    max_result_bytes: int = MAX_RESULT_BYTES,
    max_query_seconds: float = DEFAULT_QUERY_SECONDS,
    max_query_memory_bytes: int = MAX_QUERY_MEMORY_BYTES,
    query_workers: int = QUERY_WORKERS,
    max_connections: int = MAX_CONNECTIONS,
    head_seconds: float = CLIENT_TIMEOUT_SECONDS,
    access_log: TextIO | None = None,
) -> SparqlServer:
    """Create (bind, start the query workers, not yet serve) a read-only SPARQL endpoint over a kg store
    directory or an RDF file; ``port=0`` picks a free port.

    Call ``serve_forever()`` to run it, ``shutdown()`` from another thread to stop it and
    ``server_close()`` to end its workers. Workers die with the thread that calls this function. They are
    started fresh and import the calling script's ``__main__`` module: in a script, call this under
    ``if __name__ == "__main__":``, as for any :mod:`multiprocessing` code.

    Raises:
        ServerError: the address cannot be bound (in use, not a local address, no permission).
        InputError: ``source`` is neither a kg store nor a readable RDF file.
    """
    listener = _listen(host, port)
    try:
        pool = QueryWorkerPool(partial(open_served_store, Path(source)), answer_request, size=query_workers,
                               memory_bytes=max_query_memory_bytes)
    except BaseException:
        listener.close()
        raise
    app = SparqlApp(pool, max_request_bytes=max_request_bytes, max_result_bytes=max_result_bytes,
                    max_query_seconds=max_query_seconds, access_log=access_log)
    config = uvicorn.Config(
        app, http=cast(Any, partial(StrictH11Protocol, head_seconds=head_seconds)), ws="none", lifespan="off",
        log_config=None,
        access_log=False, proxy_headers=False, server_header=False, headers=[("server", "kg-sparql")],
        limit_concurrency=max_connections, backlog=max_connections, h11_max_incomplete_event_size=MAX_HEAD_BYTES,
        timeout_graceful_shutdown=2,
    )
    return SparqlServer(listener, pool, config)


def _listen(host: str, port: int) -> socket.socket:
    # IPPROTO_TCP, not 0: asyncio disables Nagle's algorithm only on sockets that say they are TCP, and with it
    # on, an answer's body waits for the ACK of its head, which the client delays by 40 ms.
    listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(MAX_CONNECTIONS)
    except OSError as exc:
        listener.close()
        raise ServerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return listener
