"""The exceptions `kg` raises. The CLI turns a :class:`KGError` into a one-line message."""

from __future__ import annotations


class KGError(Exception):
    """Root of every error `kg` reports to a user; the message names the file and the problem."""

    exit_code = 1


class InputError(KGError):
    """A document or input path could not be read."""


class NotTextError(InputError):
    """A file's bytes are binary data (an image, archive, executable...), not text."""


class NotAFileError(InputError):
    """An input path names no regular file: nothing, a broken link, a pipe, a socket or a device."""


class TooLargeError(InputError):
    """An input is larger than the size limit (``--max-document-mb``)."""


class FormatError(InputError):
    """A file is not the format its name says (a ``.html`` that is a PDF), or is damaged (a truncated PDF)."""


class ModelNotFoundError(KGError):
    """The requested spaCy pipeline is not installed."""


class VocabularyError(KGError):
    """A pattern file names a term the ontology does not declare, or the ontology is malformed."""


class QuerySyntaxError(KGError):
    """A SPARQL query does not parse."""

    exit_code = 2


class UsageError(KGError):
    """The command was asked for something that does not exist (an unknown example query, format, ...)."""

    exit_code = 2


class QueryRefusedError(KGError):
    """A SPARQL query asks for something refused by default (SERVICE, remote loads)."""

    exit_code = 2


class InferenceError(KGError):
    """Reasoning over the graph with the ontology found a contradiction."""


class ValidationError(KGError):
    """The shapes or ontology used for validation cannot be read."""


class QueryTimeoutError(KGError):
    """A SPARQL query ran longer than its time limit."""


class OutputError(KGError):
    """An output file could not be written."""


class ServerError(KGError):
    """A server kg runs or talks to (SPARQL endpoint, Graph Store, Dask scheduler) cannot be started, reached or used."""


class StoreError(KGError):
    """A store directory is missing, not a kg store, or was built with other settings."""


class StoreLockedError(StoreError):
    """Another kg process is writing the store."""
