"""Entity resolution: folding names, voting types, merging evidence."""

from __future__ import annotations

from dataclasses import replace

from kg.model import Document, Extraction, Mention, RelationMention, Sentence
from kg.names import canonical_key
from kg.resolve import extraction_records, resolve
from kg.vocab import KG


def test_canonical_key_folds_case_possessive_suffix_and_dots():
    assert canonical_key("NVIDIA") == canonical_key("Nvidia") == canonical_key("Nvidia Corp.") == "nvidia"
    assert canonical_key("DeepSeek’s") == canonical_key("DeepSeek's") == "deepseek"
    assert canonical_key("U.S.") == canonical_key("US")
    assert canonical_key("Hugging  Face") == "hugging face"


def test_canonical_key_ignores_invisible_format_characters():
    # zero-width space, ZWNJ, ZWJ, left-to-right and right-to-left marks, soft hyphen, BOM (all category Cf)
    for invisible in ("\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u00ad", "\ufeff"):
        assert canonical_key(f"Nvi{invisible}dia") == canonical_key("Nvidia") == "nvidia"
    assert canonical_key("\u200fDeep\u00adSeek\u200b’s") == "deepseek"


def test_name_with_a_zero_width_space_merges_with_the_plain_name():
    a = Mention("a", 0, 6, "Nvidia", "Organization", "ner", 0.5)
    b = Mention("b", 0, 7, "Nvi\u200bdia", "Organization", "ner", 0.5)
    result = resolve([_extraction("a", [a]), _extraction("b", [b])], "https://example.org/kg/")
    (entity,) = result.entities
    assert entity.iri == "https://example.org/kg/entity/nvidia" and entity.mention_count == 2


def _extraction(doc_id: str, mentions: list[Mention], relations: list[RelationMention] = ()) -> Extraction:
    return Extraction(Document.from_text(doc_id, "x"), tuple(mentions), tuple(relations))


def test_mentions_across_documents_merge_into_one_entity_with_voted_type():
    a = Mention("a", 0, 6, "Nvidia", "Place", "ner", 0.5)
    b = Mention("b", 0, 6, "NVIDIA", "Organization", "head_noun", 0.9)
    c = Mention("b", 10, 16, "Nvidia", "Organization", "ner", 0.5)
    result = resolve([_extraction("a", [a]), _extraction("b", [b, c])], "https://example.org/kg/")
    (entity,) = result.entities
    assert entity.iri == "https://example.org/kg/entity/nvidia"
    assert entity.type == "Organization"
    assert entity.label == "Nvidia" and entity.aliases == ("NVIDIA",)
    assert entity.mention_count == 3 and entity.documents == ("a", "b")


def test_same_fact_from_two_sentences_keeps_both_evidence_and_combines_confidence():
    s = Mention("a", 0, 8, "DeepSeek", "Organization")
    o = Mention("a", 18, 20, "R1", "Product")
    r1 = RelationMention("a", s, "released", o, Sentence(0, 21, "DeepSeek released R1."), 0.8, "release-verb")
    r2 = RelationMention("a", s, "released", o, Sentence(22, 50, "DeepSeek’s launch of R1 ..."), 0.5, "release-noun")
    result = resolve([_extraction("a", [s, o], [r1, r2])], "https://example.org/kg/")
    (fact,) = result.relations
    assert fact.predicate == str(KG.released)
    assert len(fact.evidence) == 2
    assert fact.confidence == 0.9


BASE = "https://example.org/kg/"


def _merged(entity) -> dict[str, str]:
    return dict(entity.merged_from)


def test_gazetteer_aliases_merge_under_the_gazetteer_label_and_say_why():
    us = Mention("a", 0, 2, "US", "Place", "ner", 0.5)
    dotted = Mention("a", 10, 14, "U.S.", "Place", "ner", 0.5)
    full = Mention("b", 0, 13, "United States", "Place", "ner", 0.5)
    (entity,) = resolve([_extraction("a", [us, dotted]), _extraction("b", [full])], BASE).entities
    assert entity.label == "United States" and entity.type == "Country"
    assert _merged(entity) == {"US": "alias file", "U.S.": "alias file", "United States": "label"}


def test_case_and_suffix_merges_are_explained():
    a = Mention("a", 0, 6, "Nvidia", "Organization")
    b = Mention("a", 10, 16, "NVIDIA", "Organization")
    c = Mention("a", 20, 31, "Nvidia Corp.", "Organization")
    (entity,) = resolve([_extraction("a", [a, b, c])], BASE).entities
    assert _merged(entity) == {"Nvidia": "label", "NVIDIA": "case fold", "Nvidia Corp.": "suffix"}


def test_parenthetical_alias_becomes_alt_label_of_one_entity():
    name = Mention("a", 0, 7, "RedNote", "Organization")
    alias = Mention("a", 9, 20, "Xiaohongshu", "Person", "ner", 0.4, name="RedNote", name_rule="parenthetical")
    (entity,) = resolve([_extraction("a", [name, alias])], BASE).entities
    assert entity.label == "RedNote" and entity.aliases == ("Xiaohongshu",)
    assert _merged(entity)["Xiaohongshu"] == "parenthetical"


