"""Pronouns and definite descriptions resolved to the nearest preceding compatible mention."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from kg.extractors.tokens import child_tokens, sentence_of
from kg.extractors.tree import PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, children
from kg.model import Mention
from kg.rules import Rules
from kg.vocab import is_a


class AntecedentFinder:
    """Resolve a pronoun or definite description to the nearest preceding compatible mention."""

    def __init__(self, mentions: list[Mention], rules: Rules, topic: Mention | None = None) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.rules = rules
        self.topic = topic

    def anaphor(self, token: Token, excluded: Iterable[Mention] = ()) -> Mention | None:
        """A mention for ``token`` ("it", "the company") naming its antecedent, or ``None``.

        An antecedent in the same sentence is returned itself: the name is right there
        ("Kennedy had won when Sirhan shot him"). One in an earlier sentence is returned as a
        ``"coreference"`` copy over the antecedent's named span, so that the record names the
        entity where its name is written; the fact keeps the pronoun's sentence as evidence.
        ``excluded`` are mentions the pronoun cannot stand for: a verb's object pronoun is never
        its own subject ("him" is not "Sirhan" in "Sirhan shot him").
        """
        word = token.lower_ if token.pos_ == "PRON" else token.lemma_.casefold()
        classes = self.rules.anaphors.get(word)
        if classes is None or not (token.pos_ == "PRON" or token.dep_ == "compound" or _is_definite(token, self.rules)):
            return None
        mention = (self._conjoined_owner(token, classes, excluded) or self._topic_for(token, classes, excluded)
                   or self._reporter(token, classes, excluded) or self.salient(token, classes, excluded))
        if mention is None:
            return None
        if mention.start >= sentence_of(token).start_char:
            return mention
        return Mention(
            mention.doc_id, mention.start, mention.end, mention.text, mention.type,
            rule="coreference", type_confidence=self.rules.type_confidence["coreference"],
            name=mention.merge_name, name_rule="coreference",
        )

    def _conjoined_owner(self, token: Token, classes: Iterable[str], excluded: Iterable[Mention]) -> Mention | None:
        """For a possessive pronoun on the second of two coordinated phrases, the name the first is: in "Airbus and
        its rival Boeing", "its" is Airbus."""
        if token.dep_ != "poss" or token.head.dep_ != "conj":
            return None
        first = self._mention_at(token.head.head)
        names = {m.merge_name for m in excluded}
        if first is None or first.merge_name in names or not any(is_a(first.type, c) for c in classes):
            return None
        return first

    def _topic_for(self, token: Token, classes: Iterable[str], excluded: Iterable[Mention]) -> Mention | None:
        """The article's topic (of the ``topic_anaphor_classes``), for a subject or possessive anaphor
        (``topic_anaphor_deps``) of a later sentence that names nothing of its class before it: in "Alger was a
        politician. ... He served as mayor", "He" is Alger, whoever was named in between."""
        topic, wanted = self.topic, tuple(classes)
        if topic is None or token.dep_ not in self.rules.topic_anaphor_deps:
            return None
        if topic.end > sentence_of(token).start_char:
            return None
        if not any(is_a(topic.type, c) for c in wanted) or topic.merge_name in {m.merge_name for m in excluded}:
            return None
        if not any(is_a(topic.type, c) for c in self.rules.topic_anaphor_classes):
            return None
        before = self.nearest(token, wanted, excluded)
        return None if before is not None and before.start >= sentence_of(token).start_char else topic

    def _reporter(self, token: Token, classes: Iterable[str], excluded: Iterable[Mention]) -> Mention | None:
        """The subject of the verb that reports the anaphor's clause, when of its class: "Acme said it had signed a
        deal with Widgetco", "The firm said its sales rose" (the subject itself resolved)."""
        verb = token.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ != "ccomp":
            return None
        wanted, names = tuple(classes), {m.merge_name for m in excluded}
        for subject in children(verb.head, SUBJECT_DEPS):
            mention = self._mention_at(subject) or self.anaphor(subject, excluded)
            if mention is not None and any(is_a(mention.type, c) for c in wanted) and mention.merge_name not in names:
                return mention
        return None

    def _mention_at(self, token: Token) -> Mention | None:
        """The mention ``token`` is part of, if any."""
        position = bisect_right(self.starts, token.idx) - 1
        mention = self.mentions[position] if position >= 0 else None
        return mention if mention is not None and token.idx < mention.end else None

    def salient(self, token: Token, classes: Iterable[str], excluded: Iterable[Mention] = ()) -> Mention | None:
        """For a subject or possessive anaphor of ``salient_anaphor_classes`` (``salient_anaphor_deps``), the closest
        subject of a clause of one of ``classes`` in ``token``'s sentence before it or in the sentence before
        ("Acme lost a deal with Widgetco. It said ...": Acme); else the closest mention of those classes."""
        wanted = tuple(classes)
        if token.dep_ in self.rules.salient_anaphor_deps and all(c in self.rules.salient_anaphor_classes
                                                                 for c in wanted):
            sent, names = sentence_of(token), {m.merge_name for m in excluded}
            since = sentence_of(token.doc[sent.start - 1]).start_char if sent.start > 0 else sent.start_char
            window = self.mentions[bisect_left(self.starts, since) : bisect_left(self.starts, token.idx)]
            governing = self._in_governing_clause(token, window, wanted, names)
            if governing is not None:
                return governing
            for mention in reversed(window):
                if (any(is_a(mention.type, c) for c in wanted) and mention.merge_name not in names
                        and self._is_subject(mention, token.doc)):
                    reported = _reported_subject(mention, token.doc)
                    if reported is None:
                        return mention
                    # "A delegation visited Acme, the Times reported. It was led by X": the news, not its source
                    found = self._mention_at(reported) or self.anaphor(reported, excluded)
                    if found is None or found.merge_name in names or not any(is_a(found.type, c) for c in wanted):
                        return None
                    return found
        return self.nearest(token, wanted, excluded)

    @staticmethod
    def _in_governing_clause(
        token: Token, window: list[Mention], wanted: tuple[str, ...], names: set[str]
    ) -> Mention | None:
        """For the subject of an adverbial clause whose main clause has no subject of its classes, the last name
        of its classes in that main clause before it: "These businesses became part of Acme when it bought
        Widgetco" (Acme, not the subject of the sentence before)."""
        verb = token.head
        if verb.dep_ != "advcl" or token.dep_ not in SUBJECT_DEPS:
            return None
        main, doc = verb.head, token.doc
        for mention in reversed(window):
            span = doc.char_span(mention.start, mention.end)
            if span is None or span.start < sentence_of(token).start or not any(is_a(mention.type, c) for c in wanted):
                continue
            if mention.merge_name in names:
                continue
            if main in span.root.ancestors and verb not in span.root.ancestors:
                return mention
        return None

    @staticmethod
    def _is_subject(mention: Mention, doc: Doc) -> bool:
        """Whether a mention is the subject of its clause."""
        span = doc.char_span(mention.start, mention.end)
        return span is not None and span.root.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS

    def nearest(self, token: Token, classes: Iterable[str], excluded: Iterable[Mention] = ()) -> Mention | None:
        """The closest mention before ``token`` whose class is one of ``classes`` and not in ``excluded``."""
        wanted = tuple(classes)
        names = {m.merge_name for m in excluded}
        position = bisect_left(self.starts, token.idx)
        for mention in reversed(self.mentions[max(0, position - self.rules.anaphor_window) : position]):
            if any(is_a(mention.type, c) for c in wanted) and mention.merge_name not in names:
                return mention
        return None


