"""The ontology is the single source of vocabulary; IRIs are readable and injective."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS

from kg.errors import VocabularyError
from kg.fileio import read_yaml
from kg.rules import PATTERNS_DIR, load_rules
from kg.vocab import KG, declared_terms, mint_entity_iri, ontology, slug, term


def test_unknown_term_is_an_error():
    with pytest.raises(VocabularyError):
        term("notAPredicate")


def test_every_declared_term_has_label_and_comment():
    for name in declared_terms():
        assert ontology().value(KG[name], RDFS.label) is not None, name
        assert ontology().value(KG[name], RDFS.comment) is not None, name


def test_every_rule_predicate_and_class_is_declared():
    rules = load_rules()
    used = {t.predicate for t in [*rules.verbs.values(), *rules.nouns.values(), *rules.titles.values()]}
    used |= set(rules.ner_labels.values()) | set(rules.head_nouns.values())
    assert used <= declared_terms()
    assert (KG.released, RDF.type, OWL.ObjectProperty) in ontology()


@pytest.mark.parametrize("a,b", [("a b", "a_b"), ("at&t", "at t"), ("c++", "c"), ("x%41", "xa")])
def test_different_keys_never_share_an_iri(a, b):
    assert slug(a) != slug(b)
    assert mint_entity_iri("https://e.org/", a) != mint_entity_iri("https://e.org/", b)


def test_ontology_and_shapes_ship_in_the_wheel(tmp_path):
    """A non-editable install finds kg.ttl, shapes.ttl and the example queries as package data."""
    import subprocess
    import sys
    import zipfile

    from tests.helpers import ROOT

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"kg/ontologies/kg.ttl", "kg/ontologies/shapes.ttl", "kg/ontologies/__init__.py"} <= names
    assert {"kg/queries/evidence-for-fact.rq", "kg/queries/top-entities.rq"} <= names
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    found = subprocess.run(
        [sys.executable, "-c", "import kg.vocab as v, kg.query as q; print(v.ONTOLOGY_PATH, v.SHAPES_PATH.is_file(),"
         " len(v.declared_terms()), len(q.list_examples()))"],
        cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": ""}, capture_output=True, text=True, check=True,
    )
    path, shapes_found, terms, examples = found.stdout.split()
    assert path.startswith(str(target)) and shapes_found == "True" and int(terms) > 40 and int(examples) >= 5


def test_the_classes_code_names_are_classes_of_the_ontology():
    from kg.vocab import CODE_CLASSES

    assert all((KG[name], RDF.type, OWL.Class) in ontology() for name in CODE_CLASSES)


def _booleans_in_word_lists(data, path):
    """Booleans YAML read from bare words in lists or keys ("on", "no", "yes" are booleans in YAML 1.1)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, bool):
                yield f"{path} key {key}"
            yield from _booleans_in_word_lists(value, f"{path}.{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if isinstance(value, bool):
                yield f"{path}[{i}]"
            yield from _booleans_in_word_lists(value, f"{path}[{i}]")


def test_no_word_in_the_pattern_files_is_read_as_a_boolean():
    found = [
        where for path in sorted(PATTERNS_DIR.rglob("*.yaml"))
        for where in _booleans_in_word_lists(read_yaml(path), path.name)
    ]
    assert found == []  # quote the word: serve: ["on", at]
