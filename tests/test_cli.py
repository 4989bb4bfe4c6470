"""The command line, through typer's CliRunner."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.helpers import SEEDS

runner = CliRunner()


def test_help_lists_commands_with_examples():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "build" in result.output and "query" in result.output
    for command in ("build", "query", "extract", "eval"):
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0 and "Example" in sub.output


@pytest.mark.model
def test_build_then_query_as_csv_and_json(tmp_path):
    prefix = tmp_path / "seeds"
    built = runner.invoke(app, ["build", str(SEEDS), "-o", str(prefix)])
    assert built.exit_code == 0, built.output
    assert prefix.with_suffix(".ttl").exists() and prefix.with_suffix(".html").exists()
    query = "SELECT ?label WHERE { ?p kg:released ?o . ?o rdfs:label ?label }"
    as_csv = runner.invoke(app, ["query", str(prefix.with_suffix(".ttl")), query, "--format", "csv"])
    assert as_csv.exit_code == 0
    assert as_csv.stdout.splitlines()[0] == "label" and "R1" in as_csv.stdout.splitlines()[1:]
    as_json = runner.invoke(app, ["query", str(prefix.with_suffix(".ttl")), query, "--format", "json"])
    bindings = json.loads(as_json.stdout)["results"]["bindings"]
    assert {"type": "literal", "value": "R1"} in [b["label"] for b in bindings]


def test_query_file_option_and_syntax_error_exit_2(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text("<https://e.org/a> <https://w3id.org/offline-kg/ontology#released> <https://e.org/b> .\n")
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?o WHERE { ?s kg:released ?o }")
    ok = runner.invoke(app, ["query", str(graph), "-f", str(rq), "--format", "tsv"])
    assert (ok.exit_code == 0 and "<https://e.org/b>" in ok.stdout) or "https://e.org/b" in ok.stdout
    bad = runner.invoke(app, ["query", str(graph), "SELECT ?o WHERE { ?s kg:released "])
    assert bad.exit_code == 2
    assert "line 1" in bad.output and "Traceback" not in bad.output


def test_service_is_refused(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text("<https://e.org/a> <https://e.org/p> <https://e.org/b> .\n")
    result = runner.invoke(app, ["query", str(graph), "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"])
    assert result.exit_code == 2 and "SERVICE" in result.output


def test_missing_model_is_a_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text("DeepSeek released R1.")
    result = runner.invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "x"), "--model", "no_such_model_xyz"])
    assert result.exit_code == 1
    assert "no_such_model_xyz" in result.output and "not installed" in result.output
    assert "Traceback" not in result.output


def test_nothing_to_build_fails_clearly(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    result = runner.invoke(app, ["build", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "empty document" in result.output


@pytest.mark.model
def test_extract_writes_mention_and_relation_records_in_the_documented_format(tmp_path):
    out = tmp_path / "seeds.jsonl"
    result = runner.invoke(app, ["extract", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    mentions = [r for r in records if r["kind"] == "mention"]
    relations = [r for r in records if r["kind"] == "relation"]
    assert mentions and relations
    texts = {path.name: path.read_text(encoding="utf-8") for path in SEEDS.iterdir()}
    for mention in mentions:
        assert list(mention) == ["kind", "doc", "start", "end", "text", "entity", "type", "rule"]
        assert texts[mention["doc"]][mention["start"] : mention["end"]] == mention["text"]
        assert mention["entity"].startswith("https://example.org/kg/entity/")
        assert mention["type"].startswith("https://w3id.org/offline-kg/ontology#")
    for relation in relations:
        assert list(relation) == [
            "kind", "doc", "predicate", "subject", "object", "sentence", "confidence", "rule"]
        text = texts[relation["doc"]]
        for end in (relation["subject"], relation["object"]):
            assert list(end) == ["entity", "type", "text", "start", "end", "rule"]
            assert text[end["start"] : end["end"]] == end["text"]
            assert relation["sentence"]["start"] <= end["start"] < end["end"] <= relation["sentence"]["end"]
        assert relation["predicate"].startswith(("https://w3id.org/offline-kg/ontology#", "https://w3id.org/offline-kg/open#"))
        assert 0 < relation["confidence"] <= 1 and relation["rule"]
    released = [r for r in relations if r["predicate"].endswith("#released")]
    assert any(r["subject"]["text"] == "DeepSeek" and r["object"]["text"] == "R1" for r in released)


@pytest.mark.model
def test_build_writes_merges_and_takes_a_user_gazetteer(tmp_path):
    names = tmp_path / "names.yaml"
    names.write_text("entities:\n  - {name: Paris AI Action Summit, type: Event}\nignore: [China Daily]\n")
    prefix = tmp_path / "seeds"
    result = runner.invoke(app, ["build", str(SEEDS), "-o", str(prefix), "--format", "ttl", "--gazetteer", str(names)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in (tmp_path / "seeds.merges.tsv").read_text(encoding="utf-8").splitlines()]
    assert rows[0] == ["iri", "label", "type", "merged"]
    by_label = {row[1]: row for row in rows[1:]}
    assert by_label["Paris AI Action Summit"][2] == "Event"
    assert "China Daily" not in by_label
    assert "Xiaohongshu [parenthetical]" in by_label["RedNote"][3]
    assert "US [alias file]" in by_label["United States"][3]


@pytest.mark.parametrize(
    "command", [["build", "-o", "PREFIX"], ["build", "--into", "PREFIX"], ["extract", "-o", "PREFIX"]]
)
def test_a_base_that_is_not_an_iri_is_refused_before_any_work(tmp_path, command):
    target = str(tmp_path / "out")
    args = [part.replace("PREFIX", target) for part in command]
    result = runner.invoke(app, [args[0], str(SEEDS), *args[1:], "--base", "https://example.org/my kg/"])
    assert result.exit_code == 2
    assert "base IRI 'https://example.org/my kg/' is not an absolute IRI" in result.output
    assert "Traceback" not in result.output and list(tmp_path.iterdir()) == []
