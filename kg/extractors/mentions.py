"""Entity mentions from the tagger's spans: content sentences and type cues (span boundaries: :mod:`.spans`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from kg.extractors.cues import is_origin_adjective
from kg.extractors.person_cues import (
    described_as_group,
    described_as_person,
    named_as_workplace,
    patient_of_person_word,
)
from kg.extractors.spans import coordinated_names, entities_by_sentence, entity_spans
from kg.extractors.tokens import child_tokens, sentence_columns, span_text, token_table
from kg.extractors.tree import DASHES, category_of_example, children, nearer_name_before, word_after_dash
from kg.model import Mention
from kg.names import CORPORATE_SUFFIX, canonical_key, head_word_positions, is_model_number
from kg.nlp.language import NER_PRECISION_KEY
from kg.rules import Rules
from kg.vocab import ORGANIZATION, PERSON, PLACE, PRODUCT, is_a

_DIRECT_OBJECT = frozenset({"dobj"})
MODEL_ENT_TYPES = frozenset({"", "CARDINAL", "PRODUCT"})  # what the tagger may call a model number it left out


def is_boilerplate(sent: Span, rules: Rules) -> bool:
    """Page furniture by pattern, or a sentence mostly in another script than ``content_script`` (an English
    parser's junk)."""
    text = span_text(sent)
    return bool(rules.boilerplate.search(text)) or not _mostly_in(text, rules.content_script)


def _mostly_in(text: str, script: str) -> bool:
    """Whether at least half the letters of ``text`` are of ``script`` (a Unicode script name: "LATIN")."""
    if text.isascii():  # every ASCII letter is Latin: no need to look each one up
        return script == "LATIN" or not any(c.isalpha() for c in text)
    letters = [c for c in text if c.isalpha()]
    in_script = sum(1 for c in letters if unicodedata.name(c, "").startswith(script))
    return not letters or in_script * 2 >= len(letters)


def mentions_by_token(sentences: Iterable[Span], doc_id: str, rules: Rules) -> dict[int, Mention]:
    """Map each token index inside a kept entity to its mention."""
    by_sentence = list(entities_by_sentence(sentences, rules))
    tagged = {span_text(ent) for _, entities in by_sentence for ent in entities}
    by_token: dict[int, Mention] = {}
    for sent, entities in by_sentence:
        for ent in (part for whole in entities for part in coordinated_names(whole, tagged, rules)):
            for span, label, name in entity_spans(ent, sent, rules, tagged):
                mention = _make_mention(span, label, doc_id, rules, name)
                if mention is not None:
                    by_token.update(dict.fromkeys(range(span.start, span.end), mention))
    return by_token


def demonym_mentions(
    sentences: Iterable[Span], by_token: dict[int, Mention], doc_id: str, rules: Rules
) -> dict[int, Mention]:
    """Adjectives of nationality as mentions of their country ("an American singer", "German carmaker X").

    Only a capitalised modifier outside every other mention counts: "American" in "American Airlines" is
    part of a name, and "English" as a noun names a language.
    """
    found = dict(by_token)
    gazetteer = rules.gazetteer
    for sent in sentences:
        columns = sentence_columns(sent)
        for token, lower in zip(columns.tokens, columns.lowers, strict=True):
            key = gazetteer.demonyms.get(lower)
            if key is None or token.i in found or not token.text[:1].isupper():
                continue
            if token.dep_ not in rules.demonym_deps or key not in gazetteer.labels or _names_a_language(token, rules):
                continue
            found[token.i] = Mention(
                doc_id, token.idx, token.idx + len(token.text), token.text, gazetteer.types.get(key, PLACE),
                rule="demonym", type_confidence=rules.type_confidence["demonym"],
                name=gazetteer.labels[key], name_rule="coreference",
            )
    return found


def _names_a_language(token: Token, rules: Rules) -> bool:
    """Whether a hyphen and one of ``language_words`` follow: "English-language versions"."""
    joined = word_after_dash(token)
    return joined is not None and joined.lower_ in rules.language_words


def with_model_numbers(doc: Doc, by_token: dict[int, Mention], doc_id: str, rules: Rules) -> dict[int, Mention]:
    """A name followed by a model number of its own is the name of a product: "70 Boeing 737-800 planes", "the
    MDA IV", "security in IE 6" (a maker's name becomes the product's; a person's or a place's never does).

    The number is one the tagger left outside every name (or called a bare number), joined to the name in
    the parse or modifying the same noun; hyphens join its parts ("737-800"). Proper nouns the tagger left out
    before such a number name a product too ("Doom 3"), unless they are a word that numbers something else
    (types.yaml ``numbered_nouns``: "Chapter 11", "Terminal 5").
    """
    product = rules.ner_labels["PRODUCT"]
    by_token = {**by_token, **_numbered_names(doc, by_token, doc_id, rules)}
    extended: dict[Mention, Mention] = {}
    for mention, (start, end) in _token_spans(by_token).items():
        if is_a(mention.type, PERSON) or is_a(mention.type, PLACE) or end >= len(doc):
            continue
        model_end = _model_number_end(doc, end, by_token)
        if model_end > end and _joined(doc[start:end], doc[end]):
            span = doc[start:model_end]
            retyped = is_a(mention.type, ORGANIZATION)
            extended[mention] = replace(
                mention, end=span.end_char, text=span_text(span), name="", name_rule="",
                type=product if retyped else mention.type, rule="shape" if retyped else mention.rule,
                type_confidence=rules.type_confidence["shape"] if retyped else mention.type_confidence,
            )
    found = {i: extended.get(m, m) for i, m in by_token.items()}
    for old, new in extended.items():
        found.update((token.i, new) for token in doc.char_span(new.start, new.end) or ())
        found.update(_model_alone(doc, new, new.text[old.end - old.start :].strip(), found))
    return found


def _numbered_names(doc: Doc, by_token: dict[int, Mention], doc_id: str, rules: Rules) -> dict[int, Mention]:
    """Untagged proper nouns right before a model number, as a product's name without the number (which
    :func:`with_model_numbers` then adds)."""
    found: dict[int, Mention] = {}
    tokens = token_table(doc).tokens
    for token, number in pairwise(tokens):
        if not _untagged_name_word(token, by_token) or not any(c.isdigit() for c in number.text) \
                or _model_number_end(doc, number.i, by_token) == number.i:
            continue  # a Roman numeral after an untagged name is more often a ruler's ("King Fernando VII")
        start = token.i
        while start > 0 and _untagged_name_word(tokens[start - 1], by_token) and not tokens[start - 1].is_sent_start:
            start -= 1
        name = doc[start : token.i + 1]
        if any(w.lower_ in rules.numbered_nouns for w in name) or is_not_an_entity(name.text, rules) \
                or not _joined(name, number):
            continue
        mention = Mention(doc_id, name.start_char, name.end_char, name.text, rules.ner_labels["PRODUCT"], rule="shape",
                          type_confidence=rules.type_confidence["shape"])
        found.update((t.i, mention) for t in name)
    return found


def _untagged_name_word(token: Token, by_token: dict[int, Mention]) -> bool:
    return token.pos_ == "PROPN" and not token.ent_type_ and token.i not in by_token and token.text[:1].isupper()


def _model_alone(doc: Doc, product: Mention, model: str, found: dict[int, Mention]) -> dict[int, Mention]:
    """The product's model number written alone elsewhere in the document ("the 737-800" after "Boeing
    737-800"), as mentions of its own text that resolution links to the product; found by a search of the
    text, not of the tokens."""
    text = doc.text
    copies: dict[int, Mention] = {}
    start = text.find(model)
    while start >= 0:
        span = doc.char_span(start, start + len(model))
        if span is not None and not any(t.i in found for t in span):
            copy = replace(product, start=start, end=start + len(model), text=model, rule="propagated",
                           type_confidence=0.0)
            copies.update((t.i, copy) for t in span)
        start = text.find(model, start + 1)
    return copies


def _token_spans(by_token: dict[int, Mention]) -> dict[Mention, tuple[int, int]]:
    """The first and one-past-last token of each mention."""
    spans: dict[Mention, tuple[int, int]] = {}
    for i, mention in sorted(by_token.items()):
        start = spans.get(mention, (i, i))[0]
        spans[mention] = (start, i + 1)
    return spans


def _model_number_end(doc: Doc, start: int, by_token: dict[int, Mention]) -> int:
    """One past the last token of the model number at ``start`` (``start`` when there is none)."""
    token = doc[start]
    if start in by_token or token.ent_type_ not in MODEL_ENT_TYPES or not is_model_number(token.text):
        return start
    end = start + 1
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].text.isalnum() and end + 1 not in by_token:
        end += 2
    return end


