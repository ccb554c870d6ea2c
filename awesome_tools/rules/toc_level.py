"""A table-of-contents entry nested where its heading is not: under the entry of a section that
does not contain its heading, or flat while the other listed subsections of its section all
nest under that section's entry. TOCs may legitimately flatten levels, skip one, or group
entries under plain-text labels (`* Utilities`), so depth alone is never reported: an entry
is judged against its siblings, the entries whose headings share its nearest listed section.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes, when re-indenting the
one line gives it the right parent (it is the last entry under the wrong parent, or every
entry after it there moves out too, or it comes right after its section's entries) and
nothing is nested under it; otherwise it is reported and left for a person, since moving
lines could change what the TOC groups.

Bad:

```markdown
# Awesome Transformers

- [Vision Language Models](#vision-language-models)
  - [Pretraining](#pretraining)
  - [Retrieval](#retrieval)
- [Transformer](#transformer)
- [Efficient Transformers](#efficient-transformers)

## Vision Language Models

### Pretraining

[[paper]](https://arxiv.org/abs/1908.02265)

### Retrieval

[[paper]](https://arxiv.org/abs/2003.11386)

## Transformer

### Efficient Transformers

[[paper]](https://arxiv.org/abs/2006.04768)
```

Good:

```markdown
# Awesome Transformers

- [Vision Language Models](#vision-language-models)
  - [Pretraining](#pretraining)
  - [Retrieval](#retrieval)
- [Transformer](#transformer)
  - [Efficient Transformers](#efficient-transformers)

## Vision Language Models

### Pretraining

[[paper]](https://arxiv.org/abs/1908.02265)

### Retrieval

[[paper]](https://arxiv.org/abs/2003.11386)

## Transformer

### Efficient Transformers

[[paper]](https://arxiv.org/abs/2006.04768)
```
"""
from __future__ import annotations

from typing import Dict, Iterator, Optional, Sequence, Set

from awesome_tools.findings import Edit
from awesome_tools.model import Document, TocEntry
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.toc import write
from awesome_tools.toc.align import (
    TOC_SECTION,
    Nesting,
    Plan,
    expected_nesting,
    plan_for,
    toc_settings,
)

RULE = Rule("toc-level", "A table-of-contents entry is nested where its heading is not.",
            fix="safe", section=TOC_SECTION, tags=("toc",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """An entry's nesting against where its heading sits in the document.

    TOCs legitimately flatten (an H1 beside its H2s, all levels at one depth), group entries
    under plain-text labels, or skip levels, so depth alone says nothing. What is wrong is an
    entry nested under an entry whose section does not contain its heading, or a flat entry
    among siblings that all nest under their section's entry (see ``expected_nesting``).
    """
    plan = plan_for(doc, toc_settings(ctx), ctx)
    if plan is None:
        return
    entries = plan.toc.entries
    expected = expected_nesting(doc, plan)
    moving = _tails_moving_out(entries, expected) if expected else set()
    last_child = {entry.parent: entry for entry in entries} if expected else {}
    for index, nesting in sorted(expected.items()):
        entry = entries[index]
        heading = plan.heading_of[index]
        if nesting.parent is None:
            parent = entries[entry.parent] if entry.parent is not None else None
            message = (f"table-of-contents entry '{entry.text}' is nested under "
                       f"'{parent.text if parent else ''}', but heading '{heading.text}' "
                       f"(line {heading.line}) is not inside that section")
        else:
            section = nesting.section
            message = (f"table-of-contents entry '{entry.text}' should be nested under "
                       f"'{entries[nesting.parent].text}' (line {entries[nesting.parent].line}): "
                       f"heading '{heading.text}' is inside section "
                       f"'{section.text if section else ''}', like its listed siblings")
        edit = _reindent(doc, plan, index, nesting, moving, last_child)
        yield Problem(entry.line, entry.column, message, fix=(edit,) if edit else ())


def _reindent(doc: Document, plan: Plan, index: int, nesting: Nesting, moving: Set[int],
              last_child: Dict[Optional[int], TocEntry]) -> "Edit | None":
    """The one-line edit that gives the entry the right parent, when re-indenting alone does
    it (the entry is the last of its parent's subtree, or every sibling after it moves out
    with it, or it comes right after its section's entry's subtree, and has no nested lines);
    None otherwise, and the finding is reported unfixed."""
    entries = plan.toc.entries
    entry = entries[index]
    if entry.parent is not None and nesting.parent == entries[entry.parent].parent:
        parent = entries[entry.parent]
        if entry.end_line == parent.end_line or index in moving:
            return write.reindent_edit(doc, entry, write.line_prefix(doc, parent))
        return None
    if nesting.parent is not None and entry.parent == entries[nesting.parent].parent:
        section = entries[nesting.parent]
        if entry.line == section.end_line:  # right after the section's subtree
            last = last_child.get(nesting.parent)  # (one map, not a scan per entry)
            like = write.line_prefix(doc, last) if last is not None else \
                write.child_prefix(doc, section)
            return write.reindent_edit(doc, entry, like)
    return None


def _tails_moving_out(entries: Sequence[TocEntry], expected: Dict[int, Nesting]) -> Set[int]:
    """The entries that, with every entry after them under their parent, move out to the
    parent's level, none with nested lines: re-indented together in one round they keep their
    order and adopt nothing (one a round, the last first, took as many rounds as entries).
    One pass from the end, each parent's children run backwards."""
    moving: Set[int] = set()
    broken: Set[Optional[int]] = set()  # parents with a child after it that stays
    for index in range(len(entries) - 1, -1, -1):
        entry = entries[index]
        parent = entry.parent
        if parent is None or parent in broken:
            continue
        nesting = expected.get(index)
        if entry.end_line == entry.own_end_line and nesting is not None and \
                nesting.parent == entries[parent].parent:
            moving.add(index)
        else:
            broken.add(parent)
    return moving
