"""Tests of kg.extractors on hand-built parses: no statistical model needed."""
