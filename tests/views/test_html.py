"""The HTML page's data and markup, without a browser (see test_browser.py for the page in Chromium)."""

from __future__ import annotations

import copy
import json
import re

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.model import Entity, Evidence, KnowledgeGraph, Relation, Sentence
from kg.views.html import page_data, precomputed_layout, to_html
from kg.vocab import local_name, term

BASE = "https://example.org/kg/"
HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_ALIAS = '"><script>window.__pwned=1</script>'
HOSTILE_SENTENCE = "It said </script><script>window.__pwned=1</script> and\u2028then <b>&amp; left."


def entity(key: str, label: str, type_name: str, *, aliases: tuple[str, ...] = (), mentions: int = 1) -> Entity:
    return Entity(f"{BASE}entity/{key}", label, type_name, aliases, mentions, ("doc-1.txt",))


def fact(subject: Entity, predicate: str, obj: Entity, sentence: str, confidence: float = 0.75) -> Relation:
    evidence = Evidence("doc-1.txt", Sentence(0, len(sentence), sentence), "test", confidence)
    return Relation(subject.iri, str(term(predicate)), obj.iri, (evidence,))


def graph_of(entities: list[Entity], relations: list[Relation]) -> KnowledgeGraph:
    kg = KnowledgeGraph(base=BASE)
    kg.add_entities(entities)
    kg.add_relations(relations)
    return kg


def sample_graph() -> KnowledgeGraph:
    """A small graph like the seeds: DeepSeek released R1, Liang Wenfeng founded DeepSeek, ..."""
    deepseek = entity("deepseek", "DeepSeek", "Organization", aliases=("DeepSeek AI",), mentions=18)
    r1 = entity("r1", "R1", "AIModel", mentions=4)
    liang = entity("liang_wenfeng", "Liang Wenfeng", "Person")
    nvidia = entity("nvidia", "Nvidia", "Organization", mentions=3)
    h800 = entity("h800", "H800", "Chip")
    beijing = entity("beijing", "Beijing", "Place")
    return graph_of(
        [deepseek, r1, liang, nvidia, h800, beijing],
        [
            fact(deepseek, "released", r1, "DeepSeek’s launch of R1 is widely seen as China’s response.", 0.85),
            fact(liang, "founderOf", deepseek, "Liang Wenfeng, the founder of DeepSeek, said so.", 0.85),
            fact(nvidia, "manufactures", h800, "Nvidia’s H800 chips were used.", 0.3),
            fact(deepseek, "open:use", h800, "DeepSeek used Nvidia’s H800 chips.", 0.3),
        ],
    )


def generalised_graph() -> KnowledgeGraph:
    """Beijing "manufactures" H800: a city cannot, so the fact is relatedTo and its evidence says what was stated."""
    beijing, h800 = entity("beijing", "Beijing", "City"), entity("h800", "H800", "Chip")
    sentence = "Beijing makes the H800."
    evidence = Evidence("doc-1.txt", Sentence(0, len(sentence), sentence), "test", 0.6, str(term("manufactures")))
    return graph_of([beijing, h800], [Relation(beijing.iri, str(term("relatedTo")), h800.iri, (evidence,))])


def hostile_graph() -> KnowledgeGraph:
    """Names and sentences that would run script if the page treated data as markup."""
    bad = entity("bad", HOSTILE_LABEL, "Organization", aliases=(HOSTILE_ALIAS,))
    other = entity("other", "Other </script> Co", "Organization")
    return graph_of([bad, other], [fact(bad, "open:acquire", other, HOSTILE_SENTENCE)])


def star_graph(leaves: int) -> KnowledgeGraph:
    """A hub with ``leaves`` neighbours, plus ``leaves`` unconnected entities."""
    hub = entity("hub", "Hub", "Organization")
    spokes = [entity(f"spoke{i:03d}", f"Spoke {i}", "Person") for i in range(leaves)]
    loners = [entity(f"loner{i:03d}", f"Loner {i}", "Place", mentions=50) for i in range(leaves)]
    return graph_of([hub, *spokes, *loners], [fact(s, "worksFor", hub, "S works for Hub.") for s in spokes])


def page_payload(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.DOTALL)
    assert match, "no data block in the page"
    return json.loads(match.group(1))


def test_page_carries_every_entity_and_fact_with_evidence():
    kg = sample_graph()
    data = page_payload(to_html(kg))
    assert {n["id"] for n in data["nodes"]} == {e.iri for e in kg.entities}
    assert {(e["from"], e["predicate"], e["to"]) for e in data["edges"]} == {
        (r.subject, local_name(r.predicate), r.object) for r in kg.relations
    }
    released = next(e for e in data["edges"] if e["predicate"] == "released")
    assert released["confidence"] == 0.85
    assert released["evidence"] == [
        {"document": "doc-1.txt", "sentence": "DeepSeek’s launch of R1 is widely seen as China’s response."}
    ]
    deepseek = next(n for n in data["nodes"] if n["label"] == "DeepSeek")
    assert (deepseek["type"], deepseek["aliases"], deepseek["mentions"]) == ("Organization", ["DeepSeek AI"], 18)
    assert data["summary"] == {"documents": 0, "entities": 6, "facts": 4, "shownEntities": 6, "hiddenEntities": 0}


