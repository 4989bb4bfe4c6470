"""Shared fixtures: hand-built spaCy docs (no model) and one seeds build per session (model)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def vocab() -> spacy.vocab.Vocab:
    return spacy.blank("en").vocab


def make_doc(vocab, rows: list[tuple[str, str, int, str, str, str]], ents: list[str] | None = None) -> Doc:
    """A parsed Doc from rows of (word, lemma, head index, dep, pos, tag); ``ents`` in IOB form."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][4] != "PUNCT" and rows[i + 1][5] != "POS" for i in range(len(rows))]
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in rows],
        heads=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        pos=[r[4] for r in rows],
        tags=[r[5] for r in rows],
        ents=ents or ["O"] * len(rows),
    )


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the seeds once with the real model; return the output prefix."""
    from kg.pipeline import build, write_outputs

    prefix = tmp_path_factory.mktemp("seeds") / "seeds"
    graph = build([SEEDS])
    write_outputs(graph, prefix, ["ttl", "html"])
    return prefix


@pytest.fixture
def blank_pipeline(monkeypatch: pytest.MonkeyPatch) -> spacy.language.Language:
    """Build with a blank English pipeline (sentences only, no entities) instead of the model: fast."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    monkeypatch.setattr("kg.pipeline.load_pipeline", lambda name=None: nlp)
    return nlp
@pytest.fixture(scope="session")
def seeds_graph(seeds_build: Path):
    """The seeds as a KnowledgeGraph (built once more in memory, for the writers' tests)."""
    from kg.pipeline import build

    return build([SEEDS])
