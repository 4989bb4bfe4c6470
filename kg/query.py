"""SPARQL over a knowledge graph: kg's prefixes predeclared, safe by default, fast.

``SERVICE`` clauses (federated queries that reach the network) are refused unless
allowed, and rdflib is told never to fetch graphs named in ``FROM``. Queries over an
Oxigraph-backed graph (every graph :mod:`kg.views.rdf` makes or loads) run on Oxigraph's
SPARQL engine through rdflib's ``Graph.query``; other graphs, and queries that may use
``SERVICE``, run on rdflib's engine. Example queries ship as ``kg/queries/*.rq``.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any, TypeVar

import rdflib.plugins.sparql
from oxrdflib.store import OxigraphStore
from pyparsing import ParseException
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.errors import QueryRefusedError, QuerySyntaxError, QueryTimeoutError, UsageError
from kg.vocab import PREFIXES

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
EXAMPLES = files("kg") / "queries"
SERVICE_WORD = re.compile(r"service", re.IGNORECASE)
VARIABLE = re.compile(r"[?$]([A-Za-z0-9_\u00B7-\uFFFF]+)")
SELECT_STAR = re.compile(r"select\s+(?:distinct\s+|reduced\s+)?\*", re.IGNORECASE)
T = TypeVar("T")


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
        QuerySyntaxError: the query does not parse (message gives line and column).
        QueryRefusedError: the query uses SERVICE.
    """
    try:
        query = prepareQuery(sparql, initNs=PREFIXES)
    except ParseException as exc:
        raise QuerySyntaxError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from exc
    except Exception as exc:  # rdflib raises plain Exception for unknown prefixes
        raise QuerySyntaxError(f"SPARQL error: {exc}") from exc
    if not allow_service and _uses_service(query.algebra):
        raise QueryRefusedError(
            "SERVICE (federated query) is refused: kg sends no queries over the network unless --allow-service"
        )
    return query


def _uses_service(node: Any) -> bool:
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_uses_service(v) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_uses_service(v) for v in node)
    return False


def run_query(graph: Graph, sparql: str, *, allow_service: bool = False, timeout: float | None = None) -> QueryResult:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over ``graph`` and collect its answer.

    Args:
        graph: the graph or dataset to query.
        sparql: the query; kg's prefixes (:data:`kg.vocab.PREFIXES`) are predeclared.
        allow_service: let ``SERVICE`` reach the network (runs on rdflib's engine).
        timeout: seconds to wait for the answer. A query still running then is abandoned
            (its worker thread is left to finish in the background; the CLI exits).

    Raises:
        QuerySyntaxError, QueryRefusedError: see :func:`prepare`.
        QueryTimeoutError: no answer within ``timeout`` seconds.

    Examples:
        >>> from rdflib import Graph
        >>> g = Graph().parse(data="@prefix kg: <https://w3id.org/offline-kg/ontology#> . kg:a kg:released kg:b .",
        ...                   format="turtle")
        >>> run_query(g, "SELECT ?o WHERE { ?s kg:released ?o }").values()
        [('https://w3id.org/offline-kg/ontology#b',)]
    """
    on_oxigraph = isinstance(graph.store, OxigraphStore) and not allow_service
    # rdflib's parser is slow next to Oxigraph's: on the Oxigraph path it only runs to look for
    # SERVICE when the word occurs, and to word a syntax error.
    needs_rdflib_parse = not on_oxigraph or SERVICE_WORD.search(sparql)
    prepared = prepare(sparql, allow_service=allow_service) if needs_rdflib_parse else None

    def answer() -> QueryResult:
        if prepared is not None and not on_oxigraph:
            return _in_written_order(_collect(graph, graph.query(prepared)), sparql)
        try:
            return _in_written_order(_collect(graph, graph.query(sparql, initNs=PREFIXES)), sparql)
        except SyntaxError as exc:  # Oxigraph's parser; rdflib's gives the same line and column wording
            prepare(sparql, allow_service=allow_service)
            raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from exc

    return _within(timeout, answer)


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


def _within(timeout: float | None, work: Callable[[], T]) -> T:
    """``work()``, or :class:`QueryTimeoutError` when it has not finished after ``timeout`` seconds."""
    if timeout is None:
        return work()
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except Exception as exc:  # noqa: BLE001 -- re-raised in the caller's thread below
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeoutError(f"the query did not finish within {timeout:g} s and was stopped (--timeout)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def list_examples() -> dict[str, str]:
    """The example queries shipped with kg: name -> one-line description (the .rq file's first comment)."""
    found = {}
    for item in sorted(EXAMPLES.iterdir(), key=lambda i: i.name):
        if item.name.endswith(".rq"):
            comments = itertools.takewhile(lambda line: line.startswith("#"), item.read_text(encoding="utf-8").splitlines())
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
        for name, value in zip(result.variables, row):
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
