"""SPARQL: query forms, output formats, engines agree, examples, errors, SERVICE, timeout, row cap."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from functools import partial

import psutil
import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryMemoryError, QueryRefusedError, QuerySyntaxError, QueryTimeoutError, UsageError
from kg.query import example_query, format_result, list_examples, run_query, run_query_in_worker
from kg.views.rdf import load_graph, serialize, to_dataset, to_memory_graph
from tests.helpers import ROOT

runner = CliRunner()
TURTLE = """@prefix kg: <https://w3id.org/offline-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://e.org/deepseek> a kg:Organization ; rdfs:label "DeepSeek" ; \
kg:released <https://e.org/r1> , <https://e.org/v3> .
<https://e.org/r1> a kg:AIModel ; rdfs:label "R1" .
<https://e.org/v3> a kg:AIModel ; rdfs:label "V3"@en .
"""
QUERIES = [
    "SELECT * WHERE { ?s kg:released ?o . ?o rdfs:label ?label } ORDER BY ?label",
    "SELECT ?label WHERE { ?s kg:released ?o . ?o rdfs:label ?label } ORDER BY ?label",
    "SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a ?type } GROUP BY ?type ORDER BY ?type",
    "SELECT ?s WHERE { ?s rdfs:label ?l FILTER (LANG(?l) = 'en') }",
    "SELECT ?o WHERE { ?s kg:released ?o OPTIONAL { ?o kg:nothing ?x } FILTER (!BOUND(?x)) } ORDER BY ?o",
]


@pytest.fixture()
def graph_file(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    return path


@pytest.mark.parametrize("sparql", QUERIES)
def test_oxigraph_and_rdflib_engines_agree(graph_file, sparql):
    on_oxigraph = load_graph(graph_file)
    in_memory = to_memory_graph(on_oxigraph)
    fast, slow = run_query(on_oxigraph, sparql), run_query(in_memory, sparql)
    assert fast.variables == slow.variables and fast.values() == slow.values()


def test_select_ask_construct_describe(graph_file):
    graph = load_graph(graph_file)
    assert run_query(graph, QUERIES[1]).values() == [("R1",), ("V3",)]
    assert run_query(graph, "ASK { ?s kg:released ?o }").boolean is True
    assert run_query(graph, "ASK { ?s kg:acquired ?o }").boolean is False
    built = run_query(graph, "CONSTRUCT { ?o kg:releasedBy ?s } WHERE { ?s kg:released ?o }")
    assert built.kind == "graph" and len(built.graph) == 2
    described = run_query(graph, "DESCRIBE <https://e.org/r1>")
    assert described.kind == "graph" and len(described.graph) >= 2


def test_formats(graph_file):
    graph = load_graph(graph_file)
    rows = run_query(graph, "SELECT ?s ?label WHERE { ?s kg:released ?o . ?o rdfs:label ?label } ORDER BY ?label")
    as_csv = list(csv.reader(io.StringIO(format_result(rows, "csv"))))
    assert as_csv == [["s", "label"], ["https://e.org/deepseek", "R1"], ["https://e.org/deepseek", "V3"]]
    assert format_result(rows, "tsv").splitlines()[1] == "https://e.org/deepseek\tR1"
    results = json.loads(format_result(rows, "json"))
    assert results["head"]["vars"] == ["s", "label"]
    assert results["results"]["bindings"][0] == {
        "s": {"type": "uri", "value": "https://e.org/deepseek"},
        "label": {"type": "literal", "value": "R1"},
    }
    assert results["results"]["bindings"][1]["label"] == {"type": "literal", "value": "V3", "xml:lang": "en"}
    assert json.loads(format_result(run_query(graph, "ASK { ?s ?p ?o }"), "json")) == {"head": {}, "boolean": True}
    turtle = format_result(run_query(graph, "CONSTRUCT { ?o kg:releasedBy ?s } WHERE { ?s kg:released ?o }"), "ttl")
    assert len(Graph().parse(data=turtle, format="turtle")) == 2
    with pytest.raises(UsageError):
        format_result(rows, "ttl")


def test_syntax_error_gives_line_and_column(graph_file):
    with pytest.raises(QuerySyntaxError, match=r"line 2, column \d+"):
        run_query(load_graph(graph_file), "SELECT ?s WHERE {\n  ?s kg:released }")
    result = runner.invoke(app, ["query", str(graph_file), "SELECT ?s WHERE {\n  ?s kg:released }"])
    assert result.exit_code == 2 and "line 2" in result.output and "Traceback" not in result.output


def test_service_refused_unless_allowed(graph_file):
    sparql = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryRefusedError, match="SERVICE"):
        run_query(load_graph(graph_file), sparql)
    with pytest.raises(QueryRefusedError):
        run_query(load_graph(graph_file), sparql.replace("SERVICE", "service"))
    # a literal that merely contains the word is not a SERVICE clause
    assert run_query(load_graph(graph_file), "ASK { ?s ?p 'service' }").boolean is False


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8)) + " }"


def test_timeout_stops_a_runaway_query_in_its_worker_process(graph_file):
    with pytest.raises(QueryTimeoutError, match=r"ran over 0\.2 s and was stopped"):
        run_query_in_worker(partial(load_graph, graph_file), RUNAWAY, timeout=0.2)
    assert run_query_in_worker(partial(load_graph, graph_file), "ASK { ?s ?p ?o }", timeout=30).boolean is True


def test_kg_query_timeout_leaves_nothing_running(graph_file):
    """The query stops with the command: before, a thread was abandoned and kept a core busy."""
    result = runner.invoke(app, ["query", str(graph_file), RUNAWAY, "--timeout", "0.5"])
    assert result.exit_code == 1 and "0.5 s and was stopped" in result.output
    started = time.process_time()
    time.sleep(2.0)
    assert time.process_time() - started < 0.2


def test_a_killed_kg_query_leaves_no_worker(graph_file):
    command = [sys.executable, "-m", "kg", "query", str(graph_file), RUNAWAY, "--timeout", "60"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        parent = psutil.Process(process.pid)
        deadline = time.monotonic() + 60
        while not any(c.cpu_times().user > 0.5 for c in parent.children()) and time.monotonic() < deadline:
            time.sleep(0.2)  # until the worker has opened the graph and is running the query
        workers = parent.children()
        assert workers, "the query runs in a worker process"
        process.kill()
        _, alive = psutil.wait_procs(workers, timeout=10)
        assert alive == []
    finally:
        process.kill()
        process.wait()


def test_a_query_over_the_memory_limit_is_stopped(graph_file):
    sorted_product = "SELECT * WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8)) + " } ORDER BY ?o0"
    with pytest.raises(QueryMemoryError, match="more than 256 MiB"):
        run_query_in_worker(partial(load_graph, graph_file), sorted_product, timeout=60, memory_bytes=256 << 20)


@pytest.mark.parametrize("timeout", [[], ["--timeout", "30"]])
def test_a_query_nested_too_deep_is_one_line_and_exit_2(graph_file, timeout):
    """2,200 nested groups overflowed Oxigraph's parser: a segmentation fault (exit 139), no message."""
    deep = "SELECT * WHERE " + "{" * 2200 + " ?s ?p ?o " + "}" * 2200
    done = subprocess.run([sys.executable, "-m", "kg", "query", str(graph_file), deep, *timeout], check=False,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "kg: error: the query nests groups, brackets or parentheses 2200 deep; the limit is 100"]


