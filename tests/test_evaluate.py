"""CoNLL04 scoring: the measure on hand-made records, then the whole pipeline on a tiny hand-made file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.evaluate import (
    LabelScore,
    load_conll04,
    load_label_map,
    predictions,
    restated_for_redocred,
    score,
    token_aligned,
)
from kg.vocab import KG

TINY = Path(__file__).resolve().parent / "data" / "entity_relation_sample.json"


def test_examples_have_character_spans_in_space_joined_text():
    first, second, third = load_conll04(TINY)
    assert first.text.startswith("Anna Berg , a spokeswoman")
    spans = {first.text[s:e]: label for _, s, e, label in first.entities}
    assert spans == {"Anna Berg": "Peop", "Acme Corp": "Org"}
    assert [e for e in second.entities if e[3] == "Other"] == []  # Other is not scored
    (relation,) = third.relations
    assert third.text[relation[2] : relation[3]] == "Tom Vale" and third.text[relation[4] : relation[5]] == "Texas."


def test_predictions_map_classes_and_predicates_to_labels_and_align_tokens():
    text = "Tom Vale was born in Texas."
    texts = {"d": text}
    person = {"entity": "e:tom", "type": str(KG.Person), "text": "Tom Vale", "start": 0, "end": 8}
    place = {"entity": "e:tx", "type": str(KG.Country), "text": "Texas", "start": 21, "end": 26}
    records = [
        {"kind": "mention", "doc": "d", **{k: person[k] for k in ("start", "end", "text", "entity", "type")}},
        {"kind": "mention", "doc": "d", **{k: place[k] for k in ("start", "end", "text", "entity", "type")}},
        {"kind": "relation", "doc": "d", "predicate": str(KG.livesIn), "subject": person, "object": place,
         "sentence": {"start": 0, "end": 27}, "confidence": 0.7, "rule": "x"},
        {"kind": "relation", "doc": "d", "predicate": str(KG.worksFor), "subject": person, "object": place,
         "sentence": {"start": 0, "end": 27}, "confidence": 0.7, "rule": "x"},  # Work_For needs an Org: dropped
    ]
    entities, relations = predictions(records, load_label_map(), texts)
    assert entities == {("d", 0, 8, "Peop"), ("d", 21, 27, "Loc")}
    assert relations == {("d", "Live_In", 0, 8, 21, 27)}
    assert token_aligned(text, 21, 26) == (21, 27)


def test_a_nationality_word_is_conll04_other_as_an_entity_but_its_relation_is_scored():
    text = "A Soviet diplomat , Ivan Orlov , spoke ."
    person = {"entity": "e:io", "type": str(KG.Person), "text": "Ivan Orlov", "start": 20, "end": 30, "rule": "ner"}
    country = {"entity": "e:su", "type": str(KG.Country), "text": "Soviet", "start": 2, "end": 8, "rule": "demonym"}
    records = [
        {"kind": "mention", "doc": "d", **person},
        {"kind": "mention", "doc": "d", **country},
        {"kind": "relation", "doc": "d", "predicate": str(KG.livesIn), "subject": person, "object": country,
         "sentence": {"start": 0, "end": 40}, "confidence": 0.7, "rule": "locate-demonym"},
    ]
    entities, relations = predictions(records, load_label_map(), {"d": text})
    assert entities == {("d", 20, 30, "Peop")}
    assert relations == {("d", "Live_In", 20, 30, 2, 8)}


def test_where_a_person_works_is_conll04_live_in_and_re_docred_citizenship_of_a_country():
    text = "A Soviet diplomat , Ivan Orlov , spoke ."
    person = {"entity": "e:io", "type": str(KG.Person), "text": "Ivan Orlov", "start": 20, "end": 30, "rule": "ner"}
    country = {"entity": "e:su", "type": str(KG.Country), "text": "Soviet", "start": 2, "end": 8, "rule": "demonym"}
    city = {"entity": "e:m", "type": str(KG.City), "text": "Moscow", "start": 2, "end": 8, "rule": "ner"}
    office = {"kind": "relation", "doc": "d", "predicate": str(KG.worksIn), "subject": person, "object": country,
              "sentence": {"start": 0, "end": 40}, "confidence": 0.7, "rule": "locate-demonym"}
    records = [{"kind": "mention", "doc": "d", **person}, {"kind": "mention", "doc": "d", **country}, office]
    assert predictions(records, load_label_map(), {"d": text})[1] == {("d", "Live_In", 20, 30, 2, 8)}
    assert restated_for_redocred(office)["predicate"] == str(KG.livesIn)  # the scorer's P27 for a country
    workplace = {**office, "object": city}
    assert restated_for_redocred(workplace) == workplace  # no residence (P551) claimed


def test_scores_per_label_and_micro():
    gold = {("d", 0, 1, "Peop"), ("d", 2, 3, "Loc"), ("d", 4, 5, "Loc")}
    found = {("d", 0, 1, "Peop"), ("d", 2, 3, "Org")}
    peop, org, loc, micro = score(gold, found, 3, ["Peop", "Org", "Loc"])
    assert peop == LabelScore("Peop", 1, 1, 1) and loc.recall == 0.0 and org.precision == 0.0
    assert (micro.gold, micro.predicted, micro.correct) == (3, 2, 1)
    assert micro.precision == 0.5 and round(micro.f1, 3) == 0.4


@pytest.mark.model
def test_eval_command_scores_the_pipeline_on_a_tiny_file():
    result = CliRunner().invoke(app, ["eval", "conll04", str(TINY), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["sentences"] == 3
    entities = {s["label"]: s for s in scores["entities"]}
    relations = {s["label"]: s for s in scores["relations"]}
    assert entities["micro"]["gold"] == 6 and entities["micro"]["correct"] >= 4
    assert relations["Located_In"]["correct"] == 1 and relations["Live_In"]["correct"] == 1
    table = CliRunner().invoke(app, ["eval", "conll04", str(TINY)])
    assert "micro" in table.stdout and "Work_For" in table.stdout


def test_eval_refuses_unknown_benchmark_and_bad_file(tmp_path):
    assert CliRunner().invoke(app, ["eval", "ace05", str(TINY)]).exit_code == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = CliRunner().invoke(app, ["eval", "conll04", str(bad)])
    assert result.exit_code == 1 and "bad.json" in result.output
