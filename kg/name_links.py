"""Which names are one thing: a mention's bare name and key, spellings, and short forms linked to fuller names.

In each document a surname, a company's first words, an acronym or a bare kind word links to the one fuller name
it shortens ("Mr Smith" -> "John Smith", "Acme" -> "Acme Holdings"); across documents only when exactly one
candidate exists and it has the same class; a product's name in the plural links to the name anywhere ("iPods" ->
"iPod"). Resolution (:mod:`kg.resolve`) merges mentions under the keys given here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from kg.gazetteer import Gazetteer
from kg.model import Mention
from kg.names import CORPORATE_SUFFIX, abbreviates, compact_key, is_model_number, strip_titles, type_tally, winner
from kg.rules import load_rules
from kg.vocab import class_ancestors

UNSURE_RULES = frozenset({"ner", "coreference", "propagated"})
TOP_CLASSES = ("Person", "Organization", "Place", "Product", "Event", "CreativeWork")
SURNAME_RULES = frozenset({"surname", "corpus surname"})
DOCUMENT_SHORTENED = frozenset({"Organization", "Person"})  # classes whose names a document shortens to first words
CORPUS_SHORTENED = frozenset({"Organization"})  # ... and whose first words alone name them in other documents
PLURALS = frozenset({"Organization", "Product"})  # the classes of a product's name and of its plural
PLURAL = "plural"
PLURAL_ENDINGS = ("es", "s")
WORK = "CreativeWork"
MIN_CLIP = 3  # letters a clipped form keeps of the word it clips, and leaves out ("Fed" for "Federal")


@dataclass(frozen=True)
class NameIndex:
    """How each mention is named for merging: its name without titles, and the key of the name it stands for."""

    bare: dict[Mention, str]
    keys: dict[Mention, str]
    links: dict[Mention, tuple[str, str]]  # a short form -> (key of the fuller name it shortens, rule)

    def key(self, mention: Mention) -> str:
        """The key ``mention`` merges under: its fuller name's if it is linked to one, else its own."""
        link = self.links.get(mention)
        return link[0] if link is not None else self.keys[mention]

    def is_plural(self, mention: Mention) -> bool:
        """Whether ``mention`` is a name written in the plural, linked to the name it counts ("iPods")."""
        return self.links.get(mention, ("", ""))[1] == PLURAL

    def is_surname(self, mention: Mention) -> bool:
        """Whether ``mention`` is a surname linked to a person's full name."""
        return self.links.get(mention, ("", ""))[1] in SURNAME_RULES


def name_index(mentions: list[Mention], gazetteer: Gazetteer) -> NameIndex:
    """Each mention's bare name (a person's titles dropped), its key, and its link to a fuller name if any."""
    titles = load_rules().name_titles
    bare = {m: strip_titles(m.merge_name, titles) if top_class(m.type) == "Person" else m.merge_name for m in mentions}
    own = {m: gazetteer.key(name) for m, name in bare.items()}
    spelling = _spellings(Counter(own.values()))
    keys = {m: spelling[key] for m, key in own.items()}
    links = _short_name_links(mentions, bare, keys, gazetteer)
    return NameIndex(bare, keys, {**_plural_links(mentions, bare, keys), **links})


def _spellings(counts: Counter[str]) -> dict[str, str]:
    """Each key mapped to the most used key that differs from it only in spaces, hyphens or a web domain."""
    variants: dict[str, list[str]] = defaultdict(list)
    for key in sorted(counts):
        variants[compact_key(key)].append(key)
    return {key: max(keys, key=lambda k: counts[k]) for keys in variants.values() for key in keys}


