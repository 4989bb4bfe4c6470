"""Time and amounts in the RDF view: reporting dates on facts and evidence, stated times, deal sums."""

from __future__ import annotations

import pytest
from rdflib import XSD, Literal
from typer.testing import CliRunner

from kg.cli import app
from kg.query import run_query
from kg.validate import format_report, validate_graph
from kg.views import write_views
from kg.views.rdf import load_graph, serialize, to_dataset
from tests.helpers import dated_graph


def _values(graph, sparql: str) -> list[tuple[str | None, ...]]:
    return run_query(graph, sparql).values()


def test_facts_carry_first_and_last_reported_from_their_documents_dates():
    rows = _values(
        to_dataset(dated_graph()),
        """SELECT ?o (STR(?f) AS ?first) (STR(?l) AS ?last) WHERE {
             ?fact rdf:object/rdfs:label ?o . OPTIONAL { ?fact kg:firstReported ?f ; kg:lastReported ?l }
           } ORDER BY ?o""",
    )
    # the undated document gives no date (no triple), the dated ones theirs, the time normalised to UTC
    assert rows == [("Activision", "2025-03-14", "2025-06-02T08:00:00Z"), ("Anthropic", None, None)]


def test_reporting_dates_are_typed_date_or_datetime_as_the_input_gives():
    dataset = to_dataset(dated_graph())
    found = {row[0] for row in run_query(dataset, "SELECT ?d WHERE { ?ev kg:reportedOn ?d }")}
    assert found == {Literal("2025-03-14", datatype=XSD.date), Literal("2025-06-02T08:00:00Z", datatype=XSD.dateTime)}


def test_evidence_states_times_as_words_and_calendar_values():
    rows = _values(
        to_dataset(dated_graph()),
        """SELECT ?words ?value (DATATYPE(?value) AS ?type) WHERE {
             ?ev kg:statedTime ?t . ?t a kg:StatedTime ; rdfs:label ?words .
             OPTIONAL { ?t time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear ?value }
           } ORDER BY ?words""",
    )
    assert rows == [
        ("2023", "2023", str(XSD.gYear)),
        ("in recent weeks", None, None),
        ("last year", "2024", str(XSD.gYear)),
    ]


def test_evidence_of_a_deal_names_its_amount_as_a_monetary_amount():
    rows = _values(
        to_dataset(dated_graph()),
        """SELECT ?words ?value ?currency WHERE {
             ?ev kg:amount ?a . ?a a kg:Amount ; rdfs:label ?words ; schema:value ?value ; schema:currency ?currency .
           } ORDER BY ?value""",
    )
    assert rows == [("$4bn", "4000000000", "USD"), ("$68.7bn", "68700000000", "USD")]


@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "trig", "nt", "nq"])
def test_time_triples_round_trip_in_every_format(fmt, tmp_path):
    dataset = to_dataset(dated_graph())
    (path,) = write_views(dated_graph(), tmp_path / "dated", [fmt])
    reloaded = load_graph(path)
    assert serialize(reloaded, "nt") == serialize(dataset, "nt")
    assert "kg#firstReported" in serialize(reloaded, "nt").replace("ontology#", "kg#")


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_dated_graph_conforms_to_the_shapes(fmt, tmp_path):
    (path,) = write_views(dated_graph(), tmp_path / "dated", [fmt])
    report = validate_graph(load_graph(path))
    assert report.conforms, format_report(report, path)


def test_shapes_catch_a_malformed_date_amount_and_stated_time(tmp_path):
    turtle = serialize(to_dataset(dated_graph()), "nt")
    broken = (
        turtle.replace('"2025-03-14"^^<http://www.w3.org/2001/XMLSchema#date>', '"14 March"')
        .replace('"USD"', '"dollars"')
        .replace('"2023"^^<http://www.w3.org/2001/XMLSchema#gYear>', '"2023"^^<http://www.w3.org/2001/XMLSchema#date>')
    )
    path = tmp_path / "broken.nt"
    path.write_text(broken, encoding="utf-8")
    report = format_report(validate_graph(load_graph(path)), path)
    assert "kg:reportedOn" in report and "kg:firstReported" in report
    assert "ISO 4217" in report
    assert "inXSDgYear" in report


def test_kg_validate_accepts_the_dated_graph(tmp_path):
    (path,) = write_views(dated_graph(), tmp_path / "dated", ["trig"])
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0 and "conforms" in result.output, result.output
