"""A document's text, tokens and their children, made once per document for every extractor.

spaCy makes a new ``Token`` object at each access (``doc[i]``, iterating a span, ``token.children``)
and joins every token again for each ``doc.text`` or ``span.text``, and the extractors walk the same
sentences many times: building these once and reading them from a table saves most of that work.
The table lives in ``doc.user_data`` while the document is extracted and is dropped afterwards
(:func:`forget_tokens`), so a caller's ``Doc`` still serialises.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy
from spacy.attrs import HEAD, LEMMA, LOWER, ORTH, POS
from spacy.tokens import Doc, Span, Token

_TABLE_KEY = "kg_token_table"
_TEXT_KEY = "kg_text"


class TokenTable:
    """The tokens of one ``Doc`` in order, each token's children (in order, as ``token.children``), and the
    lower-case form, case-folded lemma and part of speech of each token (what the relation finders filter on)."""

    def __init__(self, doc: Doc) -> None:
        self.tokens: tuple[Token, ...] = tuple(doc)
        lowers, lemmas, pos = doc.to_array([LOWER, LEMMA, POS]).T.tolist()
        self.lowers: tuple[str, ...] = tuple(map(_string_of(doc, _STRINGS), lowers))
        self.lemmas: tuple[str, ...] = tuple(map(_string_of(doc, _FOLDED, str.casefold), lemmas))
        self.pos: tuple[str, ...] = tuple(map(_string_of(doc, _STRINGS), pos))
        # by head, the heads only: most tokens have no children, and a list for each would cost more than the rest
        children: dict[int, list[Token]] = {}
        heads = doc.to_array(HEAD).astype(numpy.int64).tolist()  # each head as an offset from its token
        for i, offset in enumerate(heads):
            if offset:
                children.setdefault(i + offset, []).append(self.tokens[i])
        self.children: dict[int, tuple[Token, ...]] = {head: tuple(kids) for head, kids in children.items()}
        self._doc = doc
        self._capitalised_after: dict[frozenset[str], frozenset[str]] = {}

    def capitalised_after(self, words: frozenset[str]) -> frozenset[str]:
        """The capitalised words written right after one of ``words`` ("Zed" in "Mr Zed" after honorifics)."""
        if words not in self._capitalised_after:
            tokens = self.tokens
            self._capitalised_after[words] = frozenset(
                after.text for before, after in pairwise(tokens)
                if before.text in words and after.text[:1].isupper()
            )
        return self._capitalised_after[words]

    @cached_property
    def entities(self) -> tuple[Span, ...]:
        """``doc.ents``, which makes its spans anew at each call."""
        return tuple(self._doc.ents)

    @cached_property
    def words_in_lower_case(self) -> Counter[str]:
        """How often the document writes each word in lower case ("broadband" beside a sentence's "Broadband")."""
        orths, lowers = self._doc.to_array([ORTH, LOWER]).T.tolist()
        return Counter(self.lowers[i] for i, (orth, lower) in enumerate(zip(orths, lowers, strict=True))
                       if orth == lower)

    @cached_property
    def common_abbreviations(self) -> frozenset[str]:
        """The words in capitals the document writes in brackets right after lower-case words whose initials they
        spell: abbreviations of common nouns ("PVR" in "a personal video recorder (PVR)")."""
        tokens = self.tokens
        return frozenset(
            tokens[i].text for i in range(2, len(tokens) - 1)
            if tokens[i - 1].text == "(" and tokens[i + 1].text == ")" and _spells_words_before(tokens, i)
        )

    @cached_property
    def writes_joining_hyphens(self) -> bool:
        """Whether the document joins two words by a hyphen without spaces somewhere ("hi-tech"), so that a hyphen
        written apart is a dash; pre-tokenised text spaces them all ("hi - tech")."""
        tokens = self.tokens
        return any(
            token.text == "-" and not token.whitespace_ and not tokens[i - 1].whitespace_
            for i, token in enumerate(tokens[1:-1], start=1)
        )

    @cached_property
    def _sentences(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        sentences = tuple(self._doc.sents)
        return tuple(sent.start for sent in sentences), sentences

    def sentence_at(self, i: int) -> Span:
        """The sentence holding the token at ``i`` (``token.sent`` walks the tokens to its bounds at each call)."""
        starts, sentences = self._sentences
        return sentences[bisect_right(starts, i) - 1]

    def opens_sentence(self, i: int) -> bool:
        """Whether only punctuation comes before the token at ``i`` in its sentence (an opening quote may)."""
        return all(self.tokens[j].is_punct for j in range(self.sentence_at(i).start, i))


def _spells_words_before(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether ``tokens[i]``, 2 to 6 capitals, spells the initials of the lower-case words before the bracket."""
    letters = tokens[i].text
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    words = [w for t in tokens[max(0, i - 1 - len(letters)) : i - 1] for w in t.text.split("-")][-len(letters):]
    return len(words) == len(letters) and all(w.isalpha() and w.islower() for w in words) \
        and "".join(w[0] for w in words) == letters.casefold()


# The strings of the hashes met so far, for every document: a dict lookup is cheaper than a ``Token`` attribute.
_STRINGS: dict[int, str] = {}
_FOLDED: dict[int, str] = {}


def _string_of(doc: Doc, known: dict[int, str], convert: Callable[[str], str] = str) -> Callable[[int], str]:
    """A function from a hash of ``doc``'s vocabulary to its string, through ``convert``, remembered in ``known``."""
    strings = doc.vocab.strings

    def string(key: int) -> str:
        text = known.get(key)
        if text is None:
            text = known[key] = convert(strings[key])
        return text

    return string


def token_table(doc: Doc) -> TokenTable:
    """The table of ``doc``, built at the first call."""
    table = doc.user_data.get(_TABLE_KEY)
    if table is None:
        table = doc.user_data[_TABLE_KEY] = TokenTable(doc)
    return table


def sentence_tokens(sent: Span) -> tuple[Token, ...]:
    """The tokens of a sentence (or any span), from the table."""
    return token_table(sent.doc).tokens[sent.start : sent.end]


@dataclass(frozen=True)
class SentenceColumns:
    """A sentence's tokens and, for each, its lower-case form, case-folded lemma and part of speech."""

    tokens: tuple[Token, ...]
    lowers: tuple[str, ...]
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]


def sentence_columns(sent: Span) -> SentenceColumns:
    """The columns of a sentence, from the table."""
    table = token_table(sent.doc)
    rows = slice(sent.start, sent.end)
    return SentenceColumns(table.tokens[rows], table.lowers[rows], table.lemmas[rows], table.pos[rows])


def proper_nouns(sent: Span) -> Iterator[Token]:
    """The proper nouns of a sentence, in order, from the table."""
    columns = sentence_columns(sent)
    for token, part in zip(columns.tokens, columns.pos, strict=True):
        if part == "PROPN":
            yield token


def child_tokens(token: Token) -> tuple[Token, ...]:
    """The children of ``token``, from the table."""
    return token_table(token.doc).children.get(token.i, ())


def document_entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, from the table."""
    return token_table(doc).entities


def sentence_of(token: Token) -> Span:
    """``token.sent``, from the table."""
    return token_table(token.doc).sentence_at(token.i)


def forget_tokens(doc: Doc) -> None:
    """Drop the table of ``doc`` (Token objects must not stay in ``user_data``, which spaCy serialises)."""
    doc.user_data.pop(_TABLE_KEY, None)


def remember_text(doc: Doc, text: str) -> None:
    """Record ``text``, the text ``doc`` was parsed from, as its ``doc.text``."""
    doc.user_data[_TEXT_KEY] = text


def document_text(doc: Doc) -> str:
    """``doc.text``, from :func:`remember_text` or joined once per document."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, cut from the document's text."""
    return document_text(span.doc)[span.start_char : span.end_char]
