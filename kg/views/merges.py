"""``PREFIX.merges.tsv``: one row per entity with every surface form merged into it and the rule that merged it."""

from __future__ import annotations

from kg.views.context import ViewContext


def merges_tsv(context: ViewContext, name: str = "merges") -> str:
    """One row per entity: IRI, label, class, and every surface form merged into it with the rule that merged it.

    Surface forms are ``form [rule]`` joined by `` | ``; tabs and newlines in names become spaces.
    """
    rows = ["iri\tlabel\ttype\tmerged"]
    for entity in context.graph.entities:
        merged = " | ".join(f"{_one_line(form)} [{rule}]" for form, rule in entity.merged_from)
        rows.append(f"{entity.iri}\t{_one_line(entity.label)}\t{entity.type}\t{merged}")
    return "\n".join(rows) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())
