"""Entity mentions from the tagger's spans: content sentences, span cleaning and type cues."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from kg.extractors.tokens import child_tokens, sentence_tokens, span_text
from kg.extractors.tree import category_of_example
from kg.model import Mention
from kg.names import canonical_key, head_word_positions, is_model_number
from kg.nlp.language import NER_PRECISION_KEY
from kg.rules import Rules
from kg.vocab import ORGANIZATION, PERSON, PLACE, is_a

MODEL_ENT_TYPES = frozenset({"", "CARDINAL", "PRODUCT"})  # what the tagger may call a model number it left out
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def is_boilerplate(sent: Span, rules: Rules) -> bool:
    """Page furniture by pattern, or a sentence mostly in another script than ``content_script`` (an English
    parser's junk)."""
    text = span_text(sent)
    return any(pattern.search(text) for pattern in rules.boilerplate) or not _mostly_in(text, rules.content_script)


def _mostly_in(text: str, script: str) -> bool:
    """Whether at least half the letters of ``text`` are of ``script`` (a Unicode script name: "LATIN")."""
    if text.isascii():  # every ASCII letter is Latin: no need to look each one up
        return script == "LATIN" or not any(c.isalpha() for c in text)
    letters = [c for c in text if c.isalpha()]
    in_script = sum(1 for c in letters if unicodedata.name(c, "").startswith(script))
    return not letters or in_script * 2 >= len(letters)


def mentions_by_token(sentences: Iterable[Span], doc_id: str, rules: Rules) -> dict[int, Mention]:
    """Map each token index inside a kept entity to its mention."""
    by_sentence = list(_entities_by_sentence(sentences))
    tagged = {span_text(ent) for _, entities in by_sentence for ent in entities}
    by_token: dict[int, Mention] = {}
    for sent, entities in by_sentence:
        for ent in (part for whole in entities for part in _coordinated_names(whole, tagged, rules)):
            for span, label, name in _entity_spans(ent, sent, rules, tagged):
                mention = _make_mention(span, label, doc_id, rules, name)
                if mention is not None:
                    for token in span:
                        by_token[token.i] = mention
    return by_token


def _entities_by_sentence(sentences: Iterable[Span]) -> Iterator[tuple[Span, list[Span]]]:
    """Each sentence with the entities inside it, as ``sent.ents`` gives them (which walks every entity of the
    document again for each sentence)."""
    sentences = list(sentences)
    if not sentences:
        return
    entities = sentences[0].doc.ents  # in order of their start
    starts = [ent.start for ent in entities]
    for sent in sentences:
        inside = entities[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
        yield sent, [ent for ent in inside if ent.end <= sent.end]


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
        for token in sentence_tokens(sent):
            key = gazetteer.demonyms.get(token.lower_)
            if key is None or token.i in found or not token.text[:1].isupper():
                continue
            if token.dep_ not in rules.demonym_deps or key not in gazetteer.labels:
                continue
            found[token.i] = Mention(
                doc_id, token.idx, token.idx + len(token.text), token.text, gazetteer.types.get(key, PLACE),
                rule="demonym", type_confidence=rules.type_confidence["demonym"],
                name=gazetteer.labels[key], name_rule="coreference",
            )
    return found


def with_model_numbers(doc: Doc, by_token: dict[int, Mention], rules: Rules) -> dict[int, Mention]:
    """A name followed by a model number of its own is the name of a product: "70 Boeing 737-800 planes", "the
    MDA IV", "security in IE 6" (a maker's name becomes the product's; a person's or a place's never does).

    The number is one the tagger left outside every name (or called a bare number), joined to the name in
    the parse or modifying the same noun; hyphens join its parts ("737-800").
    """
    product = rules.ner_labels["PRODUCT"]
    extended: dict[Mention, Mention] = {}
    for mention, (start, end) in _token_spans(by_token).items():
        if is_a(mention.type, PERSON) or is_a(mention.type, PLACE) or end >= len(doc):
            continue
        model_end = _model_number_end(doc, end, by_token)
        if model_end > end and _joined(doc[start:end], doc[end]):
            span = doc[start:model_end]
            retyped = is_a(mention.type, ORGANIZATION)
            extended[mention] = replace(
                mention, end=span.end_char, text=span.text, name="", name_rule="",
                type=product if retyped else mention.type, rule="shape" if retyped else mention.rule,
                type_confidence=rules.type_confidence["shape"] if retyped else mention.type_confidence,
            )
    found = {i: extended.get(m, m) for i, m in by_token.items()}
    for old, new in extended.items():
        found.update((token.i, new) for token in doc.char_span(new.start, new.end) or ())
        found.update(_model_alone(doc, new, new.text[old.end - old.start :].strip(), found))
    return found


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


def _coordinated_names(ent: Span, tagged: set[str], rules: Rules) -> list[Span]:
    """An entity span the tagger ran over "and" split in two when its sides are names it tagged elsewhere in
    the document: the second ("Gazprom and Rosneft" beside "Rosneft"), or the first when the second does not
    end in a kind word that shares the first's name ("Johns Hopkins University and Hospital"); or when the
    second starts with its own capitalised article ("The Independent and The Times"). "Ernst and Young"
    alone stays one name, and so do people."""
    if ent.label_ == "PERSON":
        return [ent]
    for token in ent[1:-1]:
        if token.lower_ == "and" and token.dep_ == "cc":
            first, second = ent.doc[ent.start : token.i], ent.doc[token.i + 1 : ent.end]
            if second.text in tagged or second[0].text == "The" or (
                first.text in tagged and second[-1].lemma_.casefold() not in rules.head_nouns
            ):
                return [Span(ent.doc, part.start, part.end, ent.label_) for part in (first, second)]
    return [ent]


def _entity_spans(ent: Span, sent: Span, rules: Rules, tagged: set[str]) -> list[tuple[Span, str, str]]:
    """The (span, NER label, name) of the entities an NER span holds, boundaries fixed.

    Leading determiners and punctuation go; a span that runs into a bracket stops before it
    ("PRD ( Party of ..."); a person's title joins the span but not its name ("President
    Kennedy" names Kennedy); an organisation name that starts with a known place is split
    when the rest names a broadcaster ("Paris Radio France International", "Moscow ITAR-TASS"); a place
    takes in the untagged proper nouns it modifies ("Newton Aycliffe"), except names ``tagged`` elsewhere.
    """
    bracket = next((t.i for t in ent if t.text in {"(", ")"}), None)
    span = _trim(ent if bracket is None else ent.doc[ent.start : bracket], rules)
    if span is None:
        return []
    span = _whole_hyphenated_words(span, sent)
    if ent.label_ == "PERSON":
        span = _without_leading_role(span, rules)
        titled = _with_title(span, sent, rules)
        return [(titled, "PERSON", span.text if titled.start < span.start else "")]
    if ent.label_ == "PRODUCT":
        return [(_with_name_words(span, sent, rules), "PRODUCT", "")]
    if ent.label_ in PLACE_LABELS:
        span = _with_following_proper_nouns(span, sent, rules, tagged)
    if ent.label_ in {"ORG", "GPE"}:  # "Moscow ITAR-TASS" is tagged as one place
        return [(part, label or ent.label_, "") for part, label in _split_leading_place(span, rules)]
    return [(span, ent.label_, "")]


def _with_following_proper_nouns(span: Span, sent: Span, rules: Rules, tagged: set[str]) -> Span:
    """A place span with the untagged proper nouns after it that it modifies, the rest of one name: "Newton"
    tagged alone in "Newton Aycliffe", "UK" in "provider UK Online". A title stays out ("Texas Gov. Smith",
    "the Acme City Attorney"), and so do a name the tagger found elsewhere in the document (two sentences run
    together: "in the US Acme, once ...") and a word in capitals (a news agency after its city: "Beijing
    XINHUA")."""
    tokens = sentence_tokens(sent)
    end = span.end
    while end < sent.end and _continues_proper_name(tokens[end - 1 - sent.start], tokens[end - sent.start], rules):
        if tokens[end - sent.start].text in tagged:
            break
        end += 1
    return span.doc[span.start : end]


def _continues_proper_name(before: Token, token: Token, rules: Rules) -> bool:
    """Whether ``token``, an untagged proper noun that ``before`` modifies, goes on the name ending at ``before``."""
    lemma = token.lemma_.casefold()
    return (
        before.dep_ == "compound" and before.head.i >= token.i and token.pos_ == "PROPN" and not token.ent_type_
        and token.text[:1].isupper() and not token.text.isupper()
        and not (token.lower_ in rules.name_titles or lemma in rules.titles or lemma in rules.person_nouns)
    )


def _whole_hyphenated_words(span: Span, sent: Span) -> Span:
    """``span`` with the rest of a hyphenated code it cuts ("S6500" in "PH-S6500"): parts joined by a hyphen
    without spaces, one of them with a digit, the added one in no other entity. Two names joined by a hyphen
    ("the Renault-Nissan alliance") stay two."""
    doc = span.doc
    start, end = span.start, span.end
    while start - 2 >= sent.start and _hyphen_joins(doc[start - 2], doc[start - 1], doc[start]):
        start -= 2
    while end + 1 < sent.end and _hyphen_joins(doc[end + 1], doc[end], doc[end - 1]):
        end += 2
    return doc[start:end]


def _hyphen_joins(word: Token, hyphen: Token, part: Token) -> bool:
    """Whether ``word`` is joined by ``hyphen`` (no spaces around it) to ``part``, the end of an entity, in a code."""
    return (
        hyphen.text == "-" and not hyphen.doc[hyphen.i - 1].whitespace_ and not hyphen.whitespace_
        and not word.ent_type_ and word.text.isalnum() and any(c.isdigit() for c in word.text + part.text)
    )


def _trim(ent: Span, rules: Rules) -> Span | None:
    """Drop leading determiners, common words in lower case before the name ("rival bank UFJ Holdings") and
    surrounding punctuation from an entity span."""
    start, end = ent.start, ent.end
    while start < end and (
        ent.doc[start].lower_ in rules.leading_determiners or ent.doc[start].is_punct
        or (start + 1 < end and _is_common_word(ent.doc[start]) and ent.doc[start + 1].text[:1].isupper())
    ):
        start += 1
    while end > start and ent.doc[end - 1].is_punct:
        end -= 1
    return ent.doc[start:end] if start < end else None


def _is_common_word(token: Token) -> bool:
    return token.pos_ in {"NOUN", "ADJ"} and token.text.isalpha() and token.text.islower()


def _without_leading_role(span: Span, rules: Rules) -> Span:
    """A person's span without a leading noun for people the tagger took in: "Composer Thomas" -> Thomas."""
    if len(span) > 1 and span[0].lower_ in rules.person_nouns and span[0].text not in rules.person_titles:
        return span[1:]
    return span


def _with_title(span: Span, sent: Span, rules: Rules) -> Span:
    start = span.start
    while start > sent.start and start > span.start - 3 and span.doc[start - 1].text in rules.person_titles:
        start -= 1
    return span.doc[start : span.end]


def _with_name_words(span: Span, sent: Span, rules: Rules) -> Span:
    """A product name with the capitalised words or numbers after it that modify the same noun or the name:
    "the Qwen3 Embedding series", "Xbox 360"; a category noun ("Qwen3 model") stays outside."""
    end = span.end
    while end < sent.end and _continues_name(span.doc[end], span, rules):
        end += 1
    return span.doc[span.start : end]


def _continues_name(token: Token, span: Span, rules: Rules) -> bool:
    root = span.root
    joined = token.head == root.head or span.start <= token.head.i < span.end or root.head == token
    return (
        joined and not token.ent_type_ and not token.is_punct and (token.text[:1].isupper() or token.like_num)
        and token.lemma_.casefold() not in rules.head_nouns and token.text.casefold() not in rules.head_nouns
    )


def _split_leading_place(span: Span, rules: Rules) -> list[tuple[Span, str]]:
    """A known place and the broadcaster after it (a dateline), or the span unchanged with no label ("")."""
    for size in (3, 2, 1):
        if size >= len(span):
            continue
        head, rest = span[:size], span[size:]
        known = rules.gazetteer.type_of(head.text)
        if known is not None and is_a(known, PLACE) and _names_broadcaster(rest, rules):
            return [(head, "GPE"), (rest, "ORG")]
    return [(span, "")]


def _names_broadcaster(span: Span, rules: Rules) -> bool:
    """ "Radio Lebanon", "Kanal-6 Television", "ITAR-TASS": a broadcaster's word first or last, or a name all in
    capitals (an agency or a newspaper)."""
    text = span.text
    return bool({span[0].lower_, span[-1].lower_} & rules.broadcaster_nouns) or (
        text.isupper() and sum(c.isalpha() for c in text) > 1
    )


def _make_mention(span: Span, label: str, doc_id: str, rules: Rules, name: str = "") -> Mention | None:
    type_name = rules.ner_labels.get(label) or _cued_class(span, label, rules)
    text = span.text
    if type_name is None or is_not_an_entity(name or text, rules):
        return None
    source = "pattern" if span.root.ent_id_ else "ner"
    known = rules.gazetteer.type_of(name or text)
    if known is not None and source == "ner":
        type_name, source = known, "gazetteer"
    cue = _head_noun_type(span, rules)
    referred = _class_referred_to(span, rules)
    if cue is not None and source != "gazetteer":
        type_name, source = cue, "head_noun"
    elif source != "gazetteer" and _described_as_person(span, rules):
        type_name, source = PERSON, "person_cue"
    elif source == "ner" and referred and type_name not in referred and type_name in {PERSON, ORGANIZATION, PLACE}:
        type_name, source = referred[0], "pronoun_cue"
    elif type_name == PERSON and not name and any(p.match(text) for p in rules.not_person_shapes):
        type_name, source = ORGANIZATION, "shape"
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


def _cued_class(span: Span, label: str, rules: Rules) -> str | None:
    """The class a kind noun gives a span the tagger labelled as no entity (types.yaml ``cued_labels``): "Acme"
    in "Acme subsidiary Widgetco" tagged as a nationality; never an adjective of nationality the gazetteer knows."""
    if label not in rules.cued_labels or span.text.casefold() in rules.gazetteer.demonyms:
        return None
    return _head_noun_type(span, rules)


def is_not_an_entity(text: str, rules: Rules) -> bool:
    """Whether ``text`` can be no name: a listed non-entity, ignored by the gazetteer, uncased, or of a junk shape."""
    return (
        text.casefold() in rules.not_entities
        or canonical_key(text) in rules.gazetteer.ignore
        or not any(c.isalpha() for c in text)
        or text.islower()  # a name in a cased script has a capital ("cts", "tandem" are not names)
        or any(shape.search(text) for shape in rules.not_entity_shapes)
    )


def _head_noun_type(span: Span, rules: Rules) -> str | None:
    """The class cued by a noun the entity modifies, stands in apposition to ("H800 chips") or is ("X is a
    town")."""
    root = span.root
    cues: list[Token] = []
    if root.dep_ in {"compound", "nmod", "amod"} and root.head.i >= span.end:
        cues.append(root.head)
        modified = rules.modified_nouns.get(root.head.lemma_.casefold())
        if modified is not None:  # "a Fargo native": Fargo is a place
            return modified
    if root.dep_ == "appos":
        cues.append(root.head)
    if _named_by_place_noun(root, rules):  # "the town of Randolph", "the province of Guayas"
        return PLACE
    told = _class_after_preposition_noun(root, rules)
    if told is not None:
        return told
    cues.extend(_one_of(child) for child in child_tokens(root) if child.dep_ == "appos")
    # a category noun before the name: "German media group Bertelsmann", "carmaker Widgetco"
    cues.extend(c for c in child_tokens(root) if c.dep_ == "compound" and c.i < span.start and c.pos_ == "NOUN")
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":  # "Brookston is a town in ...": the attribute
        cues.extend(child for child in child_tokens(root.head) if child.dep_ == "attr")
    category = category_of_example(root, rules)
    if category is not None:
        cues.append(category)
    # the name's own kind word: "Paris AI Action Summit", "Alibaba Group", "Duchy of Prussia"
    cues.extend(span[i] for i in head_word_positions([t.text for t in span]))
    for cue in cues:
        found = rules.head_nouns.get(cue.lemma_.casefold())
        if found is not None and cue.pos_ in {"NOUN", "PROPN"}:
            return found
    return None


def _class_referred_to(span: Span, rules: Rules) -> tuple[str, ...]:
    """The classes of the possessive (types.yaml ``anaphors``) by which a subject name's own clause refers back
    to it: "Acme raised its stake", "Acme plans to cut its prices", "Smith lost his job"; () if none. It retypes
    the tagger's person, organisation or place (one the gazetteer does not know) that the pronoun cannot name.

    Reported speech does not count: in "Smith said it would ..." the pronoun is rarely the speaker.
    """
    root = span.root
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return ()
    verbs = [root.head]
    while next_verb := next((c for c in verbs[-1].children if c.dep_ == "xcomp"), None):  # "plans to cut"
        verbs.append(next_verb)
    words = [g for verb in verbs for c in child_tokens(verb) if c.dep_ in {"dobj", "attr"}
             for g in child_tokens(c) if g.dep_ == "poss"]
    return next((rules.anaphors[w.lower_] for w in words if w.lower_ in rules.anaphors), ())


def _class_after_preposition_noun(root: Token, rules: Rules) -> str | None:
    """The class a noun gives the object of its preposition (types.yaml ``preposition_nouns``): "shares in
    Acme and Widgetco", "a new version of Widget"."""
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    prep = root.head
    if root.dep_ != "pobj" or prep.head.pos_ != "NOUN":
        return None
    return rules.preposition_nouns.get(prep.head.lemma_.casefold(), {}).get(prep.lower_)


def _one_of(noun: Token) -> Token:
    """The category noun of "one of the biggest banks", else ``noun``: "Acme, one of the biggest banks"."""
    if noun.lower_ == "one":
        return next((obj for prep in child_tokens(noun) if prep.dep_ == "prep" and prep.lower_ == "of"
                     for obj in child_tokens(prep) if obj.dep_ == "pobj"), noun)
    return noun


def _named_by_place_noun(root: Token, rules: Rules) -> bool:
    prep = root.head
    return (
        root.dep_ == "pobj" and prep.lower_ in rules.provenance_preps and prep.head.pos_ == "NOUN"
        and prep.head.lemma_.casefold() in rules.place_nouns
    )


def _described_as_person(span: Span, rules: Rules) -> bool:
    """A name described by a noun for people ("Warner, a former ambassador", "candidate Cecilia Soto") or by
    a "who" clause ("Warner, who lives in Ocala")."""
    root = span.root
    nouns = [c for c in child_tokens(root) if c.dep_ == "appos" or (c.dep_ == "compound" and c.i < span.start)]
    if root.dep_ == "appos":
        nouns.append(root.head)
    if any(n.lemma_.casefold() in rules.person_nouns and n.pos_ in {"NOUN", "PROPN"} for n in nouns):
        return True
    if _followed_by_age(span):
        return True
    return any(
        c.dep_ == "relcl"
        and any(
            w.lower_ in rules.person_relative_pronouns and w.dep_ in {"nsubj", "nsubjpass", "dobj"}
            for w in child_tokens(c)
        )
        for c in child_tokens(root)
    )


def _followed_by_age(span: Span) -> bool:
    """A name with an age set off by commas is a person's: "Marie Ferraro, 50, of Bethany"."""
    after = span.doc[span.end : span.end + 3]
    return (
        len(after) == 3 and after[0].text == "," and after[2].text == ","
        and after[1].text.isdigit() and len(after[1].text) <= 3
    )
