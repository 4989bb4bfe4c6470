"""Relations stated by nouns: nominalised verbs, possessives, titles and roles, makers named in their products."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from kg.extractors.arguments import (
    apposed_possessor,
    argument_mentions,
    described_mentions,
    kind_named_object,
    mentions_at,
    possessor_before,
)
from kg.extractors.candidates import Candidate
from kg.extractors.coreference import AntecedentFinder
from kg.extractors.registry import SentenceContext, relation_finder
from kg.extractors.tokens import child_tokens
from kg.extractors.tree import SUBJECT_DEPS, children, phrase_at, prep_objects
from kg.model import Mention
from kg.names import maker_of_model
from kg.rules import Rules, Trigger
from kg.vocab import ORGANIZATION, PERSON, PLACE, is_a, is_symmetric, predicate_signature, property_ancestors

# How many unnamed nouns a title's prepositions may pass through to its organisation ("for development of products at").
_FIELD_DEPTH = 2


@relation_finder("nouns")
def noun_relations(context: SentenceContext) -> Iterator[Candidate]:
    """Nominalised verbs: "DeepSeek's launch of R1", "Google's acquisition of DeepMind".

    For a family whose nouns name what is done to the owner ("Kennedy's assassination",
    ``noun_owner: object``), the owner is the object and the agent is whoever is accused of
    it ("Sirhan was convicted of Kennedy's killing"). A "by" phrase names the agent of any of
    them ("the slaying of Oswald by Jack Ruby", "the purchase of Wiz by Google").
    """
    by_token, rules = context.by_token, context.rules
    for noun in context.tokens_with_lemma(rules.nouns, {"NOUN", "PROPN"}):
        trigger = _whole_share(noun, rules) or rules.nouns[noun.lemma_.casefold()]
        if _given_up(noun, rules) or _hedged(noun, rules):
            continue
        preps = rules.noun_preps[noun.lemma_.casefold()]
        support = noun.head if noun.dep_ == "dobj" and noun.head.lemma_.casefold() in rules.support_verbs else None
        prep_tokens = prep_objects(noun, preps) + (prep_objects(support, preps) if support is not None else [])
        targets = [m for t in prep_tokens for m in mentions_at(t, by_token, rules)
                   if not market_not_party(trigger, m, rules)]
        owner_tokens = children(noun, frozenset({"poss", "compound"}))
        owners = argument_mentions(owner_tokens, by_token, rules, context.antecedents, excluded=targets)
        if not owners:  # "Acme, a shareholder in Widgetco"; "Acme signed a partnership with Widgetco"
            owners = described_mentions(noun, by_token, rules) or _support_subjects(support, context, targets)
        agents = [m for t in prep_objects(noun, rules.agent_preps) for m in mentions_at(t, by_token, rules)]
        if trigger.predicate in rules.patient_owner_predicates:
            agents += [m for t in _accused_of(noun, rules) for m in mentions_at(t, by_token, rules)]
            owners, targets = agents, owners + targets
        elif agents:
            owners, targets = agents, owners + targets
        if not targets and is_symmetric(trigger.predicate):  # "A and B signed a partnership": each other's
            parties = [m for m in owners if not market_not_party(trigger, m, rules)]  # not "its US rival"'s US
            owners, targets = parties[:1], parties[1:]
        for owner in owners:
            for target in targets:
                yield Candidate(owner, target, trigger)


def _whole_share(noun: Token, rules: Rules) -> Trigger | None:
    """The ownership a share of the whole states (own.yaml ``whole_shares``): "Acme bought 100% of Widgetco"."""
    if rules.ownership is None or not any(c.dep_ == "nummod" and c.lower_ in rules.whole_shares
                                          for c in child_tokens(noun)):
        return None
    return replace(rules.ownership, rule=f"{rules.ownership.rule.split('-')[0]}-whole-share")


def _hedged(noun: Token, rules: Rules) -> bool:
    """A relation noun a ``hedge_verbs`` participle modifies: "the attempted murder of X", "a failed takeover"."""
    return any(c.dep_ == "amod" and c.lemma_.casefold() in rules.hedge_verbs for c in child_tokens(noun))


def _given_up(noun: Token, rules: Rules) -> bool:
    """A relation noun a ``divestment_words`` word governs: "sold its stake in X", "the sale of its stake in X"."""
    governor = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in rules.belonging_preps else noun.head
    return noun.dep_ in {"dobj", "pobj"} and governor.lemma_.casefold() in rules.divestment_words


def _support_subjects(verb: Token | None, context: SentenceContext, excluded: list[Mention]) -> list[Mention]:
    """The subjects of a ``support_verbs`` verb whose object is a relation noun: "Acme [signed] a deal with"."""
    if verb is None:
        return []
    subjects = children(verb, SUBJECT_DEPS)
    if verb.dep_ == "relcl":  # "Acme, which signed a deal with Widgetco": the relative pronoun is Acme
        subjects = [verb.head if s.tag_ in {"WDT", "WP"} else s for s in subjects]
    return argument_mentions(subjects, context.by_token, context.rules, context.antecedents, excluded)


def _accused_of(noun: Token, rules: Rules) -> list[Token]:
    """Who stands accused of ``noun``: "X was convicted of the killing", "X, suspected of the murder",
    "X pleaded guilty to the assassination", "X is serving 99 years for the assassination"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ not in {"VERB", "NOUN"}:
        return []
    verb = prep.head
    if verb.pos_ == "NOUN":  # "serving a sentence for the assassination of King", "held on a sentence for ..."
        if verb.dep_ == "pobj" and verb.head.dep_ == "prep":
            verb = verb.head
        verb = verb.head if verb.dep_ in {"dobj", "pobj", "prep"} and verb.head.pos_ == "VERB" else verb
    if verb.pos_ != "VERB":
        return []
    if verb.lemma_.casefold() in rules.accusation_verbs:
        accused = children(verb, frozenset({"dobj", "nsubjpass"}))
        if verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in child_tokens(verb)):
            accused += children(verb, frozenset({"nsubj"}))  # "X, sentenced to life for ...", parsed as its subject
        return accused + ([verb.head] if verb.dep_ == "acl" else [])
    if verb.lemma_.casefold() in rules.confession_verbs:  # "Ray, who is serving a sentence for ...": Ray
        subjects = children(verb, SUBJECT_DEPS)
        return [verb.head if s.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl" else s for s in subjects]
    return []


@relation_finder("possessives")
def possessive_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "OWNER's THING" where THING is itself an entity or a noun an entity modifies; "its THING" (no person)
    belongs to the pronoun's antecedent."""
    by_token, rules = context.by_token, context.rules
    for token in context.tokens:
        if token.dep_ != "poss" or (token.i not in by_token and token.pos_ != "PRON"):
            continue
        head = token.head
        if head.i in by_token and any(token.i < c.i and _is_relation_noun(c, rules) for c in head.lefts):
            continue  # "Widgetco's owner Acme", "Acme's rival Widgetco": the noun between says what they are
        if head.i not in by_token and (_names_a_relation(head, rules) or apposed_possessor(head, by_token, rules)):
            continue  # "its former parent AT&T", "its rival Verizon": the noun is the relation, the finders' to read;
            # "Acme, its unit Widgetco": its = Acme, not the antecedent
        possessed = [by_token[head.i]] if head.i in by_token else mentions_at(head, by_token, rules)
        titled = head.i not in by_token and title_phrase_trigger(head, rules) is not None
        if not possessed and head.pos_ == "NOUN" and head.lemma_.casefold() not in rules.nouns and not titled:
            possessed = _named_by_modifier(head, by_token)  # "its RipGuard technology", not "its Widgetco bid",
            # nor "Mr Brown's Treasury aides" (the aides' employer)
        owner = by_token.get(token.i)
        if owner is None:  # "its PlayStation"; "its finance chief X" is the titles' to read
            possessed = [m for m in possessed if not is_a(m.type, PERSON)]
            owner = context.antecedents.anaphor(token, possessed) if possessed else None
            if owner is None:
                continue
        if head.i not in by_token and head.lemma_.casefold() in rules.measure_nouns and not is_a(owner.type, PLACE):
            continue  # "its purchasing manager index (PMI)": a figure about the owner, no unit of it ("France's Cac
            # index" is still based there)
        for thing in possessed:
            if thing == owner or (head.dep_ == "conj" and thing.start < owner.start):  # "A and B's kits": not A
                continue
            if _written_as_possessor(thing, head, by_token):
                continue  # "its technology, not Sony's": Sony owns a technology of its own, not one of Acme's
            if titled and not is_a(thing.type, PERSON):
                continue  # "Vivendi, its boss": a title describes a person, never the company it is apposed to
            for rule in rules.possessives:
                if any(is_a(owner.type, c) for c in rule.owner) and any(is_a(thing.type, c) for c in rule.possessed):
                    yield Candidate(owner, thing, rule.trigger)
                    break


def _written_as_possessor(thing: Mention, head: Token, by_token: dict[int, Mention]) -> bool:
    """Whether a name beside the possessed noun carries a possessive ending itself, standing for a noun of its own."""
    return any(by_token.get(t.i) == thing and any(c.dep_ == "case" for c in child_tokens(t))
               for t in head.subtree if t.i != head.i)


@relation_finder("makers")
def maker_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "70 Boeing 737-800 planes": a product named by a maker's name and a model number (``with_model_numbers``)
    is made by the organisation the document names on its own by that name (``maker_names``)."""
    rules = context.rules
    if rules.maker is None:
        return
    for thing in _products(context):
        maker = _maker_named_in(thing, context.antecedents.mentions, rules)
        if maker is not None:
            yield Candidate(maker, thing, rules.maker)


@relation_finder("brands")
def brand_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "Sony PlayStation 2", "Microsoft Windows": a product whose name opens with the name of an organisation the
    document names on its own is that organisation's (develop.yaml ``brand_names``)."""
    rules = context.rules
    if rules.brand is None:
        return
    for thing in _products(context):
        words = thing.text.split()
        for cut in range(len(words) - 1, 0, -1):
            if not any(word.isalpha() for word in words[cut:]):
                continue  # "Xbox 2", "Rover 25": a version or a model number of a line, the makers' to read
            maker = _organisation_named(" ".join(words[:cut]), context.antecedents.mentions)
            if maker is not None:
                yield Candidate(_named_where_written(maker, rules), thing, rules.brand)
                break


def _products(context: SentenceContext) -> list[Mention]:
    """The sentence's mentions of products, in text order."""
    product = context.rules.ner_labels["PRODUCT"]
    return sorted({m for m in context.mentions() if is_a(m.type, product)}, key=lambda m: m.start)


def _organisation_named(name: str, mentions: list[Mention]) -> Mention | None:
    """The document's first mention of an organisation by ``name``."""
    return next((m for m in mentions if name in {m.text, m.merge_name} and is_a(m.type, ORGANIZATION)), None)


def _maker_named_in(product: Mention, mentions: list[Mention], rules: Rules) -> Mention | None:
    """The maker whose name comes before the model number in ``product``'s name ("Boeing" in "Boeing 737-800"):
    the document's organisation by that name, or, for a name the gazetteer knows as an organisation, the name's
    own words."""
    name = maker_of_model(product.text)
    if name is None:
        return None
    maker = _organisation_named(name, mentions)
    known = rules.gazetteer.type_of(name)
    if maker is None and known is not None and is_a(known, ORGANIZATION):
        maker = replace(product, end=product.start + len(name), text=name, type=known, name=name)
    return None if maker is None else _named_where_written(maker, rules)


def _named_where_written(maker: Mention, rules: Rules) -> Mention:
    """A coreference copy of ``maker`` (as coreference names an antecedent where its name is written)."""
    return Mention(
        maker.doc_id, maker.start, maker.end, maker.text, maker.type, rule="coreference",
        type_confidence=rules.type_confidence["coreference"], name=maker.merge_name, name_rule="coreference",
    )


def _named_by_modifier(noun: Token, by_token: dict[int, Mention]) -> list[Mention]:
    """The names (no people) a common noun is modified by: "RipGuard" in "its new RipGuard technology"."""
    named = [by_token[c.i] for c in child_tokens(noun) if c.dep_ == "compound" and c.i in by_token]
    return [m for m in named if not is_a(m.type, PERSON)]


def _names_parsed_as_adjectives(noun: Token, by_token: dict[int, Mention]) -> list[Token]:
    """The names modifying ``noun`` that the parser read as adjectives: "Qwest" in "Qwest chairman Richard
    Notebaert"."""
    return [c for c in children(noun, frozenset({"amod"})) if c.pos_ == "PROPN" and c.i in by_token]


def _is_relation_noun(token: Token, rules: Rules) -> bool:
    """A noun modifying a name that another finder reads as the relation between two names: "owner", "rival"."""
    return token.dep_ in {"compound", "amod"} and _names_a_relation(token, rules)


def _names_a_relation(token: Token, rules: Rules) -> bool:
    return token.lemma_.casefold() in rules.nouns or phrase_at(token, rules.owner_nouns) is not None


def is_office(noun: Token, rules: Rules) -> bool:
    """Whether ``noun`` names a public office (``public_offices``): "minister", "ambassador"."""
    return noun.lemma_.casefold() in rules.public_offices


def at_work(trigger: Trigger, rules: Rules) -> Trigger:
    """``trigger`` stating where a person works rather than where they are (``work_place_predicate``)."""
    return trigger if rules.work_place_predicate is None else replace(trigger, predicate=rules.work_place_predicate)


def title_phrase_trigger(noun: Token, rules: Rules) -> Trigger | None:
    """Match the longest title ending at ``noun``: "chief executive officer", "chief AI scientist"."""
    return phrase_at(noun, rules.titles)


@relation_finder("titles")
def title_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "Nvidia CEO Jensen Huang", "Liang Wenfeng, the founder of DeepSeek", "X is chief executive of Y".

    A title's other end must fit the predicate: a person for "the killer of X", not a person
    otherwise; a place there says where the person lives ("U.S. diplomat Felix Bloch"). A bare
    title in a sentence naming no organisation ("CEO Sam Altman said") refers to the last one
    named before it, with less confidence.
    """
    sent, by_token, rules, antecedents = context.sent, context.by_token, context.rules, context.antecedents
    for noun in context.tokens_ending_phrase(rules.titles):
        if noun.i in by_token or not (noun.pos_ in {"NOUN", "PROPN"} or noun.dep_ in {"appos", "attr", "compound"}):
            continue  # a title the tagger calls an adjective still describes ("X, a Fargo native", "NUJ official X")
        trigger = title_phrase_trigger(noun, rules)
        if trigger is None:
            continue
        people = [m for m in described_mentions(noun, by_token, rules) if is_a(m.type, PERSON)]
        leading = [] if people else _person_right_after(noun, by_token)
        people = people or leading
        wants_person = predicate_signature(trigger.predicate)[1] == PERSON
        found = False
        beside = _modifiers_beside(noun, by_token)
        others = [
            *children(noun, frozenset({"compound", "poss", "nmod"})),
            *_names_parsed_as_adjectives(noun, by_token),
            *(_title_prep_objects(noun, by_token, rules, wants_person) or _shared_prep_objects(noun, rules)),
            *possessor_before(noun, by_token),
            *[t for t in beside if not is_named_place(by_token[t.i], rules)],
        ]
        pairs = [
            (t, other)
            for t in others
            for other in mentions_at(t, by_token, rules) or _owners(t, by_token)
            or kind_named_object(t, context.tokens, by_token) or _named_before(t, antecedents, rules)
            if is_a(other.type, PERSON) == wants_person
        ]
        places = [is_known_place(other, rules) or is_named_place(other, rules) for _, other in pairs]
        employed = not all(places)
        scoped = employed and (any(places) or _heads_a_department(noun, by_token, rules) or _heads_a_field(noun, rules)
                               or _placed(noun, by_token, rules) or _deputy(noun, rules))
        role = _member_of(trigger, rules) if scoped else trigger
        for (t, other), place in zip(pairs, places, strict=True):
            found = True
            chosen, located = role, False
            if place and rules.location is not None:
                if employed:
                    continue  # "UK managing director of Acme": the place scopes the job, no more
                if t.dep_ == "pobj" and trigger.predicate != rules.location.predicate:
                    continue  # "the president of the United States" holds an office there, no more
                # "U.S. lawyer Jane Doe" is from there; "U.S. diplomat Jane Doe" works there
                chosen, located = at_work(rules.location, rules) if is_office(noun, rules) else rules.location, True
            holders = people or (_people_beside(noun, t, by_token) if not located else [])
            yield from (Candidate(person, other, chosen) for person in holders)
            if rules.membership is not None and not located:
                yield from (Candidate(p, parent, rules.membership) for parent in _parents(t, other, by_token)
                            for p in holders)
        if (not found and people and not wants_person and (noun.dep_ == "compound" or bool(leading))
                and rules.title_in_context is not None
                and not beside and not _qualified_by_common_noun(noun, by_token, rules)
                and not _names_an_organisation(context) and not _capitalised_office(noun, rules)
                and not is_office(noun, rules) and not _scoped_by_nationality(noun, rules)):
            employer = _previous_subject(context)  # the sentence right before, however far back its antecedent
            nearest = antecedents.nearest(sent[0], [ORGANIZATION]) if employer is None else None
            if nearest is not None and sent.start_char - nearest.end < rules.title_context_reach:
                employer = nearest
            if employer is not None:
                contextual = replace(trigger, confidence=round(trigger.confidence * rules.title_in_context, 2),
                                     rule=f"{trigger.rule}-context")
                # The title itself ("CEO") stands in this sentence for the employer named before.
                title = Mention(
                    employer.doc_id, noun.idx, noun.idx + len(noun.text), noun.text, employer.type,
                    rule="coreference", type_confidence=rules.type_confidence["coreference"],
                    name=employer.merge_name, name_rule="coreference",
                )
                yield from (Candidate(person, title, contextual) for person in people)


def _scoped_by_nationality(noun: Token, rules: Rules) -> bool:
    """A title a nationality word qualifies ("Russian president", "Spanish judge"): a country's, not the post of
    the company named before."""
    return any(c.dep_ in {"amod", "compound"} and c.lower_ in rules.gazetteer.demonyms for c in child_tokens(noun))


def _capitalised_office(noun: Token, rules: Rules) -> bool:
    """An office title capitalised inside a sentence ("served under Presidents George W Bush and Bill Clinton",
    "President Lula"): a head of state or another office, not the head of a company named before."""
    return not noun.is_sent_start and noun.text[:1].isupper() and noun.lemma_.capitalize() in rules.office_titles


def _previous_subject(context: SentenceContext) -> Mention | None:
    """The organisation the sentence before names as its subject ("The firm said ... . Chief executive X said"), or
    ``None``."""
    sent = context.sent
    if sent.start == 0:
        return None
    root = sent.doc[sent.start - 1].sent.root
    found = argument_mentions(children(root, SUBJECT_DEPS), context.by_token, context.rules, context.antecedents)
    return next((m for m in found if is_a(m.type, ORGANIZATION)), None)


def _person_right_after(noun: Token, by_token: dict[int, Mention]) -> list[Mention]:
    """The person named right after a title phrase the parser did not hang on the name: "... ," chairman and chief
    executive Richard Parsons said" (parsed with "chairman" in the quote)."""
    last = max([noun, *noun.conjuncts], key=lambda t: t.i).i + 1
    after = by_token.get(last) if last < noun.sent.end and noun.doc[last].pos_ == "PROPN" else None
    return [after] if after is not None and is_a(after.type, PERSON) and by_token.get(last - 1) != after else []


def _parents(token: Token, unit: Mention, by_token: dict[int, Mention]) -> list[Mention]:
    """The organisations owning the one a title names: "manager of Acme's Widget Group" works for Acme too."""
    owners = [by_token[c.i] for c in child_tokens(token) if c.dep_ == "poss" and c.i in by_token]
    return [m for m in owners if m != unit and is_a(m.type, ORGANIZATION)]


def _title_prep_objects(noun: Token, by_token: dict[int, Mention], rules: Rules, wants_person: bool) -> list[Token]:
    """Objects of a title's prepositions; for a job, also the names reached through the unnamed field it is in:
    "vice president for development of new products at Acme" (not for "the killer of the wife of X")."""
    found = prep_objects(noun, rules.title_preps)
    fields = [] if wants_person else [t for t in found if t.i not in by_token and t.pos_ == "NOUN"]
    for _ in range(_FIELD_DEPTH):
        reached = [o for t in fields for o in prep_objects(t, rules.title_preps)]
        found.extend(o for o in reached if o.i in by_token)
        fields = [o for o in reached if o.i not in by_token and o.pos_ == "NOUN"]
    return found


def _shared_prep_objects(noun: Token, rules: Rules) -> list[Token]:
    """Conjoined titles share their organisation: "chairman and founder of Acme" (parsed with "of" on either)."""
    return [t for c in noun.conjuncts if title_phrase_trigger(c, rules) is not None
            for t in prep_objects(c, rules.title_preps)]


def _modifiers_beside(noun: Token, by_token: dict[int, Mention]) -> list[Token]:
    """Names before a leading title that the parser hung on the holder's name beside it: "Electrolux" in
    "Electrolux chief executive Hans Straberg" parsed as a modifier of Straberg. The employer when it is no
    place ("Cameron Parish civil defense director X" holds an office there); either way not one named before."""
    if noun.dep_ != "compound" or noun.head.i not in by_token:
        return []
    holder = by_token[noun.head.i]
    before = [c for c in child_tokens(noun.head) if c.dep_ in {"compound", "nmod"} and c.i < noun.left_edge.i]
    return [c for c in before if c.i in by_token and by_token[c.i] != holder]


def is_named_place(mention: Mention, rules: Rules) -> bool:
    """A place by more than the tagger's word (a gazetteer entry, "Parish" or another place noun): the tagger
    also calls companies places."""
    return is_a(mention.type, PLACE) and mention.type_confidence > rules.type_confidence["ner"]


def market_not_party(trigger: Trigger, obj: Mention, rules: Rules) -> bool:
    """A place where a relation to a party is wanted is a market, not a party: "export cars to the UK", "30% of
    Europe"."""
    range_ = predicate_signature(trigger.predicate)[1]
    return is_named_place(obj, rules) and not (range_ is not None and is_a(range_, PLACE))


def _names_an_organisation(context: SentenceContext) -> bool:
    """Whether the sentence names an organisation: a bare title there need not be held at one named before."""
    return any(is_a(mention.type, ORGANIZATION) for _, mention in context.named)


def _qualified_by_common_noun(noun: Token, by_token: dict[int, Mention], rules: Rules) -> bool:
    """A title qualified by a common noun of the kind of its employer ("union official", "market leader"), or by a
    name the tagger missed ("Transport Workers' Union general secretary"), is held there, not at the organisation
    named last; a category word that refers back ("company official") is the titles' to resolve."""
    return any(c.dep_ in {"compound", "nmod", "poss"} and c.pos_ in {"NOUN", "PROPN"} and c.i not in by_token
               and c.lemma_.casefold() not in rules.anaphors for c in child_tokens(noun))


def title_with_employer(noun: Token, by_token: dict[int, Mention], rules: Rules) -> bool:
    """Whether ``noun`` is a title naming its organisation with one of the ``title_preps``: "managing director of
    Acme" (a place "in" it then says where the job is: "of Acme in the UK")."""
    if title_phrase_trigger(noun, rules) is None:
        return False
    return any(is_a(m.type, ORGANIZATION) for t in prep_objects(noun, rules.title_preps)
               for m in mentions_at(t, by_token, rules))


def _placed(noun: Token, by_token: dict[int, Mention], rules: Rules) -> bool:
    """A title with a place "in" it ("managing director of Acme in the UK") is held at that arm of the organisation."""
    return any(is_a(m.type, PLACE) for t in prep_objects(noun, rules.containment_preps)
               for m in mentions_at(t, by_token, rules))


def _heads_a_department(noun: Token, by_token: dict[int, Mention], rules: Rules) -> bool:
    """A title over a part of the organisation, named by a common noun: "head of development", "managing director,
    broadband" (a common noun after a comma, no title itself)."""
    after_comma = [c for c in children(noun, frozenset({"conj", "appos"}))
                   if c.i == noun.i + 2 and noun.doc[noun.i + 1].text == "," and title_phrase_trigger(c, rules) is None]
    return any(t.pos_ == "NOUN" and t.i not in by_token and t.lemma_.casefold() not in rules.anaphors
               for t in [*prep_objects(noun, rules.title_preps), *after_comma])


def _heads_a_field(noun: Token, rules: Rules) -> bool:
    """A title qualified by a common noun for a field of work, no kind of organisation nor title itself, or by one
    of the ``field_adjectives``: "research director", "political director" (not "union leader", "executive
    director")."""
    return any(
        (c.dep_ == "amod" and c.lower_ in rules.field_adjectives) or (
            c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < noun.i and not c.ent_type_
            and (lemma := c.lemma_.casefold()) not in rules.head_nouns and lemma not in rules.titles
            and f"{c.lower_} {noun.lower_}" not in rules.titles and lemma not in rules.anaphors
        )
        for c in child_tokens(noun)
    )


def _deputy(noun: Token, rules: Rules) -> bool:
    """A title with a word of the head's second right before it or its phrase ("deputy managing director")."""
    start = min([noun.i, *(c.i for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod"})])
    words = [noun.doc[start - 1], noun.doc[start]] if start > 0 else [noun.doc[start]]
    return any(word.lower_ in rules.deputy_words for word in words)


def _member_of(trigger: Trigger, rules: Rules) -> Trigger:
    """A leading title scoped to a department or a country's arm says the holder works there, no more."""
    if rules.membership is None or rules.membership.predicate not in property_ancestors(trigger.predicate):
        return trigger
    return replace(trigger, predicate=rules.membership.predicate, rule=f"{trigger.rule}-scoped")


@relation_finder("roles")
def role_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "David Pimentel, an ecologist at Cornell University", "Mason, a lobbyist with the API": any noun
    describing a person, with a preposition of affiliation (``role_preps``), names where the person works."""
    by_token, rules = context.by_token, context.rules
    if rules.membership is None or not rules.role_preps or not context.names_two_things():
        return
    for noun in context.tokens_with_pos({"NOUN"}):
        if noun.i in by_token or title_phrase_trigger(noun, rules) is not None:
            continue
        people = [m for m in described_mentions(noun, by_token, rules) if is_a(m.type, PERSON)]
        if not people:
            continue
        for target in prep_objects(noun, rules.role_preps):
            for org in mentions_at(target, by_token, rules):
                if is_a(org.type, ORGANIZATION):
                    yield from (Candidate(person, org, rules.membership) for person in people)


@relation_finder("attributions")
def attribution_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "said Andy Townsend, from BBC Broadcast": an ``attribution_preps`` word right after a person's name, with
    an organisation as its object, names where the person works, wherever the parser hung the phrase."""
    by_token, rules = context.by_token, context.rules
    if rules.attribution is None or not context.names_two_things():
        return
    for prep in context.tokens_with_lower(rules.attribution_preps):
        if prep.dep_ != "prep":
            continue
        person = _name_ending_before(prep, by_token)
        if person is None or not is_a(person.type, PERSON):
            continue
        for target in children(prep, frozenset({"pobj"})):
            orgs = [m for m in mentions_at(target, by_token, rules) if is_a(m.type, ORGANIZATION)]
            yield from (Candidate(person, org, rules.attribution) for org in orgs)


def _name_ending_before(token: Token, by_token: dict[int, Mention]) -> Mention | None:
    """The mention whose last token is right before ``token``, or before the comma before it."""
    i = token.i - 1
    if i > token.sent.start and token.doc[i].text == ",":
        i -= 1
    mention = by_token.get(i) if i >= token.sent.start else None
    return mention if mention is not None and by_token.get(i + 1) != mention else None


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
    return [m for m in found if is_a(m.type, PERSON)]


def _owners(noun: Token, by_token: dict[int, Mention]) -> list[Mention]:
    """The entities owning a unit named by a common noun: "the USDA's research service" -> USDA, "Symantec security
    response" with the name read as an adjective (an adjective of nationality names no owner)."""
    if noun.pos_ != "NOUN":
        return []
    return [by_token[c.i] for c in child_tokens(noun) if c.i in by_token and (
        c.dep_ in {"poss", "compound"} or (c.dep_ == "amod" and not is_a(by_token[c.i].type, PLACE)))]


def _named_before(noun: Token, antecedents: AntecedentFinder, rules: Rules) -> list[Mention]:
    """ "a company official": the category noun stands for the last entity of its class named before; "its chief
    executive X": the possessive pronoun for its antecedent; "chief executive of the firm": the definite
    description."""
    refers = (noun.dep_ in {"compound", "pobj"} and noun.pos_ == "NOUN") or (
        noun.dep_ == "poss" and noun.pos_ == "PRON"
    )
    anaphor = antecedents.anaphor(noun) if refers else None
    return [anaphor] if anaphor is not None else []


def is_known_place(mention: Mention, rules: Rules) -> bool:
    """A place by the gazetteer: the tagger also calls companies places ("Nvidia CEO Jensen Huang")."""
    known = rules.gazetteer.type_of(mention.merge_name)
    return known is not None and is_a(known, PLACE)
