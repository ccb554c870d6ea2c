"""What the link checker checks: :class:`Target` (one URL, every place it appears).

Kept apart from :mod:`extract` (which reads Documents) so that a run that takes a list's
targets from the cache imports neither the Markdown model nor the URL rules.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from awesome_tools.records import record


PAGE = "page"  # the kind of a URL no host plugin claims: checked as a web page


@record(frozen=True)
class Location:
    path: str
    line: int
    column: int
    section: Tuple[str, ...] = ()


@record(frozen=True)
class Target:
    """One URL to check. ``kind`` is ``page`` or the name of the host plugin that claimed it;
    ``ident`` is what that plugin needs (an arXiv id, owner and repository)."""

    key: str
    url: str  # the first spelling met, without its fragment: what gets fetched
    kind: str
    locations: Tuple[Location, ...]
    ident: Tuple[str, ...] = ()

    @property
    def first(self) -> Location:
        return self.locations[0]


def merge(per_document: Iterable[Sequence[Target]]) -> List[Target]:
    """One target per key over several documents: the first spelling met, every place."""
    merged: Dict[str, Target] = {}
    for targets in per_document:
        for target in targets:
            known = merged.get(target.key)
            if known is None:
                merged[target.key] = target
            else:
                extra = tuple(where for where in target.locations
                              if where not in known.locations)
                if extra:
                    merged[target.key] = Target(known.key, known.url, known.kind,
                                                known.locations + extra, known.ident)
    return list(merged.values())


def to_json(targets: Sequence[Target]) -> List[List[Any]]:
    """Targets of one document as plain lists (the link cache keeps them; see ``from_json``)."""
    return [[t.key, t.url, t.kind, list(t.ident),
             [[where.line, where.column, list(where.section)] for where in t.locations]]
            for t in targets]


def from_json(path: str, rows: object) -> Optional[List[Target]]:
    """Targets back from ``to_json`` for the document ``path``; None if the rows are malformed."""
    try:
        return [Target(str(key), str(url), str(kind),
                       tuple(Location(path, int(line), int(column),
                                      tuple(str(part) for part in section))
                             for line, column, section in places),
                       tuple(str(part) for part in ident))
                for key, url, kind, ident, places in rows]  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return None


def split_excluded(targets: Sequence[Target],
                   excluded: Callable[[str], bool]) -> Tuple[List[Target], List[Target]]:
    """(kept, excluded) by the policy's pattern check (``excluded(url) -> reason or None``)."""
    kept: List[Target] = []
    dropped: List[Target] = []
    for target in targets:
        (dropped if excluded(target.url) else kept).append(target)
    return kept, dropped
