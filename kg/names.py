"""Name normalisation: the keys under which mentions merge, corporate suffixes, and class tallies.

One home for how a surface form is folded (case, possessives, corporate suffixes, dotted
acronyms) and for how typed votes add up, used by extraction, the gazetteer and resolution alike.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from typing import Protocol

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
POSSESSIVE_SUFFIX = re.compile(r"(?:'s|')$")
CORPORATE_SUFFIX = re.compile(
    r",?\s+(?:inc|incorporated|corp|corporation|co|ltd|limited|llc|plc|gmbh|ag|sa|s\.a|nv|bv)\.?$", re.IGNORECASE
)
LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
DOTTED_ACRONYM = re.compile(r"^(?:[a-z]\.){2,}$")
WEB_DOMAIN = re.compile(r"\.(?:com|org|net|co\.uk|org\.uk)$")
MODEL_NUMBER = re.compile(r"^(?:[A-Za-z]{0,3}\d[\dA-Za-z]*|(?=[IVX]{2,4}$)X?(?:IX|IV|V?I{0,3}))$")  # 737, A380, 3G, IV
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
Tally = dict[str, float]  # class -> weight of the votes for it


class TypeVote(Protocol):
    """What a class vote needs from a mention: the class, the rule that gave it, and its weight."""

    @property
    def type(self) -> str: ...

    @property
    def rule(self) -> str: ...

    @property
    def type_confidence(self) -> float: ...


NAME_CACHE = 1 << 16  # surface forms whose keys are kept: a corpus names the same things again and again


@lru_cache(maxsize=NAME_CACHE)
def canonical_key(text: str) -> str:
    """Fold a surface form to the key under which its mentions merge.

    Examples:
        >>> canonical_key("NVIDIA Corp.")
        'nvidia'
        >>> canonical_key("DeepSeek’s")
        'deepseek'
        >>> canonical_key("U.S."), canonical_key("the  United   States")
        ('us', 'united states')
        >>> canonical_key("Nvi\u200bdia")  # an invisible format character does not split a name
        'nvidia'
    """
    text = "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf")
    text = text.translate(APOSTROPHES)
    text = " ".join(text.split())
    text = POSSESSIVE_SUFFIX.sub("", text)
    text = CORPORATE_SUFFIX.sub("", text)
    text = LEADING_ARTICLE.sub("", text).casefold()
    if DOTTED_ACRONYM.match(text):
        text = text.replace(".", "")
    return text


def compact_key(key: str) -> str:
    """A key without its spaces, hyphens and web domain: spellings of one name that differ only there agree.

    Examples:
        >>> compact_key("time warner") == compact_key("timewarner") == compact_key("time-warner.com")
        True
    """
    return re.sub(r"[\s-]", "", WEB_DOMAIN.sub("", key))


def initials(name: str) -> str:
    """The capitals that start the words of ``name`` (an acronym spells them).

    Examples:
        >>> initials("National Union of Journalists"), initials("Shanghai Automotive Industry Corp")
        ('NUJ', 'SAIC')
    """
    return "".join(word[0] for word in re.split(r"[\s-]+", name) if word[:1].isupper())


def abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` spells the initials of the words of ``name``, those of its lower-case words optional.

    Examples:
        >>> [abbreviates(s, n) for s, n in [("BoE", "Bank of England"), ("BOA", "Bank of America"),
        ...  ("SEC", "Securities and Exchange Commission"), ("BE", "Bank of England"), ("BA", "Bank")]]
        [True, True, True, True, False]
    """
    words = [word for word in re.split(r"[\s-]+", name) if word]
    letters = "".join(re.escape(w[0]) + ("" if w[0].isupper() else "?") for w in words)
    return len(words) > 1 and re.fullmatch(letters, short, re.IGNORECASE) is not None


def spells_in_order(short: str, name: str) -> bool:
    """Whether ``short`` is made of letters of ``name`` in order, beginning with its first and taking the initial of
    each of its capitalised words: an acronym written as a word ("Apacs" for "Association of Payment Clearing
    Services").

    Examples:
        >>> [spells_in_order(s, n) for s, n in [("Apacs", "Association of Payment Clearing Services"),
        ...  ("BoE", "Bank of England"), ("Acme", "Association of Payment Clearing Services")]]
        [True, True, False]
    """
    letters, folded = short.casefold(), name.casefold()
    initials = [word[0].casefold() for word in re.split(r"[\s-]+", name) if word[:1].isupper()]
    return len(initials) > 1 and letters[:1] == folded[:1] and _in_order(initials, letters) \
        and _in_order(list(letters), folded)


