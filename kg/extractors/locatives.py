"""Read mentions and relation mentions off a parsed spaCy ``Doc``.

The one entry point, :func:`extract_document`, turns a ``Doc`` into an
:class:`~kg.model.Extraction` of plain dataclasses; no spaCy object leaves this module.
What counts as an entity, a type cue or a relation trigger comes from the rule files
(:mod:`kg.rules`); this module only knows dependency-tree shapes.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial

from spacy.tokens import Doc, Span, Token

from kg.model import Document, Extraction, Mention, RelationMention, Sentence
from kg.names import CORPORATE_SUFFIX, canonical_key, type_tally
from kg.nlp.language import NER_PRECISION_KEY
from kg.rules import Rules, Trigger, load_rules
from kg.vocab import is_a, predicate_signature

LEADING_JUNK = frozenset({"the", "a", "an", "this", "that", "these", "those"})
SUBJECT_DEPS = frozenset({"nsubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
OPEN_RELATION_CONFIDENCE = 0.3
PROPAGATED_FROM = frozenset({"ner", "pattern", "gazetteer", "head_noun", "title"})
CONTEXT_TITLE_REACH = 300  # characters back to look for the employer of a bare title ("CEO Sam Altman")
_TEXT_KEY = "kg_text"  # Doc.user_data key of the text joined once (_document_text)


@dataclass(frozen=True)
class _Candidate:
    subject: Mention
    object: Mention
    trigger: Trigger


def extract_document(doc: Doc, document: Document, rules: Rules | None = None) -> Extraction:
    """Extract the mentions and relation mentions of one parsed document.

    Args:
        doc: the spaCy parse of ``document.text``.
        document: the document it was parsed from (its id goes into every record).
        rules: extraction rules; the shipped ones by default.
    """
    rules = rules or load_rules()
    content = [sent for sent in doc.sents if not _is_boilerplate(sent, rules)]
    by_token = _mentions_by_token(content, document.id, rules)
    by_token = _recover_names_from_context(content, by_token, document.id, rules)
    by_token = _recover_known_places(content, by_token, document.id, rules)
    by_token = _places_by_construction(doc, by_token, rules)
    by_token = _link_names_in_document(doc, by_token, rules)
    by_token = _propagate_names(doc, content, by_token)
    by_token = _vote_types_in_document(by_token)
    antecedents = _AntecedentFinder(sorted(set(by_token.values()), key=lambda m: m.start), rules)
    relations: list[RelationMention] = []
    for sent in content:
        relations.extend(_sentence_relations(sent, by_token, rules, antecedents))
    mentions = sorted(set(by_token.values()), key=lambda m: (m.start, m.end))
    return Extraction(document, tuple(mentions), tuple(relations))


def _is_boilerplate(sent: Span, rules: Rules) -> bool:
    """Page furniture by pattern, or a sentence mostly in another script than Latin (an English parser's junk)."""
    return any(pattern.search(sent.text) for pattern in rules.boilerplate) or not _mostly_latin(sent.text)


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return not letters or latin * 2 >= len(letters)


# ---------------------------------------------------------------- mentions


def _mentions_by_token(sentences: Iterable[Span], doc_id: str, rules: Rules) -> dict[int, Mention]:
    """Map each token index inside a kept entity to its mention."""
    by_token: dict[int, Mention] = {}
    for sent in sentences:
        for ent in sent.ents:
            for span, label, name in _entity_spans(ent, sent, rules):
                mention = _make_mention(span, label, doc_id, rules, name)
                if mention is not None:
                    for token in span:
                        by_token[token.i] = mention
    return by_token


def _entity_spans(ent: Span, sent: Span, rules: Rules) -> list[tuple[Span, str, str]]:
    """The (span, NER label, name) of the entities an NER span holds, boundaries fixed.

    Leading determiners and punctuation go; a span that runs into a bracket stops before it
    ("PRD ( Party of ..."); a person's title joins the span but not its name ("President
    Kennedy" names Kennedy); an organisation name that starts with a known place is split
    when the rest names an institution ("U.S. Congress", "Paris Radio France International").
    """
    bracket = next((t.i for t in ent if t.text in {"(", ")"}), None)
    span = _trim(ent if bracket is None else ent.doc[ent.start : bracket])
    if span is None:
        return []
    if ent.label_ == "PERSON":
        titled = _with_title(span, sent, rules)
        return [(titled, "PERSON", span.text if titled.start < span.start else "")]
    if ent.label_ in {"ORG", "GPE"}:  # "Moscow ITAR-TASS" is tagged as one place
        return [(part, label or ent.label_, "") for part, label in _split_leading_place(span, rules)]
    return [(span, ent.label_, "")]


def _trim(ent: Span) -> Span | None:
    """Drop leading determiners and surrounding punctuation from an entity span."""
    start, end = ent.start, ent.end
    while start < end and (ent.doc[start].lower_ in LEADING_JUNK or ent.doc[start].is_punct):
        start += 1
    while end > start and ent.doc[end - 1].is_punct:
        end -= 1
    return ent.doc[start:end] if start < end else None


def _with_title(span: Span, sent: Span, rules: Rules) -> Span:
    start = span.start
    while start > sent.start and start > span.start - 3 and span.doc[start - 1].text in rules.person_titles:
        start -= 1
    return span.doc[start : span.end]


def _split_leading_place(span: Span, rules: Rules) -> list[tuple[Span, str]]:
    """A known place and the institution after it, or the span unchanged with no label ("")."""
    for size in (3, 2, 1):
        if size >= len(span):
            continue
        head, rest = span[:size], span[size:]
        known = rules.gazetteer.type_of(head.text)
        if known is not None and is_a(known, "Place") and _names_institution(rest, rules):
            return [(head, "GPE"), (rest, "ORG")]
    return [(span, "")]


def _names_institution(span: Span, rules: Rules) -> bool:
    """ "Congress", "Foreign Ministry", "Radio Lebanon", "ITAR-TASS": an institution word first or last, or a
    name all in capitals."""
    text = span.text
    return bool({span[0].lower_, span[-1].lower_} & rules.institution_nouns) or (
        text.isupper() and sum(c.isalpha() for c in text) > 1
    )


def _make_mention(span: Span, label: str, doc_id: str, rules: Rules, name: str = "") -> Mention | None:
    type_name = rules.ner_labels.get(label)
    text = span.text
    if type_name is None or _is_not_an_entity(name or text, rules):
        return None
    source = "pattern" if span.root.ent_id_ else "ner"
    known = rules.gazetteer.type_of(name or text)
    if known is not None and source == "ner":
        type_name, source = known, "gazetteer"
    cue = _head_noun_type(span, rules)
    if cue is not None and source != "gazetteer":
        type_name, source = cue, "head_noun"
    elif source != "gazetteer" and _described_as_person(span, rules):
        type_name, source = "Person", "person_cue"
    elif type_name == "Person" and not name and any(p.match(text) for p in rules.not_person_shapes):
        type_name, source = "Organization", "shape"
    if name and source == "ner":
        source = "title"
    confidence = rules.type_confidence[source]
    if source == "ner":
        confidence *= span.doc.user_data.get(NER_PRECISION_KEY, {}).get(label, 1.0)
    start = span.start_char
    return Mention(
        doc_id, start, start + len(text), text, type_name, rule=source, type_confidence=confidence,
        name=name, name_rule="title" if name else "",
    )


def _is_not_an_entity(text: str, rules: Rules) -> bool:
    return (
        text.casefold() in rules.not_entities
        or canonical_key(text) in rules.gazetteer.ignore
        or not any(c.isalpha() for c in text)
        or text.islower()  # a name in a cased script has a capital ("cts", "tandem" are not names)
        or any(shape.search(text) for shape in rules.not_entity_shapes)
    )


def _head_noun_type(span: Span, rules: Rules) -> str | None:
    """The class cued by a noun the entity modifies or stands in apposition to ("H800 chips")."""
    root = span.root
    cues: list[Token] = []
    if root.dep_ in {"compound", "nmod", "amod"} and root.head.i >= span.end:
        cues.append(root.head)
        modified = rules.modified_nouns.get(root.head.lemma_.casefold())
        if modified is not None:  # "a Fargo native": Fargo is a place
            return modified
    if root.dep_ == "appos":
        cues.append(root.head)
    cues.extend(child for child in root.children if child.dep_ == "appos")
    category = _category_of_example(root)
    if category is not None:
        cues.append(category)
    if len(span) > 1:
        cues.append(span[-1])  # the name's own last word: "Paris AI Action Summit", "Alibaba Group"
    for cue in cues:
        found = rules.head_nouns.get(cue.lemma_.casefold())
        if found is not None and cue.pos_ in {"NOUN", "PROPN"}:
            return found
    return None


def _described_as_person(span: Span, rules: Rules) -> bool:
    """A name described by a noun for people ("Warner, a former ambassador", "candidate Cecilia Soto") or by
    a "who" clause ("Warner, who lives in Ocala")."""
    root = span.root
    nouns = [c for c in root.children if c.dep_ == "appos" or (c.dep_ == "compound" and c.i < span.start)]
    if root.dep_ == "appos":
        nouns.append(root.head)
    if any(n.lemma_.casefold() in rules.person_nouns and n.pos_ in {"NOUN", "PROPN"} for n in nouns):
        return True
    if _followed_by_age(span):
        return True
    return any(
        c.dep_ == "relcl"
        and any(w.lower_ in {"who", "whom"} and w.dep_ in {"nsubj", "nsubjpass", "dobj"} for w in c.children)
        for c in root.children
    )


def _followed_by_age(span: Span) -> bool:
    """A name with an age set off by commas is a person's: "Marie Ferraro, 50, of Bethany"."""
    after = span.doc[span.end : span.end + 3]
    return (
        len(after) == 3 and after[0].text == "," and after[2].text == ","
        and after[1].text.isdigit() and len(after[1].text) <= 3
    )


def _recover_names_from_context(
    sentences: Iterable[Span], by_token: dict[int, Mention], doc_id: str, rules: Rules
) -> dict[int, Mention]:
    """Proper names the tagger missed whose context types them.

    A proper noun coordinated with an entity has its class ("Google and Facebook"); one
    possessed by a place is an organisation there ("France's Mistral AI").
    """
    found = dict(by_token)
    for sent in sentences:
        for token in sent:
            if token.i in found or token.pos_ != "PROPN" or token.dep_ == "compound":
                continue
            type_name = _class_from_context(token, found)
            span = _proper_name_span(token, found)
            if type_name is None or span is None or _is_not_an_entity(span.text, rules):
                continue
            mention = Mention(
                doc_id, span.start_char, span.end_char, span.text, type_name,
                rule="context", type_confidence=rules.type_confidence["context"],
            )
            found.update((t.i, mention) for t in span)
    return found


def _recover_known_places(
    sentences: Iterable[Span], by_token: dict[int, Mention], doc_id: str, rules: Rules
) -> dict[int, Mention]:
    """Proper nouns the tagger missed that the gazetteer knows as places ("BANGKOK , Thailand"), and a
    name in capitals right after a known place, a news agency's header ("Beijing XINHUA", "Tokyo KYODO")."""
    found = dict(by_token)
    for sent in sentences:
        for token in sent:
            if token.i in found or token.pos_ != "PROPN" or not token.text[:1].isupper():
                continue
            known = rules.gazetteer.type_of(token.text)
            if known is not None and is_a(known, "Place") and token.text.casefold() not in rules.not_entities:
                found[token.i] = Mention(
                    doc_id, token.idx, token.idx + len(token.text), token.text, known,
                    rule="gazetteer", type_confidence=rules.type_confidence["gazetteer"],
                )
            elif _is_agency_after_place(token, found) or _is_employer_before_title(token, rules):
                span = _hyphenated_name(token)
                if any(t.i in found for t in span):
                    continue
                mention = Mention(
                    doc_id, span.start_char, span.end_char, span.text, "Organization",
                    rule="context", type_confidence=rules.type_confidence["context"],
                )
                found.update((t.i, mention) for t in span)
    return found


def _is_employer_before_title(token: Token, rules: Rules) -> bool:
    """A name in capitals modifying a job title: "ITAR-TASS correspondent Mikhail Shevtsov"."""
    return (
        token.dep_ == "compound" and token.text.isupper() and sum(c.isalpha() for c in token.text) >= 3
        and token.head.pos_ == "NOUN" and token.head.lemma_.casefold() in rules.titles
    )


def _hyphenated_name(token: Token) -> Span:
    """The token with the words joined to it by hyphens before it ("ITAR - TASS" ending at "TASS")."""
    start = token.i
    while start >= 2 and token.doc[start - 1].text == "-" and token.doc[start - 2].text.isupper():
        start -= 2
    return token.doc[start : token.i + 1]


def _places_by_construction(doc: Doc, by_token: dict[int, Mention], rules: Rules) -> dict[int, Mention]:
    """Names the tagger called organisations that their construction shows to be places.

    A name followed by a comma and a known region is a place in it ("ROYAL OAK, Mich.",
    "Rocky Flats, Colorado"); "of" a name after a person's age or a company's legal form says
    where they are from ("Daniel Sullivan, 30, of Boothbay", "Avis Bourg Co. of Folsom"). A
    name ending in an institution noun stays an organisation.
    """
    retyped: dict[Mention, Mention] = {}
    for i, mention in by_token.items():
        if mention.rule != "ner" or mention.type != "Organization" or mention in retyped:
            continue
        if doc[i].lower_ in rules.institution_nouns or doc[i].lemma_.casefold() in rules.head_nouns:
            continue
        if _before_known_region(doc, i, by_token, rules) or _of_after_age_or_company(doc[i], by_token):
            retyped[mention] = replace(
                mention, type="Place", rule="place_cue", type_confidence=rules.type_confidence["place_cue"]
            )
    return {i: retyped.get(m, m) for i, m in by_token.items()}


def _before_known_region(doc: Doc, i: int, by_token: dict[int, Mention], rules: Rules) -> bool:
    after = by_token.get(i + 2) if i + 2 < len(doc) and doc[i + 1].text == "," else None
    return (
        after is not None and by_token.get(i + 1) != by_token[i] and is_a(after.type, "Place")
        and rules.gazetteer.type_of(after.merge_name) is not None
    )


def _of_after_age_or_company(token: Token, by_token: dict[int, Mention]) -> bool:
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "of" or prep.dep_ != "prep":
        return False
    owner = prep.head
    if owner.like_num:  # "Marie Ferraro, 50, of Bethany"
        return True
    company = by_token.get(owner.i)
    return (
        company is not None and is_a(company.type, "Organization")
        and CORPORATE_SUFFIX.search(company.text) is not None
    )


def _is_agency_after_place(token: Token, found: dict[int, Mention]) -> bool:
    """A single word in capitals, last of its phrase, right after a place mention: "Beijing XINHUA"."""
    before = found.get(token.i - 1) if token.i > 0 else None
    text = token.text
    return (
        before is not None and is_a(before.type, "Place") and not before.text.isupper()
        and text.isupper() and sum(c.isalpha() for c in text) >= 3 and token.i + 1 not in found
        and (token.i + 1 == len(token.doc) or token.nbor().pos_ != "PROPN")
    )


def _class_from_context(token: Token, by_token: dict[int, Mention]) -> str | None:
    if token.dep_ == "conj" and token.head.i in by_token:
        return by_token[token.head.i].type
    owners = [by_token[c.i] for c in token.children if c.dep_ == "poss" and c.i in by_token]
    if owners and is_a(owners[0].type, "Place"):
        return "Organization"
    return None


def _proper_name_span(token: Token, by_token: dict[int, Mention]) -> Span | None:
    """The proper noun with the proper-noun compounds before it ("Mistral AI"), if none is in a mention."""
    start = token.i
    while start > 0 and token.doc[start - 1].pos_ == "PROPN" and token.doc[start - 1].dep_ == "compound":
        start -= 1
    if any(i in by_token for i in range(start, token.i + 1)):
        return None
    return token.doc[start : token.i + 1]


def _propagate_names(doc: Doc, sentences: Iterable[Span], by_token: dict[int, Mention]) -> dict[int, Mention]:
    """Every other occurrence of a recognised name in the document is a mention of it too.

    The tagger misses names it found elsewhere in the same text ("the US OpenAI"); the copy
    takes the name's class by the document vote and casts no vote itself.
    """
    spans: dict[Mention, list[int]] = defaultdict(list)
    for i, mention in by_token.items():
        spans[mention].append(i)
    known: dict[str, list[tuple[tuple[str, ...], Mention]]] = defaultdict(list)
    for mention, indices in spans.items():
        if mention.rule in PROPAGATED_FROM and mention.text[:1].isupper():
            words = tuple(t.text for t in doc[min(indices) : max(indices) + 1])
            known[words[0]].append((words, mention))
    for candidates in known.values():
        candidates.sort(key=lambda c: -len(c[0]))
    found = dict(by_token)
    for sent in sentences:
        for token in sent:
            if token.i in found:
                continue
            for words, source in known.get(token.text, []):
                end = token.i + len(words)
                if end <= sent.end and all(i not in found for i in range(token.i, end)) and \
                        tuple(t.text for t in sent.doc[token.i : end]) == words:
                    span = sent.doc[token.i : end]
                    copy = replace(source, start=span.start_char, end=span.end_char, text=span.text,
                                   rule="propagated", type_confidence=0.0)
                    found.update((i, copy) for i in range(token.i, end))
                    break
    return found


def _link_names_in_document(doc: Doc, by_token: dict[int, Mention], rules: Rules) -> dict[int, Mention]:
    """Point short names at the full name they abbreviate in the same document.

    A parenthesised name right after another ("RedNote (Xiaohongshu)", "... Agency (NASDA)")
    is an alias of it (``parenthetical``, or ``acronym`` when it spells its initials), and
    so is every later mention with that text; a lone surname after a full personal name
    ("Huang" after "Jensen Huang") names that person (``surname``).
    """
    mentions = sorted(set(by_token.values()), key=lambda m: m.start)
    text = _document_text(doc)
    aliases: dict[str, tuple[Mention, str]] = {}
    surnames: dict[str, Mention] = {}
    previous: Mention | None = None
    relinked: dict[Mention, Mention] = {}
    for mention in mentions:
        linked = aliases.get(mention.text)
        if linked is None and previous is not None and _is_parenthesised_alias(text, previous, mention, rules):
            rule = "acronym" if _is_acronym_of(mention.text, previous.merge_name) else "parenthetical"
            linked = aliases[mention.text] = (previous, rule)
        if linked is None and mention.type == "Person" and " " not in mention.merge_name:
            full = surnames.get(mention.merge_name)
            linked = (full, "surname") if full is not None else None
        if linked is not None and not mention.name:
            target, rule = linked
            relinked[mention] = replace(mention, name=target.merge_name, name_rule=rule)
        elif mention.type == "Person" and " " in mention.merge_name:
            surnames.setdefault(mention.merge_name.split()[-1], mention)
        previous = relinked.get(mention, mention)
    return {i: relinked.get(m, m) for i, m in by_token.items()}


def _document_text(doc: Doc) -> str:
    """``doc.text``, joined once per document: spaCy joins every token again each time it is asked."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def _is_parenthesised_alias(text: str, first: Mention, second: Mention, rules: Rules) -> bool:
    """ "NAME (ALIAS)": not a place in brackets after a name or the reverse (a dateline "PARIS (AP)"), nor a
    person's affiliation ("X (Labour)"), nor two names the gazetteer knows apart ("Indosuez Asia (Singapore) Ltd")."""
    between = text[first.end : second.start]
    if between.strip() != "(" or not text[second.end : second.end + 2].strip().startswith(")"):
        return False
    if rules.gazetteer.knows_apart(first.merge_name, second.merge_name):
        return False
    if _is_acronym_of(second.text, first.merge_name):
        return True
    return is_a(first.type, "Place") == is_a(second.type, "Place") and not is_a(first.type, "Person")


def _is_acronym_of(short: str, name: str) -> bool:
    """Whether ``short`` is an acronym of ``name``: capitals, its first letter, then the rest in order.

    Examples:
        >>> _is_acronym_of("NASDA", "National Space Development Agency of Japan")
        True
        >>> _is_acronym_of("RedNote", "Xiaohongshu")
        False
    """
    letters = short.replace(".", "")
    if len(letters) < 2 or not letters.isupper() or not name[:1].isupper() or letters[0] != name[0]:
        return False
    remaining = iter(name[1:].casefold())
    return all(letter in remaining for letter in letters[1:].casefold())


def _vote_types_in_document(by_token: dict[int, Mention]) -> dict[int, Mention]:
    """Give every mention of the same name in a document the type its mentions vote for."""
    named: dict[str, list[Mention]] = defaultdict(list)
    for mention in set(by_token.values()):
        named[_vote_key(mention.merge_name)].append(mention)
    winners = {key: max(sorted(tally.items()), key=lambda kv: kv[1])[0] for key, tally in
               ((key, type_tally(mentions)) for key, mentions in named.items())}
    return {
        i: replace(m, type=winners[_vote_key(m.merge_name)]) if m.type != winners[_vote_key(m.merge_name)] else m
        for i, m in by_token.items()
    }


def _vote_key(text: str) -> str:
    return " ".join(text.casefold().split())


class _AntecedentFinder:
    """Resolve a pronoun or definite description to the nearest preceding compatible mention."""

    WINDOW = 40

    def __init__(self, mentions: list[Mention], rules: Rules) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.rules = rules

    def anaphor(self, token: Token, excluded: Iterable[Mention] = ()) -> Mention | None:
        """A mention for ``token`` ("it", "the company") naming its antecedent, or ``None``.

        An antecedent in the same sentence is returned itself: the name is right there
        ("Kennedy had won when Sirhan shot him"). ``excluded`` are mentions the pronoun
        cannot stand for: a verb's object pronoun is never its own subject ("him" is not
        "Sirhan" in "Sirhan shot him").
        """
        word = token.lower_ if token.pos_ == "PRON" else token.lemma_.casefold()
        classes = self.rules.anaphors.get(word)
        if classes is None or (token.pos_ != "PRON" and not _is_definite(token) and token.dep_ != "compound"):
            return None
        mention = self.nearest(token, classes, excluded)
        if mention is None:
            return None
        if mention.start >= token.sent.start_char:
            return mention
        span = _anaphor_span(token)
        return Mention(
            mention.doc_id, span.start_char, span.end_char, span.text, mention.type,
            rule="coreference", type_confidence=self.rules.type_confidence["coreference"],
            name=mention.merge_name, name_rule="coreference",
        )

    def nearest(self, token: Token, classes: Iterable[str], excluded: Iterable[Mention] = ()) -> Mention | None:
        """The closest mention before ``token`` whose class is one of ``classes`` and not in ``excluded``."""
        wanted = tuple(classes)
        names = {m.merge_name for m in excluded}
        position = bisect_left(self.starts, token.idx)
        for mention in reversed(self.mentions[max(0, position - self.WINDOW) : position]):
            if any(is_a(mention.type, c) for c in wanted) and mention.merge_name not in names:
                return mention
        return None


def _is_definite(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def _anaphor_span(token: Token) -> Span:
    if token.pos_ == "PRON":
        return token.doc[token.i : token.i + 1]
    first = min([token.i, *(c.i for c in token.children if c.dep_ in {"det", "amod", "compound"})])
    return token.doc[first : token.i + 1]


# ---------------------------------------------------------------- relations


def _sentence_relations(
    sent: Span, by_token: dict[int, Mention], rules: Rules, antecedents: _AntecedentFinder
) -> Iterator[RelationMention]:
    sentence = Sentence(sent.start_char, sent.end_char, sent.text)
    seen: set[tuple[Mention, str, Mention]] = set()
    finders = (
        partial(_verb_relations, antecedents=antecedents),
        _noun_relations,
        partial(_title_relations, antecedents=antecedents),
        _role_relations,
        _possessive_relations,
        _locative_relations,
        _demonym_relations,
        partial(_home_relations, antecedents=antecedents),
        _workplace_relations,
        _place_apposition_relations,
        _place_in_place_relations,
        _dateline_relations,
    )
    found: list[RelationMention] = []

    def accept(candidates: Iterable[_Candidate]) -> None:
        for candidate in candidates:
            subject, obj = candidate.subject, candidate.object
            if candidate.trigger.inverse:
                subject, obj = obj, subject
            predicate = _refine_predicate(candidate.trigger.predicate, subject, rules)
            key = (subject, predicate, obj)
            if subject == obj or subject.merge_name == obj.merge_name or key in seen:
                continue
            seen.add(key)
            found.append(RelationMention(
                subject.doc_id, subject, predicate, obj, sentence, candidate.trigger.confidence, candidate.trigger.rule
            ))

    for finder in finders:
        accept(finder(sent, by_token, rules))
    accept(_region_relations(list(found), sent, by_token, rules))
    accept(_alias_relations(list(found), sent, by_token, rules))
    yield from found


def _alias_relations(
    found: list[RelationMention], sent: Span, by_token: dict[int, Mention], rules: Rules
) -> Iterator[_Candidate]:
    """ "the Khmer Rouge (KR) ... Cambodia", "PAN (National Action Party) candidate X": a fact about a name holds
    for the alias in brackets right after it, and the other way round."""
    mentions = sorted({by_token[t.i] for t in sent if t.i in by_token}, key=lambda m: m.start)
    partners: dict[Mention, Mention] = {}
    for first, second in zip(mentions, mentions[1:]):
        if _is_parenthesised_alias(_document_text(sent.doc), first, second, rules):
            partners.setdefault(first, second)
            partners.setdefault(second, first)
    for relation in found:
        trigger = Trigger(relation.predicate, relation.confidence, f"{relation.rule}-alias")
        if relation.subject in partners:
            yield _Candidate(partners[relation.subject], relation.object, trigger)
        if relation.object in partners:
            yield _Candidate(relation.subject, partners[relation.object], trigger)


def _region_relations(
    found: list[RelationMention], sent: Span, by_token: dict[int, Mention], rules: Rules
) -> Iterator[_Candidate]:
    """ "Mrs. Tsuruyama is from Yatsushiro in Kumamoto Prefecture in southern Japan", "a technician from North
    Wales, Pa.", "Pepperell, based in West Point, Ga.": a person or organisation in a place is also in the places
    that place is said to lie "in" and in the region named after it by a comma, except a birth place's region
    ("born in Staunton, Va.", see ``birth_verbs``)."""
    if rules.location is None:
        return
    inside, comma = _in_regions(sent, by_token), _comma_regions(sent, by_token)
    located = {rules.location.predicate, *rules.location_by_subject_type.values()}
    for relation in found:
        if relation.predicate not in located or is_a(relation.subject.type, "Place"):
            continue  # places in places are read off the words already
        born = rules.birth is not None and relation.rule == rules.birth.rule
        regions = inside if born else {**comma, **inside}
        trigger = Trigger(rules.location.predicate, relation.confidence, f"{relation.rule}-region")
        region, steps = regions.get(relation.object), 0
        while region is not None and region != relation.subject and steps < 3:
            yield _Candidate(relation.subject, region, trigger)
            region, steps = regions.get(region), steps + 1


def _refine_predicate(predicate: str, subject: Mention, rules: Rules) -> str:
    if rules.location is None or predicate != rules.location.predicate:
        return predicate
    for cls, refined in rules.location_by_subject_type.items():
        if is_a(subject.type, cls):
            return refined
    return predicate


def _mentions_at(token: Token, by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """The mentions a token stands for, with its conjuncts.

    A token inside a mention stands for it; a noun in apposition to a name stands for it
    ("Sirhan, the man convicted of ..."); a category noun (a ``head_nouns`` entry) stands
    for the entity that names it ("H800 chips") and the examples it lists ("companies like Alibaba").
    """
    found: list[Mention] = []
    for each in [token, *token.conjuncts]:
        if each.i in by_token:
            found.append(by_token[each.i])
        elif each.dep_ == "appos" and each.head.i in by_token:
            found.append(by_token[each.head.i])
        elif each.lemma_.casefold() in rules.head_nouns:
            found.extend(by_token[c.i] for c in each.children if c.dep_ in {"compound", "appos"} and c.i in by_token)
            for example in _examples(each):
                found.extend(_mentions_at(example, by_token, rules) or _modifier_mentions(example, by_token))
        elif each.pos_ == "NOUN":
            found.extend(by_token[c.i] for c in each.children if c.dep_ == "appos" and c.i in by_token)
    return found


def _modifier_mentions(noun: Token, by_token: dict[int, Mention]) -> list[Mention]:
    """Entities naming a common noun by modifying it: "the Qwen3 Embedding series" -> Qwen3."""
    return [by_token[c.i] for c in noun.children if c.dep_ in {"compound", "amod", "nmod"} and c.i in by_token]


def _examples(noun: Token) -> list[Token]:
    """The examples a category noun lists: "companies like Alibaba", "systems such as GPT-4"."""
    return [obj for prep in noun.children if _introduces_examples(prep) for obj in _children(prep, frozenset({"pobj"}))]


def _introduces_examples(prep: Token) -> bool:
    if prep.dep_ != "prep":
        return False
    return prep.lower_ in {"like", "including"} or (prep.lower_ == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such")


def _category_of_example(token: Token) -> Token | None:
    """The category noun whose example ``token`` is ("Alibaba" in "companies like Alibaba and Tencent")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and _introduces_examples(token.head):
        return token.head.head
    return None


def _children(token: Token, deps: frozenset[str]) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the given prepositions under ``token``: "invest [in] X", "take [over] X"."""
    wanted = set(preps)
    found = []
    for child in token.children:
        if child.dep_ in {"prep", "prt", "agent"} and child.lower_ in wanted:
            found.extend(_children(child, frozenset({"pobj"})))
            if child.dep_ == "prt":
                found.extend(_children(token, OBJECT_DEPS))
    return found


def _verb_arguments(verb: Token, rules: Rules) -> tuple[list[Token], list[Token], list[Token]]:
    """Subjects, objects and the things a verb locates, undoing the passive and following conjunctions.

    The third list holds what a preposition of the verb is about: the grammatical subject in
    the passive ("Mistral AI is based in Paris") and the noun a participle describes
    ("Mistral AI, based in Paris"); the active subject otherwise ("Yi Xin lives in Beijing").
    """
    subjects = _children(verb, SUBJECT_DEPS)
    objects = _children(verb, OBJECT_DEPS)
    if not objects:  # "Ruby shot and mortally wounded Oswald": the conjunct's object is shared
        objects = [o for conj in _children(verb, frozenset({"conj"})) if conj.pos_ == "VERB" for o in _children(conj, OBJECT_DEPS)]
    passive = _children(verb, PASSIVE_SUBJECT_DEPS)
    located = passive or subjects
    if passive:
        objects = objects + passive
        subjects = subjects + _prep_objects(verb, ["by"])
    if verb.dep_ in {"acl", "relcl"}:
        relative_is_subject = any(c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ in {"WDT", "WP"} for c in verb.children)
        if verb.tag_ == "VBN" and verb.dep_ == "acl":
            described = _name_just_before(verb) or verb.head
            objects.append(described)
            subjects.extend(_prep_objects(verb, ["by"]))
            located = [described]
        elif relative_is_subject and passive:
            objects.append(verb.head)
            located = [verb.head]
        elif relative_is_subject and verb.head.lemma_.casefold() in rules.instrument_nouns and verb.head.dep_ == "dobj":
            subjects.extend(_verb_arguments(verb.head.head, rules)[0])  # "X fired the shots that killed Y"
        elif relative_is_subject:
            subjects.append(verb.head)
            located = [verb.head]
    elif not subjects and verb.dep_ in {"conj", "xcomp", "advcl", "pcomp"}:
        governor = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if governor.pos_ == "ADJ" and governor.dep_ in {"acomp", "oprd"}:  # "X pleaded guilty to killing Y"
            governor = governor.head
        inherited, governed, governor_located = _verb_arguments(governor, rules)
        if verb.dep_ == "pcomp" and governor.lemma_.casefold() in rules.accusation_verbs:
            inherited = governed  # "X was convicted of killing Y": the accused is the agent
        subjects = inherited
        located = located or governor_located  # "he was born in A and grew up in B": he grew up there
    return subjects, objects, located


def _name_just_before(participle: Token) -> Token | None:
    """The proper name a participle follows, when the parser attached the participle higher up: in
    "the sentence of John Adamson, convicted of murder" and "a spokeswoman for K mart based in Troy" the
    participle describes the name right before it."""
    i = participle.i - 1
    if i >= 0 and participle.doc[i].text == ",":
        i -= 1
    if i < 0:
        return None
    name = participle.doc[i]
    if name.pos_ != "PROPN" or name == participle.head or participle.head not in name.ancestors:
        return None
    return name


def _verb_relations(
    sent: Span, by_token: dict[int, Mention], rules: Rules, antecedents: _AntecedentFinder
) -> Iterator[_Candidate]:
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = verb.lemma_.casefold()
        subjects, objects, located = _verb_arguments(verb, rules)
        subject_mentions = _argument_mentions(subjects, by_token, rules, antecedents)
        matched = False
        trigger = rules.verbs.get(lemma)
        if trigger is not None:
            for obj in objects:
                for o in _argument_mentions([obj], by_token, rules, antecedents, excluded=subject_mentions):
                    matched = True
                    yield from (_Candidate(s, o, trigger) for s in subject_mentions)
        prep_triggers = rules.verb_preps.get(lemma, {})
        if prep_triggers:
            located_mentions = _argument_mentions(located, by_token, rules, antecedents)
            for prep, prep_trigger in prep_triggers.items():
                for obj in _prep_objects(verb, [prep]) + _relative_where(verb, prep):
                    for o in _mentions_at(obj, by_token, rules):
                        matched = True
                        yield from (_Candidate(s, o, prep_trigger) for s in located_mentions)
        if not matched and verb.pos_ == "VERB" and trigger is None:
            open_trigger = Trigger(f"open:{lemma}", OPEN_RELATION_CONFIDENCE, "svo-open")
            for obj in _children(verb, frozenset({"dobj"})):
                for o in _mentions_at(obj, by_token, rules):
                    yield from (_Candidate(s, o, open_trigger) for s in subject_mentions)


def _relative_where(verb: Token, prep: str) -> list[Token]:
    """ "Rolling Fork, where Muddy Waters was born": "where" stands for "in" the place the clause describes."""
    if prep == "in" and verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        return [verb.head]
    return []


def _argument_mentions(
    tokens: Iterable[Token],
    by_token: dict[int, Mention],
    rules: Rules,
    antecedents: _AntecedentFinder,
    excluded: Iterable[Mention] = (),
) -> list[Mention]:
    """The mentions standing at argument tokens; a pronoun or "the company" stands for its antecedent
    (never one of ``excluded``)."""
    found: list[Mention] = []
    for token in tokens:
        here = _mentions_at(token, by_token, rules)
        if not here and token.pos_ == "NOUN":
            here = _described_mentions(token, by_token, rules)  # "an actor who killed X": the actor named
        anaphor = antecedents.anaphor(token, excluded) if not here else None
        found.extend(here if anaphor is None else [anaphor])
    return found


def _noun_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """Nominalised verbs: "DeepSeek's launch of R1", "Google's acquisition of DeepMind".

    For a family whose nouns name what is done to the owner ("Kennedy's assassination",
    ``noun_owner: object``), the owner is the object and the agent is whoever is accused of
    it ("Sirhan was convicted of Kennedy's killing"). A "by" phrase names the agent of any of
    them ("the slaying of Oswald by Jack Ruby", "the purchase of Wiz by Google").
    """
    for noun in sent:
        trigger = rules.nouns.get(noun.lemma_.casefold())
        if trigger is None or noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        owners = [m for t in _children(noun, frozenset({"poss", "compound"})) for m in _mentions_at(t, by_token, rules)]
        targets = [m for t in _prep_objects(noun, rules.noun_preps[noun.lemma_.casefold()]) for m in _mentions_at(t, by_token, rules)]
        agents = [m for t in _prep_objects(noun, ["by"]) for m in _mentions_at(t, by_token, rules)]
        if trigger.predicate in rules.patient_owner_predicates:
            agents += [m for t in _accused_of(noun, rules) for m in _mentions_at(t, by_token, rules)]
            owners, targets = agents, owners + targets
        elif agents:
            owners, targets = agents, owners + targets
        for owner in owners:
            for target in targets:
                yield _Candidate(owner, target, trigger)


def _accused_of(noun: Token, rules: Rules) -> list[Token]:
    """Who stands accused of ``noun``: "X was convicted of the killing", "X, suspected of the murder",
    "X pleaded guilty to the assassination", "X is serving 99 years for the assassination"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ not in {"VERB", "NOUN"}:
        return []
    verb = prep.head
    if verb.pos_ == "NOUN":  # "serving a sentence for the assassination of King", "pleaded guilty to ..."
        verb = verb.head if verb.dep_ in {"dobj", "pobj"} and verb.head.pos_ == "VERB" else verb
    if verb.pos_ != "VERB":
        return []
    if verb.lemma_.casefold() in rules.accusation_verbs:
        accused = _children(verb, frozenset({"dobj", "nsubjpass"}))
        return accused + ([verb.head] if verb.dep_ == "acl" else [])
    if verb.lemma_.casefold() in rules.confession_verbs:  # "Ray, who is serving a sentence for ...": Ray
        subjects = _children(verb, SUBJECT_DEPS)
        return [verb.head if s.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl" else s for s in subjects]
    return []


def _possessive_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """ "OWNER's THING" where THING is itself an entity or a noun an entity modifies."""
    for token in sent:
        if token.dep_ != "poss" or token.i not in by_token:
            continue
        owner = by_token[token.i]
        head = token.head
        possessed = [by_token[head.i]] if head.i in by_token else _mentions_at(head, by_token, rules)
        for thing in possessed:
            if thing == owner:
                continue
            for rule in rules.possessives:
                if any(is_a(owner.type, c) for c in rule.owner) and any(is_a(thing.type, c) for c in rule.possessed):
                    yield _Candidate(owner, thing, rule.trigger)
                    break


def _described_mentions(noun: Token, by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """Entities a common noun describes: by apposition either way or as a copula's attribute."""
    found = [by_token[c.i] for c in noun.children if c.dep_ == "appos" and c.i in by_token]
    if noun.dep_ == "appos" and noun.head.i in by_token:
        found.append(by_token[noun.head.i])
        if noun.head.dep_ == "appos" and noun.head.head.i in by_token:  # "Riegle, D-Mich., chairman of ..."
            found.append(by_token[noun.head.head.i])
    if noun.dep_ == "attr":
        found.extend(m for s in _children(noun.head, SUBJECT_DEPS) for m in _mentions_at(s, by_token, rules))
    if noun.dep_ == "compound" and noun.head.i in by_token:
        found.append(by_token[noun.head.i])
    if noun.dep_ == "conj" and noun.head.pos_ == "NOUN":  # "a jeweler and president of Vision Seattle"
        found.extend(_described_mentions(noun.head, by_token, rules))
    return found


def _title_phrase_trigger(noun: Token, rules: Rules) -> Trigger | None:
    """Match the longest title ending at ``noun``: "chief executive officer", "chief AI scientist"."""
    modifiers = [c.lower_ for c in noun.lefts if c.dep_ in {"amod", "compound"} and c.ent_type_ == ""]
    words = [*modifiers, noun.lower_]
    for first in range(len(words)):
        found = rules.titles.get(" ".join(words[first:]))
        if found is not None:
            return found
    return rules.titles.get(noun.lemma_.casefold())


def _title_relations(
    sent: Span, by_token: dict[int, Mention], rules: Rules, antecedents: _AntecedentFinder
) -> Iterator[_Candidate]:
    """ "Nvidia CEO Jensen Huang", "Liang Wenfeng, the founder of DeepSeek", "X is chief executive of Y".

    A title's other end must fit the predicate: a person for "the killer of X", not a person
    otherwise; a place there says where the person lives ("U.S. diplomat Felix Bloch"). A
    title with no organisation in its sentence ("CEO Sam Altman said") refers to the last one
    named before it, with less confidence.
    """
    for noun in sent:
        if noun.i in by_token or not (noun.pos_ in {"NOUN", "PROPN"} or noun.dep_ in {"appos", "attr"}):
            continue  # a title the tagger calls an adjective still describes by apposition ("X, a Fargo native")
        trigger = _title_phrase_trigger(noun, rules)
        if trigger is None:
            continue
        people = [m for m in _described_mentions(noun, by_token, rules) if is_a(m.type, "Person")]
        wants_person = predicate_signature(trigger.predicate)[1] == "Person"
        found = False
        others = [
            *_children(noun, frozenset({"compound", "poss", "nmod"})),
            *_prep_objects(noun, ["of", "at", "for", "with"]),
            *_owner_before_title(noun, by_token),
        ]
        for t in others:
            for other in _mentions_at(t, by_token, rules) or _owners(t, by_token) or _named_before(t, antecedents, rules):
                if is_a(other.type, "Person") != wants_person:
                    continue
                found = True
                chosen = trigger
                if _is_known_place(other, rules) and rules.location is not None:
                    if t.dep_ == "pobj" and trigger.predicate != rules.location.predicate:
                        continue  # "the president of the United States" holds an office there, no more
                    chosen = rules.location  # "U.S. diplomat Felix Bloch" is from there
                holders = people or (_people_beside(noun, t, by_token) if chosen is trigger else [])
                yield from (_Candidate(person, other, chosen) for person in holders)
        if not found and people and not wants_person and noun.dep_ == "compound" and rules.title_in_context is not None:
            employer = antecedents.nearest(sent[0], ["Organization"])
            if employer is not None and sent.start_char - employer.end < CONTEXT_TITLE_REACH:
                contextual = replace(trigger, confidence=round(trigger.confidence * rules.title_in_context, 2),
                                     rule=f"{trigger.rule}-context")
                # The title itself ("CEO") stands in this sentence for the employer named before.
                title = Mention(
                    employer.doc_id, noun.idx, noun.idx + len(noun.text), noun.text, employer.type,
                    rule="coreference", type_confidence=rules.type_confidence["coreference"],
                    name=employer.merge_name, name_rule="coreference",
                )
                yield from (_Candidate(person, title, contextual) for person in people)


def _role_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """ "David Pimentel, an ecologist at Cornell University", "Mason, a lobbyist with the API": any noun
    describing a person, with a preposition of affiliation (``role_preps``), names where the person works."""
    if rules.membership is None or not rules.role_preps:
        return
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.i in by_token or _title_phrase_trigger(noun, rules) is not None:
            continue
        people = [m for m in _described_mentions(noun, by_token, rules) if is_a(m.type, "Person")]
        if not people:
            continue
        for target in _prep_objects(noun, rules.role_preps):
            for org in _mentions_at(target, by_token, rules):
                if is_a(org.type, "Organization"):
                    yield from (_Candidate(person, org, rules.membership) for person in people)


def _people_beside(noun: Token, target: Token, by_token: dict[int, Mention]) -> list[Mention]:
    """The person a title phrase is set off from by a comma, when the parse attached the apposition elsewhere:
    "Anderson, the GE attorney, said", "the chairman of the Front, Mohamed Ahmed Issa, was arrested"."""
    doc = noun.doc
    start = min(noun.left_edge.i, target.i)
    end = max(noun.i, target.i)
    while end + 1 < len(doc) and by_token.get(end + 1) is not None and by_token.get(end + 1) == by_token.get(end):
        end += 1
    found = []
    if start >= 2 and doc[start - 1].text == "," and start - 2 in by_token:
        found.append(by_token[start - 2])
    if end + 2 < len(doc) and doc[end + 1].text == "," and end + 2 in by_token:
        found.append(by_token[end + 2])
    return [m for m in found if is_a(m.type, "Person")]


def _owner_before_title(noun: Token, by_token: dict[int, Mention]) -> list[Token]:
    """ "Garfield's assassin Charles Guiteau" parsed with the possessive on the name: it belongs to the title."""
    if noun.dep_ != "compound" or noun.head.i not in by_token:
        return []
    return [c for c in noun.head.children if c.dep_ == "poss" and c.i < noun.i]


def _owners(noun: Token, by_token: dict[int, Mention]) -> list[Mention]:
    """The entities owning a unit named by a common noun: "the USDA's research service" -> USDA."""
    if noun.pos_ != "NOUN":
        return []
    return [by_token[c.i] for c in noun.children if c.dep_ in {"poss", "compound"} and c.i in by_token]


def _named_before(noun: Token, antecedents: _AntecedentFinder, rules: Rules) -> list[Mention]:
    """ "a company official": the category noun stands for the last entity of its class named before."""
    anaphor = antecedents.anaphor(noun) if noun.dep_ == "compound" and noun.pos_ == "NOUN" else None
    return [anaphor] if anaphor is not None else []


def _is_known_place(mention: Mention, rules: Rules) -> bool:
    """A place by the gazetteer: the tagger also calls companies places ("Nvidia CEO Jensen Huang")."""
    known = rules.gazetteer.type_of(mention.merge_name)
    return known is not None and is_a(known, "Place")


def _locative_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """ "Beijing-based Yi Xin", "a commentator from Beijing", "Leroy Ivy of Oxford", "Gosforth in England".

    A person "of" or "at" an organisation works for it ("David Welch of Harvard University").
    """
    if rules.location is None:
        return
    for token in sent:
        if token.lower_ in rules.based_adjectives and token.dep_ == "amod":
            places = [by_token[c.i] for c in token.children if c.dep_ in {"npadvmod", "compound"} and c.i in by_token]
            described = _mentions_at(token.head, by_token, rules) or _described_mentions(token.head, by_token, rules)
            for thing in described:
                for place in places:
                    if is_a(place.type, "Place"):
                        yield _Candidate(thing, place, rules.location)
        elif token.dep_ == "prep" and token.head.pos_ in {"NOUN", "PROPN", "NUM"}:
            yield from _prepositional_location_or_membership(token, by_token, rules)
        elif token.dep_ in {"compound", "nmod"} and token.i in by_token:
            yield from _place_modifier_relations(token, by_token, rules)


def _demonym_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """ "the Angolan Government ... in Angola", "Croatian President Franjo Tudjman ... Croatia": an adjective of
    nationality places what it describes in that country, when the country is named in the same sentence."""
    if rules.location is None or not rules.gazetteer.demonyms:
        return
    countries: dict[str, list[Mention]] = defaultdict(list)
    for mention in {by_token[t.i] for t in sent if t.i in by_token}:
        if is_a(mention.type, "Place"):
            countries[rules.gazetteer.key(mention.merge_name)].append(mention)
    if not countries:
        return
    for token in sent:
        country = rules.gazetteer.demonyms.get(token.lower_)
        if country is None or country not in countries:
            continue
        if token.i in by_token and by_token[token.i].start == token.idx:  # "German Government" as one name
            things = [by_token[token.i]]
        elif token.dep_ in {"amod", "compound", "nmod"}:
            head = token.head
            while head.i not in by_token and head.dep_ == "compound":  # "Croatian President Franjo Tudjman"
                head = head.head
            things = [by_token[head.i]] if head.i in by_token else []
        else:
            continue
        trigger = replace(rules.location, rule=f"{rules.location.rule.split('-')[0]}-demonym")
        for thing in things:
            if not is_a(thing.type, "Place"):
                yield from (_Candidate(thing, place, trigger) for place in countries[country])


def _place_modifier_relations(token: Token, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """A place naming where an organisation or a person is: "U.S. Congress", "Atlanta businessman Neil Estes",
    "Sun Hung Kai Properties, a Hong Kong construction firm"."""
    place = by_token[token.i]
    head = token.head
    for _ in range(3):  # up a chain of compounds: "Rochester teacher union leader Adam Urbanski"
        if (head.i in by_token and by_token[head.i] != place) or head.dep_ != "compound":
            break
        head = head.head
    things = [by_token[head.i]] if head.i in by_token else _mentions_at(head, by_token, rules)
    if not is_a(place.type, "Place"):
        return
    for thing in things:
        if thing != place and not is_a(thing.type, "Place") and (is_a(thing.type, "Person") or _is_known_place(place, rules)):
            yield _Candidate(thing, place, rules.location)  # type: ignore[arg-type]


def _prepositional_location_or_membership(prep: Token, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    word = prep.lower_
    if word not in rules.origin_preps and word not in rules.membership_preps:
        return
    head = prep.head.head if prep.head.pos_ == "NUM" else prep.head  # "Marie Ferraro, 50, of Bethany"
    things = _mentions_at(head, by_token, rules) or _described_mentions(head, by_token, rules)
    others = [m for t in _children(prep, frozenset({"pobj"})) for m in _mentions_at(t, by_token, rules)]
    for thing in things:
        for other in others:
            if word in rules.origin_preps and is_a(other.type, "Place"):
                if word == "of" and _title_phrase_trigger(head, rules) is not None:
                    continue  # "the president of the United States" holds an office there, no more
                if word == "in" or not is_a(thing.type, "Place"):
                    yield _Candidate(thing, other, rules.location)  # type: ignore[arg-type]
            elif rules.membership is not None and word in rules.membership_preps and head.i in by_token:
                if is_a(thing.type, "Person") and is_a(other.type, "Organization"):  # not "founder of X": a title
                    yield _Candidate(thing, other, rules.membership)


def _home_relations(
    sent: Span, by_token: dict[int, Mention], rules: Rules, antecedents: _AntecedentFinder
) -> Iterator[_Candidate]:
    """ "his native South Carolina", "Jesse Jackson's home state", "their hometown of Grants", "her home in
    Louisville": where a person is from."""
    if rules.location is None or not rules.home_words:
        return
    for token in sent:
        place = by_token.get(token.i)
        last_token = token.i + 1 == len(token.doc) or by_token.get(token.i + 1) != place
        if place is None or not is_a(place.type, "Place") or not last_token:
            continue  # look at each place once, at its last token
        holders = _home_holders(token, rules)
        if not any(_is_home_word(w, by_token, rules) or any(c.dep_ in {"amod", "compound"} and
                   _is_home_word(c, by_token, rules) for c in w.children) for w in holders):
            continue
        for holder in holders:
            owners = _children(holder, frozenset({"poss"}))
            if holder.dep_ == "appos":  # "Cybill Shepherd, a Memphis native", the place parsed as the apposition
                owners.append(holder.head)
            for owner in owners:
                people = _argument_mentions([owner], by_token, rules, antecedents)
                yield from (_Candidate(p, place, rules.location) for p in people if is_a(p.type, "Person"))


def _is_home_word(token: Token, by_token: dict[int, Mention], rules: Rules) -> bool:
    """A home word that is no part of a name ("Federal Home Loan Bank")."""
    return token.lemma_.casefold() in rules.home_words and token.i not in by_token


def _home_holders(token: Token, rules: Rules) -> list[Token]:
    """A place's token and the nouns its phrase hangs on, up through compounds and ``home_preps`` phrases: "home
    state", "hometown of Grants", "her home in the Louisville suburb of Okolona"."""
    holders = [token]
    if token.dep_ == "attr":
        holders.append(token.head)
    node = token
    for _ in range(3):
        if node.dep_ == "compound":
            node = node.head
        elif node.dep_ == "pobj" and node.head.lower_ in rules.home_preps:
            node = node.head.head
        else:
            break
        holders.append(node)
    return holders


def _workplace_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """ "Lieberman of Brown University in Providence", "Lou Ray, owner of the Smokehouse cafe in Fontana": a person
    of, at or with a workplace (``person_preps``, ``role_preps``) in a place (``workplace_preps``) lives there."""
    if rules.location is None or not rules.workplace_preps:
        return
    affiliations = rules.membership_preps | rules.role_preps
    trigger = replace(rules.location, rule=f"{rules.location.rule.split('-')[0]}-workplace")
    for token in sent:
        place = by_token.get(token.i)
        if place is None or not is_a(place.type, "Place") or token.dep_ != "pobj":
            continue
        workplace = token.head.head
        if token.head.lower_ not in rules.workplace_preps or workplace.dep_ != "pobj":
            continue
        if workplace.head.lower_ not in affiliations or workplace.head.dep_ != "prep":
            continue
        holder = workplace.head.head
        people = _mentions_at(holder, by_token, rules) or _described_mentions(holder, by_token, rules)
        yield from (_Candidate(p, place, trigger) for p in people if is_a(p.type, "Person"))


def _place_in_place_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """ "Gosforth in northeast England", "Haifa in northern Israel": a place, "in", at most two modifiers, a place
    it lies in, read off the words (the parser often hangs the second "in" on a verb)."""
    if rules.location is None:
        return
    for place, region in _in_regions(sent, by_token).items():
        yield _Candidate(place, region, rules.location)


def _in_regions(sent: Span, by_token: dict[int, Mention]) -> dict[Mention, Mention]:
    """Each place followed by "in", at most two modifiers and another place, mapped to that place."""
    doc = sent.doc
    regions: dict[Mention, Mention] = {}
    for token in sent:
        inner = by_token.get(token.i)
        if inner is None or not is_a(inner.type, "Place") or by_token.get(token.i + 1) == inner:
            continue  # look at each place once, at its last token
        position = token.i + 1
        if position >= sent.end or doc[position].lower_ != "in":
            continue
        position += 1
        while position < sent.end and position - token.i <= 3 and doc[position].pos_ in {"ADJ", "DET"}:
            position += 1
        outer = by_token.get(position) if position < sent.end else None
        if outer is not None and outer != inner and is_a(outer.type, "Place"):
            regions.setdefault(inner, outer)
    return regions


def _place_apposition_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """ "Patchogue, N.Y.", "Vienna, Austria": a place, a comma, a place it lies in."""
    if rules.location is None:
        return
    for place, region in _comma_regions(sent, by_token).items():
        yield _Candidate(place, region, rules.location)


def _comma_regions(sent: Span, by_token: dict[int, Mention]) -> dict[Mention, Mention]:
    """Each place followed by a comma and another place, mapped to that place (the region it lies in)."""
    regions: dict[Mention, Mention] = {}
    for token in sent:
        if token.text != "," or token.i == 0 or token.i + 1 >= len(token.doc):
            continue
        before, after = by_token.get(token.i - 1), by_token.get(token.i + 1)
        if before is None or after is None or not (is_a(before.type, "Place") and is_a(after.type, "Place")):
            continue
        if before.type == after.type == "Country":
            continue  # a list of countries: "Russia, Japan, Poland"
        regions.setdefault(before, after)
    return regions


def _dateline_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """A news dateline: "PARIS (AFP) -", "DAYTON, Ohio (AP)", "Madrid EFE": the agency is based where it opens.

    The sentence must open with names and punctuation only, the last name an organisation.
    """
    if rules.location is None:
        return
    opening: list[Mention] = []
    start = sent.start
    if sent[0].text == "(":  # a leading bracketed note: "(Text) Sofia, February 15 (BTA) --"
        start = next((t.i + 1 for t in sent[1:6] if t.text == ")"), start)
    for token in sent.doc[start : sent.end]:
        mention = by_token.get(token.i)
        if mention is None and not (token.is_punct or token.like_num or token.ent_type_ in {"DATE", "TIME"}):
            break  # a dateline holds names, punctuation and the date: "Sofia, February 15 (BTA) --"
        if mention is not None and mention not in opening:
            opening.append(mention)
    agency = next((m for m in reversed(opening) if is_a(m.type, "Organization")), None)
    if agency is None:
        return
    trigger = rules.dateline or rules.location
    yield from (_Candidate(agency, m, trigger) for m in opening[: opening.index(agency)] if is_a(m.type, "Place"))
