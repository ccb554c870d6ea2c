"""A unified diff built from the fix's own span edits, in time linear in the text.

``difflib.unified_diff`` matches the whole old text against the whole new one; on a large
change (hundreds of TOC entries inserted) its matcher is super-linear. ``fix`` knows where it
changed the text: every round applies span edits. Those spans, widened to whole lines (and one
untouched line either side, so a line ending the edit joins or splits is inside the block), are
the only places that can differ; the lines between them are equal by construction. The diff is
difflib's own matcher run on each small block, difflib's hunk grouping (3 lines of context,
hunks merged when close) on the result, and difflib's output format.

A block is ``(a_lo, a_hi, b_lo, b_hi)``: old lines ``a_lo:a_hi`` became new lines
``b_lo:b_hi`` (indices into ``str.splitlines(True)``, the lines difflib compares).
"""
from __future__ import annotations

import difflib
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Iterable, Iterator, List, Sequence, Tuple

from awesome_tools.findings import Edit

Block = Tuple[int, int, int, int]
Opcode = Tuple[str, int, int, int, int]


def line_starts(text: str) -> List[int]:
    """Offset of each line of ``text.splitlines(True)``, then ``len(text)``."""
    return [0, *accumulate(len(line) for line in text.splitlines(True))]


def edit_blocks(old: str, new: str, taken: Sequence[Edit]) -> List[Block]:
    """The line blocks of one round: ``taken`` (sorted, non-overlapping, as
    :func:`awesome_tools.fixes.edits.merge` returns them) turned ``old`` into ``new``."""
    old_starts, new_starts = line_starts(old), line_starts(new)
    spans: List[Tuple[int, int, int]] = []  # (first line, end line, delta of the edits)
    prev_end, prev_char = -1, ""
    for edit in taken:
        # the new text's character just before the edit: an edit right after another (at
        # the same offset, as insertions and a deletion there) follows what that one wrote
        context = prev_char if edit.start == prev_end else old[edit.start - 1:edit.start]
        lo, hi = _lines_of(old, old_starts, edit, context)
        prev_end, prev_char = edit.end, (context + edit.replacement)[-1:]
        delta = len(edit.replacement) - (edit.end - edit.start)
        if spans and lo <= spans[-1][1]:
            prev_lo, prev_hi, prev_delta = spans[-1]
            spans[-1] = (min(prev_lo, lo), max(prev_hi, hi), prev_delta + delta)
        else:
            spans.append((lo, hi, delta))
    blocks: List[Block] = []
    shift = 0  # characters added before the current span
    for lo, hi, delta in spans:
        start = old_starts[lo] + shift
        end = old_starts[hi] + shift + delta
        blocks.append((lo, hi, bisect_left(new_starts, start), bisect_left(new_starts, end)))
        shift += delta
    return blocks


def _lines_of(old: str, starts: Sequence[int], edit: Edit, context: str) -> Tuple[int, int]:
    """The old lines an edit changes: those it touches, a line it ends without a line break
    (the next line joins it), and a line whose ``\\r`` meets a ``\\n`` across the edit.
    ``context``: the new text's character just before the edit ("" at the start)."""
    count = len(starts) - 1
    start, end, replacement = edit.start, edit.end, edit.replacement
    lo = bisect_right(starts, start) - 1
    if start and start == len(old) and not _breaks(old[-1]):
        lo = count - 1  # after a last line without a break: that line changes
    elif start and starts[lo] == start and context == "\r" \
            and (replacement + old[end:end + 1])[:1] == "\n":
        lo -= 1  # "\r" + "\n": the line before joins
    before = (context + replacement)[-1:]
    whole = not before or _breaks(before) and not (before == "\r" and old[end:end + 1] == "\n")
    end_line = bisect_right(starts, end) - 1
    if end == len(old):
        hi = count
    elif starts[end_line] == end and whole:
        hi = end_line  # the line at the edit's end stays whole
    else:
        hi = end_line + 1
    return lo, max(hi, lo)


def _breaks(char: str) -> bool:
    """Whether ``char`` ends a line for ``str.splitlines``."""
    return len((char + "x").splitlines()) == 2


