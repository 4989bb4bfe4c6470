"""Relations stated by verbs: subject-verb-object, verb-preposition and open relations."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extractors.arguments import argument_mentions, mentions_at
from kg.extractors.candidates import Candidate
from kg.extractors.nominal import market_not_party
from kg.extractors.registry import SentenceContext, relation_finder
from kg.extractors.tokens import child_tokens
from kg.extractors.tree import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, children, is_unreal, prep_objects
from kg.model import Mention
from kg.rules import Rules, Trigger
from kg.vocab import OPEN_PREFIX, ORGANIZATION, is_a, is_symmetric

_OPEN_OBJECT_DEPS = frozenset({"dobj"})


def _verb_arguments(verb: Token, rules: Rules) -> tuple[list[Token], list[Token], list[Token]]:
    """Subjects, objects and the things a verb locates, undoing the passive and following conjunctions.

    The third list holds what a preposition of the verb is about: the grammatical subject in
    the passive ("Mistral AI is based in Paris") and the noun a participle describes
    ("Mistral AI, based in Paris"); the active subject otherwise ("Yi Xin lives in Beijing").
    """
    subjects = children(verb, SUBJECT_DEPS)
    objects = children(verb, OBJECT_DEPS)
    if not objects:  # "Ruby shot and mortally wounded Oswald": the conjunct's object is shared
        conjuncts = [conj for conj in children(verb, frozenset({"conj"})) if conj.pos_ == "VERB"]
        objects = [o for conj in conjuncts for o in children(conj, OBJECT_DEPS)]
    passive = children(verb, PASSIVE_SUBJECT_DEPS)
    located = passive or subjects
    if passive:
        objects = objects + passive
        subjects = subjects + prep_objects(verb, rules.agent_preps)
    if verb.dep_ in {"acl", "relcl"}:
        relative_is_subject = any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ in {"WDT", "WP"} for c in child_tokens(verb)
        )
        if verb.tag_ == "VBN" and verb.dep_ == "acl":
            described = _name_just_before(verb) or verb.head
            objects.append(described)
            subjects.extend(prep_objects(verb, rules.agent_preps))
            located = [described]
        elif relative_is_subject and passive:
            objects.append(verb.head)
            located = [verb.head]
        elif relative_is_subject and verb.head.lemma_.casefold() in rules.instrument_nouns and verb.head.dep_ == "dobj":
            subjects.extend(_verb_arguments(verb.head.head, rules)[0])  # "X fired the shots that killed Y"
        elif relative_is_subject:
            subjects.append(verb.head)
            located = [verb.head]
        elif _agreed_to(verb, rules):  # "X struck a deal to supply Y": X supplies Y
            subjects = children(verb.head.head, SUBJECT_DEPS)
    elif not subjects and verb.dep_ in {"conj", "xcomp", "advcl", "pcomp"}:
        governor = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if governor.pos_ == "ADJ" and governor.dep_ in {"acomp", "oprd"}:  # "X pleaded guilty to killing Y"
            governor = governor.head
        inherited, governed, governor_located = _verb_arguments(governor, rules)
        if verb.dep_ == "pcomp" and governor.lemma_.casefold() in rules.accusation_verbs:
            inherited = governed  # "X was convicted of killing Y": the accused is the agent
        subjects = inherited
        if any(c.dep_ == "auxpass" for c in child_tokens(verb)):  # "X was sold, having been owned by Y": Y owned X
            subjects, objects = prep_objects(verb, rules.agent_preps), objects + governor_located
        located = located or governor_located  # "he was born in A and grew up in B": he grew up there
    return subjects, objects, located


def _sells_a_company(verb: Token, objects: list[Token], by_token: dict[int, Mention], rules: Rules) -> bool:
    """Whether a ``divestment_words`` verb has an organisation or a unit of one (``unit_nouns``) as its object,
    also through a relative pronoun ("the unit that Acme sold to Widgetco")."""
    if verb.lemma_.casefold() not in rules.divestment_words:
        return False
    sold = objects + ([verb.head] if verb.dep_ == "relcl" else [])
    return any(t.lemma_.casefold() in rules.unit_nouns
               or (t.i in by_token and is_a(by_token[t.i].type, ORGANIZATION)) for t in sold)


def _agreed_to(verb: Token, rules: Rules) -> bool:
    """An infinitive on an agreement (a symmetric relation noun) that a ``support_verbs`` verb takes as object:
    "struck a deal to supply", "signed an agreement to build"."""
    noun = verb.head
    trigger = rules.nouns.get(noun.lemma_.casefold())
    return (verb.tag_ == "VB" and noun.dep_ == "dobj" and noun.head.lemma_.casefold() in rules.support_verbs
            and trigger is not None and is_symmetric(trigger.predicate))


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


@relation_finder("verbs")
def verb_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "DeepSeek released R1", "R1 was developed by DeepSeek", "Mistral AI is based in Paris": a verb's subjects
    and objects (``verbs``), or the things it locates and its prepositional objects (``verb_preps``); a verb of no
    family between two entities states an open relation."""
    for verb in context.tokens_with_pos({"VERB", "AUX"}):
        candidates = list(_verb_candidates(verb, context))
        if candidates and not is_unreal(verb, context.rules):
            yield from candidates