def test_coreference_carries_the_fact_but_is_no_alias():
    deepseek = Mention("a", 0, 8, "DeepSeek", "Organization")
    it = Mention("a", 20, 22, "It", "Organization", "coreference", 0.0, name="DeepSeek", name_rule="coreference")
    r1 = Mention("a", 32, 34, "R1", "Product", "pattern", 0.8)
    sentence = Sentence(20, 35, "It released R1.")
    relation = RelationMention("a", it, "released", r1, sentence, 0.85, "release-verb")
    result = resolve([_extraction("a", [deepseek, r1], [relation])], BASE)
    deepseek_iri = result.mention_entities[deepseek]
    assert result.mention_entities[it] == deepseek_iri
    assert [(f.subject, f.predicate) for f in result.relations] == [(deepseek_iri, str(KG.released))]
    entity = next(e for e in result.entities if e.iri == deepseek_iri)
    assert entity.aliases == () and entity.mention_count == 1 and _merged(entity)["It"] == "coreference"


def test_a_person_and_a_product_with_one_name_stay_apart():
    person = [Mention("a", i * 10, i * 10 + 4, "Grok", "Person", "ner", 0.44) for i in range(3)]
    person.append(Mention("a", 40, 48, "Mr. Grok", "Person", "title", 0.9, name="Grok", name_rule="title"))
    product = Mention("b", 0, 4, "Grok", "Product", "pattern", 0.8)
    result = resolve([_extraction("a", person), _extraction("b", [product])], BASE)
    assert sorted((e.iri, e.type) for e in result.entities) == [
        (f"{BASE}entity/grok", "Person"),
        (f"{BASE}entity/grok--product", "Product"),
    ]


def test_tagger_noise_is_outvoted_not_split():
    mentions = [Mention("a", i * 10, i * 10 + 6, "OpenAI", "Organization", "ner", 0.4) for i in range(3)]
    noise = Mention("b", 0, 6, "OpenAI", "Person", "ner", 0.44)
    (entity,) = resolve([_extraction("a", mentions), _extraction("b", [noise])], BASE).entities
    assert entity.type == "Organization"


def test_user_gazetteer_forces_types_and_ignores_names(tmp_path):
    from kg.gazetteer import load_gazetteer

    path = tmp_path / "mine.yaml"
    path.write_text("entities:\n  - {name: Summit, type: Event, aliases: [The Summit]}\nignore: [Subscribe]\n")
    gazetteer = load_gazetteer([path])
    summit = Mention("a", 0, 6, "Summit", "Organization", "ner", 0.4)
    junk = Mention("a", 10, 19, "Subscribe", "Product", "ner", 0.2)
    (entity,) = resolve([_extraction("a", [summit, junk])], BASE, gazetteer).entities
    assert entity.label == "Summit" and entity.type == "Event"


def test_a_bad_user_gazetteer_names_the_file(tmp_path):
    import pytest

    from kg.errors import InputError
    from kg.gazetteer import load_gazetteer

    path = tmp_path / "bad.yaml"
    path.write_text("entities:\n  - {name: X, type: Spaceship}\n")
    with pytest.raises(InputError, match=r"bad\.yaml"):
        load_gazetteer([path])


def test_location_facts_follow_the_resolved_class_of_their_ends():
    huang = Mention("a", 0, 12, "Jensen Huang", "Person")
    nvidia = Mention("a", 20, 26, "Nvidia", "Place", "ner", 0.45)
    chips = Mention("a", 30, 34, "H800", "Chip", "pattern", 0.8)
    sentence = Sentence(0, 40, "x")
    wrong = RelationMention("a", huang, "livesIn", nvidia, sentence, 0.7, "locate-locative")
    makes = RelationMention("a", nvidia, "manufactures", chips, sentence, 0.75, "poss-org-chip")
    result = resolve([_extraction("a", [huang, nvidia, chips], [wrong, makes])], BASE)
    assert {e.label: e.type for e in result.entities}["Nvidia"] == "Organization"
    assert [f.predicate for f in result.relations] == [str(KG.manufactures)]


def test_extraction_records_state_the_predicate_fitted_to_the_resolved_classes_of_their_ends():
    kaya = Mention("a", 0, 4, "Kaya", "Organization", "ner", 0.3)
    more_kaya = [Mention("a", start, start + 4, "Kaya", "Person", "ner", 0.9) for start in (30, 50)]
    ayse = [Mention("a", start, start + 4, "Ayse", "Person", "ner", 0.9) for start in (20, 40)]
    turkey = Mention("a", 10, 16, "Turkey", "Country", "gazetteer", 1.0)
    sentence = Sentence(0, 60, "x")
    based = RelationMention("a", kaya, "basedIn", turkey, sentence, 0.4, "locate-article-country")
    boss = RelationMention("a", more_kaya[0], "worksFor", ayse[0], sentence, 0.7, "poss-person-org")
    extraction = _extraction("a", [kaya, *more_kaya, *ayse, turkey], [based, boss])
    records = [r for r in extraction_records([extraction], resolve([extraction], BASE)) if r["kind"] == "relation"]
    assert [r["predicate"] for r in records] == [str(KG.livesIn), str(KG.relatedTo)], "as the graph states them"