def _short_name_links(
    mentions: list[Mention], bare: dict[Mention, str], keys: dict[Mention, str], gazetteer: Gazetteer
) -> dict[Mention, tuple[str, str]]:
    """Link each short form to the one fuller name it shortens: in its own document first, else in the corpus.

    In a document, "Smith" (or "Mr Smith") after "John Smith" is that person (``surname``), and "Acme"
    after "Acme Holdings" that company (``short form``), and "NUJ" after "National Union of Journalists"
    the union (``acronym``), when no other fuller name before it fits; with none before it, the one
    fuller name of the same class after it, a person's or a company's ending in a word for one (a headline's "Acme"
    before "Acme Holdings"; "Acme" before "Acme News" is its parent).
    A bare kind word ("the Committee") stands for the one name before it that ends in it (``kind word``).
    A short form with no fuller name in its document links to one of another document only when the
    corpus holds exactly one that fits, of any class, it has the short form's class and it is named in as many
    documents at least (``corpus surname``, ``corpus short form``): a lone "Lincoln" tagged as an organisation is
    neither "Abraham Lincoln" nor "Lincoln Savings" when the corpus has both, and "Acme", named in many documents,
    is a name of its own beside a lone "Acme Widgets".
    Names the gazetteer knows ("Texas" beside "Texas Instruments") are never short forms. A pronoun or
    description resolved to a short form ("he" for "Mr Smith") casts no vote on the links, and follows its name's.
    """
    by_doc: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    anaphors: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    corpus: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.name_rule == "coreference":
            anaphors[mention.doc_id][keys[mention]].append(mention)
        else:
            by_doc[mention.doc_id][keys[mention]].append(mention)
            corpus[keys[mention]].append(mention)
    corpus_classes = {key: _class_of(members) for key, members in corpus.items()}
    documents = {key: {m.doc_id for m in members} for key, members in corpus.items()}
    corpus_fuller = _fuller_names(corpus_classes, _surfaces(corpus, bare), CORPUS_SHORTENED, gazetteer)
    links: dict[Mention, tuple[str, str]] = {}
    for doc_id, named in by_doc.items():
        resolved = anaphors[doc_id]
        classes = {key: _class_of(members) for key, members in named.items()}
        fuller = _fuller_names(classes, _surfaces(named, bare), DOCUMENT_SHORTENED, gazetteer)
        found_in_document = [*_acronyms(named, bare).items(), *_kind_words(named).items(),
                             *_inner_surnames(named, bare, classes).items()]
        for key, found in found_in_document:
            fuller.setdefault(key, set()).update(found)
        for key, link in _document_links(named, classes, fuller, gazetteer).items():
            links.update((m, link) for m in [*named[key], *resolved.get(key, ())])
        for key in named.keys() - fuller.keys():
            remote = [full for full, _ in corpus_fuller.get(key, ())]
            if len(remote) == 1 and corpus_classes[remote[0]] == classes[key] and key not in gazetteer.types \
                    and len(documents[key]) <= len(documents[remote[0]]):  # "Intel" in 20, "Intel Celeron" in one
                rule = next(rule for full, rule in corpus_fuller[key] if full == remote[0])
                links.update((m, (remote[0], f"corpus {rule}")) for m in [*named[key], *resolved.get(key, ())])
    return links


def _plural_links(
    mentions: list[Mention], bare: dict[Mention, str], keys: dict[Mention, str]
) -> dict[Mention, tuple[str, str]]:
    """A name written in the plural links to the name it adds "s" to anywhere in the corpus ("iPods" -> "iPod",
    "PlayStation 2s" -> "PlayStation 2") when one reads as a product and the other as a product or a company:
    the plural counts a maker's products. A person's ("the Smiths", a family), a place's or a people's ("the
    Cherokees") is no product."""
    named = [m for m in mentions if m.name_rule != "coreference"]
    singular = {bare[m]: keys[m] for m in named}
    members: dict[str, list[Mention]] = defaultdict(list)
    for mention in named:
        members[keys[mention]].append(mention)
    links: dict[Mention, tuple[str, str]] = {}
    for mention in named:
        key = _singular_key(bare[mention], singular)
        if key is None or key == keys[mention]:
            continue
        readings = {_class_of(members[key]), top_class(mention.type)}
        if readings <= PLURALS and "Product" in readings:
            links[mention] = (key, PLURAL)
    return links


