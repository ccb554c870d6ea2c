"""An in-page link (`[text](#fragment)`, an HTML `href="#fragment"` or a reference definition)
whose fragment lands nowhere: no heading anchor, no `id=` on any tag, no `name=` on `<a>`.
Anchors are computed exactly as GitHub computes them, repeated headings numbered `-1`, `-2`,
and a fragment is resolved the way a browser resolves it: percent-decoded, then compared
exactly with ids, then with names. `#top` and GitHub line fragments (`#L10`, `#L10-L20`) are
left alone.

Two near-misses are reported as warnings, because they work in some places and not in
others: a fragment that differs from an anchor only in letter case (github.com's page script
also tries the lower-cased fragment, so the link scrolls there on github.com, but not in
editors' previews, other renderers or TOC viewers, which compare exactly), and one that
differs only by the invisible emoji variation selector U+FE0F, which GitHub keeps in the
anchors of headings such as `## ⚙️ Setup` (written `%EF%B8%8F` in a link). Any other broken
fragment is an error, and the message names the closest anchor.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes, when exactly one
heading is plausibly meant (letter case, U+FE0F, a stale `-1` after a repeated section was
removed, a slightly renamed heading); otherwise the link is left alone and still reported. A
TOC entry is repointed at the heading the TOC alignment says it lists. The two near-misses
are warnings.

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

from typing import Dict, Iterator, Optional, Tuple

from awesome_tools.findings import Edit
from awesome_tools.model import Document
from awesome_tools.model.targets import CASE, CASE_AND_VS16, decode
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._anchors import AnchorIndex, SuggestionBudget, in_page_fragments, \
    written

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
    budget = SuggestionBudget()
    toc_repairs: Optional[Dict[Tuple[int, int], str]] = None  # asked for a broken TOC link
    for link, fragment in in_page_fragments(doc):
        if index.resolves(fragment):
            continue
        decoded = decode(fragment)
        meant, closest = index.repair(decoded, budget)
        if link.in_toc and doc.toc is not None:
            # The TOC alignment knows which heading an entry lists; an entry that lists
            # none is toc-extra's to remove, not ours to repoint. (The alignment is made
            # only for a broken TOC link: a list whose TOC links all land needs none here.)
            if toc_repairs is None:
                toc_repairs = _toc_repairs(doc, ctx)
            meant = toc_repairs.get((link.line, link.column))
            closest = meant or closest
        kind, near = index.near(decoded)
        severity = None
        if len(near) == 1 and kind is not None:
            message = _near_message(fragment, decoded, kind, near[0].name)
            severity = "warning"
        else:
            message = f"link fragment #{fragment} matches no heading or anchor"
            if closest:
                message += f" (did you mean #{written(closest)}?)"
        fix: Tuple[Edit, ...] = ()
        if meant is not None and link.dest is not None:
            before = link.url.split("#", 1)[0]  # `./` stays
            fix = (Edit(link.dest.start, link.dest.end, before + "#" + written(meant)),)
        yield Problem(link.line, link.column, message, severity=severity,
                      suggestion=f"#{written(closest)}" if closest else None, fix=fix)


def _near_message(fragment: str, decoded: str, kind: str, anchor: str) -> str:
    """What happens to a link that misses an anchor only by case or by U+FE0F."""
    head = f"link fragment #{fragment}"
    if kind == CASE:
        return (f"{head} differs only in letter case from the anchor #{written(anchor)}: "
                "github.com's page script finds it by lower-casing, but other renderers, "
                "editors' previews and TOC viewers compare exactly")
    if "\ufe0f" in anchor and "\ufe0f" not in decoded:
        what = (f"lacks the invisible emoji variation selector U+FE0F that GitHub keeps in the "
                f"anchor #{written(anchor)}")
    else:
        what = (f"differs from the anchor #{written(anchor)} by the invisible emoji variation "
                "selector U+FE0F")
    if kind == CASE_AND_VS16:
        what += " (and in letter case)"
    return f"{head} {what}, so the link lands nowhere"