def test_an_unknown_place_that_owns_a_unit_is_a_company():
    zetco = Mention("a", 0, 5, "Zetco", "Place", "ner", 0.46)
    unit = Mention("a", 20, 26, "Widgia", "Organization", "ner", 0.4)
    owns = RelationMention("a", zetco, "owns", unit, Sentence(0, 40, "x"), 0.9, "own-unit")
    result = resolve([_extraction("a", [zetco, unit], [owns])], BASE)
    assert {e.label: e.type for e in result.entities}["Zetco"] == "Organization"


def test_a_name_written_before_a_model_number_is_the_company_making_it_though_tagged_a_thing():
    tagged = [Mention("a", i * 10, i * 10 + 5, "Zetco", "Event" if i else "Product", "ner", 0.5) for i in range(3)]
    maker = Mention("a", 40, 45, "Zetco", "Product", "ner", 0.5)
    model = Mention("a", 46, 48, "X5", "Product", "pattern", 0.8)
    types = {e.label: e.type for e in resolve([_extraction("a", [*tagged, maker, model])], BASE).entities}
    assert types == {"Zetco": "Organization", "X5": "Product"}
    apart = Mention("a", 50, 52, "X5", "Product", "pattern", 0.8)  # not right after the name: no model of it
    types = {e.label: e.type for e in resolve([_extraction("a", [*tagged, maker, apart])], BASE).entities}
    assert types["Zetco"] != "Organization"


def test_a_companys_name_and_a_known_place_read_as_a_place_is_the_companys_arm_there():
    company = [Mention("a", i * 10, i * 10 + 5, "Zetco", "Organization", "ner", 0.5) for i in range(2)]
    arm = Mention("a", 30, 38, "Zetco UK", "Place", "ner", 0.5)
    types = {e.label: e.type for e in resolve([_extraction("a", [*company, arm])], BASE).entities}
    assert types["Zetco UK"] == "Organization"
    alone = resolve([_extraction("a", [arm])], BASE).entities  # no company of that name: a place it stays
    assert alone[0].type != "Organization"


def test_a_known_places_own_name_is_no_arm_of_a_company_named_by_its_first_word():
    airline = [Mention("a", i * 10, i * 10 + 6, "United", "Organization", "ner", 0.5) for i in range(2)]
    country = Mention("a", 30, 43, "United States", "Country", "gazetteer", 1.5)
    types = {e.label: e.type for e in resolve([_extraction("a", [*airline, country])], BASE).entities}
    assert types == {"United": "Organization", "United States": "Country"}


def test_a_name_adding_words_to_a_product_of_its_document_is_of_its_line_unless_it_names_a_body():
    console = [Mention("a", i * 10, i * 10 + 5, "Zbox", "Product", "head_noun", 1.4) for i in range(2)]
    service = Mention("a", 30, 39, "Zbox Live", "Organization", "ner", 0.5)
    body = Mention("a", 50, 66, "Zbox Association", "Organization", "ner", 0.5)
    elsewhere = Mention("b", 0, 9, "Zbox Plus", "Organization", "ner", 0.5)  # no product of that name there
    extractions = [_extraction("a", [*console, service, body]), _extraction("b", [elsewhere])]
    types = {e.label: e.type for e in resolve(extractions, BASE).entities}
    assert types == {"Zbox": "Product", "Zbox Live": "Product", "Zbox Association": "Organization",
                     "Zbox Plus": "Organization"}


def test_a_name_kept_with_its_possessive_ending_is_the_label_over_its_stem():
    kept = Mention("a", 0, 7, "Moody's", "Organization", "ner", 0.5)
    stems = [Mention("a", 20 + i * 10, 25 + i * 10, "Moody", "Organization", "ner", 0.5) for i in range(2)]
    (entity,) = resolve([_extraction("a", [kept, *stems])], BASE).entities
    assert entity.label == "Moody's" and entity.aliases == ("Moody",)


def test_a_makers_name_and_a_model_number_is_a_product_though_tagged_a_company():
    phone = Mention("a", 0, 10, "Zetco 6600", "Organization", "ner", 0.4)
    sequel = Mention("a", 20, 26, "Zeta 2", "Organization", "ner", 0.4)  # a one-character number: no model
    types = {e.label: e.type for e in resolve([_extraction("a", [phone, sequel])], BASE).entities}
    assert types == {"Zetco 6600": "Product", "Zeta 2": "Organization"}


def test_a_possessive_fact_casts_no_class_vote_its_rule_chose_it_by_the_classes():
    def resolved_type(rule: str) -> str:
        person = Mention("a", 0, 8, "Widgetco", "Person", "ner", 0.45)
        company = Mention("a", 20, 28, "Widgetco", "Organization", "ner", 0.5)
        acme = Mention("a", 40, 44, "Acme", "Organization", "ner", 0.5)
        fact = RelationMention("a", person, "worksFor", acme, Sentence(0, 50, "x"), 0.5, rule)
        entities = resolve([_extraction("a", [person, company, acme], [fact])], BASE).entities
        return {e.label: e.type for e in entities}["Widgetco"]

    assert resolved_type("poss-person-org") == "Organization"
    assert resolved_type("employ-title") == "Person"


