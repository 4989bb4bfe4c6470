"""Helpers shared by the tests: paths of the repository and hand-built spaCy docs (no model needed)."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def make_doc(
    vocab, rows: list[tuple[str, str, int, str, str, str]], ents: list[str] | None = None,
    spaces: list[bool] | None = None,
) -> Doc:
    """A parsed Doc from rows of (word, lemma, head index, dep, pos, tag); ``ents`` in IOB form; ``spaces``
    after each word (by default one before every word but punctuation)."""
    words = [r[0] for r in rows]
    if spaces is None:
        spaces = [i + 1 < len(rows) and rows[i + 1][4] != "PUNCT" and rows[i + 1][5] != "POS"
                  for i in range(len(rows))]
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


def dated_graph():
    """A small graph whose documents carry dates (one a time, one unreadable) and whose evidence states times.

    Microsoft acquired Activision: reported on 2025-03-14 ("for $68.7bn last year") and at
    2025-06-02T08:00:00Z ("in 2023"); Amazon invested in Anthropic: only in an undated document.
    """
    from kg.model import Amount, Document, Entity, Evidence, KnowledgeGraph, Relation, Sentence, StatedTime
    from kg.vocab import term

    base = "https://e.org/"
    graph = KnowledgeGraph(base)
    graph.documents = {
        "a": Document.from_text("a", "Microsoft bought Activision for $68.7bn last year.", date="2025-03-14"),
        "b": Document.from_text("b", "Microsoft acquired Activision in 2023.", date="2025-06-02T10:00:00+02:00"),
        "c": Document.from_text("c", "Amazon invested $4bn in Anthropic.", date="not a date"),
    }
    graph.add_entities(
        [
            Entity(base + "microsoft", "Microsoft", "Organization", (), 2, ("a", "b")),
            Entity(base + "activision", "Activision", "Organization", (), 2, ("a", "b")),
            Entity(base + "amazon", "Amazon", "Organization", (), 1, ("c",)),
            Entity(base + "anthropic", "Anthropic", "Organization", (), 1, ("c",)),
        ]
    )
    acquired = (
        Evidence("a", Sentence(0, 50, "Microsoft bought Activision for $68.7bn last year."), "acquire-verb", 0.85,
                 times=(StatedTime("last year", "2024", "gYear"),), amount=Amount("$68.7bn", "68700000000", "USD")),
        Evidence("b", Sentence(0, 38, "Microsoft acquired Activision in 2023."), "acquire-verb", 0.85,
                 times=(StatedTime("2023", "2023", "gYear"), StatedTime("in recent weeks"))),
    )
    invested = (
        Evidence("c", Sentence(0, 34, "Amazon invested $4bn in Anthropic."), "invest-verb-prep", 0.85,
                 amount=Amount("$4bn", "4000000000", "USD")),
    )
    graph.add_relations(
        [
            Relation(base + "microsoft", str(term("acquired")), base + "activision", acquired),
            Relation(base + "amazon", str(term("investedIn")), base + "anthropic", invested),
        ]
    )
    return graph