def _singular_key(name: str, singular: dict[str, str]) -> str | None:
    """The key of the name that ``name`` writes in the plural, if ``singular`` (names to their keys) holds it."""
    stems = (name[: -len(end)] for end in PLURAL_ENDINGS if name.endswith(end))
    return next((singular[stem] for stem in stems if stem in singular), None)


def _document_links(
    named: dict[str, list[Mention]],
    classes: dict[str, str],
    fuller: dict[str, set[tuple[str, str]]],
    gazetteer: Gazetteer,
) -> dict[str, tuple[str, str]]:
    """The fuller name that each short name of one document stands for, and the rule that links them."""
    first = {key: min(m.start for m in members) for key, members in named.items()}
    links: dict[str, tuple[str, str]] = {}
    for key in sorted(fuller.keys() & named.keys(), key=lambda k: (-len(k.split()), k)):  # fuller names' links first
        earlier = sorted((full, rule) for full, rule in fuller[key] if first[full] < first[key]) or sorted(
            (full, rule) for full, rule in fuller[key]
            if classes[full] == classes[key] and (classes[full] == "Person" or _ends_in_company_word(full))
        )
        targets = {links.get(full, (full, rule))[0] for full, rule in earlier}
        if len(targets) == 1 and key not in gazetteer.types and not _contradicts(
            named[key], named[earlier[0][0]], classes[earlier[0][0]]
        ):
            links[key] = (targets.pop(), earlier[0][1])
    return links


def _fuller_names(
    classes: dict[str, str], surfaces: dict[str, str], shortened: frozenset[str], gazetteer: Gazetteer
) -> dict[str, set[tuple[str, str]]]:
    """Every short key that may stand for a longer key of ``classes`` (written as in ``surfaces``), with the
    rule that would link them.

    A person's last word is a surname; the first words of a name of a class in ``shortened`` are a
    short form unless what they leave out holds a digit (a model number: "Widget 2" is no "Widget") or is a place
    the gazetteer knows (a regional arm: "Nintendo" is the parent of "Nintendo Europe", not its short form); so is
    the words after an organisation's leading acronym ("MG Rover" -> "Rover", "RJ Reynolds Tobacco" -> "Reynolds"); a
    product's model number stands for the product ("Boeing 737-800" -> "737-800").
    """
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for full, top in classes.items():
        words = full.split()
        if top == "Person" and len(words) > 1:
            found[words[-1]].add((full, "surname"))
        if top in shortened:
            for size in range(1, len(words)):
                left_out = words[size:]
                if not any(c.isdigit() for c in "".join(left_out)) and not _is_place(" ".join(left_out), gazetteer):
                    found[" ".join(words[:size])].add((full, "short form"))
        if top == "Organization" and len(words) > 1 and _is_acronym(surfaces[full].split()[0]):
            for end in range(2, len(words) + 1):
                found[" ".join(words[1:end])].add((full, "short form"))
        if top == "Organization":
            for clipped in _clipped_forms(words, gazetteer):
                if classes.get(clipped) == "Organization":
                    found[clipped].add((full, "clipped form"))
        if top == "Product" and len(words) > 1 and is_model_number(words[-1].split("-")[0]):
            found[words[-1]].add((full, "model number"))
    return found


def _clipped_forms(words: list[str], gazetteer: Gazetteer) -> list[str]:
    """The clipped forms of the first word of an organisation's name of several words, after any place it opens
    with: "fed" for "us federal reserve" (at least :data:`MIN_CLIP` letters kept and left out). A name of one
    word is no clipped form's: "Acme" is the parent of "Acmenet", not its short form."""
    rest = words[1:] if len(words) > 1 and _is_place(words[0], gazetteer) else words
    if len(rest) < 2 or not rest[0].isalpha():
        return []
    return [rest[0][:size] for size in range(MIN_CLIP, len(rest[0]) - MIN_CLIP + 1)]


def _surfaces(named: dict[str, list[Mention]], bare: dict[Mention, str]) -> dict[str, str]:
    """One bare name as written for each key."""
    return {key: bare[members[0]] for key, members in named.items()}