def _joined(name: Span, number: Token) -> bool:
    """Whether ``number`` belongs to ``name`` in the parse: one modifies the other or both the same noun."""
    root = name.root
    return name.start <= number.head.i < name.end or root.head == number or (
        root.head == number.head and root.dep_ != "ROOT" and number.head.i > number.i
    )


def _make_mention(span: Span, label: str, doc_id: str, rules: Rules, name: str = "") -> Mention | None:
    """The mention of ``span`` with its class: the gazetteer's, else the first cue that speaks (a kind noun, a
    noun for people, a pronoun, a preposition of place, the name's shape), else the tagger's ``label``."""
    type_name = rules.ner_labels.get(label) or _cued_class(span, label, rules)
    text = span_text(span)
    if type_name is None or is_not_an_entity(name or text, rules) or _common_word_opening_sentence(span) \
            or _abbreviates_common_words(span):
        return None
    source = "pattern" if span.root.ent_id_ else "ner"
    if source == "ner" and _is_demonym_modifier(span, rules):
        return None  # a mention of its country (demonym_mentions), whatever the tagger called it
    known = rules.gazetteer.type_of(name or text)
    if known is not None and source == "ner":
        type_name, source = known, "gazetteer"
    cue = _head_noun_type(span, rules)
    referred = _class_referred_to(span, rules)
    shaped_not_person = not name and rules.not_person_shapes.match(text) is not None
    workplace = source != "gazetteer" and not name and named_as_workplace(span, rules)
    person = source != "gazetteer" and not shaped_not_person and not workplace and described_as_person(span, rules)
    cue_rule = "" if cue is None else _cue_rule(span, cue, rules)
    tagged_maker = source == "ner" and type_name == ORGANIZATION and cue_rule == "kind_modifier"
    if cue is not None and source != "gazetteer" and not (type_name == PERSON and (person or name)) \
            and not tagged_maker:  # "two Acme handsets" the tagger calls a company: the maker's name
        type_name, source = cue, cue_rule
    elif workplace and type_name == PERSON:
        type_name, source = ORGANIZATION, "employer_cue"
    elif person or (source != "gazetteer" and patient_of_person_word(span, rules)):
        type_name, source = PERSON, "person_cue"
    elif source == "ner" and referred and type_name not in referred and type_name in {PERSON, ORGANIZATION, PLACE}:
        type_name, source = referred[0], "pronoun_cue"
    elif source == "ner" and type_name == PERSON and described_as_group(span, rules):
        type_name, source = ORGANIZATION, "pronoun_cue"
    elif source == "ner" and _after_place_preposition(span, type_name, rules):
        type_name, source = PLACE, "place_cue"
    elif (type_name == PERSON and (shaped_not_person or (source == "ner" and not name and _after_the(span)))) or (
        source == "ner" and type_name == PLACE and not name and rules.not_place_shapes.match(text) is not None
    ):
        type_name, source = ORGANIZATION, "shape"
    elif source == "ner" and type_name == PLACE and len(span) > 1 and rules.not_place_shapes.match(span[-1].text):
        type_name, source = PRODUCT, "shape"  # a version code: "Windows XP"
    if name and source == "ner":
        source = "title"
    confidence = rules.type_confidence[source]
    if source == "ner":
        confidence *= span.doc.user_data.get(NER_PRECISION_KEY, {}).get(label, 1.0)
    start = span.start_char
    return Mention(
        doc_id, start, start + len(text), text, type_name, rule=source, type_confidence=confidence,
        name=name, name_rule="title" if name else "", written=_with_office(span, type_name, rules),
    )


