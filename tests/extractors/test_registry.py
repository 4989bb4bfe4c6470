"""The registry of relation finders and the pattern data that turns them on."""

from __future__ import annotations

import pytest

import kg.extractors  # noqa: F401  (runs the registrations)
from kg.errors import VocabularyError
from kg.extractors.registry import registered_finders, relation_finder, relation_finders
from kg.rules import load_rules


def test_the_pattern_data_runs_every_registered_finder_once():
    names = load_rules().relation_finders
    assert sorted(names) == list(registered_finders()) and len(set(names)) == len(names)


def test_a_finder_name_no_module_registers_is_an_error_naming_it():
    with pytest.raises(VocabularyError, match="no relation finder is registered as nothing_here"):
        relation_finders(["verbs", "nothing_here"])


def test_a_second_function_under_a_registered_name_is_refused():
    (verbs,) = relation_finders(["verbs"])
    assert relation_finder("verbs")(verbs) is verbs
    with pytest.raises(ValueError, match="registered as 'verbs'"):
        relation_finder("verbs")(lambda context: iter(()))
