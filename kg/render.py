"""The knowledge graph as a self-contained, offline HTML network (pyvis / vis-network).

pyvis 0.3.2 links Bootstrap from a CDN even with ``cdn_resources="in_line"`` (pyvis
issue #229): those tags are removed, so the page requests nothing from the network.
Document text only ever enters the page as JSON data (escaped by Jinja's ``tojson``)
and is shown by vis-network as plain text.
"""

from __future__ import annotations

import re

from pyvis.network import Network

from kg.model import Entity, KnowledgeGraph, Relation
from kg.vocab import local_name

TYPE_COLOURS = {
    "Organization": "#4e79a7",
    "Person": "#f28e2b",
    "Place": "#59a14f",
    "Country": "#59a14f",
    "City": "#8cd17d",
    "Product": "#b07aa1",
    "AIModel": "#e15759",
    "Hardware": "#9c755f",
    "Chip": "#9c755f",
    "Event": "#edc948",
    "CreativeWork": "#76b7b2",
}
DEFAULT_COLOUR = "#bab0ac"
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
REMOTE_TAG = re.compile(
    r"<link\b[^>]*\bhref=[\"']https?://[^>]*>|<script\b[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>",
    re.IGNORECASE | re.DOTALL,
)


def _plain(text: str) -> str:
    """Keep tooltip text plain: pyvis switches tooltips to innerHTML when a title contains "href"."""
    return re.sub("href", "hr\u200bef", text, flags=re.IGNORECASE)


def _node_title(entity: Entity) -> str:
    lines = [entity.label, f"type: {entity.type}", f"mentions: {entity.mention_count}"]
    if entity.aliases:
        lines.append("aliases: " + ", ".join(entity.aliases))
    lines.append("documents: " + ", ".join(entity.documents))
    return _plain("\n".join(lines))


def _edge_title(relation: Relation) -> str:
    lines = [f"{local_name(relation.predicate)} (confidence {relation.confidence:.2f})"]
    lines.extend(f"[{e.doc_id}] {e.sentence.text}" for e in relation.evidence)
    return _plain("\n".join(lines))


def to_network(kg: KnowledgeGraph) -> Network:
    """Build the pyvis network: nodes coloured by type, edges labelled by predicate."""
    network = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    for entity in kg.entities:
        network.add_node(
            entity.iri,
            label=entity.label,
            title=_node_title(entity),
            color=TYPE_COLOURS.get(entity.type, DEFAULT_COLOUR),
            group=entity.type,
            value=entity.mention_count,
        )
    for relation in kg.relations:
        network.add_edge(
            relation.subject,
            relation.object,
            label=local_name(relation.predicate),
            title=_edge_title(relation),
            arrows="to",
        )
    network.toggle_physics(True)
    return network


def to_html(kg: KnowledgeGraph) -> str:
    """The complete HTML page, with no reference to any remote script or stylesheet."""
    html = to_network(kg).generate_html(notebook=False)
    return REMOTE_TAG.sub("", HTML_COMMENT.sub("", html))