def _with_office(span: Span, type_name: str, rules: Rules) -> str:
    """A surname with the office written right before it and kept out of its span ("President Bush"), or ""."""
    if type_name != PERSON or len(span) != 1 or span.start == span.sent.start:
        return ""
    office = span.doc[span.start - 1]
    return f"{office.text} {span.text}" if office.text in rules.office_titles else ""


def _common_word_opening_sentence(span: Span) -> bool:
    """A lone word capitalised only because it opens its sentence, which the document writes in lower case twice
    elsewhere or more ("Broadband access plays a big part" beside "broadband"): a common word, no name (once may
    be a name styled in lower case: an album's "velocifero"). The first sentence's may be the article's topic
    ("Souvlaki is a popular fast food")."""
    if len(span) != 1:
        return False
    table = token_table(span.doc)
    opens = table.sentence_at(span.start).start > 0 and table.opens_sentence(span.start)
    return opens and table.words_in_lower_case[span[0].lower_] > 1 and span[0].text != span[0].lower_


def _after_the(span: Span) -> bool:
    """A name right after "the" that it takes as its own determiner: no person's ("the Tate", "the Majlis"), who
    takes no article."""
    return span.start > 0 and span.doc[span.start - 1].lower_ == "the" \
        and span.doc[span.start - 1].head.i == span.root.i


