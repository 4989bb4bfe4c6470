"""The persistent store: incremental, idempotent builds, removal, export, locking and crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import XSD, Literal
from typer.testing import CliRunner

from kg.cli import app
from kg.defaults import BuildOptions
from kg.errors import StoreError, StoreLockedError
from kg.fileio import store_lock
from kg.model import KnowledgeGraph
from kg.pipeline import build
from kg.store import add_documents, load_store_graph, open_store_graph, read_manifest, remove_documents
from kg.views import write_views

pytestmark = pytest.mark.model
runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent

TEXTS = {
    "a.txt": "Nvidia CEO Jensen Huang spoke in Taipei on Monday. Nvidia manufactures the H800 chip.\n",
    "b.txt": "Nvidia Corp. manufactures the H800 chip, analysts said. DeepSeek released R1 in January.\n",
    "c.txt": "OpenAI develops GPT-4. Microsoft invested in OpenAI.\n",
}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def turtle(graph: KnowledgeGraph, where: Path) -> bytes:
    (path,) = write_views(graph, where, ["ttl"])
    return path.read_bytes()


def facts_by_document(graph: KnowledgeGraph) -> dict[tuple[str, str, str], set[str]]:
    return {(r.subject, r.predicate, r.object): {e.doc_id for e in r.evidence} for r in graph.relations}


def test_a_then_b_equals_a_and_b_together(corpus: Path, tmp_path: Path):
    store = tmp_path / "store"
    add_documents(store, [corpus / "a.txt"])
    add_documents(store, [corpus / "b.txt", corpus / "c.txt"])
    together = build([corpus / "a.txt", corpus / "b.txt", corpus / "c.txt"])
    assert turtle(load_store_graph(store), tmp_path / "store") == turtle(together, tmp_path / "together")


def test_later_corporate_name_joins_the_existing_node(corpus: Path, tmp_path: Path):
    store = tmp_path / "store"
    add_documents(store, [corpus / "a.txt"])
    graph = add_documents(store, [corpus / "b.txt"]).graph
    nvidia = [e for e in graph.entities if e.label == "Nvidia"]
    assert len(nvidia) == 1 and "Nvidia Corp." in nvidia[0].aliases
    assert set(nvidia[0].documents) == {"a.txt", "b.txt"}


def test_same_document_twice_is_skipped_and_the_store_is_untouched(corpus: Path, tmp_path: Path):
    store = tmp_path / "store"
    add_documents(store, [corpus])
    live = os.readlink(store / "current")
    again = add_documents(store, [corpus])
    assert again.unchanged == ("a.txt", "b.txt", "c.txt") and not again.added and not again.replaced
    assert os.readlink(store / "current") == live


def test_changed_document_replaces_its_facts(corpus: Path, tmp_path: Path):
    store = tmp_path / "store"
    add_documents(store, [corpus])
    before = facts_by_document(load_store_graph(store))
    (corpus / "c.txt").write_text("Google acquired DeepMind in 2014.\n", encoding="utf-8")
    change = add_documents(store, [corpus])
    assert change.replaced == ("c.txt",) and change.unchanged == ("a.txt", "b.txt")
    after = change.graph
    assert not any(label in {"OpenAI", "GPT-4", "Microsoft"} for label in (e.label for e in after.entities))
    assert any(e.label == "DeepMind" for e in after.entities)
    assert {f: d for f, d in before.items() if "c.txt" not in d} == {
        f: d for f, d in facts_by_document(after).items() if "c.txt" not in d
    }
    assert turtle(after, tmp_path / "store") == turtle(build([corpus]), tmp_path / "direct")


def test_remove_keeps_facts_other_documents_support(corpus: Path, tmp_path: Path):
    store = tmp_path / "store"
    add_documents(store, [corpus])
    before = facts_by_document(load_store_graph(store))
    shared = {f for f, docs in before.items() if docs == {"a.txt", "b.txt"}}
    only_a = {f for f, docs in before.items() if docs == {"a.txt"}}
    assert shared and only_a, "the fixture texts should give shared and a-only facts"
    change = remove_documents(store, ["a.txt", "nope.txt"])
    assert change.removed == ("a.txt",) and change.missing == ("nope.txt",)
    after = facts_by_document(load_store_graph(store))
    assert all(after[f] == {"b.txt"} for f in shared)
    assert not only_a & after.keys()
    assert "a.txt" not in read_manifest(store).documents
    assert turtle(load_store_graph(store), tmp_path / "s") == turtle(
        build([corpus / "b.txt", corpus / "c.txt"]), tmp_path / "d"
    )
    with pytest.raises(StoreError, match=r"holds no document 'a.txt'"):
        remove_documents(store, ["a.txt"])


def test_export_writes_what_build_writes_and_query_reads_the_store(corpus: Path, tmp_path: Path):
    store = tmp_path / "store"
    built = runner.invoke(app, ["build", str(corpus), "--into", str(store)])
    assert built.exit_code == 0, built.output
    exported = runner.invoke(app, ["export", str(store), "-o", str(tmp_path / "exp"), "--format", "ttl,nt"])
    assert exported.exit_code == 0, exported.output
    direct = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "dir"), "--format", "ttl,nt"])
    assert direct.exit_code == 0, direct.output
    for suffix in (".ttl", ".nt"):
        assert (tmp_path / f"exp{suffix}").read_bytes() == (tmp_path / f"dir{suffix}").read_bytes()
    query = "SELECT ?label WHERE { ?s kg:released ?o . ?o rdfs:label ?label }"
    on_store = runner.invoke(app, ["query", str(store), query, "--format", "csv"])
    on_file = runner.invoke(app, ["query", str(tmp_path / "dir.ttl"), query, "--format", "csv"])
    assert on_store.exit_code == 0, on_store.output
    assert on_store.stdout == on_file.stdout and "R1" in on_store.stdout


def test_store_graph_holds_what_the_files_hold(corpus: Path, tmp_path: Path):
    store = tmp_path / "store"
    graph = add_documents(store, [corpus]).graph
    from kg.views.rdf import to_dataset

    expected = {plain(triple) for triple in to_dataset(graph).default_graph}
    assert {plain(triple) for triple in open_store_graph(store)} == expected


def plain(triple: tuple) -> tuple:
    """Oxigraph returns simple literals typed xsd:string (the same in RDF 1.1); rdflib keeps them untyped."""
    return tuple(Literal(str(t)) if isinstance(t, Literal) and t.datatype == XSD.string else t for t in triple)


def test_a_second_writer_fails_clearly_or_waits(corpus: Path, tmp_path: Path):
    store = tmp_path / "store"
    add_documents(store, [corpus / "a.txt"])
    with store_lock(store):
        with pytest.raises(StoreLockedError, match="another kg process is writing"):
            add_documents(store, [corpus / "b.txt"])
        result = runner.invoke(app, ["remove", str(store), "a.txt"])
        assert result.exit_code == 1 and "--wait" in result.output and "Traceback" not in result.output
    holder = threading.Event()

    def hold_briefly() -> None:
        with store_lock(store):
            holder.set()
            time.sleep(1.0)

    thread = threading.Thread(target=hold_briefly)
    thread.start()
    holder.wait()
    change = add_documents(store, [corpus / "b.txt"], wait=True)
    thread.join()
    assert change.added == ("b.txt",)


def test_other_settings_are_refused(corpus: Path, tmp_path: Path):
    store = tmp_path / "store"
    add_documents(store, [corpus / "a.txt"])
    with pytest.raises(StoreError, match="--base"):
        add_documents(store, [corpus / "b.txt"], BuildOptions(base="https://other.example/"))
    with pytest.raises(StoreError, match="not a kg store"):
        load_store_graph(tmp_path)
    with pytest.raises(StoreError, match="not a kg store and not empty"):
        add_documents(corpus, [corpus / "a.txt"])
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt", "b.txt", "c.txt"]


# ---------------------------------------------------------------- killed writers

PAUSING_RUNNER = """
import sys, time
import kg.store as store
name, when = sys.argv[1], sys.argv[2]
original = getattr(store, name)
def paused(*args, **kwargs):
    if when == "after":
        original(*args, **kwargs)
    print("PAUSED", flush=True)
    time.sleep(120)
    return original(*args, **kwargs)
