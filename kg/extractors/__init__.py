"""Extraction: mentions and relation mentions read off a parsed spaCy ``Doc``.

:func:`extract_document` is the one entry point. The kind modules that hold relation
finders are imported here so that their ``@relation_finder`` registrations run first.
"""

from __future__ import annotations

from kg.extractors import linking, locatives, nominal, verbs  # noqa: F401  (registrations)
from kg.extractors.document import extract_document

__all__ = ["extract_document"]