_QUOTES = frozenset({'"', "'", "``", "''", "\u201c", "\u201d", "\u2018", "\u2019"})


def _reported_subject(mention: Mention, doc: Doc) -> Token | None:
    """The subject of the clause a mention reports after it, unquoted ("A delegation visited Acme, the Times
    reported": "delegation"), or ``None`` when the mention reports nothing so (a quote's speaker stays its topic)."""
    span = doc.char_span(mention.start, mention.end)
    if span is None or span.root.dep_ not in SUBJECT_DEPS:
        return None
    verb = span.root.head
    for clause in child_tokens(verb):
        if clause.dep_ != "ccomp" or clause.i > span.start:
            continue
        if any(t.text in _QUOTES or t.tag_ in {"``", "''"} for t in doc[clause.left_edge.i : span.start]):
            return None
        subjects = children(clause, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
        return subjects[0] if subjects else None
    return None


def article_topic(first: Span, by_token: dict[int, Mention], rules: Rules) -> Mention | None:
    """What an article is about, when its first sentence defines a name: the subject of a ``defining_verbs`` root
    ("Roketsan is a Turkish weapons maker", "Ross Alger ( 1920 – 1992 ) was a politician"); ``None`` for a
    sentence that reports news ("Microsoft is working on a browser": there "be" is an auxiliary; "India is to
    boost spending"; "Acme is due in court")."""
    root = first.root
    if root.lemma_.casefold() not in rules.defining_verbs or _plans(root) or _reports(root):
        return None
    subjects = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
    subject = next((by_token[c.i] for c in child_tokens(root) if c.dep_ in subjects and c.i in by_token), None)
    return subject or _opening_name(first, root, by_token, rules)


def _reports(root: Token) -> bool:
    """Whether a defining "be" reports news rather than defines: an adjective after it and no noun ("Acme is due
    in court")."""
    deps = {c.dep_ for c in child_tokens(root)}
    return root.lemma_.casefold() == "be" and "acomp" in deps and "attr" not in deps


def _plans(root: Token) -> bool:
    """Whether "be" takes an infinitive and no attribute, a plan in the news: "India is to boost spending"."""
    deps = {c.dep_ for c in child_tokens(root)}
    return "xcomp" in deps and "attr" not in deps


def _opening_name(first: Span, root: Token, by_token: dict[int, Mention], rules: Rules) -> Mention | None:
    """The name that opens a sentence defining it with a noun ("is a writer") that the parser gave no named
    subject, when the name ends before the verb and owns nothing: "Alecu Russo ( born in 1819 , died in 1859 ) was
    a writer", "Elwood C. Buchanan , Sr was a trumpeter" (not "Acme 's profits were ...")."""
    if not any(c.dep_ == "attr" for c in child_tokens(root)):
        return None
    for token in first:
        if token.i in by_token:
            mention = by_token[token.i]
            last = max(t.i for t in first if by_token.get(t.i) == mention)
            owns = last + 1 < first.end and first.doc[last + 1].tag_ == "POS"
            return mention if last < root.i and not owns else None
        if not (token.is_punct or token.lower_ in rules.leading_determiners):
            return None
    return None


def _is_definite(noun: Token, rules: Rules) -> bool:
    determiners = rules.definite_determiners
    return noun.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in determiners for c in child_tokens(noun))

