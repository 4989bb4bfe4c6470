"""Inputs to :class:`~kg.model.Document` objects: files, folders and JSON Lines (:mod:`kg.ingest.reader`)."""
