"""When and for how much: the dates and deal sums an evidence sentence states, read from spaCy's entity spans.

Runs in the ``kg_extract`` component right after relation extraction, on the parsed ``Doc``
(:func:`annotate_relations`). Only sentences that carry a fact are read:

* every ``DATE`` span becomes a :class:`~kg.model.StatedTime`, its words resolved by dateparser
  against the document's publication date ("last year" in a 2025 article is ``2024``); in an
  undated document only what needs no base resolves ("in 2015", "March 2024");
* on takeovers and investments, the sum of money nearest the fact in the parse tree becomes an
  :class:`~kg.model.Amount` ("for $2.8bn" is 2800000000 USD).

What the words mean is data: ``kg/patterns/times.yaml`` and ``kg/patterns/amounts.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from kg.dates import document_date
from kg.errors import VocabularyError
from kg.extractors.tokens import document_entities
from kg.model import Amount, Mention, RelationMention, StatedTime
from kg.rules import PATTERNS_DIR
from kg.vocab import term

# Two far-apart days: an undated document's span resolves only if both give the same value.
_PROBE_DAYS = (date(1901, 1, 1), date(2049, 7, 15))


@dataclass(frozen=True)
class TimePatterns:
    """How stated dates are read (``kg/patterns/times.yaml``)."""

    language: str
    past_days: int
    periods: dict[str, str]
    modifiers: re.Pattern[str]
    duration: re.Pattern[str]
    unresolvable: re.Pattern[str]
    readable: re.Pattern[str]
    year: re.Pattern[str]


@dataclass(frozen=True)
class AmountPatterns:
    """How deal sums are read (``kg/patterns/amounts.yaml``): the predicates, and one pattern built from the tables."""

    predicates: frozenset[str]
    labels: frozenset[str]
    clause_heads: frozenset[str]
    pattern: re.Pattern[str]
    per_unit: re.Pattern[str]
    currencies: dict[str, str]
    magnitudes: dict[str, Decimal]


def annotate_relations(
    doc: Doc, relations: Iterable[RelationMention], document_date_text: str | None
) -> tuple[RelationMention, ...]:
    """``relations`` with the dates their sentences state and, for deals, the sum, read from ``doc``.

    Args:
        doc: the parse the relations were extracted from (their offsets are into its text).
        relations: the relation mentions of ``doc``.
        document_date_text: the document's publication date as given (``None`` or unreadable: no base).
    """
    published = document_date(document_date_text)
    day = published.day if published is not None else None
    dates = [(ent.start_char, ent.end_char, ent.text) for ent in document_entities(doc) if ent.label_ == "DATE"]
    times: dict[tuple[int, int], tuple[StatedTime, ...]] = {}
    annotated = []
    for relation in relations:
        start, end = key = (relation.sentence.start, relation.sentence.end)
        if key not in times:
            times[key] = tuple(stated_time(text, day) for first, last, text in dates if first >= start and last <= end)
        amount = None
        if relation.predicate in amount_patterns().predicates:
            sentence = doc.char_span(start, end, alignment_mode="expand")
            amount = deal_amount(sentence, relation) if sentence is not None else None
        annotated.append(replace(relation, times=times[key], amount=amount))
    return tuple(annotated)


@lru_cache(maxsize=65536)
def stated_time(text: str, published: date | None) -> StatedTime:
    """The date the words ``text`` state, resolved against the publication day ``published`` when they need one.

    Examples:
        >>> stated_time("last year", date(2025, 3, 14))
        StatedTime(text='last year', value='2024', datatype='gYear')
        >>> stated_time("on Monday", None), stated_time("five years", date(2025, 3, 14)).value
        (StatedTime(text='on Monday', value='', datatype=''), '')
    """
    patterns = time_patterns()
    words = patterns.modifiers.sub("", " ".join(text.split()))
    if patterns.duration.match(words) or patterns.unresolvable.search(words) or not patterns.readable.search(words):
        return StatedTime(text)
    if (bare_year := patterns.year.fullmatch(words)) is not None:
        return StatedTime(text, bare_year.group(1), "gYear")  # "2004" states its year on any day: no dateparser
    if published is None:
        if not patterns.year.search(words):
            return StatedTime(text)  # without a publication day only a date naming its year resolves
        readings = {_resolved(words, day) for day in _PROBE_DAYS}
        value, datatype = readings.pop() if len(readings) == 1 else ("", "")
    else:
        value, datatype = _resolved(words, published)
    return StatedTime(text, value, datatype)


def prepare_date_reading() -> None:
    """Load dateparser's language data now: called before spaCy forks its workers, it is loaded once, not once
    in each worker (a quarter of a second or more)."""
    stated_time.__wrapped__("last Monday", date(2000, 3, 2))


def _resolved(words: str, published: date) -> tuple[str, str]:
    """(lexical value, XSD datatype) of ``words`` read on day ``published``; empty strings when unreadable."""
    patterns = time_patterns()
    found = _nearest_reading(words, published)
    datatype = patterns.periods.get(found.period or "") if found is not None else None
    if found is not None and datatype is not None:
        return _lexical(found.date_obj, datatype), datatype
    years = set(patterns.year.findall(words))
    if len(years) == 1:
        return years.pop(), "gYear"
    return "", ""


def _nearest_reading(words: str, published: date) -> Any:
    """dateparser's reading of ``words`` as the recent past, or as this period's date when that is nearer.

    News reports what happened ("on Monday" is the Monday before), but also announces what is
    due: "April 21" in a March article is next month, not eleven months ago, and "Friday" in a
    Friday article is that day. A past reading more than ``past_days`` old gives way to the
    reading within the current period (dateparser's ``current_period``) when that is nearer.
    """
    past = _date_parser(published, "past").get_date_data(words)
    if past.date_obj is None:
        return None
    age = (published - past.date_obj.date()).days
    if age <= time_patterns().past_days:
        return past
    current = _date_parser(published, "current_period").get_date_data(words)
    if current.date_obj is not None and abs((current.date_obj.date() - published).days) < age:
        return current
    return past


def _lexical(moment: datetime, datatype: str) -> str:
    if datatype == "gYear":
        return f"{moment.year:04d}"
    if datatype == "gYearMonth":
        return f"{moment.year:04d}-{moment.month:02d}"
    return moment.date().isoformat()


@lru_cache(maxsize=512)
def _date_parser(published: date, prefer: str) -> Any:
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": prefer,
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=[time_patterns().language], settings=settings)


def deal_amount(sentence: Span, relation: RelationMention) -> Amount | None:
    """The sum of the deal ``relation`` states in ``sentence``: the readable money span nearest the fact.

    Nearest below where the subject and object meet in the parse tree ("bought Y *for $2bn*",
    "a *£30m* stake in Y"), through no other clause. A sum inside the subject's or object's own
    phrase is what that thing is worth ("Y, a $1bn start-up"), one in another clause is about
    something else ("when it reported 59 mln dlrs in sales"), and a price per share is not the
    deal's: all are passed over.
    """
    patterns = amount_patterns()
    ends = [span.root for span in (_mention_span(sentence, m) for m in (relation.subject, relation.object)) if span]
    meeting = _lowest_common_ancestor(ends) if ends else sentence.root
    found = []
    for ent in sentence.ents:
        if ent.label_ not in patterns.labels or not _in_deal_phrase(ent.root, meeting, ends):
            continue
        words = _widened(ent)
        amount = read_amount(words.text)
        if amount is not None and not patterns.per_unit.match(sentence.doc.text[words.end_char : sentence.end_char]):
            found.append((_path_to_root(ent.root).index(meeting), ent.start, amount))
    return min(found, key=lambda item: item[:2])[2] if found else None


def _in_deal_phrase(token: Token, meeting: Token, ends: list[Token]) -> bool:
    """Whether ``token`` hangs below ``meeting``, through no other clause, outside the phrases of the fact's ends."""
    if not meeting.is_ancestor(token) or any(end != meeting and end.is_ancestor(token) for end in ends):
        return False
    between = _path_to_root(token)[1 : _path_to_root(token).index(meeting)]
    clause_heads = amount_patterns().clause_heads
    # a verb that leads to the subject or object ("agreed to *acquire* X for ...") is the fact's own
    return not any(t.pos_ in clause_heads and not any(t.is_ancestor(end) for end in ends) for t in between)


def read_amount(text: str) -> Amount | None:
    """The amount of money the words ``text`` name, or ``None`` without a number and a known currency.

    Examples:
        >>> read_amount("$2.8bn")
        Amount(text='$2.8bn', value='2800000000', currency='USD')
        >>> read_amount("€1.2 billion").value, read_amount("£30m").currency, read_amount("30m") is None
        ('1200000000', 'GBP', True)
    """
    patterns = amount_patterns()
    match = patterns.pattern.search(text)
    if match is None:
        return None
    currency = match["symbol"] or match["word"]
    if currency is None:
        return None
    value = Decimal(match["number"].replace(",", ""))
    if match["magnitude"]:
        value *= patterns.magnitudes[match["magnitude"].casefold()]
    return Amount(text, f"{value.normalize():f}", patterns.currencies[currency.casefold()])


def _widened(ent: Span) -> Span:
    """The span with the currency and magnitude words the tagger left beside it ("£" "30" "m", "1.2" "mln" "dlrs")."""
    patterns = amount_patterns()
    words = patterns.magnitudes.keys() | patterns.currencies.keys()
    start, end, doc = ent.start, ent.end, ent.doc
    while start > ent.sent.start and (doc[start - 1].is_currency or doc[start - 1].text.casefold() in words):
        start -= 1
    while end < ent.sent.end and doc[end].text.casefold() in words:
        end += 1
    return doc[start:end]


def _mention_span(sentence: Span, mention: Mention) -> Span | None:
    if mention.start < sentence.start_char or mention.end > sentence.end_char:
        return None  # an antecedent in another sentence
    return sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")


def _lowest_common_ancestor(tokens: list[Token]) -> Token:
    shared = [t for t in _path_to_root(tokens[0]) if all(t == other or t.is_ancestor(other) for other in tokens[1:])]
    return shared[0] if shared else tokens[0].sent.root


def _path_to_root(token: Token) -> list[Token]:
    return [token, *token.ancestors]


@cache
def time_patterns(path: Path = PATTERNS_DIR / "times.yaml") -> TimePatterns:
    """The shipped rules for stated dates, read once."""
    data = _read_yaml(path)
    flags = re.IGNORECASE
    return TimePatterns(
        language=data["language"],
        past_days=int(data["past_days"]),
        periods=dict(data["periods"]),
        modifiers=re.compile(data["modifiers"], flags),
        duration=re.compile(data["duration"], flags),
        unresolvable=re.compile(data["unresolvable"], flags),
        readable=re.compile(data["readable"]),
        year=re.compile(data["year"]),
    )


@cache
def amount_patterns(path: Path = PATTERNS_DIR / "amounts.yaml") -> AmountPatterns:
    """The shipped rules for deal sums, read once; every predicate named must be in the ontology."""
    data = _read_yaml(path)
    for predicate in data["predicates"]:
        term(predicate)
    symbols = {str(k): str(v) for k, v in data["symbols"].items()}
    words = {str(k): str(v) for k, v in data["words"].items()}
    magnitudes = {str(k).casefold(): Decimal(str(v)) for k, v in data["magnitudes"].items()}
    pattern = (
        rf"(?P<symbol>{_alternatives(symbols)})?\s*(?P<number>\d+(?:,\d{{3}})*(?:\.\d+)?)"
        rf"(?:\s*(?P<magnitude>{_alternatives(magnitudes)})\b\.?)?(?:\s*(?P<word>{_alternatives(words)})\b)?"
    )
    return AmountPatterns(
        predicates=frozenset(data["predicates"]),
        labels=frozenset(data["labels"]),
        clause_heads=frozenset(data["clause_heads"]),
        pattern=re.compile(pattern, re.IGNORECASE),
        per_unit=re.compile(data["per_unit"], re.IGNORECASE),
        currencies={k.casefold(): v for k, v in (symbols | words).items()},
        magnitudes=magnitudes,
    )


def _alternatives(table: dict[str, Any]) -> str:
    """A regular-expression alternation of the table's keys, longest first (so "US$" wins over "$")."""
    return "|".join(re.escape(key) for key in sorted(table, key=lambda k: (-len(k), k)))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path}: cannot read: {exc}") from exc
    return data  # type: ignore[no-any-return]
