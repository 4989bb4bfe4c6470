"""Shared fixtures: hand-built spaCy docs (no model) and one seeds build per session (model)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from tests.helpers import SEEDS


@pytest.fixture(scope="session")
def vocab() -> spacy.vocab.Vocab:
    return spacy.blank("en").vocab


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the seeds once with the real model; return the output prefix."""
    from kg.pipeline import build
    from kg.views import write_views

    prefix = tmp_path_factory.mktemp("seeds") / "seeds"
    graph = build([SEEDS])
    write_views(graph, prefix, ["ttl", "html"])
    return prefix


@pytest.fixture
def blank_pipeline(monkeypatch: pytest.MonkeyPatch) -> spacy.language.Language:
    """Build with a blank English pipeline (sentences only, no entities) instead of the model: fast."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    monkeypatch.setattr("kg.parse.load_pipeline", lambda name=None: nlp)
    return nlp
@pytest.fixture(scope="session")
def seeds_graph(seeds_build: Path):
    """The seeds as a KnowledgeGraph (built once more in memory, for the writers' tests)."""
    from kg.pipeline import build

    return build([SEEDS])
