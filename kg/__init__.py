"""kg: an offline knowledge-graph builder for English news text.

The public names below load on first use (PEP 562), so ``import kg`` and ``kg --help`` stay
fast: spaCy, rdflib and networkx are imported only when a name that needs them is. No public
name is also the name of a submodule, so importing a submodule never hides one.

Examples:
    >>> import kg
    >>> graph = kg.build(["seeds/"])                                  # doctest: +SKIP
    >>> kg.write(graph, "out/seeds", ["ttl", "html"])                 # doctest: +SKIP
    >>> kg.sparql(graph, "SELECT ?o WHERE { ?s kg:released ?o }").values()  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.defaults import BuildOptions, PageOptions
    from kg.errors import KGError
    from kg.model import Document, Entity, Evidence, Extraction, KnowledgeGraph, Mention, Relation, RelationMention
    from kg.pipeline import build, extract, sparql
    from kg.resolve import merge
    from kg.views import write_views as write
    from kg.views.rdf import to_dataset as to_rdf

__version__ = "0.1.0"

_HOMES = {  # public name -> (module, attribute)
    "BuildOptions": ("kg.defaults", "BuildOptions"),
    "Document": ("kg.model", "Document"),
    "Entity": ("kg.model", "Entity"),
    "Evidence": ("kg.model", "Evidence"),
    "Extraction": ("kg.model", "Extraction"),
    "KGError": ("kg.errors", "KGError"),
    "KnowledgeGraph": ("kg.model", "KnowledgeGraph"),
    "Mention": ("kg.model", "Mention"),
    "PageOptions": ("kg.defaults", "PageOptions"),
    "Relation": ("kg.model", "Relation"),
    "RelationMention": ("kg.model", "RelationMention"),
    "build": ("kg.pipeline", "build"),
    "extract": ("kg.pipeline", "extract"),
    "merge": ("kg.resolve", "merge"),
    "sparql": ("kg.pipeline", "sparql"),
    "to_rdf": ("kg.views.rdf", "to_dataset"),
    "write": ("kg.views", "write_views"),
}
__all__ = [
    "BuildOptions", "Document", "Entity", "Evidence", "Extraction", "KGError", "KnowledgeGraph", "Mention",
    "PageOptions", "Relation", "RelationMention", "__version__", "build", "extract", "merge", "sparql", "to_rdf",
    "write",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _HOMES[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
