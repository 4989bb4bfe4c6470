"""The knowledge graph as one self-contained, offline HTML page (vis-network, as shipped by pyvis).

The page is rendered from our own Jinja2 template (``kg/templates/page.html.j2``,
autoescape on) rather than pyvis's: pyvis 0.3.2 links Bootstrap from a CDN even with
``cdn_resources="in_line"`` (pyvis issue #229), has no autoescape, and its
``add_edge`` scans every node per call (quadratic on big graphs). The vis-network
script and stylesheet bundled with the pinned pyvis are inlined, so the page requests
nothing from the network.

Document text only enters the page as JSON inside a ``<script type="application/json">``
block, with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped; the page script shows it
with ``textContent`` and DOM nodes, never as markup.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from kg.dates import document_date, reported_range
from kg.defaults import COLOR_MODES, DEFAULT_MAX_NODES, DEFAULT_TITLE
from kg.model import Entity, Evidence, KnowledgeGraph, Relation
from kg.views.context import ViewContext
from kg.vocab import local_name

LOUVAIN_SEED = 7
# Up to this many shown nodes vis-network's physics polishes the precomputed layout; above, it starts off.
PHYSICS_NODE_LIMIT = 500
LAYOUT_CORE = 300
SMALL_COMPONENT = 8
LAYOUT_SEED = 7
EDGE_LENGTH = 110.0
VIS_ASSETS = "templates/lib/vis-9.1.2"
_SCRIPT_UNSAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def html_page(context: ViewContext, name: str = "html") -> str:
    """The ``html`` output: :func:`to_html` with the context's page options."""
    page = context.page
    return to_html(context.graph, max_nodes=page.max_nodes, color=page.color, title=page.title)


def to_html(
    kg: KnowledgeGraph,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    color: str = "type",
    title: str = DEFAULT_TITLE,
) -> str:
    """The complete, self-contained HTML page of the graph.

    Args:
        kg: the knowledge graph.
        max_nodes: show at most this many entities, the most connected first.
        color: ``"type"`` colours nodes by entity type, ``"community"`` by Louvain community.
        title: the page title (shown as text).

    Raises:
        ValueError: ``max_nodes`` is below 1 or ``color`` is not one of :data:`COLOR_MODES`.
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    if color not in COLOR_MODES:
        raise ValueError(f"color must be one of {', '.join(COLOR_MODES)}, not {color!r}")
    return _environment().get_template("page.html.j2").render(
        title=title,
        payload=script_json(page_data(kg, max_nodes=max_nodes, color=color)),
        vis_script=_trusted_asset("pyvis", f"{VIS_ASSETS}/vis-network.min.js"),
        vis_style=_trusted_asset("pyvis", f"{VIS_ASSETS}/vis-network.css"),
        page_script=_trusted_asset("kg", "templates/page.js"),
        page_style=_trusted_asset("kg", "templates/page.css"),
    )


def page_data(kg: KnowledgeGraph, *, max_nodes: int = DEFAULT_MAX_NODES, color: str = "type") -> dict[str, Any]:
    """Everything the page script needs, as JSON-ready data (a view: ``kg`` is not changed)."""
    shown = most_important(kg.graph, max_nodes)
    subgraph = kg.graph.subgraph(shown)
    colours, legend = _colouring(kg, shown, color)
    positions = precomputed_layout(subgraph)
    degrees = dict(subgraph.degree())
    nodes = [
        _node_data(kg.entity(iri), colours[iri], degrees[iri], positions[iri]) for iri in shown
    ]
    relations = sorted(
        (data["relation"] for _, _, data in subgraph.edges(data=True)),
        key=lambda r: (r.subject, r.predicate, r.object),
    )
    dates = {doc_id: document.date for doc_id, document in kg.documents.items()}
    summary: dict[str, Any] = {
        "documents": len(kg.documents),
        "entities": kg.graph.number_of_nodes(),
        "facts": kg.graph.number_of_edges(),
        "shownEntities": len(shown),
        "hiddenEntities": kg.graph.number_of_nodes() - len(shown),
    }
    span = reported_range(dates.values())
    if span is not None:  # the page offers a date filter only when documents carry dates
        summary["reported"] = {"first": span[0].day.isoformat(), "last": span[1].day.isoformat()}
    return {
        "summary": summary,
        "colorBy": color,
        "legend": legend,
        "nodes": nodes,
        "edges": [_edge_data(index, relation, dates) for index, relation in enumerate(relations)],
        "options": vis_options(len(shown) <= PHYSICS_NODE_LIMIT),
    }


def most_important(graph: nx.MultiDiGraph, limit: int) -> list[str]:
    """The ``limit`` most important entity IRIs: most facts first, then most mentions, then IRI.

    Examples:
        >>> g = nx.MultiDiGraph()
        >>> g.add_edges_from([("a", "b"), ("a", "c"), ("d", "a")])
        [0, 0, 0]
        >>> for iri in "abcd":
        ...     g.nodes[iri]["entity"] = Entity(iri, iri.upper(), "Thing", mention_count=ord(iri))
        >>> most_important(g, 2)
        ['a', 'd']
    """
    def rank(iri: str) -> tuple[int, int, str]:
        return (-graph.degree(iri), -graph.nodes[iri]["entity"].mention_count, iri)

    return sorted(graph.nodes, key=rank)[:limit]


def communities(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Louvain communities of the graph read as undirected and weighted by fact count, seeded.

    Largest first; each community sorted by IRI, so the same graph always gives the same list.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for subject, obj in sorted((s, o) for s, o, _ in graph.edges(keys=True)):
        if subject != obj:
            weight = simple.get_edge_data(subject, obj, {"weight": 0})["weight"]
            simple.add_edge(subject, obj, weight=weight + 1)
    found = nx.community.louvain_communities(simple, weight="weight", seed=LOUVAIN_SEED)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def precomputed_layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Node positions in vis-network pixels, deterministic and fast enough for thousands of nodes.

    Each connected component is laid out on its own (see :func:`_component_layout`) and
    the components are packed in rows, largest first.

    Examples:
        >>> g = nx.MultiDiGraph([("a", "b"), ("c", "d")])
        >>> sorted(precomputed_layout(g)) == ["a", "b", "c", "d"]
        True
    """
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.nodes)
    undirected.add_edges_from(graph.edges())
    parts = sorted((sorted(part) for part in nx.connected_components(undirected)), key=lambda p: (-len(p), p[0]))
    return _pack([_component_layout(undirected.subgraph(part)) for part in parts])


