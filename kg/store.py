"""A persistent knowledge-graph store: incremental, idempotent and crash-safe builds.

A store is a directory (format version 1)::

    STORE/
      oxigraph -> current/oxigraph     the graph: an on-disk pyoxigraph store (what readers open)
      current -> generations/000003    the live generation, replaced atomically (rename of a symlink)
      generations/000003/
        manifest.json                  format, version, base, model; each document's hash and records file
        oxigraph/                      default graph: everything ``kg build`` writes; plus what kg.views.rdf
                                       puts in named graphs
      records/ab/<key>.json            one document version's extraction records (content-addressed, shared)
      lock                             a ``filelock`` lock file: one writer at a time

Each document's extraction records are kept, so a write re-resolves entities over all
records (cheap next to parsing) and the graph is always exactly what one build of all the
documents gives. A write builds a complete new generation beside the live one and then
swaps the ``current`` symlink: a process killed at any point leaves the previous
generation live and untouched; leftovers are cleared by the next write.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.answers import STORE_GRAPH_DIRECTORY, open_read_only
from kg.defaults import BuildOptions
from kg.errors import InputError, NotAStoreError, StoreError
from kg.fileio import atomic_write_text, store_lock, sync_directory
from kg.ingest.reader import SkipHandler, read_documents
from kg.model import Document, Extraction, KnowledgeGraph
from kg.parse import DocumentHandler, parse_documents
from kg.resolve import merge
from kg.vocab import checked_base

STORE_FORMAT = "kg-store"
STORE_VERSION = 1
MANIFEST = "manifest.json"
OXIGRAPH_DIRECTORY = STORE_GRAPH_DIRECTORY  # STORE/oxigraph: the live generation's pyoxigraph store, for readers
STORE_ENTRIES = frozenset({"lock", "current", OXIGRAPH_DIRECTORY, "generations", "records", ".current.new"})


@dataclass(frozen=True)
class Manifest:
    """What a generation holds: its settings and, per document id, the content hash and records file."""

    base: str
    model: str
    documents: dict[str, tuple[str, str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The manifest as written to ``manifest.json``."""
        documents = {doc_id: {"sha256": sha, "records": rec} for doc_id, (sha, rec) in sorted(self.documents.items())}
        return {"format": STORE_FORMAT, "version": STORE_VERSION, "base": self.base, "model": self.model,
                "documents": documents}

    @classmethod
    def from_json(cls, data: dict[str, Any], where: Path) -> Manifest:
        """Read a manifest, refusing other formats and versions."""
        if data.get("format") != STORE_FORMAT or data.get("version") != STORE_VERSION:
            raise NotAStoreError(
                f"{where}: not a kg store of format version {STORE_VERSION} "
                f"(found {data.get('format')!r} version {data.get('version')!r})"
            )
        documents = {doc_id: (entry["sha256"], entry["records"]) for doc_id, entry in data["documents"].items()}
        return cls(data["base"], data["model"], documents)


@dataclass(frozen=True)
class StoreChange:
    """What one write did to a store, and the graph the store now holds."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    graph: KnowledgeGraph | None = None

    def store_graph(self) -> KnowledgeGraph:
        """The graph the store holds after a write that adds documents (which always sets it)."""
        if self.graph is None:
            raise StoreError("the store change carries no graph")  # a removal; never after add_documents
        return self.graph


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a kg store directory."""
    return (Path(path) / "current" / MANIFEST).is_file()


def read_manifest(store: str | Path) -> Manifest:
    """The manifest of the store's live generation.

    Raises:
        NotAStoreError: ``store`` is not a kg store.
    """
    path = Path(store) / "current" / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotAStoreError(
            f"{store}: not a kg store (no {path.relative_to(store)}); create one with kg build --into"
        ) from None
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: cannot read the store manifest: {exc}") from exc
    return Manifest.from_json(data, path)


def load_extractions(store: str | Path, manifest: Manifest) -> Iterator[Extraction]:
    """The stored extraction records of every document, in document-id order."""
    for doc_id in sorted(manifest.documents):
        yield _read_records(Path(store), manifest.documents[doc_id][1])


def load_store_graph(store: str | Path) -> KnowledgeGraph:
    """The knowledge graph a store holds, rebuilt from its records (what ``kg export`` writes)."""
    manifest = read_manifest(store)
    return merge(load_extractions(store, manifest), manifest.base)


