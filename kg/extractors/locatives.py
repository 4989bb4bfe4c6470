"""Where things are: locative phrases, demonyms, homes, workplaces, places in places, datelines and regions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from kg.extractors.arguments import argument_mentions, described_mentions, mentions_at, name_after_kind_words
from kg.extractors.candidates import Candidate
from kg.extractors.cues import is_code_word
from kg.extractors.nominal import at_work, is_known_place, is_office, title_phrase_trigger, title_with_employer
from kg.extractors.registry import SentenceContext, relation_finder
from kg.extractors.tokens import child_tokens
from kg.extractors.tree import children, listed_conjuncts, prep_objects, word_after_dash
from kg.model import Mention
from kg.rules import Rules, Trigger
from kg.vocab import COUNTRY, ORGANIZATION, PERSON, PLACE, is_a

LONGEST_CHAIN = 4  # "Huangpi, Wuhan, Hubei, China": a longer run of places set off by commas is a list


@relation_finder("regions")
def region_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "Mrs. Tsuruyama is from Yatsushiro in Kumamoto Prefecture in southern Japan", "a technician from North
    Wales, Pa.", "Pepperell, based in West Point, Ga.": a person or organisation in a place is also in the places
    that place is said to lie "in" and in the region named after it by a comma, except a birth place's region
    ("born in Staunton, Va.", see ``birth_verbs``)."""
    found, sent, by_token, rules = context.found, context.sent, context.by_token, context.rules
    if rules.location is None or not _names_two_places(context):
        return
    inside, comma = _in_regions(sent, by_token, rules), _comma_regions(sent, by_token)
    located = {rules.location.predicate, *rules.location_by_subject_type.values()}
    for relation in found:
        if relation.predicate not in located or is_a(relation.subject.type, PLACE):
            continue  # places in places are read off the words already
        born = rules.birth is not None and relation.rule == rules.birth.rule
        regions = inside if born else {**comma, **inside}
        trigger = Trigger(rules.location.predicate, relation.confidence, f"{relation.rule}-region")
        region, steps = regions.get(relation.object), 0
        while region is not None and region != relation.subject and steps < 3:
            yield Candidate(relation.subject, region, trigger)
            region, steps = regions.get(region), steps + 1


@relation_finder("locatives")
def locative_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "Beijing-based Yi Xin", "a commentator from Beijing", "Leroy Ivy of Oxford", "Gosforth in England".

    A person "of" or "at" an organisation works for it ("David Welch of Harvard University").
    """
    by_token, rules = context.by_token, context.rules
    if rules.location is None or not context.may_name_arguments():
        return
    for token in context.tokens:
        if token.lower_ in rules.based_adjectives and token.dep_ == "amod":
            places = [
                by_token[c.i] for c in child_tokens(token) if c.dep_ in {"npadvmod", "compound"} and c.i in by_token
            ]
            described = _based_things(token.head, by_token, rules)
            for thing in described:
                for place in places:
                    if is_a(place.type, PLACE):
                        yield Candidate(thing, place, rules.location)
        elif token.dep_ == "prep" and token.head.pos_ in {"NOUN", "PROPN", "NUM"}:
            yield from _prepositional_location_or_membership(token, by_token, rules)
        elif token.i in by_token and (token.dep_ in {"compound", "nmod"} or _joined_to_a_place(token, by_token)):
            yield from _place_modifier_relations(token, context)


@relation_finder("demonyms")
def demonym_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "the Angolan Government ... in Angola", "an American singer", "German carmaker Widgetco": an adjective of
    nationality places what it describes in that country; the country's name in the same sentence is the argument
    when there is one, else the adjective itself (a mention of the country)."""
    by_token, rules = context.by_token, context.rules
    if rules.location is None or not rules.gazetteer.demonyms or not context.may_name_arguments():
        return
    countries: dict[str, list[Mention]] = defaultdict(list)
    for mention in context.mentions():
        if is_a(mention.type, PLACE) and mention.rule != "demonym":
            countries[rules.gazetteer.key(mention.merge_name)].append(mention)
    trigger = replace(rules.location, rule=f"{rules.location.rule.split('-')[0]}-demonym")
    for token in context.tokens_with_lower(rules.gazetteer.demonyms):
        country = rules.gazetteer.demonyms[token.lower_]
        own = by_token.get(token.i)
        places = countries.get(country) or ([own] if own is not None and own.rule == "demonym" else [])
        for thing in _described_by_demonym(token, context, rules):
            if thing not in places and rules.gazetteer.key(thing.merge_name) != country and thing.rule != "demonym":
                stated = _stated_for(thing, trigger, _on_an_office(token, rules), rules)
                yield from (Candidate(thing, place, stated) for place in places)