def test_a_fact_whose_types_do_not_fit_its_predicate_is_generalised_and_keeps_what_was_stated():
    alibaba, *more = (Mention("a", start, start + 7, "Alibaba", "Organization", "ner", 0.9) for start in (0, 50, 90))
    ant = Mention("a", 37, 40, "Ant", "Organization", "ner", 0.9)
    sentence = Sentence(0, 41, "Alibaba, the founder and head of Ant.")
    readings = [
        RelationMention("a", alibaba, predicate, ant, sentence, 0.6, "title") for predicate in ("founderOf", "ceoOf")
    ]
    result = resolve([_extraction("a", [alibaba, *more, ant], readings)], BASE)
    (fact,) = result.relations
    assert fact.predicate == str(KG.relatedTo), "an organisation neither founds nor heads as a person does"
    assert [e.stated_predicate for e in fact.evidence] == [str(KG.ceoOf)], "one reading per sentence"
    assert fact.confidence == 0.6


def _entities_by_label(extractions: list[Extraction]) -> dict[str, object]:
    return {e.label: e for e in resolve(extractions, BASE).entities}


def test_titles_are_no_part_of_the_merge_key_and_a_surname_joins_the_full_name_of_its_document():
    full = Mention("a", 0, 10, "John Smith", "Person")
    mister = Mention("a", 30, 38, "Mr Smith", "Person")  # the tagger's span holds the honorific
    judge = Mention("a", 50, 61, "Judge Smith", "Person")
    bare = Mention("a", 70, 75, "Smith", "Place", "ner", 0.5)  # mistagged: it votes no class for the person
    (entity,) = resolve([_extraction("a", [full, mister, judge, bare])], BASE).entities
    assert entity.label == "John Smith" and entity.type == "Person"
    assert _merged(entity) == {
        "John Smith": "label", "Mr Smith": "surname", "Judge Smith": "surname", "Smith": "surname"
    }


def test_a_titled_name_joins_the_one_full_name_of_its_document_that_holds_it_inside():
    full = Mention("a", 0, 20, "Luis Carlos Ruiz da Costa", "Person")
    mister = Mention("a", 30, 38, "Mr Ruiz", "Person")
    carlos = Mention("a", 50, 56, "Carlos", "Person")  # untitled: maybe someone else
    entities = resolve([_extraction("a", [full, mister, carlos])], BASE).entities
    assert {e.label: sorted(e.aliases) for e in entities} == {"Luis Carlos Ruiz da Costa": ["Mr Ruiz"], "Carlos": []}


def test_a_pronoun_resolved_to_a_surname_joins_the_full_name_with_its_fact():
    full = Mention("a", 0, 10, "John Smith", "Person")
    mister = Mention("a", 30, 38, "Mr Smith", "Person")
    he = Mention("a", 50, 52, "He", "Person", "coreference", 0.0, name="Smith", name_rule="coreference")
    acme = Mention("a", 58, 62, "Acme", "Organization")
    relation = RelationMention("a", he, "worksFor", acme, Sentence(50, 63, "He runs Acme."), 0.8, "employ-verb")
    result = resolve([_extraction("a", [full, mister, acme], [relation])], BASE)
    assert {e.label for e in result.entities} == {"John Smith", "Acme"}, "no node of its own for the pronoun"
    assert result.mention_entities[he] == result.mention_entities[full]
    assert [f.subject for f in result.relations] == [result.mention_entities[full]]


def test_a_surname_links_only_in_its_own_document_when_that_has_a_full_name():
    one = _extraction("a", [Mention("a", 0, 10, "John Smith", "Person"), Mention("a", 20, 28, "Mr Smith", "Person")])
    two = _extraction("b", [Mention("b", 0, 10, "Jane Smith", "Person"), Mention("b", 20, 25, "Smith", "Person")])
    entities = _entities_by_label([one, two])
    assert set(entities) == {"John Smith", "Jane Smith"}
    assert "Mr Smith" in entities["John Smith"].aliases and "Smith" in entities["Jane Smith"].aliases


def test_a_surname_links_across_documents_only_to_a_single_candidate():
    full = _extraction("a", [Mention("a", 0, 10, "John Smith", "Person")])
    lone = _extraction("b", [Mention("b", 0, 8, "Mr Smith", "Person")])
    (entity,) = resolve([full, lone], BASE).entities
    assert entity.label == "John Smith" and _merged(entity)["Mr Smith"] == "corpus surname"
    other = _extraction("c", [Mention("c", 0, 10, "Jane Smith", "Person")])
    assert "Smith" in _entities_by_label([full, lone, other]), "two candidates: the lone surname stays apart"


