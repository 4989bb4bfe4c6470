"""Load the extraction rules kept as data under ``kg/patterns/``.

Every predicate and class a rule names is checked against the ontology when the
rules load, so a typo in a pattern file is an error at start-up, not a silent gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import DataFileError, VocabularyError
from kg.fileio import read_yaml
from kg.gazetteer import Gazetteer, shipped_gazetteer
from kg.vocab import term

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"
CALIBRATION_PATH = PATTERNS_DIR / "calibration.yaml"  # written by `make calibrate`


@dataclass(frozen=True)
class Trigger:
    """What a matched word or construction asserts: a predicate, its confidence and the rule id."""

    predicate: str
    confidence: float
    rule: str
    inverse: bool = False


@dataclass(frozen=True)
class PossessiveRule:
    """A possessive "OWNER's THING" rule, chosen by the classes of owner and possessed."""

    owner: tuple[str, ...]
    possessed: tuple[str, ...]
    trigger: Trigger


@dataclass
class Rules:
    """All extraction rules, indexed for lookup by lemma (filled once by :func:`load_rules`)."""

    ner_labels: dict[str, str]
    type_confidence: dict[str, float]
    head_nouns: dict[str, str]
    not_entities: frozenset[str]
    not_entity_shapes: re.Pattern[str]  # any of the shapes no name has
    boilerplate: re.Pattern[str]  # any of the page-furniture patterns
    verbs: dict[str, Trigger] = field(default_factory=dict)
    verb_preps: dict[str, dict[str, Trigger]] = field(default_factory=dict)
    nouns: dict[str, Trigger] = field(default_factory=dict)
    noun_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    titles: dict[str, Trigger] = field(default_factory=dict)
    based_adjectives: frozenset[str] = frozenset()
    origin_preps: frozenset[str] = frozenset()
    location: Trigger | None = None
    dateline: Trigger | None = None
    birth: Trigger | None = None
    membership: Trigger | None = None
    membership_preps: frozenset[str] = frozenset()
    role_preps: frozenset[str] = frozenset()
    attribution: Trigger | None = None
    attribution_preps: frozenset[str] = frozenset()
    title_in_context: float | None = None
    accusation_verbs: frozenset[str] = frozenset()
    not_person_shapes: re.Pattern[str] = re.compile("(?!)")  # any of the shapes no personal name has
    not_place_shapes: re.Pattern[str] = re.compile("(?!)")  # ... and no unknown place's name has
    instrument_nouns: frozenset[str] = frozenset()
    confession_verbs: frozenset[str] = frozenset()
    home_words: frozenset[str] = frozenset()
    home_preps: frozenset[str] = frozenset()
    hosting: Trigger | None = None
    host_words: frozenset[str] = frozenset()
    distance_nouns: frozenset[str] = frozenset()
    host_preps: frozenset[str] = frozenset()
    host_within_preps: frozenset[str] = frozenset()
    workplace_preps: frozenset[str] = frozenset()
    work_place_predicate: str | None = None
    public_offices: frozenset[str] = frozenset()
    patient_owner_predicates: frozenset[str] = frozenset()
    location_by_subject_type: dict[str, str] = field(default_factory=dict)
    possessives: tuple[PossessiveRule, ...] = ()
    ownership: Trigger | None = None
    whole_shares: frozenset[str] = frozenset()
    unit_nouns: frozenset[str] = frozenset()
    owner_nouns: dict[str, Trigger] = field(default_factory=dict)
    owned_participles: frozenset[str] = frozenset()
    whole_nouns: frozenset[str] = frozenset()
    whole_preps: frozenset[str] = frozenset()
    listing_verbs: frozenset[str] = frozenset()
    holder_words: frozenset[str] = frozenset()
    holder_preps: frozenset[str] = frozenset()
    rivalry: Trigger | None = None
    brand: Trigger | None = None
    maker: Trigger | None = None
    rival_nouns: frozenset[str] = frozenset()
    rival_preps: frozenset[str] = frozenset()
    work: Trigger | None = None
    work_nouns: frozenset[str] = frozenset()
    work_preps: frozenset[str] = frozenset()
    anaphors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    person_titles: frozenset[str] = frozenset()
    office_titles: frozenset[str] = frozenset()
    office_title_predicates: frozenset[str] = frozenset()
    head_title_predicates: frozenset[str] = frozenset()
    deputy_words: frozenset[str] = frozenset()
    field_adjectives: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    possessive_name_groups: frozenset[str] = frozenset()
    saint_titles: frozenset[str] = frozenset()
    name_titles: frozenset[str] = frozenset()
    fact_classes: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    institution_nouns: frozenset[str] = frozenset()
    place_named_nouns: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    employer_preps: frozenset[str] = frozenset()
    speaker_nouns: frozenset[str] = frozenset()
    speaker_preps: frozenset[str] = frozenset()
    person_subject_verbs: dict[str, frozenset[str]] = field(default_factory=dict)  # subject's dependency -> lemmas
    product_subject_verbs: dict[str, frozenset[str]] = field(default_factory=dict)  # the same, for products
    numbered_nouns: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    age_adjectives: frozenset[str] = frozenset()
    age_units: frozenset[str] = frozenset()
    place_preps: frozenset[str] = frozenset()
    modified_nouns: dict[str, str] = field(default_factory=dict)
    maker_nouns: frozenset[str] = frozenset()
    name_only_nouns: frozenset[str] = frozenset()
    possessed_nouns: dict[str, str] = field(default_factory=dict)
    cued_labels: frozenset[str] = frozenset()
    misread_name_class: str | None = None
    group_word_shapes: re.Pattern[str] = re.compile("(?!)")
    group_words: frozenset[str] = frozenset()
    preposition_nouns: dict[str, dict[str, str]] = field(default_factory=dict)  # noun -> preposition -> class
    relation_finders: tuple[str, ...] = ()
    leading_determiners: frozenset[str] = frozenset()
    not_name_words: re.Pattern[str] = re.compile("(?!)")  # any of the shapes of a word of no name
    model_codes: re.Pattern[str] = re.compile("(?!)")  # shapes of a product's model code ("6230i")
    not_model_codes: re.Pattern[str] = re.compile("(?!)")  # numbers with a unit, ordinals ("3G", "20th")
    party_initials: frozenset[str] = frozenset()
    date_words: frozenset[str] = frozenset()
    name_prepositions: frozenset[str] = frozenset()
    definite_determiners: frozenset[str] = frozenset()
    person_relative_pronouns: frozenset[str] = frozenset()
    capacity_preps: frozenset[str] = frozenset()
    example_markers: tuple[tuple[str, ...], ...] = ()
    relative_adverbs: dict[str, str] = field(default_factory=dict)
    agent_preps: frozenset[str] = frozenset()
    belonging_preps: frozenset[str] = frozenset()
    title_preps: frozenset[str] = frozenset()
    support_verbs: frozenset[str] = frozenset()
    hedge_modals: frozenset[str] = frozenset()
    negating_determiners: frozenset[str] = frozenset()
    hedge_verbs: frozenset[str] = frozenset()
    divestment_words: frozenset[str] = frozenset()
    part_nouns: frozenset[str] = frozenset()
    measure_nouns: frozenset[str] = frozenset()
    member_words: frozenset[str] = frozenset()
    office_preps: frozenset[str] = frozenset()
    containment_preps: frozenset[str] = frozenset()
    provenance_preps: frozenset[str] = frozenset()
    demonym_deps: frozenset[str] = frozenset()
    language_words: frozenset[str] = frozenset()
    demonym_endings: tuple[tuple[str, str], ...] = ()
    origin_prefixes: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    direction_words: frozenset[str] = frozenset()
    document_country_share: float = 0.0
    document_country_confidence: float = 0.0
    defining_verbs: frozenset[str] = frozenset()
    topic_anaphor_deps: frozenset[str] = frozenset()
    topic_anaphor_classes: tuple[str, ...] = ()
    salient_anaphor_deps: frozenset[str] = frozenset()
    salient_anaphor_classes: tuple[str, ...] = ()
    lead_brackets: dict[str, str] = field(default_factory=dict)
    life_span_dashes: frozenset[str] = frozenset()
    life_span_words: frozenset[str] = frozenset()
    document_country_sentences: int = 0
    article_country_classes: dict[str, int] = field(default_factory=dict)
    article_country_confidence: float = 0.0
    article_region_classes: tuple[str, ...] = ()
    article_region_confidence: float = 0.0
    content_script: str = ""
    propagated_from: frozenset[str] = frozenset()
    anaphor_window: int = 0
    title_context_reach: int = 0
    open_relation_confidence: float = 0.0
    calibration: dict[str, float] = field(default_factory=dict)  # rule id -> measured confidence
    gazetteer: Gazetteer = field(default_factory=shipped_gazetteer)


def _read_yaml(path: Path) -> dict[str, Any]:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping at the top level")
    return data


def _calibration(path: Path) -> dict[str, float]:
    """Each calibrated rule's confidence (``make calibrate``); none when the file is absent."""
    if not path.is_file():
        return {}
    return {str(rule): float(entry["confidence"]) for rule, entry in (_read_yaml(path).get("rules") or {}).items()}


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    """A list of words from a rule file, in lower case (the tree rules compare ``Token.lower_``)."""
    return frozenset(str(word).casefold() for word in data[key])


