"""Applying edits to source text: every byte outside an edited span stays as it was.

Edits come from independent rules, so two may touch the same place: identical edits are
applied once, insertions at one offset keep their order, and an edit overlapping one
already taken is dropped (the fixer runs again on the result, so nothing is lost).
"""
from __future__ import annotations

from typing import Iterable, List, Tuple

from awesome_tools.findings import Edit


def merge(edits: Iterable[Edit]) -> Tuple[List[Edit], List[Edit]]:
    """(edits that can be applied together, in order; edits dropped for overlapping)."""
    ordered = sorted(enumerate(edits),
                     key=lambda pair: (pair[1].start, pair[1].end, pair[1].rank, pair[0]))
    taken: List[Edit] = []
    dropped: List[Edit] = []
    seen = set()
    last_end = -1
    for _, edit in ordered:
        key = (edit.start, edit.end, edit.replacement)
        if key in seen:
            continue
        if edit.start < last_end:
            dropped.append(edit)
            continue
        seen.add(key)
        taken.append(edit)
        last_end = max(last_end, edit.end)
    return taken, dropped


def apply(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` applied (see :func:`merge` for conflicts)."""
    taken, _ = merge(edits)
    if not taken:
        return text
    out = []
    position = 0
    for edit in taken:
        out.append(text[position:edit.start])
        out.append(edit.replacement)
        position = edit.end
    out.append(text[position:])
    return "".join(out)