def test_a_short_form_named_alone_in_more_documents_than_the_one_fuller_name_is_a_name_of_its_own():
    full = _extraction("a", [Mention("a", 0, 12, "Acme Widgets", "Organization")])
    alone = [_extraction(d, [Mention(d, 0, 4, "Acme", "Organization")]) for d in ("b", "c")]
    assert set(_entities_by_label([full, *alone])) == {"Acme Widgets", "Acme"}
    (entity,) = resolve([full, alone[0]], BASE).entities  # named in as many documents: its short form
    assert entity.label == "Acme Widgets" and _merged(entity)["Acme"] == "corpus short form"


def test_a_lone_name_that_is_a_surname_and_a_companys_first_word_links_to_neither_across_documents():
    person = _extraction("a", [Mention("a", 0, 15, "Abraham Lincoln", "Person")])
    company = _extraction("b", [Mention("b", 0, 16, "Lincoln Savings", "Organization")])
    lone = _extraction("c", [Mention("c", 0, 7, "Lincoln", "Organization", "ner", 0.4)])
    entities = _entities_by_label([person, company, lone])
    assert set(entities) == {"Abraham Lincoln", "Lincoln Savings", "Lincoln"}
    assert entities["Lincoln"].type == "Person", "a person's surname, not the company's short form"


def test_a_name_in_capitals_takes_no_surname_vote():
    person = _extraction("a", [Mention("a", 0, 11, "Wang Xinhua", "Person")])
    agency = _extraction("b", [Mention("b", 0, 6, "XINHUA", "Organization", "context", 0.3)])
    assert _entities_by_label([person, agency])["XINHUA"].type == "Organization"


def test_two_people_with_one_surname_in_a_document_keep_the_surname_apart():
    mentions = [Mention("a", 0, 10, "John Smith", "Person"), Mention("a", 20, 30, "Jane Smith", "Person"),
                Mention("a", 40, 48, "Mr Smith", "Person")]
    assert set(_entities_by_label([_extraction("a", mentions)])) == {"John Smith", "Jane Smith", "Smith"}


def test_a_company_short_form_joins_its_full_name_but_a_company_sharing_a_word_does_not():
    full = Mention("a", 0, 14, "Acme Holdings", "Organization")
    short = Mention("a", 30, 34, "Acme", "Person", "ner", 0.5)
    other = Mention("a", 40, 57, "Widgetco Holdings", "Organization")
    entities = _entities_by_label([_extraction("a", [full, short, other])])
    assert set(entities) == {"Acme Holdings", "Widgetco Holdings"}
    assert _merged(entities["Acme Holdings"])["Acme"] == "short form"
    assert entities["Acme Holdings"].type == "Organization"


def test_a_company_and_its_regional_arm_named_after_a_place_stay_two():
    arm = Mention("a", 0, 12, "Acme Europe", "Organization")
    parent = Mention("a", 30, 34, "Acme", "Organization")
    assert set(_entities_by_label([_extraction("a", [arm, parent])])) == {"Acme Europe", "Acme"}


def test_the_word_after_a_leading_acronym_is_a_short_form_of_the_company():
    company = [Mention("a", 0, 8, "KX Rover", "Organization"), Mention("a", 20, 25, "Rover", "Organization")]
    (entity,) = resolve([_extraction("a", company)], BASE).entities
    assert entity.label == "KX Rover" and _merged(entity)["Rover"] == "short form"
    spelled = [Mention("b", 0, 9, "Kix Rover", "Organization"), Mention("b", 20, 25, "Rover", "Organization")]
    assert set(_entities_by_label([_extraction("b", spelled)])) == {"Kix Rover", "Rover"}


def test_the_first_words_after_a_leading_acronym_of_a_longer_name_are_short_forms_of_the_company():
    company = [
        Mention("a", 0, 19, "KX Rover Industries", "Organization"), Mention("a", 30, 35, "Rover", "Organization"),
    ]
    (entity,) = resolve([_extraction("a", company)], BASE).entities
    assert entity.label == "KX Rover Industries" and _merged(entity)["Rover"] == "short form"


def test_a_products_model_number_alone_is_a_short_form_of_it():
    product = [Mention("a", 0, 15, "Acmejet 737-800", "Product"), Mention("a", 30, 37, "737-800", "Product")]
    (entity,) = resolve([_extraction("a", product)], BASE).entities
    assert entity.label == "Acmejet 737-800" and _merged(entity)["737-800"] == "model number"


def test_a_short_form_of_two_names_stays_apart():
    two = [Mention("a", 0, 13, "Acme Holdings", "Organization"), Mention("a", 20, 30, "Acme Foods", "Organization"),
           Mention("a", 40, 44, "Acme", "Organization")]
    assert set(_entities_by_label([_extraction("a", two)])) == {"Acme Holdings", "Acme Foods", "Acme"}


def test_a_short_form_before_the_full_name_joins_it_only_when_both_are_of_one_class():
    headline = [Mention("a", 0, 4, "Acme", "Organization"), Mention("a", 20, 33, "Acme Holdings", "Organization")]
    (entity,) = resolve([_extraction("a", headline)], BASE).entities
    assert entity.label == "Acme Holdings" and _merged(entity)["Acme"] == "short form"
    town = [Mention("b", 0, 7, "Norbury", "Place"), Mention("b", 20, 38, "Norbury University", "Organization")]
    assert set(_entities_by_label([_extraction("b", town)])) == {"Norbury", "Norbury University"}