def _component_layout(component: nx.Graph) -> dict[str, tuple[float, float]]:
    """A force-directed layout of the component's best-connected core; other nodes around their neighbours.

    networkx's spring layout is quadratic (and needs scipy above 500 nodes), so only the
    :data:`LAYOUT_CORE` most connected nodes are simulated (only the hub in small
    components); the rest (in news graphs mostly leaves) are placed breadth-first on
    rings around the node that reaches them.
    """
    nodes = sorted(component.nodes)
    by_degree = sorted(nodes, key=lambda n: (-component.degree(n), n))
    core = by_degree[:LAYOUT_CORE] if len(nodes) > SMALL_COMPONENT else by_degree[:1]
    positions = _spring(component.subgraph(core), spread=EDGE_LENGTH * math.sqrt(len(nodes)) * 0.6)
    children: dict[str, list[str]] = {}
    for parent, child in _reach(component, core):
        children.setdefault(parent, []).append(child)
    frontier = list(core)
    while frontier:
        placed = []
        for parent in frontier:
            kids = children.get(parent, [])
            positions.update(_ring(positions[parent], kids, EDGE_LENGTH * (0.7 + 0.08 * math.sqrt(len(kids)))))
            placed.extend(kids)
        frontier = placed
    return positions


def _spring(graph: nx.Graph, spread: float) -> dict[str, tuple[float, float]]:
    """networkx's seeded spring layout, scaled to ``spread`` pixels from the centre."""
    if len(graph) == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_edges_from(sorted(graph.edges))
    layout = nx.spring_layout(ordered, seed=LAYOUT_SEED, iterations=60)
    return {node: (float(x) * spread, float(y) * spread) for node, (x, y) in layout.items()}


def _reach(component: nx.Graph, core: list[str]) -> list[tuple[str, str]]:
    """Breadth-first (parent, child) edges that reach every node outside ``core`` from it."""
    seen = set(core)
    edges = []
    frontier = sorted(core)
    while frontier:
        following = []
        for parent in frontier:
            for child in sorted(component.neighbors(parent)):
                if child not in seen:
                    seen.add(child)
                    edges.append((parent, child))
                    following.append(child)
        frontier = following
    return edges


def _ring(centre: tuple[float, float], nodes: list[str], radius: float) -> dict[str, tuple[float, float]]:
    step = 2 * math.pi / max(len(nodes), 1)
    return {
        node: (centre[0] + radius * math.cos(step * i + 0.5), centre[1] + radius * math.sin(step * i + 0.5))
        for i, node in enumerate(nodes)
    }


