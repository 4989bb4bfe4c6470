"""Split long documents into parts spaCy can parse, and put their extraction records back together.

spaCy refuses texts longer than ``nlp.max_length`` (1,000,000 characters), and a batch of
parses needs memory in proportion to the characters in it (about 3 GB per million
characters with en_core_web_sm, measured): a document longer than :data:`PART_CHARS` is therefore parsed
in parts, so a batch of 32 stays near 1 GB whatever the input. A part ends at the
last paragraph break before the limit, else at the last sentence end, else at the last
space (a hard cut only when there is none); each part is parsed on its own and its
records are shifted by the part's offset, so every offset stays an offset into the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.defaults import DEFAULT_PART_CHARS
from kg.model import Document, Extraction

PART_CHARS = DEFAULT_PART_CHARS
# Boundaries tried in order; each pattern's match end is where the next part starts.
BOUNDARIES = (re.compile(r"\n\s*\n"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


def split_text(text: str, max_chars: int = PART_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, part)`` pieces of at most ``max_chars`` characters.

    ``text[offset:offset + len(part)] == part`` for every piece, and the pieces cover the
    text in order.

    Examples:
        >>> split_text("One. Two.\\n\\nThree four.", 12)
        [(0, 'One. Two.\\n\\n'), (11, 'Three four.')]
        >>> split_text("short", 100)
        [(0, 'short')]
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    parts: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > max_chars:
        end = _cut_point(text, start, start + max_chars)
        parts.append((start, text[start:end]))
        start = end
    parts.append((start, text[start:]))
    return parts


def _cut_point(text: str, start: int, limit: int) -> int:
    """The end of the last boundary inside ``text[start:limit]`` (a hard cut at ``limit`` if none)."""
    window = text[start:limit]
    for boundary in BOUNDARIES:
        ends = [match.end() for match in boundary.finditer(window)]
        if ends:
            return start + ends[-1]
    return limit


def join_parts(document: Document, parts: Iterable[tuple[int, Extraction]]) -> Extraction:
    """One document's extraction from its parts' extractions, each shifted by its offset."""
    mentions = []
    relations = []
    for offset, extraction in parts:
        shifted = extraction.shifted(offset) if offset else extraction
        mentions.extend(shifted.mentions)
        relations.extend(shifted.relations)
    return Extraction(document, tuple(mentions), tuple(relations))
