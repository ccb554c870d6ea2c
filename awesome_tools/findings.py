"""Findings and edits: the data every rule produces and every formatter and fixer consumes."""
from __future__ import annotations

from awesome_tools.records import field
from typing import Any, Optional, Tuple

from awesome_tools.records import record

SEVERITIES = ("error", "warning", "note")


@record(frozen=True)
class Edit:
    """Replace the source characters [start, end) with ``replacement``."""

    start: int
    end: int
    replacement: str
    # Orders insertions at one offset that come from different findings, lowest first (else
    # they keep the findings' order, by line): a TOC entry moved next to others that move too
    # ranks by its heading. Not part of the edit's identity.
    rank: int = field(default=0, compare=False)


@record(frozen=True)
class Finding:
    """One problem at one place.

    ``suggestion`` is a short replacement a person can paste (``#survey``); ``fix`` holds the
    edits ``awesome-tools fix`` would apply, empty when the finding is not safely fixable;
    ``related`` points at the other place involved (the first occurrence of a duplicate).
    """

    path: str
    line: int
    column: int
    rule: str
    message: str
    severity: str = "error"
    suggestion: Optional[str] = None
    related: Optional[Tuple[str, int]] = None
    fix: Tuple[Edit, ...] = field(default=(), compare=False)

    @property
    def fixable(self) -> bool:
        return bool(self.fix)

    def sort_key(self) -> Tuple[Any, ...]:
        return (self.path, self.line, self.column, self.rule, self.message)
