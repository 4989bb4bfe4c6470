"""Extraction: mentions and relation mentions read off a parsed spaCy ``Doc``.

:func:`extract_document` is the one entry point. One module per kind: ``mentions``,
``recovery`` (missed names), ``linking`` (aliases, acronyms, surnames), ``coreference``,
``verbs``, ``nominal`` (nouns, possessives, titles), ``rivals``, ``works`` (recorded works and their makers),
``ownership`` and ``locatives``. A new relation finder is a function of a
:class:`~kg.extractors.registry.SentenceContext` decorated with
``@relation_finder("name")`` in its kind's module, and the name listed in
``kg/patterns/extraction.yaml``; the kind modules are imported here so that their
registrations run first.
"""

from __future__ import annotations

from kg.extractors import linking, locatives, nominal, ownership, rivals, verbs, works  # noqa: F401  (registrations)
from kg.extractors.document import extract_document
from kg.extractors.times import prepare_date_reading

__all__ = ["extract_document", "prepare_date_reading"]