def _is_acronym(word: str) -> bool:
    """A word of two or more letters, all capitals ("MG", "NTT")."""
    return word.isupper() and sum(c.isalpha() for c in word) > 1


def _acronyms(named: dict[str, list[Mention]], bare: dict[Mention, str]) -> dict[str, set[tuple[str, str]]]:
    """The one-word names of a document written as an acronym ("SEC", "BoE") that spell the initials of a
    longer name in it."""
    shorts = {key for key, members in named.items()
              if " " not in key and all(_is_acronym_shaped(bare[m]) for m in members)}
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for full, members in named.items():
        if " " in full:
            for short in shorts:
                if any(abbreviates(short, bare[m]) for m in members):
                    found[short].add((full, "acronym"))
    return found


def _is_acronym_shaped(word: str) -> bool:
    """In capitals, or letters opening with a capital and holding another ("BoE", "DfES")."""
    return word.isupper() or (word.isalpha() and word[:1].isupper() and sum(c.isupper() for c in word) > 1)


def _inner_surnames(
    named: dict[str, list[Mention]], bare: dict[Mention, str], classes: dict[str, str]
) -> dict[str, set[tuple[str, str]]]:
    """A one-word name written after an honorific somewhere ("Mr Lula") that is an inner word of a person's
    name of three words or more in the document ("Luiz Inacio Lula da Silva"): a surname not written last."""
    titled = {key for key, members in named.items()
              if " " not in key and any(bare[m] != m.text for m in members)}
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for full, top in classes.items():
        words = full.split()
        if top == "Person" and len(words) > 2:
            for key in titled & set(words[1:-1]):
                found[key].add((full, "surname"))
    return found


def _ends_in_company_word(key: str) -> bool:
    """Whether a name ends in a word for a company (types.yaml ``head_nouns``: "Airlines", "Holdings") or a legal
    form ("Inc"), so that its first words before it may be its short form ("Delta" in a headline before "Delta
    Airlines"), not a parent named before its unit or product ("Google" before "Google News")."""
    last = key.split()[-1]
    return load_rules().head_nouns.get(last) == "Organization" or CORPORATE_SUFFIX.search(f" {last}") is not None


def _kind_words(named: dict[str, list[Mention]]) -> dict[str, set[tuple[str, str]]]:
    """A document's names that end in a kind word of types.yaml's ``head_nouns``, under that word: "the
    Committee" after "the Armed Services Committee" is that committee. A work's name without its kind word is
    a short form of it too ("Sarbanes-Oxley" after "the Sarbanes-Oxley Act")."""
    head_nouns = load_rules().head_nouns
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for full in named:
        words = full.split()
        if len(words) > 1 and words[-1] in head_nouns:
            found[words[-1]].add((full, "kind word"))
            if head_nouns[words[-1]] == WORK:
                found[" ".join(words[:-1])].add((full, "short form"))
    return found


def _class_of(mentions: list[Mention]) -> str:
    return top_class(winner(type_tally(mentions)))


def _contradicts(mentions: list[Mention], fuller: list[Mention], top: str) -> bool:
    """Whether a rule surer than the tagger gives one of ``mentions`` a class other than ``top``, the class of the
    fuller name's mentions ``fuller``, and one as sure gives ``top`` to one of those: against the tagger's label
    alone ("Acme Holdings" a person, "Acme shares" a company's), the names are one and their votes decide."""
    return any(m.rule not in UNSURE_RULES and top_class(m.type) != top for m in mentions) and any(
        m.rule not in UNSURE_RULES and top_class(m.type) == top for m in fuller
    )


def _is_place(key: str, gazetteer: Gazetteer) -> bool:
    """Whether the gazetteer knows ``key`` as a place."""
    known = gazetteer.types.get(key)
    return known is not None and top_class(known) == "Place"


def top_class(type_name: str) -> str:
    """The top-level class (Person, Organization, Place, ...) that ``type_name`` falls under."""
    ancestors = class_ancestors(type_name)
    return next((top for top in TOP_CLASSES if top in ancestors), type_name)
