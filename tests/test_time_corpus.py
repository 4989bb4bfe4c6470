"""Time and amounts end to end with the real model: a dated JSONL corpus, and BBC articles given dates."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.query import run_query
from kg.validate import format_report, validate_graph
from kg.views import write_views
from kg.views.rdf import load_graph
from kg.vocab import mint_fact_iri, term
from tests.helpers import ROOT

pytestmark = pytest.mark.model

BBC = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")) / "corpus" / "bbc.jsonl"  # read, never copied
NEWS = [
    {"id": "n1", "date": "2025-03-14", "title": "Deal done",
     "text": "Microsoft bought Activision for $68.7bn last year. Regulators approved it."},
    {"id": "n2", "date": "2025-06-02T08:00:00Z",
     "text": "Microsoft acquired Activision in 2023. Amazon invested €1.2 billion in Anthropic in March 2024."},
    {"id": "n3", "date": "Fri, 20 Jun 2025 09:00:00 +0100",
     "text": "Amazon invested $4bn in Anthropic last month."},
    {"id": "n4", "text": "Google bought YouTube for $1.65bn on Monday."},
]


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    return build([_jsonl(tmp_path_factory.mktemp("news") / "news.jsonl", NEWS)])


def _fact(graph, subject: str, predicate: str, obj: str):
    for relation in graph.relations:
        labels = graph.entity(relation.subject).label, graph.entity(relation.object).label
        if labels == (subject, obj) and relation.predicate == str(term(predicate)):
            return relation
    raise AssertionError(f"no fact {subject} {predicate} {obj}")


def test_stated_times_resolve_against_each_documents_date(news):
    stated = {(e.doc_id, t.text): t.value for r in news.relations for e in r.evidence for t in e.times}
    assert stated[("n1", "last year")] == "2024"
    assert stated[("n2", "2023")] == "2023"
    assert stated[("n2", "March 2024")] == "2024-03"
    assert stated[("n3", "last month")] == "2025-05"
    assert stated[("n4", "Monday")] == ""  # an undated document gives no base


def test_amounts_of_takeovers_and_investments(news):
    amounts = {(e.doc_id, e.amount.value, e.amount.currency) for r in news.relations for e in r.evidence if e.amount}
    assert {("n1", "68700000000", "USD"), ("n2", "1200000000", "EUR"), ("n3", "4000000000", "USD"),
            ("n4", "1650000000", "USD")} <= amounts


def test_first_and_last_reported_in_the_rdf(news, tmp_path):
    (path,) = write_views(news, tmp_path / "news", ["ttl"])
    found = run_query(
        load_graph(path),
        """SELECT ?s ?o (STR(?f) AS ?first) (STR(?l) AS ?last) WHERE {
             ?fact rdf:subject/rdfs:label ?s ; rdf:object/rdfs:label ?o ; kg:firstReported ?f ; kg:lastReported ?l }""",
    ).values()
    rows = {(s, o): (first, last) for s, o, first, last in found}
    assert rows[("Microsoft", "Activision")] == ("2025-03-14", "2025-06-02T08:00:00Z")
    assert rows[("Amazon", "Anthropic")] == ("2025-06-02T08:00:00Z", "2025-06-20T08:00:00Z")
    assert ("Google", "YouTube") not in rows  # reported only by the undated document
    assert _fact(news, "Google", "acquired", "YouTube").evidence[0].amount is not None


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_dated_corpus_conforms_to_the_shapes(news, tmp_path, fmt):
    (path,) = write_views(news, tmp_path / "news", [fmt])
    report = validate_graph(load_graph(path))
    assert report.conforms, format_report(report, path)


@pytest.fixture(scope="module")
def bbc(tmp_path_factory):
    """The first 40 BBC business articles, dated a day apart from 2004-11-01 (the corpus is of 2004-05)."""
    if not BBC.exists():
        pytest.skip(f"{BBC} is not here")
    records = []
    with BBC.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article.get("label") == "business":
                day = date(2004, 11, 1) + timedelta(days=len(records))
                records.append({"id": article["id"], "text": article["text"], "date": day.isoformat()})
            if len(records) == 40:
                break
    graph = build([_jsonl(tmp_path_factory.mktemp("bbc") / "bbc.jsonl", records)])
    return graph, {record["id"]: record["date"] for record in records}


def test_bbc_facts_are_first_and_last_reported_on_their_documents_dates(bbc, tmp_path):
    graph, dates = bbc
    expected = {}
    for relation in graph.relations:
        days = sorted(dates[e.doc_id] for e in relation.evidence)
        expected[mint_fact_iri(graph.base, relation.subject, relation.predicate, relation.object)] = (days[0], days[-1])
    (path,) = write_views(graph, tmp_path / "bbc", ["ttl"])
    rows = run_query(
        load_graph(path),
        "SELECT ?fact (STR(?f) AS ?first) (STR(?l) AS ?last) WHERE { ?fact kg:firstReported ?f ; kg:lastReported ?l }",
    ).values()
    assert len(expected) > 20
    assert {fact: (first, last) for fact, first, last in rows} == expected


def test_bbc_stated_times_resolve_relative_to_their_documents(bbc):
    graph, dates = bbc
    times = [(e.doc_id, t) for r in graph.relations for e in r.evidence for t in e.times]
    assert times
    for doc_id, time in times:
        year = int(dates[doc_id][:4])
        if time.text.lower() == "last year":
            assert time.value == str(year - 1)
        if time.value:
            assert time.datatype in {"gYear", "gYearMonth", "date"}
            assert 1900 <= int(time.value[:4]) <= year + 5


def test_bbc_amounts_have_iso_currency_codes(bbc):
    graph, _ = bbc
    amounts = [e.amount for r in graph.relations for e in r.evidence if e.amount]
    assert all(len(a.currency) == 3 and a.currency.isupper() and float(a.value) > 0 for a in amounts)


def test_bbc_graph_conforms_to_the_shapes(bbc, tmp_path):
    graph, _ = bbc
    (path,) = write_views(graph, tmp_path / "bbc", ["ttl"])
    report = validate_graph(load_graph(path))
    assert report.conforms, format_report(report, path)
