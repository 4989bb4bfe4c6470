"""An entity's class, voted per document and then across documents.

Each name's mentions vote in each document by the typing rules' confidences (types.yaml ``confidence``), with its
own words, the gazetteer and the classes its facts imply; a maker's name, a company's national arm, an edition of
a product and a lone surname of a person get their votes here. Across documents each document's votes weigh at
most 1, so that one document's many cues do not outvote what the others read.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable

from kg.gazetteer import Gazetteer
from kg.model import Mention
from kg.name_links import PLURAL, UNSURE_RULES, NameIndex, top_class
from kg.names import CORPORATE_SUFFIX, Tally, canonical_key, head_word_positions, maker_of_model, type_tally, winner
from kg.rules import load_rules
from kg.vocab import ORGANIZATION, PERSON, PLACE, PRODUCT, is_a

SURNAME_VOTE = 1.0
# a name the gazetteer knows: stronger than the tagger, weaker than a user's forced class
# ("Lincoln" alone leans to Person where "Abraham Lincoln" is one)
GAZETTEER_VOTE = 1.5
# the other names a document holds when a one-word "person" only the tagger reads is out of place in it
LONE_NAME_COMPANY = 8


def type_votes(
    groups: dict[str, list[Mention]], implied: dict[str, dict[str, Tally]], names: NameIndex, gazetteer: Gazetteer
) -> dict[str, dict[str, Tally]]:
    """Class votes per key and document: its mentions there, the domains and ranges of the facts stated
    there, the gazetteer, and a lone surname of a person.

    A surname linked to a person does not vote unless a rule surer than the tagger typed it. A name
    written in the plural in a document votes for a product there.
    """
    votes: dict[str, dict[str, Tally]] = {}
    makers = _makers_of_models(groups)
    for key, mentions in groups.items():
        by_doc: dict[str, list[Mention]] = defaultdict(list)
        for mention in [m for m in mentions if not _tagged_surname(m, names)] or mentions:
            by_doc[mention.doc_id].append(mention)
        votes[key] = {doc: _document_tally(key, members, implied.get(key, {}).get(doc, {}), gazetteer)
                      for doc, members in by_doc.items()}
        for doc in by_doc.keys() & makers.get(key, set()):
            _as_maker(votes[key][doc])
        for doc, members in by_doc.items():
            if any(names.is_plural(m) for m in members):  # "iPods": a thing sold by the unit, no company
                tally = votes[key][doc]
                tally[PRODUCT] = tally.get(PRODUCT, 0.0) + load_rules().type_confidence[PLURAL]
    _national_arms_as_companies(votes, gazetteer)
    _product_lines(votes)
    people = [key for key, docs in votes.items() if " " in key and winner(corpus_tally(docs.values())) == "Person"]
    surnames = {key.rsplit(" ", 1)[-1] for key in people}
    _lone_tagged_people_as_companies(groups, votes, names, surnames)
    for surname in surnames & votes.keys() - gazetteer.types.keys() - _shaped_not_person(groups):
        read_otherwise = _surely_not_person(groups[surname])
        for doc, tally in votes[surname].items():
            if doc not in read_otherwise:
                tally["Person"] += SURNAME_VOTE
    return votes


def _tagged_surname(mention: Mention, names: NameIndex) -> bool:
    """A surname linked to a full name and typed by the tagger alone: its label was given to the short string. One
    a surer rule typed speaks of the thing named ("shares in Wimpey" beside "George Wimpey") and votes."""
    return names.is_surname(mention) and mention.rule in UNSURE_RULES


def _lone_tagged_people_as_companies(
    groups: dict[str, list[Mention]], votes: dict[str, dict[str, Tally]], names: NameIndex, surnames: set[str]
) -> None:
    """A one-word name that only the tagger reads as a person, in a document naming many things (at least
    :data:`LONE_NAME_COMPANY`), is rarely one: news names a person in full first, and a surname links to that
    name. Such a name is mostly a company's or a product's ("UBS", "Altavista"); its Person votes there go to
    Organization. A surname of a person named in full anywhere in the corpus keeps them."""
    names_in: dict[str, set[str]] = defaultdict(set)
    for key, mentions in groups.items():
        for mention in mentions:
            names_in[mention.doc_id].add(key)
    for key, docs in votes.items():
        if " " in key or key in surnames:
            continue
        for doc, tally in docs.items():
            if len(names_in[doc]) < LONE_NAME_COMPANY or winner(tally) != PERSON:
                continue
            members = [m for m in groups[key] if m.doc_id == doc]
            if all(m.rule == "ner" and m not in names.links for m in members):
                _move_votes(tally, PERSON, ORGANIZATION)


def _national_arms_as_companies(votes: dict[str, dict[str, Tally]], gazetteer: Gazetteer) -> None:
    """A company's name followed by a known place ("eBay UK", "T-Mobile Germany"), read as a place in a document
    that reads the company's name alone as an organisation, is the company's arm there: its place votes go to
    Organization (not a name the gazetteer knows: "United States" beside the airline "United")."""
    for key, documents in votes.items():
        company, _, place = key.rpartition(" ")
        known = gazetteer.types.get(place)
        if not company or company not in votes or known is None or not is_a(known, PLACE) or key in gazetteer.types:
            continue
        for doc in documents.keys() & votes[company].keys():
            tally = documents[doc]
            if is_a(winner(votes[company][doc]), ORGANIZATION) and is_a(top := winner(tally), PLACE):
                _move_votes(tally, top, ORGANIZATION)


def _product_lines(votes: dict[str, dict[str, Tally]]) -> None:
    """A name that adds words to the name of a product of its document ("Xbox Live", "iPod Photo" beside "Xbox",
    "iPod") is one of its line, an edition or a service of it: where the document reads it most as an organisation,
    those votes go to the product's class, unless its own last word names an organisation."""
    for key, documents in votes.items():
        words = key.split()
        prefixes = [" ".join(words[:size]) for size in range(len(words) - 1, 0, -1)]
        if ORGANIZATION in _name_shape_votes(key, []):
            continue  # "Blu-ray Disc Association" names a body
        for doc, tally in documents.items():
            line = next((winner(votes[p][doc]) for p in prefixes if doc in votes.get(p, {})), None)
            if line is not None and is_a(line, PRODUCT) and is_a(top := winner(tally), ORGANIZATION):
                _move_votes(tally, top, line)


