"""Inputs to :class:`~kg.model.Document` objects: text, JSON Lines, web pages, PDFs, feeds and crawls.

:mod:`kg.ingest.reader` walks the paths and dispatches each file by suffix to its format's
module (:mod:`~kg.ingest.web`, :mod:`~kg.ingest.pdf`, :mod:`~kg.ingest.feeds`, :mod:`~kg.ingest.warc`),
which reads it through :mod:`~kg.ingest.files` (safe, bounded reading) and :mod:`~kg.ingest.decode`.
"""
