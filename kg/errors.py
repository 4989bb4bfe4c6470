"""The exceptions `kg` raises: one root and a two-level tree, each class for one meaning.

The CLI turns a :class:`KGError` into a one-line message and its ``exit_code`` (1, or 2 for usage).

Examples:
    >>> issubclass(StoreLockedError, StoreError) and issubclass(DataFileError, InputError)
    True
"""

from __future__ import annotations


class KGError(Exception):
    """Root of every error `kg` reports to a user; the message names the file and the problem."""

    exit_code = 1


class UsageError(KGError):
    """The command asked for something that does not exist or cannot be (a format, an example, an output path)."""

    exit_code = 2


class QuerySyntaxError(UsageError):
    """A SPARQL query does not parse, or is too large or too deeply nested to parse safely."""


class QueryRefusedError(UsageError):
    """A SPARQL query asks for something refused by default (SERVICE, remote loads)."""


class InputError(KGError):
    """A document or an input path could not be read."""


class NotTextError(InputError):
    """A file's bytes are binary data (an image, archive, executable...), not text."""


class DataFileError(InputError):
    """A data file kg reads (gazetteer, pattern file, shapes, benchmark labels) is unreadable, malformed or too big."""


class NotAFileError(InputError):
    """An input path names no regular file: nothing, a broken link, a pipe, a socket or a device."""


class TooLargeError(InputError):
    """An input is larger than the size limit (``--max-document-mb``)."""


class FormatError(InputError):
    """A file is not the format its name says (a ``.html`` that is a PDF), or is damaged (a truncated PDF)."""


class QueryMemoryError(KGError):
    """A SPARQL query needed more memory than its limit."""


class OutputError(KGError):
    """An output file or folder could not be written."""


class StoreError(KGError):
    """A kg store cannot be used as asked: built with other settings, or it holds no such document."""


class NotAStoreError(StoreError):
    """A path given as a kg store is not one."""


class StoreLockedError(StoreError):
    """Another kg process is writing the store."""


class GraphError(KGError):
    """The ontology, a graph or the shapes are inconsistent with kg's vocabulary."""


class VocabularyError(GraphError):
    """A term the ontology does not declare, or an ontology that cannot be read."""


class InferenceError(GraphError):
    """Reasoning over the graph with the ontology found a contradiction."""


class ValidationError(GraphError):
    """The shapes or ontology used for validation cannot be used, or a file holds no kg graph at all."""


class ResourceError(KGError):
    """Something kg needs at run time is missing or ran out: a model, a server, a time limit."""


class MissingDependencyError(ResourceError):
    """An optional library that the requested feature needs is not installed (the message says what to install)."""


class ModelNotFoundError(ResourceError):
    """The requested spaCy pipeline is not installed."""


class ServerError(ResourceError):
    """A server kg runs or talks to (SPARQL endpoint, Graph Store, Dask scheduler) cannot be started, reached
    or used."""


class WorkerError(ResourceError):
    """A worker process kg started (``--jobs``) died before it finished its work: killed, or out of memory."""


class QueryTimeoutError(ResourceError):
    """A SPARQL query ran longer than its time limit."""
