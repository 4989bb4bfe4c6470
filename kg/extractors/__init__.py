"""Extraction: mentions and relation mentions read off a parsed spaCy ``Doc``."""

from __future__ import annotations

from kg.extractors.document import extract_document

__all__ = ["extract_document"]