def open_oxigraph(store: str | Path) -> Any:
    """The store's ``oxigraph/`` pyoxigraph store, opened read-only (readers may share it with a writer).

    Raises:
        NotAStoreError: ``store`` has no ``oxigraph/`` store inside.
        StoreError: it cannot be opened.
    """
    return open_read_only(Path(store), Path(store) / OXIGRAPH_DIRECTORY)


def open_store(source: str | Path) -> Any:
    """A kg store directory opened read-only, or an RDF file loaded into a temporary in-memory store.

    Raises:
        NotAStoreError: a directory that is not a kg store.
        InputError: a file that is not a readable RDF file.
    """
    from kg.views.rdf import load_store

    source = Path(source)
    return open_oxigraph(source) if source.is_dir() else load_store(source)


def open_store_graph(store: str | Path) -> Any:
    """The store's default graph as a read-only rdflib ``Graph`` over Oxigraph (for SPARQL)."""
    from oxrdflib import OxigraphStore
    from rdflib import Graph
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from kg.views.rdf import bind_prefixes

    read_manifest(store)
    return bind_prefixes(Graph(store=OxigraphStore(store=open_oxigraph(store)), identifier=DATASET_DEFAULT_GRAPH_ID))


def add_documents(
    store: str | Path,
    paths: Iterable[str | Path],
    options: BuildOptions | None = None,
    *,
    wait: bool = False,
    on_skip: SkipHandler | None = None,
    on_document: DocumentHandler | None = None,
) -> StoreChange:
    """Add the documents under ``paths`` to ``store`` (created if absent).

    A document already stored with the same content hash is skipped unparsed; one whose
    text changed replaces its old records. Entities are re-resolved over all records, so
    building A then B gives the same graph as building A and B together.

    Raises:
        StoreError: the store was built with another model or base IRI.
        StoreLockedError: another process is writing the store and ``wait`` is false.
        InputError: nothing could be read and the store is new.
        UsageError: ``options.base`` is not an absolute IRI.
    """
    store = Path(store)
    options = options or BuildOptions()
    model, base = options.model, checked_base(options.base)
    _refuse_foreign_directory(store)
    with store_lock(store, wait=wait):
        old = read_manifest(store) if is_store(store) else Manifest(base, model)
        _check_settings(store, old, model, base)
        unchanged: dict[str, None] = {}

        def fresh(documents: Iterable[Document]) -> Iterator[Document]:
            for document in documents:
                stored = old.documents.get(document.id)
                if stored is not None and stored[0] == document.sha256:
                    unchanged[document.id] = None
                else:
                    yield document

        new: dict[str, Extraction] = {}
        for extraction in parse_documents(
            fresh(read_documents(paths, on_skip, max_document_bytes=options.max_document_bytes)),
            model=model, batch_size=options.batch_size, n_process=options.n_process, on_document=on_document,
        ):
            new[extraction.document.id] = extraction.without_text()
        if not new and not unchanged and not old.documents:
            raise InputError("no document could be read from the given paths")
        if new:
            documents = dict(old.documents)
            for doc_id, extraction in new.items():
                documents[doc_id] = (extraction.document.sha256, _write_records(store, extraction))
            graph = _commit(store, Manifest(old.base, old.model, documents), new)
        else:  # nothing new: the live generation stays as it is
            graph = merge(load_extractions(store, old), old.base)
    return StoreChange(
        added=tuple(sorted(d for d in new if d not in old.documents)),
        replaced=tuple(sorted(d for d in new if d in old.documents)),
        unchanged=tuple(sorted(d for d in unchanged if d not in new)),
        graph=graph,
    )


def remove_documents(store: str | Path, doc_ids: Iterable[str], *, wait: bool = False) -> StoreChange:
    """Retract documents from ``store``: their facts go unless other documents support them too.

    Raises:
        StoreError: ``store`` is not a kg store, or holds none of ``doc_ids``.
    """
    store = Path(store)
    wanted = list(dict.fromkeys(doc_ids))
    with store_lock(store, wait=wait):
        old = read_manifest(store)
        removed = tuple(d for d in wanted if d in old.documents)
        missing = tuple(d for d in wanted if d not in old.documents)
        if not removed:
            raise StoreError(f"{store}: holds no document {', '.join(repr(d) for d in missing)}")
        documents = {d: entry for d, entry in old.documents.items() if d not in removed}
        graph = _commit(store, Manifest(old.base, old.model, documents), {})
    return StoreChange(removed=removed, missing=missing, graph=graph)


