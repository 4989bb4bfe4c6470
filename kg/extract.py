"""Read mentions and relation mentions off a parsed spaCy ``Doc``.

The one entry point, :func:`extract_document`, turns a ``Doc`` into an
:class:`~kg.model.Extraction` of plain dataclasses; no spaCy object leaves this module.
What counts as an entity, a type cue or a relation trigger comes from the rule files
(:mod:`kg.rules`); this module only knows dependency-tree shapes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.model import Document, Extraction, Mention, RelationMention, Sentence
from kg.rules import Rules, Trigger, load_rules
from kg.vocab import is_a

LEADING_JUNK = frozenset({"the", "a", "an", "this", "that", "these", "those"})
SUBJECT_DEPS = frozenset({"nsubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
OPEN_RELATION_CONFIDENCE = 0.3


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
    by_token = _vote_types_in_document(by_token)
    relations: list[RelationMention] = []
    for sent in content:
        relations.extend(_sentence_relations(sent, by_token, rules))
    mentions = sorted(set(by_token.values()), key=lambda m: (m.start, m.end))
    return Extraction(document, tuple(mentions), tuple(relations))


def _is_boilerplate(sent: Span, rules: Rules) -> bool:
    return any(pattern.search(sent.text) for pattern in rules.boilerplate)


# ---------------------------------------------------------------- mentions


def _mentions_by_token(sentences: Iterable[Span], doc_id: str, rules: Rules) -> dict[int, Mention]:
    """Map each token index inside a kept entity to its mention."""
    by_token: dict[int, Mention] = {}
    for sent in sentences:
        for ent in sent.ents:
            span = _trim(ent)
            mention = _make_mention(span, ent.label_, doc_id, rules) if span is not None else None
            if mention is not None:
                for token in span:
                    by_token[token.i] = mention
    return by_token


def _trim(ent: Span) -> Span | None:
    """Drop leading determiners and surrounding punctuation from an entity span."""
    start, end = ent.start, ent.end
    while start < end and (ent.doc[start].lower_ in LEADING_JUNK or ent.doc[start].is_punct):
        start += 1
    while end > start and ent.doc[end - 1].is_punct:
        end -= 1
    return ent.doc[start:end] if start < end else None


def _make_mention(span: Span, label: str, doc_id: str, rules: Rules) -> Mention | None:
    type_name = rules.ner_labels.get(label)
    text = span.text
    if type_name is None or text.casefold() in rules.not_entities or not any(c.isalpha() for c in text):
        return None
    source = "pattern" if span.root.ent_id_ else "ner"
    cue = _head_noun_type(span, rules)
    if cue is not None:
        type_name, source = cue, "head_noun"
    confidence = rules.type_confidence[source]
    start = span.start_char
    return Mention(doc_id, start, start + len(text), text, type_name, rule=source, type_confidence=confidence)


def _head_noun_type(span: Span, rules: Rules) -> str | None:
    """The class cued by a noun the entity modifies or stands in apposition to ("H800 chips")."""
    root = span.root
    cues: list[Token] = []
    if root.dep_ in {"compound", "nmod", "amod"} and root.head.i >= span.end:
        cues.append(root.head)
    if root.dep_ == "appos":
        cues.append(root.head)
    cues.extend(child for child in root.children if child.dep_ == "appos")
    for cue in cues:
        found = rules.head_nouns.get(cue.lemma_.casefold())
        if found is not None and cue.pos_ in {"NOUN", "PROPN"}:
            return found
    return None


def _vote_types_in_document(by_token: dict[int, Mention]) -> dict[int, Mention]:
    """Give every mention of the same name in a document the type its mentions vote for."""
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for mention in set(by_token.values()):
        votes[_vote_key(mention.text)][mention.type] += mention.type_confidence
    winners = {key: max(sorted(tally.items()), key=lambda kv: kv[1])[0] for key, tally in votes.items()}
    return {
        i: replace(m, type=winners[_vote_key(m.text)]) if m.type != winners[_vote_key(m.text)] else m
        for i, m in by_token.items()
    }


def _vote_key(text: str) -> str:
    return " ".join(text.casefold().split())


# ---------------------------------------------------------------- relations


def _sentence_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[RelationMention]:
    sentence = Sentence(sent.start_char, sent.end_char, sent.text)
    seen: set[tuple[Mention, str, Mention]] = set()
    finders = (_verb_relations, _noun_relations, _possessive_relations, _title_relations, _locative_relations)
    for finder in finders:
        for candidate in finder(sent, by_token, rules):
            subject, obj = candidate.subject, candidate.object
            if candidate.trigger.inverse:
                subject, obj = obj, subject
            predicate = _refine_predicate(candidate.trigger.predicate, subject, rules)
            key = (subject, predicate, obj)
            if subject == obj or key in seen:
                continue
            seen.add(key)
            yield RelationMention(
                subject.doc_id, subject, predicate, obj, sentence, candidate.trigger.confidence, candidate.trigger.rule
            )


def _refine_predicate(predicate: str, subject: Mention, rules: Rules) -> str:
    if rules.location is None or predicate != rules.location.predicate:
        return predicate
    for cls, refined in rules.location_by_subject_type.items():
        if is_a(subject.type, cls):
            return refined
    return predicate


def _mentions_at(token: Token, by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """The mentions a token stands for, with its conjuncts.

    A token inside a mention stands for it; a category noun (a ``head_nouns`` entry)
    stands for the entity that names it: "H800 chips" stands for H800.
    """
    found: list[Mention] = []
    for each in [token, *token.conjuncts]:
        if each.i in by_token:
            found.append(by_token[each.i])
        elif each.lemma_.casefold() in rules.head_nouns:
            found.extend(by_token[c.i] for c in each.children if c.dep_ == "compound" and c.i in by_token)
    return found


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


def _verb_arguments(verb: Token) -> tuple[list[Token], list[Token]]:
    """Grammatical subjects and objects of a verb, undoing the passive and following conjunctions."""
    subjects = _children(verb, SUBJECT_DEPS)
    objects = _children(verb, OBJECT_DEPS)
    passive = _children(verb, PASSIVE_SUBJECT_DEPS)
    if passive:
        objects = objects + passive
        subjects = subjects + _prep_objects(verb, ["by"])
    if verb.dep_ in {"acl", "relcl"}:
        relative_is_subject = any(c.dep_ == "nsubj" and c.tag_ in {"WDT", "WP"} for c in verb.children)
        if verb.tag_ == "VBN" and verb.dep_ == "acl":
            objects.append(verb.head)
            subjects.extend(_prep_objects(verb, ["by"]))
        elif relative_is_subject:
            subjects.append(verb.head)
    elif not subjects and verb.dep_ in {"conj", "xcomp"}:
        inherited, _ = _verb_arguments(verb.head)
        subjects = inherited
    return subjects, objects


def _verb_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = verb.lemma_.casefold()
        subjects, objects = _verb_arguments(verb)
        subject_mentions = [m for t in subjects for m in _mentions_at(t, by_token, rules)]
        if not subject_mentions:
            continue
        matched = False
        trigger = rules.verbs.get(lemma)
        if trigger is not None:
            for obj in objects:
                for o in _mentions_at(obj, by_token, rules):
                    matched = True
                    yield from (_Candidate(s, o, trigger) for s in subject_mentions)
        for (verb_lemma, prep), prep_trigger in rules.verb_preps.items():
            if verb_lemma == lemma:
                for obj in _prep_objects(verb, [prep]):
                    for o in _mentions_at(obj, by_token, rules):
                        matched = True
                        yield from (_Candidate(s, o, prep_trigger) for s in subject_mentions)
        if not matched and verb.pos_ == "VERB" and trigger is None:
            open_trigger = Trigger(f"open:{lemma}", OPEN_RELATION_CONFIDENCE, "svo-open")
            for obj in _children(verb, frozenset({"dobj"})):
                for o in _mentions_at(obj, by_token, rules):
                    yield from (_Candidate(s, o, open_trigger) for s in subject_mentions)


def _noun_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """Nominalised verbs: "DeepSeek's launch of R1", "Google's acquisition of DeepMind"."""
    for noun in sent:
        trigger = rules.nouns.get(noun.lemma_.casefold())
        if trigger is None or noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        owners = [m for t in _children(noun, frozenset({"poss", "compound"})) for m in _mentions_at(t, by_token, rules)]
        targets = [m for t in _prep_objects(noun, rules.noun_preps[noun.lemma_.casefold()]) for m in _mentions_at(t, by_token, rules)]
        for owner in owners:
            for target in targets:
                yield _Candidate(owner, target, trigger)


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
    if noun.dep_ == "attr":
        found.extend(m for s in _children(noun.head, SUBJECT_DEPS) for m in _mentions_at(s, by_token, rules))
    if noun.dep_ == "compound" and noun.head.i in by_token:
        found.append(by_token[noun.head.i])
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


def _title_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """ "Nvidia CEO Jensen Huang", "Liang Wenfeng, the founder of DeepSeek", "X is chief executive of Y"."""
    for noun in sent:
        if noun.i in by_token or noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        trigger = _title_phrase_trigger(noun, rules)
        if trigger is None:
            continue
        people = [m for m in _described_mentions(noun, by_token, rules) if is_a(m.type, "Person")]
        employers = [
            m
            for t in [*_children(noun, frozenset({"compound", "poss", "nmod"})), *_prep_objects(noun, ["of", "at", "for"])]
            for m in _mentions_at(t, by_token, rules)
            if not is_a(m.type, "Person")
        ]
        for person in people:
            for employer in employers:
                yield _Candidate(person, employer, trigger)


def _locative_relations(sent: Span, by_token: dict[int, Mention], rules: Rules) -> Iterator[_Candidate]:
    """ "Beijing-based Yi Xin", "a commentator from Beijing", "Mistral AI, based in Paris"."""
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
        elif token.dep_ == "prep" and token.lower_ in rules.origin_preps and token.head.pos_ in {"NOUN", "PROPN"}:
            things = _mentions_at(token.head, by_token, rules) or _described_mentions(token.head, by_token, rules)
            places = [m for t in _children(token, frozenset({"pobj"})) for m in _mentions_at(t, by_token, rules)]
            for thing in things:
                for place in places:
                    if is_a(place.type, "Place") and not is_a(thing.type, "Place"):
                        yield _Candidate(thing, place, rules.location)