def _pack(layouts: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Place component layouts side by side in rows, largest first, from the origin rightwards and down."""
    boxes = []
    for layout in layouts:
        xs, ys = [x for x, _ in layout.values()], [y for _, y in layout.values()]
        # labels are wide, so components keep more room side by side than above each other
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + 1.6 * EDGE_LENGTH, max(ys) - min(ys) + EDGE_LENGTH))
    row_width = max(max(w for _, _, w, _ in boxes), math.sqrt(sum(w * h for _, _, w, h in boxes)) * 1.3)
    packed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for layout, (left, top, width, height) in zip(layouts, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        packed.update((node, (round(x + px - left), round(y + py - top))) for node, (px, py) in layout.items())
        x, row_height = x + width, max(row_height, height)
    return packed


def vis_options(physics: bool) -> dict[str, Any]:
    """vis-network options (``kg/templates/vis-options.json``), with physics off for big graphs."""
    options = json.loads(_read_asset("kg", "templates/vis-options.json"))
    if not physics:
        options["physics"]["enabled"] = False
        options["edges"]["smooth"] = {"enabled": False}
        options["interaction"]["hideEdgesOnDrag"] = True
    return options


def script_json(value: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028 or U+2029 left.

    Examples:
        >>> str(script_json({"name": "</script><b>&"}))
        '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_SCRIPT_UNSAFE))


def _colouring(kg: KnowledgeGraph, shown: list[str], color: str) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Each shown node's colour and the legend entries (name, colour, count)."""
    palette = json.loads(_read_asset("kg", "templates/palette.json"))
    if color == "type":
        types = {iri: kg.entity(iri).type for iri in shown}
        colours = {iri: palette["types"].get(t, palette["default"]) for iri, t in types.items()}
        names = sorted(set(types.values()))
        counts = {name: sum(1 for t in types.values() if t == name) for name in names}
        return colours, [
            {"name": name, "color": palette["types"].get(name, palette["default"]), "count": counts[name]}
            for name in names
        ]
    groups = [members for members in communities(kg.graph.subgraph(shown)) if len(members) > 1]
    named = groups[: len(palette["communities"])]
    colours = {iri: palette["default"] for iri in shown}
    legend = []
    for members, colour in zip(named, palette["communities"], strict=False):
        colours.update((iri, colour) for iri in members)
        leader = kg.entity(most_important(kg.graph.subgraph(members), 1)[0]).label
        legend.append({"name": f"around {leader}", "color": colour, "count": len(members)})
    rest = len(shown) - sum(len(members) for members in named)
    if rest:
        legend.append({"name": "smaller groups and loners", "color": palette["default"], "count": rest})
    return colours, legend


def _node_data(entity: Entity, colour: str, degree: int, position: tuple[float, float]) -> dict[str, Any]:
    return {
        "id": entity.iri,
        "label": entity.label,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "mentions": entity.mention_count,
        "documents": list(entity.documents),
        "color": colour,
        "value": degree + 1,
        "x": position[0],
        "y": position[1],
    }


def _edge_data(index: int, relation: Relation, dates: dict[str, str | None]) -> dict[str, Any]:
    data = {
        "id": f"e{index}",
        "from": relation.subject,
        "to": relation.object,
        "predicate": local_name(relation.predicate),
        "confidence": relation.confidence,
        "evidence": [_evidence_data(e, dates.get(e.doc_id)) for e in relation.evidence],
    }
    span = reported_range(dates.get(e.doc_id) for e in relation.evidence)
    if span is not None:
        data["firstReported"], data["lastReported"] = span[0].value, span[1].value
    return data


def _evidence_data(evidence: Evidence, date: str | None) -> dict[str, Any]:
    """One evidence for the page: its document and sentence; its date, stated times and amount when known.

    ``day`` (``YYYY-MM-DD``) is what the page's date filter compares.
    """
    data: dict[str, Any] = {"document": evidence.doc_id, "sentence": evidence.sentence.text}
    if evidence.stated_predicate:  # the fact carries a more general predicate than the sentence stated
        data["stated"] = local_name(evidence.stated_predicate)
    published = document_date(date)
    if published is not None:
        data["reported"], data["day"] = published.value, published.day.isoformat()
    if evidence.times:
        data["times"] = [{"text": t.text, "value": t.value} for t in evidence.times]
    if evidence.amount is not None:
        amount = evidence.amount
        data["amount"] = {"text": amount.text, "value": amount.value, "currency": amount.currency}
    return data


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("kg", "templates"), autoescape=True, keep_trailing_newline=True)


@cache
def _read_asset(package: str, path: str) -> str:
    return (resources.files(package) / path).read_text(encoding="utf-8")


def _trusted_asset(package: str, path: str) -> Markup:
    """A script or stylesheet shipped with a package, to inline as is (it must not close its element)."""
    text = _read_asset(package, path)
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"{package}/{path} would close its inline element")
    return Markup(text)