def test_a_generalised_fact_shows_what_its_sentence_stated():
    (edge,) = page_payload(to_html(generalised_graph()))["edges"]
    assert edge["predicate"] == "relatedTo"
    assert edge["evidence"] == [
        {"document": "doc-1.txt", "sentence": "Beijing makes the H800.", "stated": "manufactures"}
    ]


def test_hostile_text_never_appears_as_markup():
    html = to_html(hostile_graph(), title="<b>Title</b>")
    assert HOSTILE_LABEL not in html
    assert "<script>window.__pwned" not in html
    assert "\u2028" not in html and "\u2029" not in html
    assert html.lower().count("</script") == 3  # the data block, vis-network and the page script
    assert "&lt;b&gt;Title&lt;/b&gt;" in html  # the title is autoescaped
    data = page_payload(html)
    assert {n["label"] for n in data["nodes"]} == {HOSTILE_LABEL, "Other </script> Co"}
    assert data["edges"][0]["evidence"][0]["sentence"] == HOSTILE_SENTENCE


def test_page_references_nothing_outside_itself():
    html = to_html(sample_graph())
    assert not re.search(r"<(script|img|iframe|link)\b[^>]*\b(src|href)\s*=", html, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:|//)", html, re.IGNORECASE)
    assert "default-src 'none'" in html  # Content-Security-Policy: the browser refuses any fetch


def test_rendering_leaves_the_model_unchanged():
    kg = sample_graph()
    before = (copy.deepcopy(dict(kg.graph.nodes(data=True))), sorted(kg.graph.edges(keys=True)), kg.graph.graph.copy())
    to_html(kg, color="community")
    assert (dict(kg.graph.nodes(data=True)), sorted(kg.graph.edges(keys=True)), kg.graph.graph) == before


def test_node_cap_keeps_the_most_connected_and_counts_the_rest():
    data = page_data(star_graph(20), max_nodes=10)
    labels = [n["label"] for n in data["nodes"]]
    assert len(labels) == 10 and labels[0] == "Hub"
    assert all(label.startswith("Spoke") for label in labels[1:])
    assert data["summary"]["hiddenEntities"] == 31 and data["summary"]["shownEntities"] == 10
    shown = {n["id"] for n in data["nodes"]}
    assert len(data["edges"]) == 9 and all(e["from"] in shown and e["to"] in shown for e in data["edges"])
    assert data["options"]["physics"]["enabled"] is True


def test_big_pages_start_with_precomputed_positions_and_physics_off():
    data = page_data(star_graph(300), max_nodes=601)
    assert data["options"]["physics"]["enabled"] is False
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) == 601  # no two nodes stacked on one spot


def test_layout_is_deterministic_and_places_every_node():
    kg = star_graph(40)
    first, second = precomputed_layout(kg.graph), precomputed_layout(kg.graph)
    assert first == second and set(first) == set(kg.graph.nodes)


def test_community_colouring_is_seeded_and_separates_groups():
    people = [entity(f"p{i}", f"P{i}", "Person") for i in range(8)]
    orgs = [entity("a", "Alpha", "Organization"), entity("b", "Beta", "Organization")]
    relations = [fact(p, "worksFor", orgs[i // 4], "P works there.") for i, p in enumerate(people)]
    kg = graph_of([*people, *orgs], relations)
    data = page_data(kg, color="community")
    assert data == page_data(kg, color="community")
    colour = {n["label"]: n["color"] for n in data["nodes"]}
    assert colour["P0"] == colour["Alpha"] != colour["Beta"] == colour["P7"]
    assert [entry["count"] for entry in data["legend"]] == [5, 5]
    assert {entry["name"] for entry in data["legend"]} == {"around Alpha", "around Beta"}


def test_type_colouring_has_a_legend_entry_per_type():
    data = page_data(sample_graph())
    assert [(e["name"], e["count"]) for e in data["legend"]] == [
        ("AIModel", 1), ("Chip", 1), ("Organization", 2), ("Person", 1), ("Place", 1)
    ]


@pytest.mark.parametrize("options", [{"max_nodes": 0}, {"color": "rainbow"}])
def test_bad_options_are_refused(options):
    with pytest.raises(ValueError):
        to_html(sample_graph(), **options)


def test_cli_refuses_unknown_colour_mode_with_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "x"), "--color", "rainbow"])
    assert result.exit_code == 2
    assert "type or community" in result.output
