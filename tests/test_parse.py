"""Batching documents for the parse workers (kg/parse.py)."""

from __future__ import annotations

from kg.parse import CLOSING_SPLIT, _closing_in_small_batches


def test_the_closing_batches_are_smaller_and_every_part_comes_once_in_order():
    parts = [(f"text {i}", (i, 0, None)) for i in range(100)]
    batches = list(_closing_in_small_batches(parts, 8, closing=2))  # type: ignore[arg-type]
    assert [part for batch in batches for part in batch] == parts
    sizes = [len(batch) for batch in batches]
    small = 8 // CLOSING_SPLIT
    assert sizes[: (100 - 2 * 8) // 8] == [8] * ((100 - 2 * 8) // 8)
    assert sum(size == small for size in sizes) >= 2 * 8 // small - 1
    assert max(sizes[-(2 * 8 // small) :]) <= small


def test_a_short_input_comes_in_small_batches():
    parts = [(f"text {i}", (i, 0, None)) for i in range(5)]
    batches = list(_closing_in_small_batches(parts, 32, closing=4))  # type: ignore[arg-type]
    assert [part for batch in batches for part in batch] == parts
    assert all(len(batch) <= 32 // CLOSING_SPLIT for batch in batches)
