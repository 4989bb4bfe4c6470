"""SPARQL over a knowledge graph: kg's prefixes predeclared, safe by default, fast.

``SERVICE`` clauses (federated queries that reach the network) are refused unless
allowed, and rdflib is told never to fetch graphs named in ``FROM``. A query too long or
nested too deep for a parser is refused before one sees it (:mod:`kg.query_text`). Queries
over an Oxigraph-backed graph (every graph :mod:`kg.views.rdf` makes or loads) run on Oxigraph's
SPARQL engine through rdflib's ``Graph.query``; other graphs, and queries allowed to use
``SERVICE``, run on rdflib's engine. :func:`run_query_in_worker` runs one in a process of its
own, killed at a time limit. Example queries ship as ``kg/queries/*.rq``.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from importlib.resources import files
from typing import Any

import rdflib.plugins.sparql
from oxrdflib.store import OxigraphStore
from pyparsing import ParseException
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.errors import QuerySyntaxError, UsageError
from kg.query_text import check_query_text
from kg.query_workers import answer_in_worker
from kg.vocab import PREFIXES

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
EXAMPLES = files("kg") / "queries"
VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00B7-\uFFFF]+)")
SELECT_STAR = re.compile(r"select\s+(?:distinct\s+|reduced\s+)?\*", re.IGNORECASE)
MAX_QUERY_MEMORY_BYTES = 1 << 30  # run_query_in_worker: beyond what the open graph takes


@dataclass
class QueryResult:
    """The answer to a query: rows of terms for SELECT, a boolean for ASK, a graph otherwise."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def __iter__(self) -> Any:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def values(self) -> list[tuple[str | None, ...]]:
        """The rows with every term as a plain string (``None`` for unbound)."""
        return [tuple(None if v is None else str(v) for v in row) for row in self.rows]


def prepare(sparql: str, *, allow_service: bool = False) -> Query:
    """Parse ``sparql`` with kg's prefixes, refusing SERVICE unless ``allow_service``.

    Raises:
        QuerySyntaxError: the query does not parse (message gives line and column), or is too long
            or nested too deep to parse (see :func:`kg.query_text.check_query_text`).
        QueryRefusedError: the query uses SERVICE.
    """
    check_query_text(sparql, allow_service=allow_service)
    try:
        return prepareQuery(sparql, initNs=PREFIXES)
    except ParseException as exc:
        raise QuerySyntaxError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from exc
    except Exception as exc:  # rdflib raises plain Exception for unknown prefixes
        raise QuerySyntaxError(f"SPARQL error: {exc}") from exc