def _refuse_foreign_directory(store: Path) -> None:
    """Never turn a folder of other files into a store (``--into ~`` by mistake)."""
    if store.is_dir() and not is_store(store):
        foreign = sorted(p.name for p in store.iterdir() if p.name not in STORE_ENTRIES)
        if foreign:
            raise NotAStoreError(
                f"{store}: not a kg store and not empty (holds {foreign[0]}); give a new or empty folder"
            )
    elif store.exists() and not store.is_dir():
        raise NotAStoreError(f"{store}: not a kg store (a file, not a folder)")


def _check_settings(store: Path, manifest: Manifest, model: str, base: str) -> None:
    if manifest.model != model:
        raise StoreError(f"{store}: this store was built with --model {manifest.model}, not {model}")
    if manifest.base != base:
        raise StoreError(f"{store}: this store was built with --base {manifest.base}, not {base}")


def _records_path(extraction: Extraction) -> str:
    """Where one document version's records live, relative to the store (content-addressed)."""
    key = hashlib.sha256(f"{extraction.document.id}\0{extraction.document.sha256}".encode()).hexdigest()
    return f"records/{key[:2]}/{key}.json"


def _write_records(store: Path, extraction: Extraction) -> str:
    relative = _records_path(extraction)
    atomic_write_text(store / relative, json.dumps(extraction.to_json(), ensure_ascii=False, sort_keys=True))
    return relative


def _read_records(store: Path, relative: str) -> Extraction:
    path = store / relative
    try:
        return Extraction.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{path}: cannot read stored extraction records: {exc}") from exc


def _commit(store: Path, manifest: Manifest, fresh: dict[str, Extraction]) -> KnowledgeGraph:
    """Write a new generation holding ``manifest``'s documents and make it live; return its graph."""
    extractions = (
        fresh[doc_id] if doc_id in fresh else _read_records(store, manifest.documents[doc_id][1])
        for doc_id in sorted(manifest.documents)
    )
    graph = merge(extractions, manifest.base)
    generations = store / "generations"
    generations.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".new-", dir=generations))
    try:
        staging.chmod(0o755)
        _write_oxigraph(staging / OXIGRAPH_DIRECTORY, graph)
        atomic_write_text(staging / MANIFEST, json.dumps(manifest.to_json(), ensure_ascii=False, indent=1))
        target = generations / f"{_next_generation(generations):06d}"
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = _activate(store, target)
    _collect_garbage(store, keep={target} if previous is None else {target, previous})
    return graph


def _write_oxigraph(path: Path, graph: KnowledgeGraph) -> None:
    import pyoxigraph

    from kg.views.rdf import oxigraph_store, to_dataset

    quads = oxigraph_store(to_dataset(graph)).dump(format=pyoxigraph.RdfFormat.N_QUADS)  # a store needs no order
    oxigraph = pyoxigraph.Store(str(path))
    oxigraph.bulk_load(quads, format=pyoxigraph.RdfFormat.N_QUADS)
    oxigraph.flush()
    del oxigraph


def _next_generation(generations: Path) -> int:
    numbers = [int(p.name) for p in generations.iterdir() if p.name.isdigit()]
    return max(numbers, default=0) + 1


def _activate(store: Path, generation: Path) -> Path | None:
    """Point ``current`` at ``generation`` with one atomic rename (the commit point); return the previous one."""
    current = store / "current"
    previous = store / os.readlink(current) if current.is_symlink() else None
    link = store / ".current.new"
    link.unlink(missing_ok=True)
    link.symlink_to(generation.relative_to(store))
    os.replace(link, current)
    sync_directory(store)
    readers_path = store / OXIGRAPH_DIRECTORY
    if not readers_path.is_symlink():
        readers_path.symlink_to(Path("current") / "oxigraph")
    return previous


def _collect_garbage(store: Path, keep: set[Path]) -> None:
    """Delete all generations but ``keep`` (the live one and the one before it, which a reader may
    still have open), what killed runs left, and records no kept generation refers to."""
    for path in (store / "generations").iterdir():
        if path not in keep:
            shutil.rmtree(path, ignore_errors=True)
    referenced: set[str] = set()
    for generation in keep:
        data = json.loads((generation / MANIFEST).read_text(encoding="utf-8"))
        referenced.update(entry["records"] for entry in data["documents"].values())
    for path in (store / "records").glob("*/*"):
        if path.relative_to(store).as_posix() not in referenced:
            path.unlink(missing_ok=True)