def _abbreviates_common_words(span: Span) -> bool:
    """A word in capitals that the document writes, somewhere, in brackets right after lower-case words whose
    initials it spells: a common noun's abbreviation, no name ("a personal video recorder (PVR)", then "the PVR")."""
    return len(span) == 1 and span_text(span) in token_table(span.doc).common_abbreviations


def _is_demonym_modifier(span: Span, rules: Rules) -> bool:
    """Whether ``span`` is an adjective of nationality modifying a noun: "a Welsh singer" tagged as a company, "an
    Anglo-Dutch group"."""
    return span.root.dep_ in rules.demonym_deps and is_origin_adjective(span_text(span), rules)


def _cued_class(span: Span, label: str, rules: Rules) -> str | None:
    """The class a kind noun gives a span the tagger labelled as no entity (types.yaml ``cued_labels``): "Acme"
    in "Acme subsidiary Widgetco" tagged as a nationality; never an adjective of nationality the gazetteer knows."""
    if label not in rules.cued_labels or span_text(span).casefold() in rules.gazetteer.demonyms:
        return None
    return _head_noun_type(span, rules) or (rules.misread_name_class if _misread_name(span, rules) else None)


def _misread_name(span: Span, rules: Rules) -> bool:
    """A lone capitalised proper noun with no shape of a people's word: "Euronext" tagged as a group of people."""
    word = span[0]
    return (
        len(span) == 1 and word.pos_ == "PROPN" and word.text[:1].isupper() and word.text.isalpha()
        and rules.group_word_shapes.search(word.text) is None and word.lower_ not in rules.group_words
    )


def is_not_an_entity(text: str, rules: Rules) -> bool:
    """Whether ``text`` can be no name: a listed non-entity, ignored by the gazetteer, uncased, or of a junk shape."""
    return (
        text.casefold() in rules.not_entities
        or canonical_key(text) in rules.gazetteer.ignore
        or not any(c.isalpha() for c in text)
        or text.islower()  # a name in a cased script has a capital ("cts", "tandem" are not names)
        or rules.not_entity_shapes.search(text) is not None
    )