def _in_order(items: list[str], text: str) -> bool:
    remaining = iter(text)
    return all(item in remaining for item in items)


def is_model_number(word: str) -> bool:
    """Whether ``word`` can be the model number in a product's name ("Boeing 737", "MDA IV"): digits with at
    most three letters before them, or a Roman numeral; not a year.

    Examples:
        >>> [is_model_number(w) for w in ("737", "A380", "3G", "IV", "2004", "Ltd", "V")]
        [True, True, True, True, False, False, False]
    """
    return bool(MODEL_NUMBER.match(word)) and not YEAR.match(word)


def maker_of_model(product: str) -> str | None:
    """The maker's name before the model number in a product's name, or None: a maker's model number has two
    characters or more, with a digit ("737-800", "A321", "25"), a sequel's does not ("Incredibles 2", "Rocky IV").

    Examples:
        >>> maker_of_model("Boeing 737-800"), maker_of_model("Incredibles 2"), maker_of_model("A380")
        ('Boeing', None, None)
    """
    words = product.split()
    cut = next((k for k, word in enumerate(words) if k and is_model_number(word.split("-")[0])), None)
    if cut is None or len(words[cut]) < 2 or not any(c.isdigit() for c in words[cut]):
        return None
    return " ".join(words[:cut])


def strip_titles(text: str, titles: Collection[str]) -> str:
    """``text`` without the titles and honorifics before the name (``titles`` casefolded, one or more words).

    A title is dropped only while a capitalised word is left after it, so a name that merely starts
    with a title word ("Lord of the Rings") keeps it.

    Examples:
        >>> strip_titles("Mr Smith", {"mr"}), strip_titles("Chief Executive John Smith", {"chief executive"})
        ('Smith', 'John Smith')
        >>> strip_titles("Lord of the Rings", {"lord"}), strip_titles("Mr", {"mr"})
        ('Lord of the Rings', 'Mr')
    """
    words = text.split()
    start = 0
    while start < len(words):
        size = next(
            (n for n in (3, 2, 1) if " ".join(words[start : start + n]).casefold() in titles
             and start + n < len(words) and words[start + n][:1].isupper()),
            0,
        )
        if not size:
            break
        start += size
    return " ".join(words[start:])


def head_word_positions(words: Sequence[str]) -> list[int]:
    """Where the kind word of a name of several words may stand: before its first "of" and at its end.

    Examples:
        >>> head_word_positions("Duchy of East Prussia".split()), head_word_positions(["Acme", "Group"])
        ([0, 3], [1])
        >>> head_word_positions(["Acme"]), head_word_positions([])
        ([], [])
    """
    if len(words) < 2:
        return []
    of = next((i for i, word in enumerate(words) if i > 0 and word.casefold() == "of"), None)
    return ([] if of is None else [of - 1]) + [len(words) - 1]


def winner(tally: Tally) -> str:
    """The class with the most weight in ``tally`` (the first in alphabetical order on a tie).

    Examples:
        >>> winner({"Person": 1.0, "Organization": 2.0, "Place": 2.0})
        'Organization'
    """
    return max(sorted(tally), key=lambda t: tally[t])


def type_tally(votes: Iterable[TypeVote]) -> Tally:
    """Class votes of some mentions of one name, weighted by how sure each typing rule is.

    Raw NER labels of the same name count logarithmically, not linearly: the tagger's
    errors on a name repeat, so its fourteenth "DeepSeek is a product" is not new evidence.

    Examples:
        >>> from kg.model import Mention
        >>> ner = [Mention("d", 0, 1, "X", "Product") for _ in range(4)]
        >>> round(type_tally(ner)["Product"], 3)
        1.193
    """
    tally: Tally = defaultdict(float)
    ner: dict[str, list[float]] = defaultdict(list)
    for vote in votes:
        if vote.rule == "ner":
            ner[vote.type].append(vote.type_confidence)
        else:
            tally[vote.type] += vote.type_confidence
    for type_name, weights in ner.items():
        tally[type_name] += sum(weights) / len(weights) * (1 + math.log(len(weights)))
    return tally
