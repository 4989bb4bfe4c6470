"""What every output writer is given: the graph, the page options, and a memo shared by the writers of one call."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.defaults import PageOptions

if TYPE_CHECKING:
    from kg.model import KnowledgeGraph


@dataclass
class ViewContext:
    """The graph to write and how to write it; ``memo`` lets writers of one call share work (the RDF dataset).

    Attributes:
        graph: the knowledge graph (never changed by a view).
        page: how the HTML page is drawn.
        infer: RDF outputs also hold what the ontology entails (OWL-RL).
        memo: results computed once per call and shared between the formats written.
    """

    graph: KnowledgeGraph
    page: PageOptions = field(default_factory=PageOptions)
    infer: bool = False
    memo: dict[str, Any] = field(default_factory=dict)