def _any_of(patterns: list[str], flags: int = 0) -> re.Pattern[str]:
    """One pattern that matches where any of ``patterns`` does (one search instead of one per pattern); with
    none, a pattern that never matches."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", flags)


def _checked(name: str, path: Path) -> str:
    try:
        term(name)
    except VocabularyError as exc:
        raise VocabularyError(f"{path}: {exc}") from exc
    return name


def _optional_class(name: str | None, path: Path) -> str | None:
    return None if name is None else _checked(name, path)


def _verbs_by_dependency(table: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """A types.yaml table of verb lemmas by their subject's dependency."""
    return {str(dep): frozenset(str(v) for v in verbs) for dep, verbs in table.items()}


@cache
def load_rules(directory: Path = PATTERNS_DIR) -> Rules:
    """Read ``types.yaml``, ``extraction.yaml``, ``possessives.yaml`` and every ``relations/*.yaml`` family file."""
    types_path = directory / "types.yaml"
    types = _read_yaml(types_path)
    extraction = _read_yaml(directory / "extraction.yaml")
    rules = Rules(
        ner_labels={label: _checked(cls, types_path) for label, cls in types["ner_labels"].items()},
        type_confidence={k: float(v) for k, v in types["confidence"].items()},
        head_nouns={noun: _checked(cls, types_path) for noun, cls in types["head_nouns"].items()},
        modified_nouns={noun: _checked(cls, types_path) for noun, cls in types.get("modified_nouns", {}).items()},
        possessed_nouns={noun: _checked(cls, types_path) for noun, cls in types.get("possessed_nouns", {}).items()},
        maker_nouns=frozenset(str(noun) for noun in types.get("maker_nouns", [])),
        name_only_nouns=frozenset(str(noun) for noun in types.get("name_only_nouns", [])),
        cued_labels=frozenset(str(label) for label in types.get("cued_labels", [])),
        misread_name_class=types.get("misread_name_class"),
        group_word_shapes=_any_of(types.get("group_word_shapes", [])),
        group_words=frozenset(str(w).casefold() for w in types.get("group_words", [])),
        preposition_nouns={
            noun: {prep: _checked(cls, types_path) for prep, cls in preps.items()}
            for noun, preps in types.get("preposition_nouns", {}).items()
        },
        not_entities=frozenset(str(w).casefold() for w in types.get("not_entities", [])),
        not_entity_shapes=_any_of(types.get("not_entity_shapes", [])),
        not_name_words=_any_of(types.get("not_name_words", [])),
        model_codes=_any_of(types.get("model_codes", [])),
        not_model_codes=_any_of(types.get("not_model_codes", [])),
        party_initials=frozenset(str(p) for p in types.get("party_initials", [])),
        date_words=frozenset(str(e) for e in types.get("date_words", [])),
        name_prepositions=frozenset(str(p) for p in types.get("name_prepositions", [])),
        boilerplate=_any_of(types.get("boilerplate", []), re.IGNORECASE),
        possessives=_possessive_rules(directory / "possessives.yaml"),
        anaphors={
            w.casefold(): tuple(_checked(c, types_path) for c in cs) for w, cs in types.get("anaphors", {}).items()
        },
        person_titles=frozenset(str(t) for t in types.get("person_titles", [])),
        office_titles=frozenset(str(t) for t in types.get("office_titles", [])),
        office_title_predicates=frozenset(str(p) for p in types.get("office_title_predicates", [])),
        deputy_words=frozenset(str(w).casefold() for w in types.get("deputy_words", [])),
        field_adjectives=frozenset(str(w).casefold() for w in types.get("field_adjectives", [])),
        head_title_predicates=frozenset(
            _checked(str(p), types_path) for p in types.get("head_title_predicates", [])
        ),
        possessive_name_groups=frozenset(str(w).casefold() for w in types.get("possessive_name_groups", [])),
        saint_titles=frozenset(str(t) for t in types.get("saint_titles", [])),
        honorifics=frozenset(str(t) for t in types.get("honorifics", [])),
        name_titles=frozenset(str(t).casefold() for t in types.get("name_titles", [])),
        fact_classes={
            _checked(predicate, types_path): (_optional_class(subject, types_path), _optional_class(obj, types_path))
            for predicate, (subject, obj) in types.get("fact_classes", {}).items()
        },
        institution_nouns=frozenset(str(n).casefold() for n in types.get("institution_nouns", [])),
        place_named_nouns=frozenset(str(n).casefold() for n in types.get("place_named_nouns", [])),
        person_nouns=frozenset(str(n).casefold() for n in types.get("person_nouns", [])),
        employer_preps=frozenset(types.get("employer_preps", [])),
        speaker_nouns=frozenset(types.get("speaker_nouns", [])),
        speaker_preps=frozenset(types.get("speaker_preps", [])),
        person_subject_verbs=_verbs_by_dependency(types.get("person_subject_verbs", {})),
        product_subject_verbs=_verbs_by_dependency(types.get("product_subject_verbs", {})),
        numbered_nouns=frozenset(str(w).casefold() for w in types.get("numbered_nouns", [])),
        naming_verbs=frozenset(str(v) for v in types.get("naming_verbs", [])),
        age_adjectives=frozenset(str(w) for w in types.get("age_adjectives", [])),
        age_units=frozenset(str(w) for w in types.get("age_units", [])),
        place_preps=frozenset(str(p).casefold() for p in types.get("place_preps", [])),
        title_in_context=types.get("title_in_context"),
        accusation_verbs=frozenset(types.get("accusation_verbs", [])),
        instrument_nouns=frozenset(types.get("instrument_nouns", [])),
        confession_verbs=frozenset(types.get("confession_verbs", [])),
        not_person_shapes=_any_of(types.get("not_person_shapes", [])),
        not_place_shapes=_any_of(types.get("not_place_shapes", [])),
        relation_finders=tuple(str(name) for name in extraction["relation_finders"]),
        leading_determiners=_words(extraction, "leading_determiners"),
        definite_determiners=_words(extraction, "definite_determiners"),
        person_relative_pronouns=_words(extraction, "person_relative_pronouns"),
        capacity_preps=_words(extraction, "capacity_preps"),
        example_markers=tuple(tuple(str(m).casefold().split()) for m in extraction["example_markers"]),
        relative_adverbs={str(w).casefold(): str(p).casefold() for w, p in extraction["relative_adverbs"].items()},
        agent_preps=_words(extraction, "agent_preps"),
        belonging_preps=_words(extraction, "belonging_preps"),
        title_preps=_words(extraction, "title_preps"),
        support_verbs=_words(extraction, "support_verbs"),
        hedge_modals=_words(extraction, "hedge_modals"),
        negating_determiners=_words(extraction, "negating_determiners"),
        hedge_verbs=_words(extraction, "hedge_verbs"),
        divestment_words=_words(extraction, "divestment_words"),
        part_nouns=_words(extraction, "part_nouns"),
        measure_nouns=_words(extraction, "measure_nouns"),
        member_words=_words(extraction, "member_words"),
        office_preps=_words(extraction, "office_preps"),
        containment_preps=_words(extraction, "containment_preps"),
        provenance_preps=_words(extraction, "provenance_preps"),
        demonym_deps=_words(extraction, "demonym_deps"),
        language_words=frozenset(extraction.get("language_words", [])),
        demonym_endings=tuple((str(end), str(place)) for end, place in extraction.get("demonym_endings", [])),
        origin_prefixes=frozenset(str(p) for p in extraction.get("origin_prefixes", [])),
        place_nouns=_words(extraction, "place_nouns"),
        direction_words=_words(extraction, "direction_words"),
        document_country_share=float(extraction.get("document_country_share", 0.0)),
        document_country_confidence=float(extraction.get("document_country_confidence", 0.0)),
        defining_verbs=_words(extraction, "defining_verbs"),
        topic_anaphor_deps=_words(extraction, "topic_anaphor_deps"),
        topic_anaphor_classes=tuple(
            _checked(c, directory / "extraction.yaml") for c in extraction.get("topic_anaphor_classes", [])
        ),
        salient_anaphor_deps=_words(extraction, "salient_anaphor_deps"),
        salient_anaphor_classes=tuple(
            _checked(c, directory / "extraction.yaml") for c in extraction.get("salient_anaphor_classes", [])
        ),
        lead_brackets={str(o): str(c) for o, c in (extraction.get("lead_brackets") or {}).items()},
        life_span_dashes=_words(extraction, "life_span_dashes"),
        life_span_words=_words(extraction, "life_span_words"),
        document_country_sentences=int(extraction.get("document_country_sentences", 0)),
        article_country_classes={
            _checked(c, directory / "extraction.yaml"): int(n)
            for c, n in (extraction.get("article_country_classes") or {}).items()
        },
        article_country_confidence=float(extraction.get("article_country_confidence", 0.0)),
        article_region_classes=tuple(
            _checked(c, directory / "extraction.yaml") for c in extraction.get("article_region_classes", [])
        ),
        article_region_confidence=float(extraction.get("article_region_confidence", 0.0)),
        content_script=str(extraction["content_script"]),
        propagated_from=frozenset(str(r) for r in extraction["propagated_from"]),
        anaphor_window=int(extraction["anaphor_window"]),
        title_context_reach=int(extraction["title_context_reach"]),
        open_relation_confidence=float(extraction["open_relation_confidence"]),
        calibration=_calibration(directory / CALIBRATION_PATH.name),
    )
    unknown = rules.propagated_from - rules.type_confidence.keys()
    if unknown:
        raise VocabularyError(f"{directory / 'extraction.yaml'}: propagated_from names no confidence of types.yaml: "
                              f"{', '.join(sorted(unknown))}")
    for path in sorted((directory / "relations").glob("*.yaml")):
        _add_family(rules, path)
    return rules