def compose(first: Sequence[Block], second: Sequence[Block]) -> List[Block]:
    """Blocks from the first text to the third, given those of two rounds (the second's old
    lines are the first's new lines)."""
    # Both lists' middle ranges, merged where they overlap or touch; each group's ends lie
    # outside every block, where a line maps by the sizes of the blocks before it.
    marks = sorted([(b_lo, b_hi) for _, _, b_lo, b_hi in first]
                   + [(a_lo, a_hi) for a_lo, a_hi, _, _ in second])
    groups: List[List[int]] = []
    for lo, hi in marks:
        if groups and lo <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], hi)
        else:
            groups.append([lo, hi])
    back = _Mapper([(b_lo, b_hi, a_lo, a_hi) for a_lo, a_hi, b_lo, b_hi in first])
    forward = _Mapper(second)
    return [(back(lo, False), back(hi, True), forward(lo, False), forward(hi, True))
            for lo, hi in groups]


class _Mapper:
    """Maps a line outside the interiors of non-touching blocks from their old side to their
    new side: shifted by the size changes of the blocks before it. A block that is empty on
    the old side (an insertion at the line) counts as before it only for the end of a range."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        self.ends = [a_hi for _, a_hi, _, _ in blocks]
        self.starts = [a_lo for a_lo, _, _, _ in blocks]
        self.shifts = [0, *accumulate((b_hi - b_lo) - (a_hi - a_lo)
                                      for a_lo, a_hi, b_lo, b_hi in blocks)]

    def __call__(self, line: int, end: bool) -> int:
        index = bisect_left(self.ends, line)
        shift = self.shifts[index]
        if index < len(self.ends) and self.ends[index] == line and (
                end or self.starts[index] < line):
            shift = self.shifts[index + 1]
        return line + shift


def opcodes(a: Sequence[str], b: Sequence[str], blocks: Iterable[Block]) -> List[Opcode]:
    """difflib's opcodes for ``a`` -> ``b``, matching only inside the blocks."""
    out: List[Opcode] = []

    def add(tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
        if i1 == i2 and j1 == j2:
            return
        if tag == "equal" and out and out[-1][0] == "equal":
            prev = out.pop()
            i1, j1 = prev[1], prev[3]
        out.append((tag, i1, i2, j1, j2))

    i = j = 0
    for a_lo, a_hi, b_lo, b_hi in blocks:
        add("equal", i, a_lo, j, b_lo)
        matcher = difflib.SequenceMatcher(None, a[a_lo:a_hi], b[b_lo:b_hi])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            add(tag, a_lo + i1, a_lo + i2, b_lo + j1, b_lo + j2)
        i, j = a_hi, b_hi
    add("equal", i, len(a), j, len(b))
    return out


class _Given(difflib.SequenceMatcher):  # type: ignore[type-arg]
    """A matcher whose opcodes are given: difflib's hunk grouping, without its matching."""

    def __init__(self, given: List[Opcode]) -> None:
        super().__init__(None, "", "")
        self.given = given

    def get_opcodes(self) -> List[Opcode]:  # type: ignore[override]
        return list(self.given)


def _range(start: int, stop: int) -> str:
    """difflib's unified range: ``start,length`` (1-based; ``start`` alone for one line)."""
    beginning, length = start + 1, stop - start
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1  # an empty range starts before its line
    return f"{beginning},{length}"


def unified_diff(a: Sequence[str], b: Sequence[str], blocks: Iterable[Block], fromfile: str,
                 tofile: str, n: int = 3) -> Iterator[str]:
    """The lines ``difflib.unified_diff(a, b, fromfile, tofile, n=n)`` yields when its matcher
    agrees with the blocks (always, where the changed lines are unlike their neighbours)."""
    started = False
    for group in _Given(opcodes(a, b, blocks)).get_grouped_opcodes(n):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for line in a[i1:i2]:
                    yield " " + line
                continue
            if tag in {"replace", "delete"}:
                for line in a[i1:i2]:
                    yield "-" + line
            if tag in {"replace", "insert"}:
                for line in b[j1:j2]:
                    yield "+" + line
