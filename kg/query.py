"""SPARQL over a knowledge graph: kg's prefixes predeclared, safe by default.

``SERVICE`` clauses (federated queries that reach the network) are refused, and
rdflib is told never to fetch graphs named in ``FROM``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

import rdflib.plugins.sparql
from pyparsing import ParseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.errors import QueryRefusedError, QuerySyntaxError
from kg.vocab import PREFIXES

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
OUTPUT_FORMATS = ("table", "csv", "tsv", "json")


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


def prepare(sparql: str) -> Query:
    """Parse ``sparql`` with kg's prefixes, refusing SERVICE.

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
    if _uses_service(query.algebra):
        raise QueryRefusedError("SERVICE (federated query) is refused: kg never sends queries over the network")
    return query


def _uses_service(node: Any) -> bool:
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_uses_service(v) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_uses_service(v) for v in node)
    return False


def run_query(graph: Graph, sparql: str) -> QueryResult:
    """Run a SPARQL query over ``graph`` and collect its answer.

    Examples:
        >>> from rdflib import Graph
        >>> g = Graph().parse(data="@prefix kg: <https://w3id.org/offline-kg/ontology#> . kg:a kg:released kg:b .",
        ...                   format="turtle")
        >>> run_query(g, "SELECT ?o WHERE { ?s kg:released ?o }").values()
        [('https://w3id.org/offline-kg/ontology#b',)]
    """
    result = graph.query(prepare(sparql))
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
    """Render a result as ``csv``, ``tsv`` or ``json`` (SPARQL 1.1 Query Results JSON) text."""
    if result.kind == "graph":
        assert result.graph is not None
        return result.graph.serialize(format="turtle")
    if fmt == "json":
        return json.dumps(_results_json(result), ensure_ascii=False, indent=2)
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
        elif term.datatype:
            found["datatype"] = str(term.datatype)
        return found
    return {"type": "literal", "value": str(term)}
