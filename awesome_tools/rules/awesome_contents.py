"""The table of contents is the awesome kind: a `## Contents` section, the first one after
the title and description, at most two levels deep, without the Contributing and Footnotes
sections. Part of the `awesome` profile (`profiles: [awesome]`).

Whether the TOC lists the right headings, in the right order and with working links is
checked by the `toc-*` rules, which run without a profile; this rule checks only the awesome
style. A list without a TOC is fine (awesome-lint made it optional), and a TOC headed in
another language (`## 目录`) is not renamed.

**On by default:** no · **Severity:** error · **Fixed by `fix`:** no: renaming the heading
changes its anchor, which links elsewhere may use.

Bad:

```markdown
# Awesome Transformers

Papers on making transformers cheaper.

## Table of Contents

- [Efficient Attention](#efficient-attention)
  - [Sparse](#sparse)
    - [Routing](#routing)
- [Contributing](#contributing)

## Efficient Attention

### Sparse

#### Routing

## Contributing
```

Good:

```markdown
# Awesome Transformers

Papers on making transformers cheaper.

## Contents

- [Efficient Attention](#efficient-attention)
  - [Sparse](#sparse)

## Efficient Attention

### Sparse

## Contributing
```
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from awesome_tools.model import Document, Heading
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._awesome import lint_silenced, title

RULE = Rule("awesome-contents", "The table of contents is a first `## Contents` section, two "
            "levels deep at most, without Contributing or Footnotes.",
            tags=("awesome", "toc"), profile="awesome", enabled=False, docs=__doc__)

# English names of a TOC heading other than "Contents".
OTHER_NAMES = frozenset(("table of contents", "table of content", "toc", "index",
                         "content", "contents table", "list of contents"))
LEFT_OUT = frozenset(("contributing", "footnotes"))


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text, flags=re.UNICODE).split()).lower()


def _section(doc: Document, index: Optional[int]) -> Optional[Heading]:
    """The heading of the TOC's section: the model's, or when that is a subsection heading
    right inside the TOC (`## Table of Contents` / `### Libraries` / the list), its parent."""
    if index is None:
        return None
    heading = doc.headings[index]
    while heading.index > 0 and heading.level > 2:
        parent = doc.headings[heading.index - 1]
        if parent.level >= heading.level:
            break
        heading = parent
    return heading


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    toc = doc.toc
    silenced = lint_silenced(doc, RULE.name)
    if toc is None or silenced(toc.line):
        return
    heading = _section(doc, toc.heading)
    if heading is not None and heading.level > 1:
        name = _plain(heading.text)
        if name in OTHER_NAMES:
            text_column = doc.line(heading.line).find(heading.text.split()[0]) + 1 or 1
            yield Problem(heading.line, text_column, f"the table of contents is headed "
                          f"'{heading.text}'; the awesome style names it 'Contents'")
        found = title(doc, ctx)
        start = found.end_line if found is not None else 0
        before = [h for h in doc.headings if start < h.line < heading.line and h.level > 1]
        if before:
            yield Problem(heading.line, 1, f"the table of contents should be the "
                          f"first section, before '{before[0].text}' (line {before[0].line})")
    deep = [entry for entry in toc.entries if entry.depth >= 2]
    if deep:
        levels = max(entry.depth for entry in toc.entries) + 1
        yield Problem(deep[0].line, deep[0].column, f"the table of contents nests {levels} "
                      "levels deep; the awesome style allows two")
    for entry in toc.entries:
        if _plain(entry.text) in LEFT_OUT:
            yield Problem(entry.line, entry.column, f"the table of contents lists "
                          f"'{entry.text}'; the awesome style leaves it out")
