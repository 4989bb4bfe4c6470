"""The knowledge graph for graph tools: GraphML (Gephi, yEd, Cytoscape) and node-link JSON (D3, networkx).

A flat view with scalar attributes only: node = entity (IRI as id, label, type, mention
count, aliases), edge = fact (its predicate as in the Turtle) with its confidence, number of
supports, the documents and the first supporting sentence.
"""

from __future__ import annotations

import json
import re

import networkx as nx

from kg.model import KnowledgeGraph
from kg.views.context import ViewContext
from kg.vocab import local_name

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """A new ``MultiDiGraph`` with scalar attributes only (the model's own graph is left untouched).

    Examples:
        >>> from kg.model import Entity, KnowledgeGraph
        >>> graph = KnowledgeGraph("https://e.org/")
        >>> graph.add_entities([Entity("https://e.org/r1", "R1", "AIModel", ("R-1",), 3)])
        >>> to_networkx(graph).nodes["https://e.org/r1"]
        {'label': 'R1', 'type': 'AIModel', 'mention_count': 3, 'aliases': 'R-1'}
    """
    flat = nx.MultiDiGraph()
    for entity in kg.entities:
        flat.add_node(
            entity.iri,
            label=entity.label,
            type=entity.type,
            mention_count=entity.mention_count,
            aliases="; ".join(entity.aliases),
        )
    for relation in kg.relations:
        flat.add_edge(
            relation.subject,
            relation.object,
            key=relation.predicate,
            predicate=relation.predicate,
            label=local_name(relation.predicate),
            confidence=relation.confidence,
            support_count=len(relation.evidence),
            documents="; ".join(sorted({e.doc_id for e in relation.evidence})),
            sentence=relation.evidence[0].sentence.text if relation.evidence else "",
        )
    return flat


def to_graphml(kg: KnowledgeGraph) -> str:
    """The graph as GraphML text (typed ``<key>`` declarations; opens in Gephi).

    XML 1.0 cannot hold most C0 control characters, not even escaped, so in GraphML each one
    in a name or sentence becomes U+FFFD (the JSON output keeps them).

    Examples:
        >>> from kg.model import Entity, KnowledgeGraph
        >>> graph = KnowledgeGraph("https://e.org/")
        >>> graph.add_entities([Entity("https://e.org/bell", "Bell\x07Corp", "Organization")])
        >>> "Bell&#65533;Corp" in to_graphml(graph)
        True
    """
    flat = to_networkx(kg)
    for _, data in flat.nodes(data=True):
        _xml_safe(data)
    for _, _, data in flat.edges(data=True):
        _xml_safe(data)
    return "\n".join(nx.generate_graphml(flat, encoding="utf-8", prettyprint=True)) + "\n"


def _xml_safe(attributes: dict[str, object]) -> None:
    """Replace the characters XML 1.0 forbids in the string values of ``attributes`` (a view's own copy)."""
    for key, value in attributes.items():
        if isinstance(value, str):
            attributes[key] = XML_FORBIDDEN.sub("\ufffd", value)


def to_node_link_json(kg: KnowledgeGraph) -> str:
    """The graph as networkx node-link JSON (``nodes`` and ``edges`` lists), sorted keys."""
    data = nx.node_link_data(to_networkx(kg), edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def graphml_text(context: ViewContext, name: str = "graphml") -> str:
    """The ``graphml`` output (see :func:`to_graphml`)."""
    return to_graphml(context.graph)


def node_link_text(context: ViewContext, name: str = "json") -> str:
    """The ``json`` output (see :func:`to_node_link_json`)."""
    return to_node_link_json(context.graph)
