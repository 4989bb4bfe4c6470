"""SHACL validation of a kg graph against ``ontologies/shapes.ttl`` and the ontology (pySHACL).

The ontology is mixed into the data graph (for the class and property hierarchy) and no
inference is run: domains and ranges are checked as constraints, not used to derive types.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import ValidationError
from kg.query import compact
from kg.views.rdf import to_memory_graph
from kg.vocab import KG, PREFIXES, SHAPES_PATH, ontology


@dataclass(frozen=True)
class Violation:
    """One failed constraint: the node that failed, the property, the offending value, and why."""

    focus: str
    path: str
    value: str
    message: str
    severity: str


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating one graph."""

    conforms: bool
    violations: tuple[Violation, ...]
    checked_triples: int


def shapes_graph(path: str | Path | None = None) -> Graph:
    """The SHACL shapes (kg's own unless ``path`` is given).

    Raises:
        ValidationError: the shapes file cannot be read or parsed.
    """
    path = Path(path) if path is not None else SHAPES_PATH
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(f"{path}: cannot read SHACL shapes: {exc}") from exc


def domain_range_shapes(ontology_graph: Graph) -> Graph:
    """SHACL shapes for every ``rdfs:domain`` and ``rdfs:range`` the ontology declares.

    Subjects of a property must be instances of its domain, objects of its range (a class,
    with ``sh:class``) or literals of its datatype (``sh:datatype``). Core SHACL, so pySHACL
    checks them with graph look-ups, not a SPARQL query per node.
    """
    shapes = Graph()
    for prop, domain in sorted(ontology_graph.subject_objects(RDFS.domain)):
        _add_shape(shapes, SH.targetSubjectsOf, prop, SH["class"], domain,
                   f"is the subject of {_short(prop)} but not a {_short(domain)} (its rdfs:domain)")
    for prop, range_ in sorted(ontology_graph.subject_objects(RDFS.range)):
        if (range_, RDF.type, OWL.Class) in ontology_graph:
            _add_shape(shapes, SH.targetObjectsOf, prop, SH["class"], range_,
                       f"is the object of {_short(prop)} but not a {_short(range_)} (its rdfs:range)")
        elif str(range_).startswith(str(XSD)):
            shape = _add_shape(shapes, SH.targetSubjectsOf, prop, None, None, "")
            check = BNode()
            shapes.add((shape, SH.property, check))
            shapes.add((check, SH.path, prop))
            shapes.add((check, SH.datatype, range_))
            shapes.add((check, SH.message, Literal(f"{_short(prop)} must be an {_short(range_)} (its rdfs:range)")))
    return shapes


def _add_shape(shapes: Graph, target: URIRef, prop: Node, constraint: URIRef | None, value: Node | None,
               message: str) -> BNode:
    shape = BNode()
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, target, prop))
    if constraint is not None and value is not None:
        shapes.add((shape, constraint, value))
        shapes.add((shape, SH.message, Literal(message)))
    return shape


def validate_graph(graph: Graph, shapes: str | Path | None = None, *, source: str | Path = "graph") -> ValidationReport:
    """Validate the default graph of ``graph`` against the shapes and the ontology.

    Raises:
        ValidationError: nothing in ``graph`` uses kg's vocabulary (an empty or foreign file would
            otherwise "conform"); ``source`` names it in the message. Or the shapes cannot be read.

    Examples:
        >>> from rdflib import Graph
        >>> broken = Graph().parse(format="turtle", data='''
        ...     @prefix kg: <https://w3id.org/offline-kg/ontology#> .
        ...     <https://e.org/x> a kg:Person ; kg:mentionCount 1 .''')
        >>> report = validate_graph(broken)
        >>> report.conforms, report.violations[0].focus
        (False, 'https://e.org/x')
    """
    import pyshacl

    data = to_memory_graph(graph)
    if not _uses_kg_vocabulary(data):
        raise ValidationError(f"{source}: nothing in it is a kg graph (no kg: class or property); nothing to validate")
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(shapes) + domain_range_shapes(ontology()),
        ont_graph=ontology(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return ValidationReport(bool(conforms), _violations(results), len(data))


def _uses_kg_vocabulary(graph: Graph) -> bool:
    """Whether some triple has a kg: predicate or a kg: class as its type."""
    namespace = str(KG)
    return any(str(p).startswith(namespace) for p in graph.predicates(unique=True)) or any(
        str(cls).startswith(namespace) for cls in graph.objects(None, RDF.type, unique=True)
    )


def _violations(results: Graph) -> tuple[Violation, ...]:
    found = {
        Violation(
            focus=_text(results, result, SH.focusNode),
            path=compact(results.value(result, SH.resultPath)) if _text(results, result, SH.resultPath) else "",
            value=_text(results, result, SH.value),
            message=_text(results, result, SH.resultMessage),
            severity=_text(results, result, SH.resultSeverity).rsplit("#", 1)[-1],
        )
        for result in results.subjects(RDF.type, SH.ValidationResult)
    }
    return tuple(sorted(found, key=lambda v: (v.focus, v.path, v.message, v.value)))


def _text(results: Graph, node: Node, prop: URIRef) -> str:
    value = results.value(node, prop)
    return "" if value is None else str(value)


def _short(text: str) -> str:
    """``text`` with kg's namespaces written as prefixes (kg:Organization, not the full IRI)."""
    for prefix, namespace in PREFIXES.items():
        text = text.replace(namespace, f"{prefix}:")
    return text


def format_report(report: ValidationReport, source: str | Path) -> str:
    """A readable report: one block per failing node, with the property, value and message."""
    if report.conforms:
        return f"{source}: conforms to the kg shapes and ontology ({report.checked_triples} triples checked)\n"
    lines = [f"{source}: does NOT conform: {len(report.violations)} problems"]
    for violation in report.violations:
        where = f" {violation.path}" if violation.path else ""
        what = f" = {_short(violation.value)}" if violation.value and violation.value != violation.focus else ""
        lines.append(f"  {violation.severity}: <{violation.focus}>{where}{what}\n      {_short(violation.message)}")
    return "\n".join(lines) + "\n"