def test_a_company_named_before_a_longer_name_of_no_company_word_is_its_parent_not_its_short_form():
    unit = [Mention("a", 0, 4, "Acme", "Organization"), Mention("a", 20, 29, "Acme News", "Organization")]
    assert set(_entities_by_label([_extraction("a", unit)])) == {"Acme", "Acme News"}
    after = [Mention("b", 0, 9, "Acme News", "Organization"), Mention("b", 20, 24, "Acme", "Organization")]
    (entity,) = resolve([_extraction("b", after)], BASE).entities  # after the fuller name, still its short form
    assert entity.label == "Acme News"


def test_a_short_form_a_cue_types_joins_a_full_name_only_the_tagger_typed_and_the_votes_decide():
    full = Mention("a", 0, 13, "Acme Holdings", "Person", "ner", 0.45)
    short = Mention("a", 30, 34, "Acme", "Organization", "head_noun", 1.4)
    (entity,) = resolve([_extraction("a", [full, short])], BASE).entities
    assert (entity.label, entity.type, _merged(entity)["Acme"]) == ("Acme Holdings", "Organization", "short form")
    cued = Mention("b", 0, 13, "Acme Holdings", "Person", "person_cue", 0.9)
    assert set(_entities_by_label([_extraction("b", [cued, replace(short, doc_id="b")])])) == {"Acme Holdings", "Acme"}


def test_a_place_the_gazetteer_knows_is_no_short_form_and_a_model_number_is_no_shortening():
    company = [Mention("a", 0, 17, "Texas Instruments", "Organization"), Mention("a", 30, 35, "Texas", "Place")]
    assert set(_entities_by_label([_extraction("a", company)])) == {"Texas Instruments", "Texas"}
    product = [Mention("b", 0, 8, "Widget 2", "Organization"), Mention("b", 20, 26, "Widget", "Organization")]
    assert set(_entities_by_label([_extraction("b", product)])) == {"Widget 2", "Widget"}


def test_an_acronym_joins_the_name_it_spells_in_its_document():
    full = Mention("a", 0, 28, "National Union of Journalists", "Organization")
    short = Mention("a", 40, 43, "NUJ", "Organization")
    (entity,) = resolve([_extraction("a", [full, short])], BASE).entities
    assert entity.label == "National Union of Journalists" and _merged(entity)["NUJ"] == "acronym"
    lower = [Mention("b", 0, 10, "Nano Union", "Organization"), Mention("b", 20, 22, "Nu", "Organization")]
    assert len(resolve([_extraction("b", lower)], BASE).entities) == 2, "only a name in capitals is an acronym"
    bank = [Mention("c", 0, 15, "Bank of Zetland", "Organization"), Mention("c", 20, 23, "BoZ", "Organization")]
    (entity,) = resolve([_extraction("c", bank)], BASE).entities
    assert _merged(entity)["BoZ"] == "acronym", "a lower-case word's initial may be in the acronym"


def test_spellings_that_differ_in_spaces_or_a_web_domain_merge():
    forms = [("a", 0, "TimeWarner"), ("a", 20, "Time Warner"), ("a", 40, "Time Warner"), ("b", 0, "TimeWarner.com")]
    mentions = [Mention(doc, start, start + len(text), text, "Organization") for doc, start, text in forms]
    (entity,) = resolve([_extraction("a", mentions[:3]), _extraction("b", mentions[3:])], BASE).entities
    assert entity.label == "Time Warner"
    assert _merged(entity) == {"Time Warner": "label", "TimeWarner": "spacing", "TimeWarner.com": "spacing"}


def test_types_are_voted_per_document_so_one_documents_reading_does_not_erase_the_others():
    def singer(doc: str) -> Mention:
        return Mention(doc, 0, 4, "Mira", "Person", "ner", 0.5)

    fan = Mention("a", 10, 13, "Ann", "Person", "pattern", 0.8)
    sentence = Sentence(0, 20, "x")
    placed = [RelationMention("a", fan, "livesIn", singer("a"), sentence, 0.8, "locate-locative") for _ in range(2)]
    extractions = [_extraction("a", [singer("a"), fan], placed), _extraction("b", [singer("b")]),
                   _extraction("c", [singer("c")])]
    result = resolve(extractions, BASE)
    types = {doc: next(e.type for e in result.entities if e.iri == result.mention_entities[singer(doc)])
             for doc in "abc"}
    assert types == {"a": "Place", "b": "Person", "c": "Person"}, "document a's two facts read it as a place there only"


def test_a_names_last_word_or_corporate_suffix_votes_for_its_class():
    city = Mention("a", 0, 12, "Norbury City", "Organization", "ner", 0.4)
    firm = Mention("a", 20, 32, "Widgetco Ltd", "Person", "ner", 0.43)
    types = {e.label: e.type for e in resolve([_extraction("a", [city, firm])], BASE).entities}
    assert types == {"Norbury City": "City", "Widgetco Ltd": "Organization"}


