"""A table-of-contents entry listed at a different place than its heading.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes: the entry is moved
to its heading's place among its siblings, keeping its parent and group; when it sits under
the wrong parent (`toc-level`) or no place puts it in order, it is left for a person.

Bad:

```markdown
# Awesome Vision-Language

- [Retrieval](#retrieval)
- [Pretraining](#pretraining)

## Pretraining

#### ViLBERT: Pretraining Task-Agnostic Visiolinguistic Representations for Vision-and-Language Tasks [NeurIPS 2019]

[[paper]](https://arxiv.org/abs/1908.02265) [[code]](https://github.com/jiasenlu/vilbert_beta)

## Retrieval

#### Multi-Modality Cross Attention Network for Image and Sentence Matching [CVPR 2020]

[[paper]](https://arxiv.org/abs/2003.11386)
```

Good:

```markdown
# Awesome Vision-Language

- [Pretraining](#pretraining)
- [Retrieval](#retrieval)

## Pretraining

#### ViLBERT: Pretraining Task-Agnostic Visiolinguistic Representations for Vision-and-Language Tasks [NeurIPS 2019]

[[paper]](https://arxiv.org/abs/1908.02265) [[code]](https://github.com/jiasenlu/vilbert_beta)

## Retrieval

#### Multi-Modality Cross Attention Network for Image and Sentence Matching [CVPR 2020]

[[paper]](https://arxiv.org/abs/2003.11386)
```
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import islice
from typing import FrozenSet, Iterator, List, Sequence, Tuple

from awesome_tools.findings import Edit
from awesome_tools.model import Document, Heading, TocEntry
from awesome_tools.records import replace
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.toc import write
from awesome_tools.toc.align import TOC_SECTION, Plan, expected_nesting, plan_for, toc_settings

RULE = Rule("toc-order", "A table-of-contents entry is not where its heading is.",
            fix="safe", section=TOC_SECTION, tags=("toc",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    plan = plan_for(doc, toc_settings(ctx), ctx)
    if plan is None or plan.toc.kind == "inline":
        return  # a table or HTML TOC: its order is a layout choice (columns)
    misplaced = expected_nesting(doc, plan)
    index_of = {id(entry): i for i, entry in enumerate(plan.toc.entries)}
    # Every moved entry is placed among the entries that stay, in its heading's rank among
    # the entries moved to the same place: placed among others that move too, each round
    # would settle one of them (a reversed TOC: one entry per round, past the fix's rounds).
    moving = tuple(entry for entry, _ in plan.moved if index_of[id(entry)] not in misplaced)
    order = _Order(plan, frozenset(id(entry) for entry in moving))
    for entry, heading in plan.moved:
        fix: Tuple[Edit, ...] = ()
        if index_of[id(entry)] not in misplaced:  # under the wrong parent: toc-level's case
            removed = write.delete_edit(doc, entry)
            added = write.insert_edit(doc, plan, heading, skip=moving, keep=entry)
            if added is not None:
                added = replace(added, rank=heading.index)
            if removed and added and added.start not in (removed.start, removed.end) and \
                    order.in_order_at(doc, entry, heading, added.start):
                fix = (removed, added)
        yield Problem(entry.line, entry.column, f"table-of-contents entry '{entry.text}' is out "
                      f"of order: heading '{heading.text}' is at line {heading.line}", fix=fix)


class _Order:
    """The paired entries of expected headings by line, sorted once for every moved entry
    (a TOC in reverse order moves all but one)."""

    def __init__(self, plan: Plan, moving: FrozenSet[int] = frozenset()) -> None:
        entries, heading_of, expected = plan.toc.entries, plan.heading_of, plan.expected_index
        self.rows: List[Tuple[TocEntry, int]] = [
            (entries[index], heading_of[index].index)
            for index in sorted(heading_of, key=lambda i: entries[i].line)
            if heading_of[index].index in expected and id(entries[index]) not in moving]
        self.lines = [entry.line for entry, _ in self.rows]

    def in_order_at(self, doc: Document, moved: TocEntry, heading: Heading,
                    offset: int) -> bool:
        """Whether the entry, put back at ``offset``, comes between the entries of the
        headings before and after its own (else moving it would only move the disorder
        elsewhere)."""
        line = doc.position(offset)[0]
        rows = self.rows
        split = bisect_left(self.lines, line)  # rows before it are above the line
        before = after = None
        for entry, index in _backwards(rows, split):
            if entry is not moved:
                before = index
                break
        for entry, index in islice(rows, split, None):
            if entry is not moved:
                after = index
                break
        return (before is None or before < heading.index) and \
            (after is None or heading.index < after)


def _backwards(rows: Sequence[Tuple[TocEntry, int]], stop: int) -> Iterator[Tuple[TocEntry, int]]:
    for position in range(stop - 1, -1, -1):
        yield rows[position]
