"""The safety net around every fix, as mdformat refuses a rewrite that renders differently.

Before ``fix`` writes (or shows) anything, the result is parsed again and checked:

1. nothing that ``check`` calls fixable is left (a fix that does not converge would make a
   pre-commit hook fail forever);
2. nothing new is reported that was not reported before, by any rule that runs (a fix must
   never write what ``check`` then reports, such as ``- [](#)`` for an empty heading);
3. the table of contents means what it meant: every entry that lists a heading before and
   after the fix sits under the same parent entry and the same group label, except an entry
   ``toc-level`` moved, and that one only to the entry of its heading's enclosing section.

If a check fails, the fix is refused as a whole (:class:`UnsafeFix`, exit 2) and the rule
whose edits cause it is named: each applied rule's fix is replayed alone until one fails.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from awesome_tools.errors import InputError
from awesome_tools.findings import Finding
from awesome_tools.model import Document
from awesome_tools.rules import RuleContext
from awesome_tools.runner import Selection, check_document, selected_rules

_DIGITS = re.compile(r"\d+")
# fix_text's shape (fixes.pipeline imports this module): (text, ctx, rules, path) -> (fixed, _)
FixText = Callable[[str, RuleContext, Selection, str], Tuple[str, Any]]


class UnsafeFix(InputError):
    """A fix that would leave the list worse; nothing was written."""

    def __init__(self, rule: str, why: str) -> None:
        super().__init__(f"the fix of rule {rule} is unsafe here ({why}); nothing was written, "
                         f"please report this")
        self.rule = rule
        self.why = why


def _line_key(doc: Document, finding: Finding) -> Tuple[str, str]:
    """A finding by rule and the text of its line: edits move lines."""
    return finding.rule, doc.line(finding.line).strip()


def _message_key(finding: Finding) -> Tuple[str, str]:
    """A finding by rule and message, without numbers: messages cite line numbers."""
    return finding.rule, _DIGITS.sub("#", finding.message)


def _new(before_doc: Document, before: List[Finding], after_doc: Document,
         after: List[Finding]) -> List[Finding]:
    """Findings of the fixed text that were not there before: new by their message and by
    their line (a rule may word the same problem differently once another is fixed, and a
    fix may edit the line a finding stays on)."""
    by_message = Counter(_message_key(f) for f in after) - \
        Counter(_message_key(f) for f in before)
    by_line = Counter(_line_key(after_doc, f) for f in after) - \
        Counter(_line_key(before_doc, f) for f in before)
    return [f for f in after if _message_key(f) in by_message
            and _line_key(after_doc, f) in by_line]


def problems(original: str, fixed: str, ctx: RuleContext, fixing: Selection,
             path: str) -> Optional[str]:
    """Why ``fixed`` is not a safe fix of ``original`` (None when it is)."""
    from awesome_tools.model.parse import parse

    everything = selected_rules(ctx.config, (), (), online=ctx.online)
    everything.update(fixing)
    before_doc, after_doc = parse(original, path), parse(fixed, path)
    before = check_document(before_doc, ctx, everything).findings
    after = check_document(after_doc, ctx, everything).findings
    left = [f for f in after if f.fix and f.rule in fixing]
    if left:
        first = left[0]
        return f"{first.rule} still fixable at line {first.line} after fixing"
    added = _new(before_doc, before, after_doc, after)
    if added:
        return f"it would add: {added[0].rule} {added[0].message}"
    moved = _reparented(before_doc, after_doc, ctx, before)
    if moved:
        return moved
    return None


def _reparented(before: Document, after: Document, ctx: RuleContext,
                findings: Iterable[Finding]) -> Optional[str]:
    """An entry whose TOC parent or group changed, unless ``toc-level`` reported it and it now
    sits under the entry of its heading's nearest listed section (or at the top when there is
    none), which is the one change the issue allows."""
    if before.toc is None or after.toc is None:
        return None
    from awesome_tools.toc.align import listed_section, plan_for, toc_settings

    settings = toc_settings(ctx)
    old_plan, new_plan = plan_for(before, settings), plan_for(after, settings)
    if old_plan is None or new_plan is None:
        return None
    repaired = {f.line for f in findings if f.rule == "toc-level"}
    old = _places(before, old_plan)
    new = _places(after, new_plan)
    by_anchor = {h.anchor: h for h in after.headings}
    by_anchor_before = {h.anchor: h for h in before.headings}
    for anchor, (place, line) in old.items():
        if anchor not in new or new[anchor][0] == place:
            continue
        if line in repaired:
            now = listed_section(after, new_plan, by_anchor[anchor])
            then = listed_section(before, old_plan, by_anchor_before[anchor])
            if new[anchor][0][0] in {s.anchor if s is not None else None for s in (now, then)}:
                continue
        return f"the table-of-contents entry for #{anchor} (line {line}) would change parent"
    return None


def _places(doc: Document,
            plan: Any) -> Dict[str, Tuple[Tuple[Optional[str], Optional[str]], int]]:
    """Heading anchor -> ((anchor of the parent entry's heading, group label), entry line)."""
    toc = doc.toc
    assert toc is not None  # only documents with a TOC are compared (see _reparented)
    places = {}
    for index, heading in plan.heading_of.items():
        entry = toc.entries[index]
        parent = plan.heading_of.get(entry.parent).anchor if entry.parent is not None and \
            entry.parent in plan.heading_of else None
        label = toc.labels[entry.label].text if entry.label is not None else None
        places[heading.anchor] = ((parent, label), entry.line)
    return places


def culprit(original: str, ctx: RuleContext, fixing: Selection, applied: Sequence[str],
            path: str, fix: FixText) -> str:
    """The first applied rule whose fix alone is unsafe (the first applied rule when each is
    safe alone and only their combination is not)."""
    for name in applied:
        alone = {name: fixing[name]}
        fixed, _ = fix(original, ctx, alone, path)
        if problems(original, fixed, ctx, alone, path) is not None:
            return name
    return applied[0] if applied else "?"


def guarded(original: str, fixed: str, applied: List[str], ctx: RuleContext,
            fixing: Selection, path: str, fix: FixText) -> None:
    """Raise :class:`UnsafeFix` when ``fixed`` is not a safe fix of ``original``."""
    if fixed == original:
        return
    why = problems(original, fixed, ctx, fixing, path)
    if why is not None:
        raise UnsafeFix(culprit(original, ctx, fixing, applied, path, fix), why)
