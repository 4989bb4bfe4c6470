"""The exceptions `kg` raises. The CLI turns a :class:`KGError` into a one-line message."""

from __future__ import annotations


class KGError(Exception):
    """Root of every error `kg` reports to a user; the message names the file and the problem."""

    exit_code = 1


class InputError(KGError):
    """A document or input path could not be read."""


class ModelNotFoundError(KGError):
    """The requested spaCy pipeline is not installed."""


class VocabularyError(KGError):
    """A pattern file names a term the ontology does not declare, or the ontology is malformed."""


class QuerySyntaxError(KGError):
    """A SPARQL query does not parse."""

    exit_code = 2


class QueryRefusedError(KGError):
    """A SPARQL query asks for something refused by default (SERVICE, remote loads)."""

    exit_code = 2


class OutputError(KGError):
    """An output file could not be written."""


class StoreError(KGError):
    """A store directory is missing, not a kg store, or was built with other settings."""


class StoreLockedError(StoreError):
    """Another kg process is writing the store."""