def _possessive_rules(path: Path) -> tuple[PossessiveRule, ...]:
    found = []
    for item in _read_yaml(path)["rules"]:
        trigger = Trigger(
            _checked(item["predicate"], path), float(item["confidence"]), item["id"], bool(item.get("inverse"))
        )
        owner = tuple(_checked(c, path) for c in item["owner"])
        possessed = tuple(_checked(c, path) for c in item["possessed"])
        found.append(PossessiveRule(owner, possessed, trigger))
    return tuple(found)


def _add_family(rules: Rules, path: Path) -> None:
    """Index one relation family file into ``rules``."""
    family = _read_yaml(path)
    predicate = _checked(family["predicate"], path)
    confidence = float(family.get("confidence", 0.7))
    name = path.stem

    def trigger(kind: str, inverse: bool = False) -> Trigger:
        return Trigger(predicate, confidence, f"{name}-{kind}", inverse)

    for lemma in family.get("verbs", []):
        rules.verbs[lemma] = trigger("verb")
    for lemma in family.get("inverse_verbs", []):
        rules.verbs[lemma] = trigger("verb", inverse=True)
    for lemma, preps in family.get("verb_preps", {}).items():
        for prep in preps:
            rules.verb_preps.setdefault(lemma, {})[prep] = trigger("verb-prep")
    if family.get("noun_owner") == "object":
        rules.patient_owner_predicates |= {predicate}
    for lemma in family.get("nouns", []):
        rules.nouns[lemma] = trigger("noun")
        rules.noun_preps[lemma] = frozenset(family.get("noun_preps", ["of"]))
    for title in family.get("titles", []):
        rules.titles[str(title).casefold()] = trigger("title")
    if "person_preps" in family:
        rules.membership = Trigger(
            predicate, float(family.get("person_preps_confidence", confidence)), f"{name}-person-prep"
        )
        rules.membership_preps = frozenset(family["person_preps"])
        rules.role_preps = frozenset(family.get("role_preps", []))
        if "attribution_preps" in family:
            rules.attribution = trigger("attribution")
            rules.attribution_preps = frozenset(family["attribution_preps"])
    if "home_words" in family:
        rules.home_words = frozenset(family["home_words"])
        rules.home_preps = frozenset(family.get("home_preps", []))
        rules.host_words = frozenset(family.get("host_words", []))
        rules.hosting = trigger("host") if rules.host_words else None
        rules.host_preps = frozenset(family.get("host_preps", []))
        rules.host_within_preps = frozenset(family.get("host_within_preps", []))
    if "workplace_preps" in family:
        rules.workplace_preps = frozenset(family["workplace_preps"])
    if "work_place_predicate" in family:
        rules.work_place_predicate = _checked(family["work_place_predicate"], path)
        rules.public_offices = frozenset(str(t).casefold() for t in family.get("public_offices", []))
    if "birth_verbs" in family:
        rules.birth = trigger("birth")
        for lemma in family["birth_verbs"]:
            rules.verb_preps[lemma] = dict.fromkeys(rules.verb_preps.get(lemma, {}), rules.birth)
    if "unit_nouns" in family:
        rules.ownership = trigger("unit")
        rules.unit_nouns = frozenset(family["unit_nouns"])
        rules.owner_nouns = dict.fromkeys((str(n).casefold() for n in family.get("owner_nouns", [])), trigger("owner"))
        rules.owned_participles = frozenset(family.get("owned_participles", []))
        rules.whole_nouns = frozenset(family.get("whole_nouns", []))
        rules.whole_preps = frozenset(family.get("whole_preps", []))
        rules.listing_verbs = frozenset(family.get("listing_verbs", []))
        rules.whole_shares = frozenset(str(n) for n in family.get("whole_shares", []))
        rules.holder_words = frozenset(family.get("holder_words", []))
        rules.holder_preps = frozenset(family.get("holder_preps", []))
    if "rival_nouns" in family:
        rules.rivalry = trigger("rival")
        rules.rival_nouns = frozenset(family["rival_nouns"])
        rules.rival_preps = frozenset(family.get("rival_preps", []))
    if "work_nouns" in family:
        rules.work = Trigger(predicate, float(family.get("work_confidence", confidence)), f"{name}-work")
        rules.work_nouns = frozenset(str(n).casefold() for n in family["work_nouns"])
        rules.work_preps = frozenset(family.get("work_preps", []))
    if family.get("maker_names"):
        rules.maker = trigger("maker")
    if family.get("brand_names"):
        rules.brand = trigger("brand")
    if "dateline_confidence" in family:
        rules.dateline = Trigger(predicate, float(family["dateline_confidence"]), f"{name}-dateline")
    if "based_adjectives" in family or "origin_preps" in family:
        rules.location = trigger("locative")
        rules.based_adjectives = frozenset(family.get("based_adjectives", []))
        rules.distance_nouns = frozenset(family.get("distance_nouns", []))
        rules.origin_preps = frozenset(family.get("origin_preps", []))
        rules.location_by_subject_type = {
            cls: _checked(p, path) for cls, p in family.get("by_subject_type", {}).items()
        }
