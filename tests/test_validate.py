"""SHACL validation: the seeds conform, every kind of broken graph is caught and reported by focus node."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.validate import format_report, validate_graph
from kg.views import write_views
from kg.views.rdf import load_graph

BROKEN = Path(__file__).parent / "data" / "broken.ttl"
runner = CliRunner()


@pytest.fixture(scope="module")
def broken_report():
    return validate_graph(load_graph(BROKEN))


@pytest.mark.parametrize(
    "focus, words",
    [
        ("https://e.org/beijing", "not a kg:Organization (its rdfs:domain)"),  # a Place manufactures
        ("https://e.org/h800", "exactly one non-empty rdfs:label"),  # two labels
        ("https://e.org/nolabel", "exactly one non-empty rdfs:label"),  # no label
        ("https://e.org/widget", "the kg ontology does not declare"),  # undeclared type
        ("https://e.org/widget", "no rdf:type from the kg ontology"),
        ("https://e.org/fact1", "a decimal in [0, 1]"),  # confidence 1.5
        ("https://e.org/fact1", "at least one kg:evidence"),
        ("https://e.org/fact2", "not asserted"),  # reified triple missing
        ("https://e.org/beijing", "not a kg:Organization (its rdfs:domain)"),
        ("https://e.org/ev2", "kg:fromDocument"),  # evidence without document
        ("https://e.org/ev2", "kg:endOffset"),  # start after end
    ],
)
def test_broken_graph_is_caught_with_its_focus_node(broken_report, focus, words):
    assert not broken_report.conforms
    report = format_report(broken_report, BROKEN)
    blocks = report.split("\n  Violation")
    assert any(f"<{focus}>" in block and words in block for block in blocks), report


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["ttl", "trig", "jsonld"])
def test_seeds_graph_conforms(seeds_graph, tmp_path, fmt):
    (path,) = write_views(seeds_graph, tmp_path / "seeds", [fmt])
    report = validate_graph(load_graph(path))
    assert report.conforms, format_report(report, path)


@pytest.mark.model
def test_inferred_seeds_graph_conforms(seeds_graph, tmp_path):
    (path,) = write_views(seeds_graph, tmp_path / "seeds", ["ttl"], infer=True)
    report = validate_graph(load_graph(path))
    assert report.conforms, format_report(report, path)


def test_cli_exit_codes(tmp_path):
    bad = runner.invoke(app, ["validate", str(BROKEN)])
    assert bad.exit_code == 1 and "does NOT conform" in bad.stdout and "<https://e.org/beijing>" in bad.stdout
    good = tmp_path / "good.ttl"
    good.write_text(
        "@prefix kg: <https://w3id.org/offline-kg/ontology#> .\n"
        '<https://e.org/x> a kg:Person ; <http://www.w3.org/2000/01/rdf-schema#label> "X" ; kg:mentionCount 1 .\n'
    )
    ok = runner.invoke(app, ["validate", str(good)])
    assert ok.exit_code == 0 and "conforms" in ok.stdout
    missing = runner.invoke(app, ["validate", str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 1 and "nope.ttl" in missing.output and "Traceback" not in missing.output


@pytest.mark.parametrize(
    "text",
    [
        "",
        "<https://e.org/a> <https://e.org/knows> <https://e.org/b> .\n",
        "<https://e.org/a> a <https://e.org/Thing> .\n",
    ],
)
def test_a_file_with_no_kg_content_does_not_conform_it_is_refused(tmp_path, text):
    path = tmp_path / "foreign.ttl"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "foreign.ttl: nothing in it is a kg graph" in result.output
    assert "conforms" not in result.output