def run_query(graph: Graph, sparql: str, *, allow_service: bool = False) -> QueryResult:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over ``graph`` and collect its answer.

    Args:
        graph: the graph or dataset to query.
        sparql: the query; kg's prefixes (:data:`kg.vocab.PREFIXES`) are predeclared.
        allow_service: let ``SERVICE`` reach the network (runs on rdflib's engine).

    Raises:
        QuerySyntaxError, QueryRefusedError: see :func:`prepare`.

    Examples:
        >>> from rdflib import Graph
        >>> g = Graph().parse(data="@prefix kg: <https://w3id.org/offline-kg/ontology#> . kg:a kg:released kg:b .",
        ...                   format="turtle")
        >>> run_query(g, "SELECT ?o WHERE { ?s kg:released ?o }").values()
        [('https://w3id.org/offline-kg/ontology#b',)]
    """
    if not isinstance(graph.store, OxigraphStore) or allow_service:
        return _in_written_order(_collect(graph, graph.query(prepare(sparql, allow_service=allow_service))), sparql)
    check_query_text(sparql)  # rdflib's parser is slow next to Oxigraph's: it only runs to word a syntax error
    try:
        return _in_written_order(_collect(graph, graph.query(sparql, initNs=PREFIXES)), sparql)
    except SyntaxError as exc:  # Oxigraph's parser; rdflib's gives the same line and column wording
        prepare(sparql)
        raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from exc


def run_query_in_worker(open_graph: Callable[[], Graph], sparql: str, *, allow_service: bool = False,
                        timeout: float | None = None, memory_bytes: int = MAX_QUERY_MEMORY_BYTES) -> QueryResult:
    """:func:`run_query` over ``open_graph()`` in a worker process that is killed when it is late.

    The worker imports the calling script's ``__main__`` module: in a script, call this under
    ``if __name__ == "__main__":``, as for any :mod:`multiprocessing` code.

    Args:
        open_graph: opens the graph in the worker (picklable: a module-level function or a partial of one).
        sparql, allow_service: see :func:`run_query`.
        timeout: seconds the query may take once the graph is open (``None``: no limit).
        memory_bytes: the memory the query may take beyond the open graph.

    Raises:
        QuerySyntaxError, QueryRefusedError: see :func:`prepare`.
        QueryTimeoutError: no answer within ``timeout`` seconds; the worker has been killed.
        QueryMemoryError: the query needed more than ``memory_bytes``.
        KGError: what ``open_graph`` raised.
    """
    return answer_in_worker(open_graph, partial(run_query, allow_service=allow_service), sparql,
                            timeout=timeout, memory_bytes=memory_bytes)


def _in_written_order(result: QueryResult, sparql: str) -> QueryResult:
    """Columns of a ``SELECT *`` in the order the variables first appear in the query text.

    Neither engine does that: Oxigraph sorts them, rdflib's order changes with the hash seed.
    """
    if result.kind != "select" or not SELECT_STAR.search(sparql):
        return result
    appearance = [name for name in dict.fromkeys(VARIABLE.findall(sparql)) if name in result.variables]
    written = appearance + [name for name in result.variables if name not in appearance]
    position = [result.variables.index(name) for name in written]
    return QueryResult("select", written, [tuple(row[i] for i in position) for row in result.rows])


def _collect(graph: Graph, result: Any) -> QueryResult:
    if result.type == "SELECT":
        variables = [str(v) for v in result.vars or []]
        return QueryResult("select", variables, [tuple(row) for row in result])
    if result.type == "ASK":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    answer = Graph()
    for prefix, namespace in graph.namespaces():
        answer.bind(prefix, namespace)
    for triple in result:
        answer.add(triple)
    return QueryResult("graph", graph=answer)


def list_examples() -> dict[str, str]:
    """The example queries shipped with kg: name -> one-line description (the .rq file's first comment)."""
    found = {}
    for item in sorted(EXAMPLES.iterdir(), key=lambda i: i.name):
        if item.name.endswith(".rq"):
            comments = itertools.takewhile(
                lambda line: line.startswith("#"), item.read_text(encoding="utf-8").splitlines()
            )
            found[item.name[: -len(".rq")]] = " ".join(line.lstrip("# ").strip() for line in comments)
    return found


def example_query(name: str) -> str:
    """The text of the example query ``name`` (see :func:`list_examples`).

    Raises:
        UsageError: no example of that name.
    """
    if name not in list_examples():
        raise UsageError(f"no example query {name!r}; choose from {', '.join(list_examples())}")
    return (EXAMPLES / f"{name}.rq").read_text(encoding="utf-8")


def compact(term: Any) -> str:
    """A short, readable form of a term for tables: prefixed names and plain literal text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            if str(term).startswith(namespace) and len(str(term)) > len(namespace):
                return f"{prefix}:{str(term)[len(namespace):]}"
        return str(term)
    return str(term)


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a result as ``csv``, ``tsv``, ``json`` (SPARQL 1.1 Query Results JSON) or, for graphs, ``ttl``.

    Raises:
        UsageError: a graph result asked for as rows, or rows asked for as Turtle.
    """
    if result.kind == "graph":
        if fmt not in {"ttl", "table"}:
            raise UsageError(f"CONSTRUCT and DESCRIBE answer with a graph: use --format ttl, not {fmt}")
        from kg.views.rdf import serialize

        assert result.graph is not None
        return serialize(result.graph, "ttl")
    if fmt == "ttl":
        raise UsageError("SELECT and ASK answer with rows, not a graph: use --format table, csv, tsv or json")
    if fmt == "json":
        return json.dumps(_results_json(result), ensure_ascii=False, indent=2) + "\n"
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.values():
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def _results_json(result: QueryResult) -> dict[str, Any]:
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    bindings = []
    for row in result.rows:
        binding = {}
        for name, value in zip(result.variables, row, strict=True):
            if value is not None:
                binding[name] = _term_json(value)
        bindings.append(binding)
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}


def _term_json(term: Any) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        found: dict[str, str] = {"type": "literal", "value": str(term)}
        if term.language:
            found["xml:lang"] = term.language
        elif term.datatype and term.datatype != XSD.string:
            found["datatype"] = str(term.datatype)
        return found
    return {"type": "literal", "value": str(term)}
