"""An in-page link (`[text](#fragment)`, an HTML `href="#fragment"` or a reference definition)
whose fragment matches no heading anchor and no HTML anchor (`id=` on any tag, `name=` on
`<a>`). Anchors are computed exactly as GitHub computes them, repeated headings numbered
`-1`, `-2`. GitHub compares fragments exactly, so a fragment that differs only in letter case
is broken, and the message says so; otherwise it names the closest anchor. Fragments are
percent-decoded, and the emoji variation selector U+FE0F may be present or absent. `#top`
and GitHub line fragments (`#L10`, `#L10-L20`) are left alone.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes, when exactly one
heading is plausibly meant (letter case, a stale `-1` after a repeated section was removed,
a slightly renamed heading); otherwise the link is left alone and still reported. A TOC
entry is repointed at the heading the TOC alignment says it lists.

Bad:

```markdown
## Transformer

Start with the [efficient transformers](#Efficient-Transformers), then read the [surveys](#surveys).

### Efficient Transformers

### Survey
```

Good:

```markdown
## Transformer

Start with the [efficient transformers](#efficient-transformers), then read the [surveys](#survey).

### Efficient Transformers

### Survey
```
"""
from __future__ import annotations

from typing import Dict, Iterator, Tuple
from urllib.parse import unquote

from awesome_tools.findings import Edit
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._anchors import AnchorIndex, in_page_fragments

RULE = Rule("broken-anchor", "An in-page #fragment matches no heading anchor or HTML anchor.",
            fix="safe", tags=("anchors", "toc"), docs=__doc__)


def _toc_repairs(doc: Document, ctx: RuleContext) -> Dict[Tuple[int, int], str]:
    """(line, column) of TOC links -> the anchor of the heading the TOC alignment pairs them
    with: for a TOC entry that alignment knows better than string similarity."""
    if doc.toc is None:
        return {}
    from awesome_tools.toc.align import plan_for, repairs, toc_settings

    return repairs(plan_for(doc, toc_settings(ctx), ctx))


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    index = AnchorIndex(doc)
    toc_repairs = _toc_repairs(doc, ctx)
    for link, fragment in in_page_fragments(doc):
        decoded = unquote(fragment) if "%" in fragment else fragment
        if index.resolves(decoded):
            continue
        meant, closest = index.repair(decoded)
        if link.in_toc and doc.toc is not None:
            # The TOC alignment knows which heading an entry lists; an entry that lists
            # none is toc-extra's to remove, not ours to repoint.
            meant = toc_repairs.get((link.line, link.column))
            closest = meant or closest
        case = index.case_only(decoded)
        if len(case) == 1:
            message = (f"link fragment #{fragment} differs only in letter case from the anchor "
                       f"#{case[0]} (GitHub anchors are case-sensitive)")
        else:
            message = f"link fragment #{fragment} matches no heading or anchor"
            if closest:
                message += f" (did you mean #{closest}?)"
        fix: Tuple[Edit, ...] = ()
        if meant is not None and link.dest is not None:
            fix = (Edit(link.dest.start, link.dest.end, "#" + meant),)
        yield Problem(link.line, link.column, message,
                      suggestion=f"#{closest}" if closest else None, fix=fix)
