"""kg: an offline knowledge-graph builder for English news text.

Examples:
    >>> import kg
    >>> graph = kg.build(["seeds/"])                      # doctest: +SKIP
    >>> graph.write("out/seeds", formats=["ttl", "html"])   # doctest: +SKIP
    >>> graph.query("SELECT ?o WHERE { ?s kg:released ?o }").values()  # doctest: +SKIP
"""

from __future__ import annotations

from kg.build import build, extract, merge
from kg.errors import KGError
from kg.model import Document, Entity, Evidence, Extraction, KnowledgeGraph, Mention, Relation, RelationMention

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Entity",
    "Evidence",
    "Extraction",
    "KGError",
    "KnowledgeGraph",
    "Mention",
    "Relation",
    "RelationMention",
    "__version__",
    "build",
    "extract",
    "merge",
]