def _head_noun_type(span: Span, rules: Rules) -> str | None:
    """The class cued by a noun the entity modifies, stands in apposition to ("H800 chips") or is ("X is a
    town")."""
    root = span.root
    cues: list[Token] = []
    kind = _modified_kind_noun(span, rules)
    if kind is not None:
        cues.append(kind)
        modified = rules.modified_nouns.get(kind.lower_, rules.modified_nouns.get(kind.lemma_.casefold()))
        if modified is not None:  # "a Fargo native": Fargo is a place
            return modified
    if root.dep_ == "appos" and not (root.head.ent_type_ and root.head.pos_ == "PROPN"):
        cues.append(root.head)  # not another name's word: "the European Commission, Jose Manuel Barroso"
    if root.dep_ == "oprd" and root.head.lemma_ in rules.naming_verbs and root.head.dep_ == "acl":
        cues.append(root.head.head)  # "a technology called Visual Radio"
    if root.dep_ == "poss" and root.head.pos_ == "NOUN" and root.head.lower_ in rules.possessed_nouns:
        return rules.possessed_nouns[root.head.lower_]  # "Winterset's busiest street", "Cimatti's son"
    if _named_by_place_noun(root, rules):  # "the town of Randolph", "the province of Guayas", "south of Fargo"
        return PLACE
    if root.head.lemma_ in rules.product_subject_verbs.get(root.dep_, ()):  # "the Widgo was launched in 2001"
        return PRODUCT
    told = _class_after_preposition_noun(root, rules)
    if told is not None:
        return told
    # the nearest apposition only: a second one mostly describes a name inside the first ("X, the head of Acme,
    # the agency")
    nearest = next((child for child in child_tokens(root) if child.dep_ == "appos"), None)
    if nearest is not None and nearer_name_before(nearest) is None:
        cues.append(_one_of(_last_kind_conjunct(nearest, rules), rules))
    cues.extend(_category_words_before(span))
    cues.extend(_plural_kind_before(root))
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":  # "Brookston is a town in ...": the attribute
        cues.extend(child for child in child_tokens(root.head) if child.dep_ == "attr")
    first = _first_conjunct(root)
    if first.dep_ == "attr" and first.head.lemma_ == "be":  # "the airlines flying it are Aloha, ...": the subject
        cues.extend(child for child in child_tokens(first.head) if child.dep_ == "nsubj")
    category = category_of_example(root, rules)
    if category is not None:
        cues.append(category)
    # the name's own kind word: "Paris AI Action Summit", "Alibaba Group", "Duchy of Prussia"
    words = token_table(span.doc).tokens[span.start : span.end]
    own = (words[i] for i in head_word_positions([t.text for t in words]))
    cues.extend(word for word in own if word.lemma_.casefold() not in rules.maker_nouns)  # not "X Research Program"
    for cue in cues:
        found = rules.head_nouns.get(cue.lemma_.casefold())
        if found is not None and (cue.pos_ in {"NOUN", "PROPN"} or _adjective_right_before(cue, span)) and (
            span.start <= cue.i < span.end or cue.lemma_.casefold() not in rules.name_only_nouns
        ):
            return found
    return None


def _adjective_right_before(word: Token, span: Span) -> bool:
    """Whether ``word`` is an adjective modifying ``span`` right before it (a kind noun mistagged: "firm")."""
    return word.i == span.start - 1 and word.dep_ == "amod" and word.tag_ == "JJ"


def _category_words_before(span: Span) -> Iterator[Token]:
    """The nouns that describe ``span`` right before it, nearest first: "German media group Bertelsmann" (group,
    then media), "carmaker Widgetco"; the chain stops at any other word, so in "handset giant Nokia" (the tagger
    reads "giant" as an adjective) "handset" describes the giant, not Nokia."""
    root, tokens = span.root, token_table(span.doc).tokens
    for index in range(span.start - 1, -1, -1):
        word = tokens[index]
        if word.head.i != root.i:
            if index == span.start - 1 and _kind_noun_the_parse_lost(word, root):
                yield word  # "helping Dutch retailer Ahold inflate earnings", parsed as "retailer" helped
            return
        if word.dep_ == "compound" and word.pos_ == "NOUN":
            yield word
        elif _adjective_right_before(word, span) and word.is_lower:
            yield word  # a noun the tagger read as an adjective: "anti-spyware firm Giant Company Software"
        else:
            return


def _kind_noun_the_parse_lost(word: Token, root: Token) -> bool:
    """Whether a lower-case singular noun right before a bare proper name, which the parser hung elsewhere with
    nothing hung on the name, describes it all the same ("retailer Ahold")."""
    return (word.tag_ == "NN" and word.is_lower and root.head.i != word.i and root.pos_ == "PROPN"
            and not any(c.dep_ == "det" for c in root.children))