def test_a_facts_domain_outweighs_one_tag_but_a_location_predicate_chosen_by_that_tag_does_not_vote():
    acme = Mention("a", 0, 4, "Acme", "Person", "ner", 0.43)
    ann = Mention("a", 20, 28, "Ann Lee", "Person", "pattern", 0.8)
    paris = Mention("a", 40, 45, "Paris", "City", "gazetteer", 1.5)
    sentence = Sentence(0, 50, "x")
    facts = [RelationMention("a", ann, "worksFor", acme, sentence, 0.6, "employ-person-prep"),
             RelationMention("a", acme, "livesIn", paris, sentence, 0.7, "locate-locative")]
    result = resolve([_extraction("a", [acme, ann, paris], facts)], BASE)
    assert {e.label: e.type for e in result.entities}["Acme"] == "Organization"
    assert str(KG.basedIn) in {f.predicate for f in result.relations}


def test_a_fact_about_a_linked_surname_does_not_retype_the_person():
    full = Mention("a", 0, 10, "Paul Smith", "Person", "ner", 0.43)
    short = Mention("a", 20, 25, "Smith", "Organization", "ner", 0.4)
    aide = Mention("a", 30, 33, "Ann", "Person", "pattern", 0.8)
    works = RelationMention("a", aide, "worksFor", short, Sentence(20, 40, "x"), 0.6, "employ-person-prep")
    entities = _entities_by_label([_extraction("a", [full, short, aide], [works])])
    assert entities["Paul Smith"].type == "Person" and "Smith" in entities["Paul Smith"].aliases


def test_a_facts_range_supports_the_narrower_class_it_contains():
    maker = Mention("a", 0, 4, "Acme", "Organization", "pattern", 0.8)
    chip = Mention("a", 10, 14, "W900", "Chip", "head_noun", 0.9)
    makes = RelationMention("a", maker, "manufactures", chip, Sentence(0, 20, "x"), 0.75, "poss-org-chip")
    types = {e.label: e.type for e in resolve([_extraction("a", [maker, chip], [makes])], BASE).entities}
    assert types["W900"] == "Chip"


def test_a_bare_kind_word_is_the_name_before_it_that_ends_in_it_or_no_entity():
    full = Mention("a", 0, 24, "Armed Services Committee", "Organization")
    again = Mention("a", 40, 49, "Committee", "Organization")
    alone = Mention("b", 0, 5, "Group", "Organization")
    (entity,) = resolve([_extraction("a", [full, again]), _extraction("b", [alone])], BASE).entities
    assert entity.label == "Armed Services Committee" and _merged(entity)["Committee"] == "kind word"


def test_a_buyer_and_what_it_bought_lean_to_organisations_but_a_pronouns_antecedent_does_not():
    buyer = Mention("a", 0, 8, "Widgetco", "Person", "ner", 0.43)
    bought = Mention("a", 20, 24, "Acme", "Person", "ner", 0.43)
    deal = RelationMention("a", buyer, "acquired", bought, Sentence(0, 30, "x"), 0.85, "acquire-verb")
    types = {e.label: e.type for e in resolve([_extraction("a", [buyer, bought], [deal])], BASE).entities}
    assert types == {"Widgetco": "Organization", "Acme": "Organization"}
    jo = Mention("b", 0, 6, "Jo Lee", "Person", "ner", 0.43)
    he = Mention("b", 20, 22, "He", "Person", "coreference", 0.0, name="Jo Lee", name_rule="coreference")
    firm = Mention("b", 40, 48, "Widgetco", "Organization")
    bought_by_him = RelationMention("b", he, "acquired", firm, Sentence(20, 50, "x"), 0.85, "acquire-verb")
    entities = _entities_by_label([_extraction("b", [jo, firm], [bought_by_him])])
    assert entities["Jo Lee"].type == "Person"


def test_a_building_named_by_its_kind_word_is_a_place_over_the_taggers_organisation():
    mentions = [Mention("a", 0, 13, "Texas Theater", "Organization", "ner", 0.5),
                Mention("a", 20, 35, "Brushy Mountain Penitentiary", "Organization", "ner", 0.5)]
    entities = resolve([_extraction("a", mentions)], BASE).entities
    assert [entity.type for entity in entities] == ["Place", "Place"]


def test_a_products_name_in_the_plural_joins_the_name_and_votes_for_a_product():
    named = [Mention("a", 20 * i, 20 * i + 6, "Widgo", "Organization", "ner", 0.5) for i in range(4)]
    plural = Mention("a", 100, 106, "Widgos", "Product", "ner", 0.5)
    (entity,) = resolve([_extraction("a", [*named, plural])], BASE).entities
    assert (entity.label, entity.type, _merged(entity)["Widgos"]) == ("Widgo", "Product", "plural")
    family = [Mention("c", 0, 10, "Jane Smith", "Person"), Mention("c", 20, 26, "Smiths", "Person")]
    companies = [Mention("d", 0, 4, "Acme", "Organization"), Mention("d", 20, 25, "Acmes", "Organization")]
    assert set(_entities_by_label([_extraction("c", family), _extraction("d", companies)])) == {
        "Jane Smith", "Smiths", "Acme", "Acmes"
    }, "a family or a company in the plural counts no product"