def test_the_word_service_in_a_comment_does_not_need_rdflib_to_parse_the_query(graph_file):
    """rdflib's parser, run to look for SERVICE, gives up on 100 triple patterns: "maximum recursion depth"."""
    patterns = " ".join(f"?v{i} <https://e.org/p{i}> ?v{i + 1} ." for i in range(100))
    assert run_query(load_graph(graph_file), f"# ask the service desk\nSELECT * WHERE {{ {patterns} }}").rows == []
    with pytest.raises(QueryRefusedError):
        run_query(load_graph(graph_file), f"SELECT * WHERE {{ {patterns} SERVICE <http://127.0.0.1:9/> {{ }} }}")


def test_table_output_is_capped_with_a_note(tmp_path):
    path = tmp_path / "many.nt"
    path.write_text("".join(f"<https://e.org/s{i}> <https://e.org/p> \"{i}\" .\n" for i in range(30)))
    result = runner.invoke(app, ["query", str(path), "SELECT ?s ?o WHERE { ?s ?p ?o }", "--limit-rows", "10"])
    assert result.exit_code == 0
    assert result.stdout.count("https://e.org/s") == 10
    assert "20 more rows left out" in result.output
    everything = runner.invoke(app, ["query", str(path), "SELECT ?s WHERE { ?s ?p ?o }", "--limit-rows", "0"])
    assert everything.stdout.count("https://e.org/s") == 30


def test_examples_are_listed_and_parse():
    names = list_examples()
    assert {"top-entities", "released", "evidence-for-fact", "low-confidence", "per-document"} <= set(names)
    assert all(names.values())
    graph = load_graph_from_text(TURTLE)
    for name in names:
        run_query(graph, example_query(name))
    with pytest.raises(UsageError):
        example_query("no-such-example")
    listed = runner.invoke(app, ["query", "--list-examples"])
    assert listed.exit_code == 0 and "evidence-for-fact" in listed.stdout


def load_graph_from_text(text: str):
    from kg.views.rdf import new_dataset

    dataset = new_dataset()
    dataset.parse(data=text, format="turtle")
    return dataset


@pytest.mark.model
def test_examples_on_the_seeds(seeds_graph, tmp_path):
    path = tmp_path / "seeds.trig"
    path.write_text(serialize(to_dataset(seeds_graph), "trig"), encoding="utf-8")
    graph = load_graph(path)
    evidence = run_query(graph, example_query("evidence-for-fact")).values()
    assert evidence and evidence[0][0] == "000_0ad1dccd12771690.txt" and "R1" in evidence[0][-1]
    assert ("DeepSeek", "R1") in [row[:2] for row in run_query(graph, example_query("released")).values()]
    per_document = dict(row[:2] for row in run_query(graph, example_query("per-document")).values())
    assert set(per_document) == {"000_0ad1dccd12771690.txt", "004_085149785f807b23.txt"}
    result = runner.invoke(app, ["query", str(path), "--example", "top-entities", "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.startswith("entity,type,mentions,facts")