def _plural_kind_before(root: Token) -> Iterator[Token]:
    """A plural noun right before a list of names, however the parser hung them: "technology firms Earthlink and
    Webroot" (the firms are both)."""
    first = _first_conjunct(root).left_edge
    if first.i > 0 and (before := root.doc[first.i - 1]).tag_ == "NNS" and before.pos_ == "NOUN":
        yield before


def _modified_kind_noun(span: Span, rules: Rules) -> Token | None:
    """The noun after ``span`` that it modifies, unless a maker's name modifies it as often ("a Microsoft
    program")."""
    root = span.root
    if root.dep_ in {"compound", "nmod", "amod"} and root.head.i >= span.end \
            and root.head.lemma_.casefold() not in rules.maker_nouns and not _dash_between(span, root.head):
        return root.head
    return None


def _dash_between(span: Span, noun: Token) -> bool:
    """Whether a dash parts ``span`` from the noun after it: a parse across the dash closing an apposition
    ("colleagues ... and Alexander Fang - show how") is no name modifying a noun."""
    return any(token.text in DASHES for token in token_table(span.doc).tokens[span.end : noun.i])


def _cue_rule(span: Span, cue: str, rules: Rules) -> str:
    """The typing rule of a kind noun's class ``cue``: ``kind_modifier`` for a product's kind noun that the name
    modifies, which names the product's maker now and then ("Widgetco phones": its model or its maker),
    ``launched_subject`` for the subject of being launched, which a company also is ("When Acme was launched in
    2015"), ``head_noun`` for the others."""
    root = span.root
    if is_a(cue, PRODUCT) and root.head.lemma_ in rules.product_subject_verbs.get(root.dep_, ()):
        return "launched_subject"
    kind = _modified_kind_noun(span, rules)
    if kind is not None and is_a(cue, PRODUCT) and rules.head_nouns.get(kind.lemma_.casefold()) == cue \
            and not _possessed_phrase(kind):
        return "kind_modifier"
    return "head_noun"


def _possessed_phrase(noun: Token) -> bool:
    """Whether the noun phrase ``noun`` opens (up its compounds) has a possessor, who is then the maker and the
    name before the noun the product: "Microsoft's Xbox games console", "its Widget handset"."""
    while True:
        if any(child.dep_ == "poss" for child in child_tokens(noun)):
            return True
        if noun.dep_ != "compound":
            return False
        noun = noun.head


def _class_referred_to(span: Span, rules: Rules) -> tuple[str, ...]:
    """The classes of the possessive (types.yaml ``anaphors``) by which a subject name's own clause refers back
    to it: "Acme raised its stake", "Acme plans to cut its prices", "Smith was born in 1907 and spent his youth
    there" (a verb coordinated with its own, with no subject of its own); () if none. It retypes
    the tagger's person, organisation or place (one the gazetteer does not know) that the pronoun cannot name.

    Reported speech does not count: in "Smith said it would ..." the pronoun is rarely the speaker.
    """
    root = span.root
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return ()
    verbs = [root.head]
    while not children(verbs[-1], _DIRECT_OBJECT) and (next_verb := _infinitive_of(verbs[-1])):  # "plans to cut"
        verbs.append(next_verb)  # not "urged the government to press its case": the object's clause
    verbs.extend(c for c in child_tokens(root.head) if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}
                 and not any(g.dep_.startswith("nsubj") for g in child_tokens(c)))  # "was born ... and spent his"
    words = [g for verb in verbs for c in _verb_objects(verb) for g in child_tokens(c) if g.dep_ == "poss"]
    return next((rules.anaphors[w.lower_] for w in words if w.lower_ in rules.anaphors), ())


def _infinitive_of(verb: Token) -> Token | None:
    """The clause a verb takes as its complement ("plans to cut"), or its adjective does ("was keen to sell")."""
    for child in child_tokens(verb):
        if child.dep_ == "xcomp":
            return child
        if child.dep_ == "acomp":
            return next((c for c in child_tokens(child) if c.dep_ == "xcomp"), None)
    return None


