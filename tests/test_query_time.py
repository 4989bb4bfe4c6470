"""The time example queries: an entity's timeline and the facts first reported in a date range."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.model import Relation
from kg.query import example_query, list_examples, run_query
from kg.views import write_views
from kg.views.rdf import to_dataset, to_memory_graph
from tests.helpers import dated_graph

runner = CliRunner()
ACQUIRED, INVESTED = "https://w3id.org/offline-kg/ontology#acquired", "https://w3id.org/offline-kg/ontology#investedIn"


def _with_values(name: str, old: str, new: str) -> str:
    text = example_query(name)
    assert old in text
    return text.replace(old, new)


def test_examples_are_listed():
    assert {"timeline", "first-reported"} <= set(list_examples())


def test_timeline_lists_an_entitys_facts_by_first_reported_date():
    rows = run_query(to_dataset(dated_graph()), example_query("timeline")).values()
    assert [row[:5] for row in rows] == [("2025-03-14", "2025-06-02T08:00:00Z", "Microsoft", ACQUIRED, "Activision")]


def test_timeline_puts_undated_facts_last_and_both_engines_agree():
    graph = dated_graph()
    undated = next(r for r in graph.relations if r.predicate == INVESTED)
    graph.add_relations([Relation("https://e.org/microsoft", INVESTED, "https://e.org/anthropic", undated.evidence)])
    sparql = example_query("timeline")
    fast = run_query(to_dataset(graph), sparql).values()
    assert [(row[0], row[4]) for row in fast] == [("2025-03-14", "Activision"), (None, "Anthropic")]
    slow = run_query(to_memory_graph(to_dataset(graph)), sparql).values()  # rdflib writes "Z" as "+00:00"
    assert [(row[0], *row[2:]) for row in slow] == [(row[0], *row[2:]) for row in fast]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ('("2025-01-01" "2025-12-31")', [("2025-03-14", "Microsoft", ACQUIRED, "Activision", "a")]),
        ('("2025-03-15" "2025-12-31")', []),  # reported again in June, but first reported in March
        ('("2025-03-14" "2025-03-14")', [("2025-03-14", "Microsoft", ACQUIRED, "Activision", "a")]),
    ],
)
def test_first_reported_in_a_date_range(days, expected):
    sparql = _with_values("first-reported", '("2025-01-01" "2025-12-31")', days)
    assert run_query(to_dataset(dated_graph()), sparql).values() == expected


def test_cli_runs_the_time_examples(tmp_path):
    (path,) = write_views(dated_graph(), tmp_path / "dated", ["ttl"])
    for name, first_row in (("timeline", ["2025-03-14", "2025-06-02T08:00:00Z", "Microsoft"]),
                            ("first-reported", ["2025-03-14", "Microsoft"])):
        result = runner.invoke(app, ["query", str(path), "--example", name, "--format", "csv"])
        assert result.exit_code == 0, result.output
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert rows[1][: len(first_row)] == first_row
