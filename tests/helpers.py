"""Helpers shared by the tests: paths of the repository and hand-built spaCy docs (no model needed)."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


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