def _makers_of_models(groups: dict[str, list[Mention]]) -> dict[str, set[str]]:
    """The keys of the names written before a model number in a document ("BMW" in "the BMW X5", one mention or
    the maker's and the model's side by side), with the documents where they are."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for mentions in groups.values():
        for mention in mentions:
            by_doc[mention.doc_id].append(mention)
    makers: dict[str, set[str]] = defaultdict(set)
    for doc, mentions in by_doc.items():
        mentions.sort(key=lambda m: m.start)
        names = [m.text for m in mentions]
        names += [a.text + " " + b.text for a, b in itertools.pairwise(mentions) if b.start == a.end + 1]
        for maker in filter(None, map(maker_of_model, names)):
            makers[canonical_key(maker)].add(doc)
    return makers


def _as_maker(tally: Tally) -> None:
    """A maker's name that a document reads most as a thing, no company, person or place ("BMW" tagged a product
    beside "the BMW X5", or an event by "a BMW event"), is the company making it: those votes go to Organization."""
    if tally and not any(is_a(top := winner(tally), kind) for kind in (ORGANIZATION, PERSON, PLACE)):
        _move_votes(tally, top, ORGANIZATION)


def _move_votes(tally: Tally, source: str, target: str) -> None:
    """Give the votes for ``source`` to ``target`` instead."""
    tally[target] = tally.get(target, 0.0) + tally[source]
    tally[source] = 0.0


def _surely_not_person(mentions: list[Mention]) -> set[str]:
    """The documents where a rule surer than the tagger read the name as no person ("Jackson, Wyo.", "the town of
    Jackson"): a person's surname elsewhere casts no vote there."""
    return {m.doc_id for m in mentions if m.rule not in UNSURE_RULES and top_class(m.type) != "Person"}


def _shaped_not_person(groups: dict[str, list[Mention]]) -> set[str]:
    """The keys whose every mention has a shape no personal name has ("XINHUA", types.yaml ``not_person_shapes``):
    no surname, though a person's name ends in the same word."""
    shape = load_rules().not_person_shapes
    return {key for key, mentions in groups.items() if all(shape.match(m.text) for m in mentions)}


def _document_tally(key: str, mentions: list[Mention], implied: Tally, gazetteer: Gazetteer) -> Tally:
    """One document's class votes for one name."""
    tally = type_tally(mentions)
    for type_name, weight in _name_shape_votes(key, mentions).items():
        tally[type_name] += weight
    if key in gazetteer.types:
        tally[gazetteer.types[key]] += GAZETTEER_VOTE
    for type_name, weight in implied.items():
        tally[_narrowest(tally, type_name)] += weight
    if key not in gazetteer.types and implied.get("Organization") and winner(tally) == "Place":
        tally["Organization"] += tally["Place"]  # an unknown "place" that releases, employs, ... is a company
    return tally


def _name_shape_votes(key: str, mentions: list[Mention]) -> Tally:
    """What a name's own words say of its class: a last word, or the word before its "of", that names a kind
    ("Whitefish City", "Acme Group", "Duchy of Prussia": the ``head_nouns`` of types.yaml, not its ``maker_nouns``:
    "Acme Research Program" is no software), a corporate suffix ("Acme Ltd") or a maker's model number ("Nokia
    6600")."""
    rules = load_rules()
    votes: Tally = {}
    words = key.split()
    kinds = (words[i] for i in head_word_positions(words) if words[i] not in rules.maker_nouns)
    kind = next((word for word in kinds if word in rules.head_nouns), None)
    if kind is not None:
        votes[rules.head_nouns[kind]] = rules.type_confidence["name_head"]
    if any(CORPORATE_SUFFIX.search(m.text) for m in mentions):
        votes["Organization"] = votes.get("Organization", 0.0) + rules.type_confidence["corporate_suffix"]
    if any(maker_of_model(m.text) is not None for m in mentions):  # "Nokia 6600", "Airbus A380"
        votes[PRODUCT] = votes.get(PRODUCT, 0.0) + rules.type_confidence["model_name"]
    return votes


def _narrowest(tally: Tally, type_name: str) -> str:
    """The most voted class of ``tally`` that is a ``type_name``, else ``type_name``: a fact's range
    "Product" supports the reading "Chip" rather than competing with it."""
    kinds = [t for t in sorted(tally) if t != type_name and is_a(t, type_name)]
    return max(kinds, key=lambda t: tally[t]) if kinds else type_name


def corpus_tally(documents: Iterable[Tally]) -> Tally:
    """The documents' votes added up, each document's scaled to weigh at most 1: one document's many
    or strong cues do not outvote what the other documents read."""
    total: Tally = defaultdict(float)
    for tally in documents:
        scale = 1 / max(1.0, sum(tally.values()))
        for type_name, weight in tally.items():
            total[type_name] += weight * scale
    return total
