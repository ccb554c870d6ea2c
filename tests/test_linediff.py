"""The fix's diff, built from its span edits (fixes.linediff), equals difflib's."""
from __future__ import annotations

import difflib
from typing import List, Tuple

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from awesome_tools.findings import Edit
from awesome_tools.fixes import edits as edit_ops
from awesome_tools.fixes.linediff import Block, compose, edit_blocks, unified_diff

ENDINGS = st.sampled_from(["\n", "\r\n", "\r", "\u2028"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Lines unlike each other (a fresh number each), so the diff is unambiguous."""
    count = draw(st.integers(0, 40))
    lines = [f"line {i} " + draw(st.sampled_from(["a", "bb", ""])) + draw(ENDINGS)
             for i in range(count)]
    last = draw(st.booleans())
    text = "".join(lines)
    return text.rstrip("\r\n\u2028") if last and text else text


@st.composite
def edit_sets(draw: st.DrawFn, text: str, salt: int) -> List[Edit]:
    """Non-overlapping span edits whose replacements are new text (maybe several lines)."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    out = []
    for k, (start, end) in enumerate(zip(cuts[::2], cuts[1::2])):
        if draw(st.booleans()):
            start = end = draw(st.sampled_from([start, end]))
        pieces = draw(st.lists(st.sampled_from([f"new {salt}.{k}", "\n", "x", "\r\n"]),
                               max_size=4))
        out.append(Edit(start, end, "".join(pieces)))
    return out


def _expected(old: str, new: str) -> List[str]:
    return list(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                     fromfile="a/R.md", tofile="b/R.md"))


def _distinct(text: str) -> bool:
    lines = text.splitlines()
    return len(set(lines)) == len(lines)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_diff_from_edits_equals_difflib(data: st.DataObject) -> None:
    original = text = data.draw(texts())
    blocks: List[Block] = []
    for salt in range(data.draw(st.integers(1, 3))):
        taken, _ = edit_ops.merge(data.draw(edit_sets(text, salt)))
        fixed = edit_ops.apply(text, taken)
        step = edit_blocks(text, fixed, taken)
        blocks = compose(blocks, step) if salt else step
        text = fixed
    assume(_distinct(original) and _distinct(text))
    got = list(unified_diff(original.splitlines(True), text.splitlines(True), blocks,
                            "a/R.md", "b/R.md"))
    assert _patched(original, got) == text  # always a diff that turns the old into the new
    if _unambiguous(original, text, blocks):
        assert got == _expected(original, text)


def _unambiguous(old: str, new: str, blocks: List[Block]) -> bool:
    """No line the edits wrote equals a line of the old text: difflib's matcher would
    otherwise align the two (an equally right diff, not the one the edits describe)."""
    old_lines, new_lines = set(old.splitlines(True)), new.splitlines(True)
    return not any(line in old_lines for _, _, new_lo, new_hi in blocks
                   for line in new_lines[new_lo:new_hi])


def _patched(old: str, diff: List[str]) -> str:
    """``old`` with a unified diff's hunks applied (its ``-`` lines checked as it goes)."""
    lines, out, at = old.splitlines(True), [], 0
    for row in diff[2:]:
        if row.startswith("@@"):
            start = int(row.split()[1][1:].split(",")[0])
            count = row.split()[1].split(",")
            first = start - 1 if len(count) == 1 or count[1] != "0" else start
            out.extend(lines[at:first])
            at = first
        elif row.startswith("-"):
            assert lines[at] == row[1:], (lines[at], row)
            at += 1
        elif row.startswith("+"):
            out.append(row[1:])
        elif row.startswith(" "):
            assert lines[at] == row[1:], (lines[at], row)
            out.append(row[1:])
            at += 1
    return "".join(out + lines[at:])


def test_large_insertion_is_one_hunk() -> None:
    """A change difflib's matcher finds slow (many inserted lines) gives difflib's diff."""
    old = "".join(f"- [S{i}](#s{i})\n" for i in range(0, 400, 2))
    new = "".join(f"- [S{i}](#s{i})\n" for i in range(400))
    edits = []
    position = 0
    for line in old.splitlines(True):
        position += len(line)
        number = int(line[4:line.index("]")])
        edits.append(Edit(position, position, f"- [S{number + 1}](#s{number + 1})\n"))
    taken, _ = edit_ops.merge(edits)
    assert edit_ops.apply(old, taken) == new
    blocks: Tuple[Block, ...] = tuple(edit_blocks(old, new, taken))
    got = list(unified_diff(old.splitlines(True), new.splitlines(True), blocks,
                            "a/R.md", "b/R.md"))
    assert got == _expected(old, new)


def test_edits_at_one_offset_are_read_in_their_order() -> None:
    """A deletion right after an insertion at the same offset (merged edits of two rules)
    leaves the inserted text, without a line break, in front of the next line: that line
    changes too."""
    old = "line 0 a\nline 1 a\nline 2 a\nline 3 \r\nline 4 \r\nline 5 a\n"
    text, blocks = old, []
    for salt, edits in enumerate([[Edit(0, 0, "new 0.0"), Edit(0, 39, "")],
                                  [Edit(0, 0, ""), Edit(0, 0, "new 1.2"), Edit(0, 13, "")]]):
        taken, _ = edit_ops.merge(edits)
        fixed = edit_ops.apply(text, taken)
        step = edit_blocks(text, fixed, taken)
        blocks = compose(blocks, step) if salt else step
        text = fixed
    assert text == "new 1.2line 5 a\n"
    got = list(unified_diff(old.splitlines(True), text.splitlines(True), blocks,
                            "a/R.md", "b/R.md"))
    assert got == _expected(old, text)