def _verb_candidates(verb: Token, context: SentenceContext) -> Iterator[Candidate]:
    """The facts ``verb`` states, whether or not it states them as real."""
    by_token, rules, antecedents = context.by_token, context.rules, context.antecedents
    lemma = verb.lemma_.casefold()
    trigger = rules.verbs.get(lemma)
    prep_triggers = rules.verb_preps.get(lemma, {})
    if trigger is None and not prep_triggers and not children(verb, _OPEN_OBJECT_DEPS):
        return  # a verb of no family states only an open relation, to its direct object
    subjects, objects, located = _verb_arguments(verb, rules)
    if _sells_a_company(verb, objects, by_token, rules):
        return  # "Acme sold its Widgetco unit to Initech": a divestment, no supply to a customer
    subject_mentions = argument_mentions(subjects, by_token, rules, antecedents)
    if not subject_mentions and not prep_triggers:
        return  # every fact below has one of the subjects
    matched = False
    if trigger is not None:
        for obj in objects:
            for o in argument_mentions([obj], by_token, rules, antecedents, excluded=subject_mentions):
                matched = True
                yield from (Candidate(s, o, trigger) for s in subject_mentions)
    if prep_triggers:
        located_mentions = argument_mentions(located, by_token, rules, antecedents)
        for prep, prep_trigger in prep_triggers.items():
            if matched and trigger is not None and prep_trigger.predicate == trigger.predicate:
                continue  # "X shot Y at the theatre": the object is the patient, "at" says where
            for obj in prep_objects(verb, [prep]) + _relative_where(verb, prep, rules):
                for o in mentions_at(obj, by_token, rules):
                    if market_not_party(prep_trigger, o, rules):
                        continue
                    matched = True
                    yield from (Candidate(s, o, prep_trigger) for s in located_mentions)
    if not matched and verb.pos_ == "VERB" and trigger is None:
        open_trigger = Trigger(f"{OPEN_PREFIX}{lemma}", rules.open_relation_confidence, "svo-open")
        for obj in children(verb, _OPEN_OBJECT_DEPS):
            for o in mentions_at(obj, by_token, rules):
                yield from (Candidate(s, o, open_trigger) for s in subject_mentions)


def _relative_where(verb: Token, prep: str, rules: Rules) -> list[Token]:
    """ "Rolling Fork, where Muddy Waters was born": "where" stands for "in" the place the clause describes
    (``relative_adverbs``)."""
    if verb.dep_ == "relcl" and any(rules.relative_adverbs.get(c.lower_) == prep for c in child_tokens(verb)):
        return [verb.head]
    return []
