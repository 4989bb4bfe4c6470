"""``make calibrate``'s numbers: a rule's news precision, smoothed towards its other sets' precision moved by
each set's offset."""

from __future__ import annotations

import math
from collections import defaultdict

import pytest

from benchmarks.calibrate import SMOOTHING, Outcomes, Tally, calibrated, development_offset, moved, source_offset


def outcomes(*rows: tuple[str, str, float, float]) -> Outcomes:
    """(rule, predicate, stated, right) rows as outcomes."""
    found: Outcomes = defaultdict(Tally)
    for rule, predicate, stated, right in rows:
        found[rule, predicate] = Tally(stated, right)
    return found


def test_moved_shifts_log_odds() -> None:
    assert moved(0.5, 0.0) == pytest.approx(0.5)
    assert moved(0.5, 1.0) == pytest.approx(0.731, abs=1e-3)
    assert moved(0.8, -1.0) < 0.8


def test_source_offset_makes_the_moved_precision_add_up_to_the_verdicts() -> None:
    offset = source_offset({"a": 0.5, "b": 0.5}, {"a": Tally(6, 5), "b": Tally(4, 3)})
    assert moved(0.5, offset) == pytest.approx(0.8, abs=1e-4)


def test_source_offset_is_zero_without_shared_rules() -> None:
    assert source_offset({"a": 0.5}, {"b": Tally(3, 3)}) == 0.0


def test_a_set_that_calls_true_facts_wrong_lifts_the_prior_of_rules_news_has_not_seen() -> None:
    other = outcomes(("seen", "locatedIn", 100, 50), ("unseen", "locatedIn", 100, 50))
    news = outcomes(("seen", "locatedIn", 10, 9))
    table, offsets = calibrated({"other": other}, news)
    assert offsets["other"] > 1.0
    assert table["unseen"]["confidence"] > 0.8  # the other set's 0.5, moved by its offset
    assert table["seen"]["stated"] == 10 and table["seen"]["right"] == 9


def test_a_rule_only_news_shows_is_smoothed_towards_news_pooled_precision() -> None:
    news = outcomes(("common", "worksFor", 18, 18), ("rare", "worksFor", 2, 0))
    table, _ = calibrated({"other": outcomes(("elsewhere", "worksFor", 10, 5))}, news)
    fallback = (18 + 1) / (20 + 2)
    assert table["rare"]["confidence"] == pytest.approx((0 + SMOOTHING * fallback) / (2 + SMOOTHING), abs=1e-3)


def test_what_unchecked_text_loses_to_checked_text_moves_every_confidence_down() -> None:
    checked = outcomes(("a", "worksFor", 98, 80))  # (80 + 1) / (98 + 2) = 0.81
    unchecked = outcomes(("a", "worksFor", 98, 70), ("b", "basedIn", 100, 50))  # (120 + 1) / (198 + 2) = 0.605
    development = development_offset(checked, unchecked)
    assert development == pytest.approx(math.log(0.605 / 0.395) - math.log(0.81 / 0.19), abs=1e-3)
    assert development_offset(unchecked, checked) == 0.0  # doing better on unchecked text moves nothing
    news = outcomes(("a", "worksFor", 10, 9))
    plain, _ = calibrated({"other": unchecked}, news)
    table, _ = calibrated({"other": unchecked}, news, development)
    assert table["a"]["confidence"] == pytest.approx(moved(plain["a"]["confidence"], development), abs=2e-3)
