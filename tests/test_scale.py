"""Streaming at scale: long documents in parts, worker processes, bounded retention."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.defaults import BuildOptions
from kg.model import Document, Extraction, Mention
from kg.nlp.parts import join_parts, split_text
from kg.pipeline import build, extract
from kg.views import write_views
from tests.helpers import SEEDS

PARAGRAPH = "Nvidia CEO Jensen Huang spoke in Taipei. DeepSeek released R1 in January, analysts said."


def test_split_text_covers_the_text_in_bounded_parts():
    text = "\n\n".join(f"Paragraph {i}. It has two sentences." for i in range(50)) + " " + "x" * 120
    parts = split_text(text, 100)
    assert "".join(part for _, part in parts) == text
    assert all(len(part) <= 100 for _, part in parts)
    assert all(text[offset : offset + len(part)] == part for offset, part in parts)
    assert all(part.endswith("\n\n") for _, part in parts[:-3]), "cuts fall at paragraph breaks first"


def test_split_text_falls_back_to_sentences_then_spaces_then_a_hard_cut():
    assert split_text("One two. Three four five six.", 20)[0] == (0, "One two. ")
    assert split_text("aaaa bbbb cccc dddd", 12)[0] == (0, "aaaa bbbb ")
    assert split_text("a" * 25, 10) == [(0, "a" * 10), (10, "a" * 10), (20, "a" * 5)]


def test_join_parts_shifts_every_offset():
    document = Document.from_text("d", "Apple. Nvidia.")
    part = Extraction(document, (Mention("d", 0, 6, "Nvidia", "Organization"),), ())
    joined = join_parts(document, [(0, part), (7, part)])
    assert [(m.start, m.end) for m in joined.mentions] == [(0, 6), (7, 13)]


@pytest.mark.model
def test_long_document_parsed_in_parts_keeps_offsets_right(tmp_path: Path):
    text = "\n\n".join(f"{PARAGRAPH} Story {i} ends here." for i in range(40))
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    (extraction,) = extract([tmp_path / "long.txt"], BuildOptions(part_chars=500))
    assert len(split_text(text, 500)) > 5
    assert extraction.document.text == text
    assert extraction.mentions and all(text[m.start : m.end] == m.text for m in extraction.mentions)
    assert max(m.start for m in extraction.mentions) > len(text) - 500, "the last part's mentions are kept"
    for relation in extraction.relations:
        assert text[relation.sentence.start : relation.sentence.end] == relation.sentence.text
        for mention in (relation.subject, relation.object):
            assert text[mention.start : mention.end] == mention.text
    whole = next(extract([tmp_path / "long.txt"]))
    assert {(m.start, m.text) for m in extraction.mentions} == {(m.start, m.text) for m in whole.mentions}


@pytest.mark.model
def test_two_worker_processes_give_the_same_graph_as_one(tmp_path: Path):
    (tmp_path / "more.txt").write_text("\n\n".join([PARAGRAPH] * 3), encoding="utf-8")
    paths = [SEEDS, tmp_path / "more.txt"]
    one = write_views(build(paths, BuildOptions(n_process=1, batch_size=1)), tmp_path / "one", ["ttl"])[0]
    two = write_views(build(paths, BuildOptions(n_process=2, batch_size=1)), tmp_path / "two", ["ttl"])[0]
    assert one.read_bytes() == two.read_bytes()


@pytest.mark.model
def test_a_built_graph_keeps_no_document_text():
    graph = build([SEEDS])
    assert graph.documents and all(document.text == "" for document in graph.documents.values())
    assert all(len(document.sha256) == 64 for document in graph.documents.values())


def test_store_commands_have_examples_and_build_needs_a_target(tmp_path: Path):
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    for command in ("remove", "export"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output
    (tmp_path / "a.txt").write_text("DeepSeek released R1.", encoding="utf-8")
    neither = runner.invoke(app, ["build", str(tmp_path / "a.txt")])
    assert neither.exit_code == 2 and "--into" in neither.output
    missing = runner.invoke(app, ["export", str(tmp_path), "-o", str(tmp_path / "x")])
    assert missing.exit_code == 1 and "not a kg store" in missing.output and "Traceback" not in missing.output


def test_bench_measures_a_process_tree_and_refuses_a_missing_corpus(tmp_path: Path, capsys):
    import sys

    from benchmarks.__main__ import main
    from benchmarks.pipeline import measure, write_sample

    run = measure([sys.executable, "-c", "import time; x = bytearray(80_000_000); time.sleep(0.5); print('done')"])
    assert run.stdout.strip() == "done" and run.peak_rss_mb > 70 and run.seconds >= 0.5
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(f'{{"id": "{i}", "text": "Text {i}."}}\n' for i in range(5)), encoding="utf-8")
    assert write_sample(corpus, tmp_path / "tail.jsonl", 3, 10) == 2
    assert main(["--corpus", str(tmp_path / "missing.jsonl")]) == 1
    assert "missing.jsonl: corpus not found" in capsys.readouterr().err


def test_build_collects_the_oldest_generation_rarely_while_records_pile_up_and_restores_the_setting(
    tmp_path: Path, blank_pipeline
):
    import gc

    (tmp_path / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    graph = build([tmp_path], on_document=lambda document: during.append(gc.get_threshold()))
    assert graph.documents, "the document was built"
    assert during and all(threshold[2] >= 100 > before[2] for threshold in during)
    assert gc.get_threshold() == before