def _based_things(head: Token, by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """What a "-based" adjective places: the name it modifies alone, not the others of its list ("France's Total,
    the US-based ChevronTexaco, and miner Barrick Gold"), else what the noun it modifies stands for ("US-based
    firms such as Acme")."""
    if head.i in by_token:
        return [by_token[head.i]]
    return mentions_at(head, by_token, rules) or described_mentions(head, by_token, rules)


def _described_by_demonym(token: Token, context: SentenceContext, rules: Rules) -> list[Mention]:
    """What an adjective of nationality describes: the name it opens ("German Government"), the name its noun
    modifies ("Croatian President Franjo Tudjman"), the names its noun describes ("X, an American singer"), the
    name its words lead up to ("Swedish trades union official Ulf Carlsson", parsed otherwise) or what a definite
    description stands for ("Acme said ... The German firm": Acme)."""
    by_token = context.by_token
    own = by_token.get(token.i)
    if own is not None and own.rule != "demonym":
        return [own] if own.start == token.idx else []
    if token.dep_ not in {"amod", "compound", "nmod"}:
        return []
    if scopes_a_job(token.head, by_token, rules):
        return []  # "X, European boss of Acme": where the job is, not the holder's home
    head = token.head
    while head.i not in by_token and head.dep_ == "compound":
        head = head.head
    if head.i in by_token:
        return [by_token[head.i]]
    if head.lemma_.casefold() in rules.unit_nouns:  # "Acme's Japanese division" is in Japan, Acme need not be
        return described_mentions(head, by_token, rules)
    found = mentions_at(head, by_token, rules) or described_mentions(head, by_token, rules)
    named = name_after_kind_words(token, context.tokens, by_token) if not found else None
    anaphor = context.antecedents.anaphor(head) if not found and named is None else None
    return found or [m for m in (named, anaphor) if m is not None]


def _place_modifier_relations(token: Token, context: SentenceContext) -> Iterator[Candidate]:
    """A place naming where an organisation or a person is: "U.S. Congress", "Atlanta businessman Neil Estes",
    "Sun Hung Kai Properties, a Hong Kong construction firm", "UK sportswear firm Umbro" (parsed otherwise), "the US
    firm" standing for a name before it."""
    by_token, rules = context.by_token, context.rules
    place = by_token[token.i]
    if _joined_to_a_place(token, by_token):
        token = token.head  # "the UK-Dutch group": both places name where the group is
    head = token.head
    for _ in range(3):  # up a chain of compounds: "Rochester teacher union leader Adam Urbanski"
        if scopes_a_job(head, by_token, rules):
            return  # "Acme's Europe head X": where the job is, not the holder's home
        if (head.i in by_token and by_token[head.i] != place) or head.dep_ != "compound":
            break
        head = head.head
    conjoined = {by_token[c.i] for c in head.conjuncts if c.i in by_token}  # not "US journalists and Apple"
    things = [by_token[head.i]] if head.i in by_token else [
        m for m in mentions_at(head, by_token, rules) if m not in conjoined and m not in {place, by_token[token.i]}]
    named = name_after_kind_words(token, context.tokens, by_token) if not things else None
    anaphor = context.antecedents.anaphor(head) if not things and named is None else None
    things = things or [m for m in (named, anaphor) if m is not None]
    if not is_a(place.type, PLACE):
        return
    trigger: Trigger = rules.location  # type: ignore[assignment]
    office = _on_an_office(token, rules)
    for thing in things:
        if thing == place or is_a(thing.type, PLACE):
            continue
        if is_a(thing.type, PERSON) or is_known_place(place, rules):
            yield Candidate(thing, place, _stated_for(thing, trigger, office, rules))


def _joined_to_a_place(token: Token, by_token: dict[int, Mention]) -> bool:
    """Whether ``token`` modifies a place or nationality word it is hyphen-joined to: "UK" in "the UK-Dutch
    group"."""
    joined = word_after_dash(token)
    return joined is not None and joined == token.head and joined.i in by_token \
        and is_a(by_token[joined.i].type, PLACE)


def _on_an_office(word: Token, rules: Rules) -> bool:
    """Whether a place or nationality word modifies a public office (``public_offices``), itself or through the
    other words of its title: "Irish Transport Minister Jane Doe", "the Dutch prime minister"."""
    head = word.head
    for _ in range(3):
        if is_office(head, rules):
            return True
        if head.dep_ != "compound":
            return False
        head = head.head
    return False


def _titled_with_an_office(name: Token, rules: Rules) -> bool:
    """Whether a public office is written before the name as its title: "Ambassador Jane Doe of Iceland"."""
    return any(c.dep_ == "compound" and is_office(c, rules) for c in child_tokens(name))


def _stated_for(thing: Mention, trigger: Trigger, office: bool, rules: Rules) -> Trigger:
    """``trigger``, or where ``thing`` works when the place scopes an ``office`` and ``thing`` is a person (only
    people hold one)."""
    return at_work(trigger, rules) if office and is_a(thing.type, PERSON) else trigger


def scopes_a_job(noun: Token, by_token: dict[int, Mention], rules: Rules) -> bool:
    """Whether ``noun`` is a title that names its organisation, by a preposition ("boss of Acme") or a possessive
    ("Acme's Europe head"): a place or nationality word modifying it says where the job is, not where its holder
    lives ("European boss of Acme"; unlike "Croatian President Franjo Tudjman", which names no organisation)."""
    if noun.i in by_token or title_phrase_trigger(noun, rules) is None:
        return False
    if title_with_employer(noun, by_token, rules):
        return True
    return any(c.dep_ == "poss" and c.i in by_token and is_a(by_token[c.i].type, ORGANIZATION)
               for c in child_tokens(noun))


def _prepositional_location_or_membership(
    prep: Token, by_token: dict[int, Mention], rules: Rules
) -> Iterator[Candidate]:
    word = prep.lower_
    if word not in rules.origin_preps and word not in rules.membership_preps:
        return
    head = prep.head.head if prep.head.pos_ == "NUM" else prep.head  # "Marie Ferraro, 50, of Bethany"
    if word in rules.provenance_preps and _is_figurative(head, by_token, rules):
        return  # "OpenAI, the golden child of Silicon Valley": a figure of speech, no home
    if any(c.lemma_.casefold() in rules.distance_nouns for c in children(prep, frozenset({"npadvmod"}))):
        return  # "20 miles from Lille": somewhere else
    if word in rules.containment_preps and title_with_employer(head, by_token, rules):
        return  # "managing director of Acme in the UK": where the job is, not the holder's home
    things = [
        m for m in mentions_at(head, by_token, rules) or described_mentions(head, by_token, rules)
        if m not in _conjuncts_placed_apart(head, by_token, rules)
    ]
    others = [
        m for t in children(prep, frozenset({"pobj"}))
        for m in mentions_at(t, by_token, rules) or places_named_by(t, by_token, rules)
    ]
    trigger: Trigger = rules.location  # type: ignore[assignment]
    office = _titled_with_an_office(head, rules)
    for thing in things:
        for other in others:
            if word in rules.origin_preps and is_a(other.type, PLACE):
                if word in rules.office_preps and title_phrase_trigger(head, rules) is not None:
                    continue  # "the president of the United States" holds an office there, no more
                if word in rules.containment_preps or not is_a(thing.type, PLACE):
                    yield Candidate(thing, other, _stated_for(thing, trigger, office, rules))
            elif (
                rules.membership is not None and word in rules.membership_preps and head.i in by_token
                and is_a(thing.type, PERSON) and is_a(other.type, ORGANIZATION)  # not "founder of X": a title
            ):
                yield Candidate(thing, other, rules.membership)


def _conjuncts_placed_apart(head: Token, by_token: dict[int, Mention], rules: Rules) -> set[Mention]:
    """The names of the conjuncts of ``head`` with a phrase of their own ("the Star-News in Pasadena and the
    Post-Tribune in Gary", "Acme of Boston and Widgetco of Ohio"): the place of one is not the other's."""
    preps = rules.origin_preps | rules.membership_preps
    apart = [c for c in listed_conjuncts(head) if any(  # a phrase of the name is none: "Union of Democratic Forces"
        p.dep_ == "prep" and p.lower_ in preps and p.i not in by_token for p in child_tokens(c))]
    return {m for c in apart for m in mentions_at(c, by_token, rules) if c.left_edge.idx <= m.start <= c.idx}


def places_named_by(noun: Token, by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """The places a noun of a kind of place names with "of": "the state of Bolivar", "the town of Randolph"."""
    if noun.i in by_token or noun.lemma_.casefold() not in rules.place_nouns:
        return []
    objects = [t for prep in child_tokens(noun) if prep.dep_ == "prep" and prep.lower_ in rules.provenance_preps
               for t in children(prep, frozenset({"pobj"}))]
    return [m for t in objects for m in mentions_at(t, by_token, rules) if is_a(m.type, PLACE)]


def _is_figurative(noun: Token, by_token: dict[int, Mention], rules: Rules) -> bool:
    """A common noun of no class, person or place word ("the darling of", "the heart of"), not "a native of"."""
    lemma = noun.lemma_.casefold()
    return noun.i not in by_token and noun.pos_ == "NOUN" and not (
        lemma in rules.head_nouns or lemma in rules.person_nouns or lemma in rules.titles
    )


@relation_finder("homes")
def home_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "his native South Carolina", "Jesse Jackson's home state", "their hometown of Grants", "her home in
    Louisville": where a person is from."""
    by_token, rules, antecedents = context.by_token, context.rules, context.antecedents
    if rules.location is None or not rules.home_words:
        return
    for token, place in context.named:
        last_token = token.i + 1 == len(token.doc) or by_token.get(token.i + 1) != place
        if not is_a(place.type, PLACE) or not last_token:
            continue  # look at each place once, at its last token
        holders = _home_holders(token, rules)
        if not any(_is_home_word(w, by_token, rules) or any(c.dep_ in {"amod", "compound"} and
                   _is_home_word(c, by_token, rules) for c in child_tokens(w)) for w in holders):
            continue
        for holder in holders:
            owners = children(holder, frozenset({"poss"}))
            if holder.dep_ == "appos":  # "Cybill Shepherd, a Memphis native", the place parsed as the apposition
                owners.append(holder.head)
            for owner in owners:
                people = argument_mentions([owner], by_token, rules, antecedents)
                yield from (Candidate(p, place, rules.location) for p in people if is_a(p.type, PERSON))


@relation_finder("hosts")
def host_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "Rotterdam, home to crane maker Acme", "Ohio is home to Acme": what a place is home to is there."""
    by_token, rules = context.by_token, context.rules
    if rules.hosting is None:
        return
    for token in context.tokens:
        if token.lemma_.casefold() not in rules.host_words or token.i in by_token:
            continue
        hosts = [m for m in _host_places(token, by_token, rules) if is_a(m.type, PLACE)]
        held = [m for t in prep_objects(token, rules.host_preps) for m in mentions_at(t, by_token, rules)]
        yield from (Candidate(m, place, rules.hosting) for place in hosts for m in held
                    if not is_a(m.type, PERSON) and m != place)


def _host_places(word: Token, by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """The names a host word describes: "Ohio is home to" (the copula's subject), "Rotterdam, home to" (the name
    before the comma, however the parser hung the word; before "in Holland" when that follows the name)."""
    described = described_mentions(word, by_token, rules)
    if described:
        return described
    doc, i = word.doc, word.i
    if i < 2 or doc[i - 1].text != "," or (i - 2) not in by_token:
        return []
    place = by_token[i - 2]
    start = doc.char_span(place.start, place.end)
    while start is not None and start.start >= 3 and doc[start.start - 1].lower_ in rules.host_within_preps \
            and doc[start.start - 2].text == "," and (start.start - 3) in by_token:
        place = by_token[start.start - 3]
        start = doc.char_span(place.start, place.end)
    return [place]


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


@relation_finder("workplaces")
def workplace_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "Lieberman of Brown University in Providence", "Lou Ray, owner of the Smokehouse cafe in Fontana": a person
    of, at or with a workplace (``person_preps``, ``role_preps``) in a place (``workplace_preps``) works there."""
    by_token, rules = context.by_token, context.rules
    if rules.location is None or not rules.workplace_preps or not context.names_two_things():
        return
    affiliations = rules.membership_preps | rules.role_preps
    trigger = at_work(replace(rules.location, rule=f"{rules.location.rule.split('-')[0]}-workplace"), rules)
    for token, place in context.named:
        if not is_a(place.type, PLACE) or token.dep_ != "pobj":
            continue
        workplace = token.head.head
        if token.head.lower_ not in rules.workplace_preps or workplace.dep_ != "pobj":
            continue
        if workplace.head.lower_ not in affiliations or workplace.head.dep_ != "prep":
            continue
        holder = workplace.head.head
        people = mentions_at(holder, by_token, rules) or described_mentions(holder, by_token, rules)
        yield from (Candidate(p, place, trigger) for p in people if is_a(p.type, PERSON))


@relation_finder("places_in_places")
def place_in_place_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "Gosforth in northeast England", "Haifa in northern Israel": a place, "in", at most two modifiers, a place
    it lies in, read off the words (the parser often hangs the second "in" on a verb); and the places that one
    lies in, up the chain."""
    sent, by_token, rules = context.sent, context.by_token, context.rules
    if rules.location is None or not _names_two_places(context):
        return
    inside = _in_regions(sent, by_token, rules)
    yield from _chain_relations(inside, {**_comma_regions(sent, by_token), **inside}, rules.location)


@relation_finder("place_appositions")
def place_apposition_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "Patchogue, N.Y.", "Vienna, Austria": a place, a comma, a place it lies in; along a chain ("Huangpi, Wuhan,
    Hubei, China") each place lies in every later one."""
    sent, by_token, rules = context.sent, context.by_token, context.rules
    if rules.location is None or not _names_two_places(context):
        return
    comma = _comma_regions(sent, by_token)
    yield from _chain_relations(comma, {**_in_regions(sent, by_token, rules), **comma}, rules.location)


def _names_two_places(context: SentenceContext) -> bool:
    """Whether the sentence names two places at least, as a place lying in another needs."""
    places = {mention for _, mention in context.named if is_a(mention.type, PLACE)}
    return len(places) > 1


def _in_regions(sent: Span, by_token: dict[int, Mention], rules: Rules) -> dict[Mention, Mention]:
    """Each place followed by "in" (or "within"; a comma may come first), at most two modifiers and another place,
    mapped to that place; and each place followed by a kind of place "of" another: "the Lazio region of Italy" (a
    country's kind of place is in it: "the U.S. state of Maine")."""
    doc = sent.doc
    regions: dict[Mention, Mention] = {}
    for index in range(sent.start, sent.end):  # by index: most tokens are no mention, and need no Token made
        inner = by_token.get(index)
        if inner is None or not is_a(inner.type, PLACE) or by_token.get(index + 1) == inner:
            continue  # look at each place once, at its last token
        position = index + 1
        if position + 1 < sent.end and doc[position].text == ",":  # "Gmina Wielbark , within Szczytno County"
            position += 1
        if position >= sent.end:
            continue
        if doc[position].lower_ not in rules.containment_preps:
            outer = next(iter(places_named_by(doc[position], by_token, rules)), None)
            if outer is not None and inner.type == COUNTRY:  # "the U.S. state of Maine": Maine lies in the U.S.
                inner, outer = outer, inner
        else:
            position += 1
            while position < sent.end and position - index <= 3 and doc[position].pos_ in {"ADJ", "DET"}:
                position += 1
            outer = _region_at(doc, position, sent.end, by_token, rules) if position < sent.end else None
        if outer is not None and outer != inner and is_a(outer.type, PLACE):
            regions.setdefault(inner, outer)
    return regions


def _region_at(doc: Doc, position: int, end: int, by_token: dict[int, Mention], rules: Rules) -> Mention | None:
    """The place named at ``position``: a name, a kind of place "of" a name ("the district of Gmina Wielbark"), or
    the name a place's kind of place names ("the U.S. state of Michigan" is Michigan, not the U.S.)."""
    outer = by_token.get(position)
    if outer is None:
        return next(iter(places_named_by(doc[position], by_token, rules)), None)
    after = position + 1
    while after < end and by_token.get(after) == outer:
        after += 1
    return next(iter(places_named_by(doc[after], by_token, rules)), outer) if after < end else outer


def _chain_relations(
    first: dict[Mention, Mention], regions: dict[Mention, Mention], trigger: Trigger
) -> Iterator[Candidate]:
    """Each place of ``first`` in its region, and in the regions that region lies in (at most three steps on)."""
    further = replace(trigger, rule=f"{trigger.rule}-chain")
    for place, region in first.items():
        yield Candidate(place, region, trigger)
        outer, steps = regions.get(region), 0
        while outer is not None and outer != place and steps < 3:
            yield Candidate(place, outer, further)
            outer, steps = regions.get(outer), steps + 1


def _comma_regions(sent: Span, by_token: dict[int, Mention]) -> dict[Mention, Mention]:
    """Each place followed by a comma and another place, mapped to that place (the region it lies in).

    A run of places that ends in a conjunction and one more place is a list of siblings, no chain: "Lyon,
    Nantes and Lille", "Tennessee, Kentucky and northern Alabama"; so is a run of countries ("Russia, Japan,
    Poland") and a run longer than any chain of regions."""
    regions: dict[Mention, Mention] = {}
    for run in _comma_runs(sent, by_token):
        for before, after in pairwise(run):
            if not (before.type == after.type == COUNTRY):
                regions.setdefault(before, after)
    return regions


def _comma_runs(sent: Span, by_token: dict[int, Mention]) -> Iterator[list[Mention]]:
    """The runs of places joined by single commas in ``sent``, in order, leaving out runs that end a list."""
    doc = sent.doc
    run: list[Mention] = []
    position = sent.start
    while position < sent.end:
        mention = by_token.get(position)
        if mention is None or not _place_at(by_token, position):
            position += 1
            continue
        last = _last_token(by_token, position, sent.end)
        run.append(mention)
        if last + 2 < sent.end and doc[last + 1].text == "," and _region_at_comma(doc, by_token, last + 2, sent.end):
            position = last + 2
            continue
        if 1 < len(run) <= LONGEST_CHAIN and not _list_goes_on(doc, last + 1, sent.end, by_token):
            yield run
        run, position = [], last + 1


def _last_token(by_token: dict[int, Mention], position: int, end: int) -> int:
    """The index of the last token of the mention at ``position``."""
    mention = by_token[position]
    while position + 1 < end and by_token.get(position + 1) == mention:
        position += 1
    return position


def _region_at_comma(doc: Doc, by_token: dict[int, Mention], position: int, end: int) -> bool:
    """A place after a comma that may be a region, not an owner: not "in London, Argentina's envoy"."""
    if not _place_at(by_token, position):
        return False
    after = _last_token(by_token, position, end) + 1
    return after >= end or doc[after].tag_ != "POS"


def _list_goes_on(doc: Doc, position: int, end: int, by_token: dict[int, Mention]) -> bool:
    """Whether a conjunction and a place follow at ``position`` (", and" too, and modifiers before the place):
    "..., Nantes and Lille", "..., Kentucky and northern Alabama"."""
    if position < end and doc[position].text == ",":
        position += 1
    if position >= end or doc[position].pos_ != "CCONJ":
        return False
    position += 1
    while position < end and doc[position].pos_ == "ADJ" and position not in by_token:
        position += 1
    return position < end and _place_at(by_token, position)


def _place_at(by_token: dict[int, Mention], position: int) -> bool:
    """A place's name at ``position``; an adjective of nationality ("Moscow, Russian State Duma") is none."""
    mention = by_token.get(position)
    return mention is not None and is_a(mention.type, PLACE) and mention.rule != "demonym"


@relation_finder("datelines")
def dateline_relations(context: SentenceContext) -> Iterator[Candidate]:
    """A news dateline: "PARIS (AFP) -", "DAYTON, Ohio (AP)", "Madrid EFE": the agency is based where it opens.

    The sentence must open with names and punctuation only, the last name an organisation.
    """
    sent, by_token, rules = context.sent, context.by_token, context.rules
    if rules.location is None or not context.names_two_things():
        return
    opening: list[Mention] = []
    start = sent.start
    if sent[0].text == "(":  # a leading bracketed note: "(Text) Sofia, February 15 (BTA) --"
        start = next((t.i + 1 for t in sent[1:6] if t.text == ")"), start)
    for token in sent.doc[start : sent.end]:
        mention = by_token.get(token.i)
        if mention is None and not (token.is_punct or token.like_num or token.ent_type_ in {"DATE", "TIME"}
                                    or is_code_word(token, rules)):
            break  # a dateline holds names, punctuation, the date and a story code: "Sofia, February 15 (BTA) --"
        if mention is not None and mention not in opening:
            opening.append(mention)
    agency = next((m for m in reversed(opening) if is_a(m.type, ORGANIZATION)), None)
    if agency is None:
        return
    trigger = rules.dateline or rules.location
    yield from (Candidate(agency, m, trigger) for m in opening[: opening.index(agency)] if is_a(m.type, PLACE))