def _verb_objects(verb: Token) -> Iterator[Token]:
    """A verb's direct object or attribute and the objects of its prepositions ("returned to his home")."""
    for child in child_tokens(verb):
        if child.dep_ in {"dobj", "attr"}:
            yield child
        elif child.dep_ == "prep":
            yield from (c for c in child_tokens(child) if c.dep_ == "pobj")


def _class_after_preposition_noun(root: Token, rules: Rules) -> str | None:
    """The class a noun gives the object of its preposition (types.yaml ``preposition_nouns``): "shares in
    Acme and Widgetco", "a new version of Widget"."""
    root = _first_conjunct(root)
    prep = root.head
    if root.dep_ != "pobj" or prep.head.pos_ != "NOUN":
        return None
    return rules.preposition_nouns.get(prep.head.lemma_.casefold(), {}).get(prep.lower_)


def _object_of(root: Token, preps: frozenset[str]) -> bool:
    """Whether ``root``, or the first name of the coordination it is in, is the object of one of ``preps``: "in
    Gyandzha or Shamkhor"."""
    root = _first_conjunct(root)
    return root.dep_ == "pobj" and root.head.lower_ in preps


def _after_place_preposition(span: Span, type_name: str, rules: Rules) -> bool:
    """Whether a name the tagger gave ``type_name`` is a place by the preposition before it (types.yaml
    ``place_preps``): a person's unless titled ("landing in Gyandzha"); an organisation's right after it with
    no article, no legal form, no institution word, not in capitals and not led by a known place ("rescued 2,000
    people in Bugesera", "born near Kearney", but "wrote in China Daily")."""
    if type_name == PERSON:
        return span[0].text not in rules.person_titles and _object_of(span.root, rules.place_preps)
    tokens = token_table(span.doc).tokens
    text = span_text(span)
    return (
        type_name == ORGANIZATION
        and not _led_by_known_place(span, rules)
        and _object_of(span.root, rules.place_preps)
        and tokens[span.start - 1].lower_ in rules.place_preps
        and not text.isupper()
        and CORPORATE_SUFFIX.search(text) is None
        and not any(token.lower_ in rules.institution_nouns for token in span)
    )


def _led_by_known_place(span: Span, rules: Rules) -> bool:
    """Whether the first words of ``span``, not all of it, are a place the gazetteer knows: "China Daily"."""
    known = (rules.gazetteer.type_of(span_text(span[:size])) for size in range(1, min(len(span), 4)))
    return any(found is not None and is_a(found, PLACE) for found in known)


def _first_conjunct(token: Token) -> Token:
    """The first of the coordinated words ``token`` is one of ("Acme" in "Acme and Widgetco"), else ``token``."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _last_kind_conjunct(noun: Token, rules: Rules) -> Token:
    """The last kind noun coordinated with ``noun`` without an article of its own, else ``noun``: in "Acme, the
    handset and network maker" the parser makes "handset" the apposition, and "maker" holds the phrase's head."""
    conjuncts = [c for c in child_tokens(noun) if c.dep_ == "conj" and c.pos_ == "NOUN"
                 and not any(g.dep_ == "det" for g in child_tokens(c))]
    last = conjuncts[-1] if conjuncts else noun
    return last if last.lemma_.casefold() in rules.head_nouns else noun


def _one_of(noun: Token, rules: Rules) -> Token:
    """The category noun of "one of the biggest banks" (``member_words``), else ``noun``: "Acme, one of the biggest
    banks"."""
    if noun.lower_ in rules.member_words:
        return next((obj for prep in child_tokens(noun) if prep.dep_ == "prep" and prep.lower_ in rules.belonging_preps
                     for obj in child_tokens(prep) if obj.dep_ == "pobj"), noun)
    return noun


def _named_by_place_noun(root: Token, rules: Rules) -> bool:
    """ "the town of Randolph", or a direction from a place: "70 miles northeast of Boise"."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in rules.provenance_preps:
        return False
    word = prep.head.lemma_.casefold()
    return (prep.head.pos_ == "NOUN" and word in rules.place_nouns) or word in rules.direction_words
