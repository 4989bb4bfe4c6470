"""Entity resolution: folding names, voting types, merging evidence."""

from __future__ import annotations

from kg.model import Document, Extraction, Mention, RelationMention, Sentence
from kg.resolve import canonical_key, resolve
from kg.vocab import KG


def test_canonical_key_folds_case_possessive_suffix_and_dots():
    assert canonical_key("NVIDIA") == canonical_key("Nvidia") == canonical_key("Nvidia Corp.") == "nvidia"
    assert canonical_key("DeepSeek’s") == canonical_key("DeepSeek's") == "deepseek"
    assert canonical_key("U.S.") == canonical_key("US")
    assert canonical_key("Hugging  Face") == "hugging face"


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