def test_a_name_ending_in_a_makers_kind_noun_takes_no_class_from_it():
    program = Mention("a", 0, 21, "Acme Research Program", "Organization", "ner", 0.5)
    console = Mention("b", 0, 13, "Widgo Console", "Organization", "ner", 0.5)
    entities = _entities_by_label([_extraction("a", [program]), _extraction("b", [console])])
    assert (entities["Acme Research Program"].type, entities["Widgo Console"].type) == ("Organization", "Product")


def test_a_kind_noun_a_name_modifies_never_splits_it_from_a_company_of_that_name():
    company = [_extraction(doc, [Mention(doc, 0, 8, "Widgetco", "Organization", "ner", 0.5)]) for doc in "abc"]
    modifier = [Mention("d", i * 20, i * 20 + 8, "Widgetco", "Product", "kind_modifier", 1.4) for i in range(2)]
    (entity,) = resolve([*company, _extraction("d", modifier)], BASE).entities  # "Widgetco phones": its maker
    assert entity.type == "Organization"
    described = [replace(m, rule="head_noun") for m in modifier]  # "the phone Widgetco": a thing of its own
    assert len(resolve([*company, _extraction("d", described)], BASE).entities) == 2


def test_a_works_name_without_its_kind_word_joins_it_in_its_document():
    law = Mention("a", 0, 18, "Sarbanes-Oxley Act", "CreativeWork", "head_noun", 1.4)
    short = Mention("a", 40, 54, "Sarbanes-Oxley", "Organization", "ner", 0.5)
    (entity,) = resolve([_extraction("a", [law, short])], BASE).entities
    assert entity.label == "Sarbanes-Oxley Act" and entity.type == "CreativeWork"
    assert _merged(entity) == {"Sarbanes-Oxley Act": "label", "Sarbanes-Oxley": "short form"}


def test_a_surname_written_after_an_office_is_also_known_by_the_titled_form():
    full = Mention("a", 0, 13, "George Walker", "Person")
    titled = Mention("a", 30, 36, "Walker", "Person", written="President Walker")
    (entity,) = resolve([_extraction("a", [full, titled])], BASE).entities
    assert entity.label == "George Walker" and set(entity.aliases) == {"Walker", "President Walker"}


def test_a_clipped_first_word_of_an_organisations_name_is_its_short_form_but_not_of_a_one_word_name():
    reserve = Mention("a", 0, 21, "US Federal Reserve", "Organization")
    clipped = Mention("a", 40, 43, "Fed", "Organization")
    parent = Mention("a", 50, 54, "Acme", "Organization")
    unit = Mention("a", 60, 67, "Acmenet", "Organization")
    entities = _entities_by_label([_extraction("a", [reserve, clipped, unit, parent])])
    assert entities["US Federal Reserve"].aliases == ("Fed",)
    assert set(entities) == {"US Federal Reserve", "Acme", "Acmenet"}


def _crowded(doc_id: str, lone: Mention, *, full_person: bool = False) -> Extraction:
    """A document naming ten companies beside ``lone`` (and the person ``lone`` may be the surname of)."""
    others = [Mention(doc_id, 100 + 20 * i, 108 + 20 * i, f"Company{i}", "Organization") for i in range(10)]
    person = [Mention(doc_id, 500, 511, "Jane Zettel", "Person")] if full_person else []
    return _extraction(doc_id, [*person, lone, *others])


def test_a_one_word_name_only_the_tagger_reads_as_a_person_is_a_company_in_a_story_naming_many_things():
    lone = Mention("a", 0, 6, "Zettel", "Person", "ner", 0.4)
    assert _entities_by_label([_crowded("a", lone)])["Zettel"].type == "Organization"
    few = _extraction("b", [Mention("b", 0, 6, "Zettel", "Person", "ner", 0.4)])
    assert _entities_by_label([few])["Zettel"].type == "Person", "a sentence on its own: the tagger's reading"
    surname = Mention("c", 600, 606, "Zettel", "Person", "ner", 0.4)
    assert "Zettel" not in _entities_by_label([_crowded("c", surname, full_person=True)])  # linked to Jane Zettel
    titled = Mention("d", 0, 9, "Mr Zettel", "Person", "title", 0.9, name="Zettel", name_rule="title")
    assert _entities_by_label([_crowded("d", titled)])["Zettel"].type == "Person"


def test_a_surname_a_rule_surer_than_the_tagger_types_votes_for_its_full_name():
    named = [  # "housebuilder and developer George Wimpey ... shares in Wimpey ... Wimpey said"
        Mention("a", 0, 13, "George Wimpey", "Person", "ner", 0.5),
        Mention("a", 30, 36, "Wimpey", "Organization", "head_noun", 1.4),
        Mention("a", 50, 56, "Wimpey", "Person", "ner", 0.5),
    ]
    (entity,) = resolve([_extraction("a", named)], BASE).entities
    assert entity.label == "George Wimpey" and entity.type == "Organization"
