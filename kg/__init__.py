"""kg: an offline knowledge-graph builder for English news text.

The public names below load on first use (PEP 562), so ``import kg`` and ``kg --help`` stay
fast: spaCy, rdflib and networkx are imported only when a name that needs them is.

Examples:
    >>> import kg
    >>> graph = kg.build(["seeds/"])                      # doctest: +SKIP
    >>> graph.write("out/seeds", formats=["ttl", "html"])   # doctest: +SKIP
    >>> graph.query("SELECT ?o WHERE { ?s kg:released ?o }").values()  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.errors import KGError
    from kg.model import Document, Entity, Evidence, Extraction, KnowledgeGraph, Mention, Relation, RelationMention
    from kg.pipeline import build, extract, merge

__version__ = "0.1.0"

_HOMES = {
    "Document": "kg.model",
    "Entity": "kg.model",
    "Evidence": "kg.model",
    "Extraction": "kg.model",
    "KGError": "kg.errors",
    "KnowledgeGraph": "kg.model",
    "Mention": "kg.model",
    "Relation": "kg.model",
    "RelationMention": "kg.model",
    "build": "kg.pipeline",
    "extract": "kg.pipeline",
    "merge": "kg.pipeline",
}
__all__ = sorted([*_HOMES, "__version__"])


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _PublicNames(ModuleType):
    """The ``kg`` package, whose public names win over its submodules of the same name.

    Importing a submodule makes Python set it as an attribute of its package, so ``import
    kg.extract`` would turn ``kg.extract`` from the public function into the module.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _HOMES and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _PublicNames
