"""Load a kg graph into any SPARQL 1.1 Graph Store Protocol endpoint (Fuseki, GraphDB, Oxigraph, …).

Each named graph of the store (one per document) goes by ``PUT ENDPOINT?graph=IRI`` and the default
graph (everything ``kg build`` writes) by ``PUT ENDPOINT?default``, as streamed N-Triples. ``PUT``
replaces a graph, so pushing again gives the same result.
"""

from __future__ import annotations

import http.client
import itertools
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store, serialize

from kg.errors import InputError, ServerError

TRIPLES_PER_CHUNK = 10_000
DEFAULT_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class PushedGraph:
    """One graph written to the endpoint: its IRI (``None`` for the default graph) and its size."""

    iri: str | None
    triples: int

    def __str__(self) -> str:
        return f"{'default graph' if self.iri is None else f'<{self.iri}>'} ({self.triples} triples)"


def push(
    store: Store,
    endpoint: str,
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    on_graph: Callable[[PushedGraph], None] | None = None,
) -> list[PushedGraph]:
    """Write every named graph of ``store``, then its default graph, to a Graph Store endpoint.

    Args:
        store: the graph, e.g. from :func:`kg.store.open_store`.
        endpoint: the Graph Store Protocol URL (Oxigraph ``http://host:7878/store``,
            Fuseki ``http://host:3030/DATASET/data``, GraphDB ``http://host:7200/repositories/REPO/rdf-graphs/service``).
        timeout: seconds to wait for the endpoint on each request.
        on_graph: called after each graph is written (for progress).

    Raises:
        ServerError: the URL is not http(s), the endpoint cannot be reached, or it answers with an error.
    """
    if urlsplit(endpoint).scheme not in {"http", "https"} or not urlsplit(endpoint).netloc:
        raise ServerError(f"{endpoint}: not an http(s) URL of a Graph Store endpoint")
    pushed = []
    graphs: list[NamedNode | DefaultGraph] = [*_named_graphs(store), DefaultGraph()]
    for graph in graphs:
        iri = graph.value if isinstance(graph, NamedNode) else None
        result = PushedGraph(iri, _put_graph(store, graph, graph_url(endpoint, iri), timeout))
        pushed.append(result)
        if on_graph is not None:
            on_graph(result)
    return pushed


def _named_graphs(store: Store) -> list[NamedNode]:
    graphs = sorted(store.named_graphs(), key=str)
    blank = [graph for graph in graphs if not isinstance(graph, NamedNode)]
    if blank:
        raise InputError(f"graph {blank[0]} has a blank-node name, which the Graph Store Protocol cannot address")
    return [graph for graph in graphs if isinstance(graph, NamedNode)]


def graph_url(endpoint: str, iri: str | None) -> str:
    """The Graph Store URL of one graph (``?default`` for the default graph).

    Examples:
        >>> graph_url("http://127.0.0.1:7878/store", "https://example.org/kg/doc/a.txt")
        'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fexample.org%2Fkg%2Fdoc%2Fa.txt'
        >>> graph_url("http://127.0.0.1:3030/ds/data?x=1", None)
        'http://127.0.0.1:3030/ds/data?x=1&default'
    """
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}default" if iri is None else f"{endpoint}{separator}graph={quote(iri, safe='')}"


def _put_graph(store: Store, graph: NamedNode | DefaultGraph, url: str, timeout: float) -> int:
    body = _NTriplesBody(store, graph)
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"})
    where = "the default graph" if isinstance(graph, DefaultGraph) else f"graph <{graph.value}>"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
        raise ServerError(f"{url}: HTTP {exc.code} {exc.reason} when writing {where}"
                          + (f": {detail[0]}" if detail else "")) from exc
    except urllib.error.URLError as exc:
        raise ServerError(f"{url}: cannot reach the endpoint: {exc.reason}") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise ServerError(f"{url}: the endpoint failed while writing {where}: {exc!r}") from exc
    return body.triples


class _NTriplesBody:
    """A graph as N-Triples chunks, counting the triples sent; sent chunked, so a big graph never sits whole in
    memory."""

    def __init__(self, store: Store, graph: NamedNode | DefaultGraph) -> None:
        self.store, self.graph, self.triples = store, graph, 0

    def __iter__(self) -> Iterator[bytes]:
        quads = self.store.quads_for_pattern(None, None, None, self.graph)
        while chunk := [quad.triple for quad in itertools.islice(quads, TRIPLES_PER_CHUNK)]:
            self.triples += len(chunk)
            yield serialize(chunk, format=RdfFormat.N_TRIPLES) or b""
