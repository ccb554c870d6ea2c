"""Edits: bytes outside spans kept, duplicates once, overlaps dropped, insert order kept."""
from __future__ import annotations

from awesome_tools.fixes.edits import apply, merge
from awesome_tools.findings import Edit


def test_apply_replaces_only_spans():
    assert apply("abcdef", [Edit(1, 2, "X"), Edit(4, 4, "+")]) == "aXcd+ef"


def test_identical_edits_apply_once_and_overlaps_are_dropped():
    taken, dropped = merge([Edit(0, 3, "x"), Edit(0, 3, "x"), Edit(2, 4, "y")])
    assert taken == [Edit(0, 3, "x")] and dropped == [Edit(2, 4, "y")]


def test_insertions_at_one_offset_keep_their_order():
    assert apply("ab", [Edit(1, 1, "1"), Edit(1, 1, "2"), Edit(1, 2, "")]) == "a12"


def test_no_edits_returns_the_same_text():
    text = "unchanged\r\n"
    assert apply(text, []) is text