setattr(store, name, paused)
from kg.cli import app
app(sys.argv[3:], prog_name="kg")
"""


def snapshot(store: Path, where: Path) -> tuple[str, str, bytes, int]:
    live = os.readlink(store / "current")
    manifest = (store / "current" / "manifest.json").read_text(encoding="utf-8")
    return live, manifest, turtle(load_store_graph(store), where), len(set(open_store_graph(store)))


def run_until_paused(arguments: list[str]) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSING_RUNNER, *arguments],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.strip() == "PAUSED", process.stderr.read() if process.stderr else ""
    return process


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
@pytest.mark.parametrize(
    ("point", "when", "command"),
    [
        ("_write_records", "before", "build"),  # parsing done, nothing written yet
        ("_write_oxigraph", "after", "remove"),  # new graph written aside, no manifest yet
        ("_activate", "before", "build"),  # new generation complete, not yet live
    ],
)
def test_killed_write_leaves_the_previous_store_unchanged(corpus, tmp_path, sig, point, when, command):
    store = tmp_path / "store"
    add_documents(store, [corpus / "a.txt", corpus / "b.txt"])
    before = snapshot(store, tmp_path / "before")
    arguments = ["build", str(corpus), "--into", str(store)] if command == "build" else ["remove", str(store), "a.txt"]
    process = run_until_paused([point, when, *arguments])
    with pytest.raises(StoreLockedError):  # meanwhile the writer holds the lock
        remove_documents(store, ["b.txt"])
    process.send_signal(sig)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert snapshot(store, tmp_path / "after") == before
    if sig == signal.SIGINT:
        assert not list((store / "generations").glob(".new-*")), "an interrupted write cleans up after itself"
    finished = runner.invoke(app, arguments)
    assert finished.exit_code == 0, finished.output
    expected = build([corpus]) if command == "build" else build([corpus / "b.txt"])
    assert turtle(load_store_graph(store), tmp_path / "done") == turtle(expected, tmp_path / "expected")
    assert not list((store / "generations").glob(".new-*")), "the next write clears what a killed one left"
