"""The title is followed by a description: a sentence or two, before the first section,
saying what the list collects and for whom. Part of the `awesome` profile
(`profiles: [awesome]`).

A paragraph or a quote counts, and so does text inside an HTML header; badges, images,
links on their own and navigation lists do not. A list without a title is left to
`awesome-heading`.

**On by default:** no · **Severity:** error · **Fixed by `fix`:** no: only a person can say
what the list is about.

Bad:

```markdown
# Awesome Vision-Language Pre-Training

[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

## Models
```

Good:

```markdown
# Awesome Vision-Language Pre-Training [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

> Papers that pre-train one model on images and text, with their venues and code.

## Models
```
"""
from __future__ import annotations

import re
from typing import Iterator

from awesome_tools.lazyre import lazy
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._awesome import blocks, preamble_end, prose, title, tokens

RULE = Rule("awesome-description", "The title is followed by a short description of the list.",
            tags=("awesome", "structure"), profile="awesome", enabled=False, docs=__doc__)

_WORD = lazy(r"[^\W\d_]{2,}")
_TAG = lazy(r"<[^>]*>|<!--.*?-->", re.S)
_LINK = lazy(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^()]*(?:\([^()]*\)[^()]*)*\)")


def _says_something(text: str) -> bool:
    """Prose of three words or more (in a script without spaces, a dozen letters)."""
    words = _WORD.findall(text)
    return len(words) >= 3 or sum(len(word) for word in words) >= 12


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    found = title(doc, ctx)
    if found is None:
        return
    last = preamble_end(doc)
    if found.kind == "html" and _says_something(_TAG.sub(" ", found.html)):
        return
    for block in blocks(doc, ctx):
        if block.line <= found.end_line and found.kind == "heading":
            continue
        if block.line > last:
            break
        if block.kind == "paragraph" and not block.item and _says_something(
                " ".join(prose(_LINK.sub(" ", segment.text)) for segment in block.segments)):
            return
    for token in tokens(doc, ctx):
        if token.type == "html_block" and token.map and found.line <= token.map[0] + 1 <= last \
                and _says_something(_TAG.sub(" ", token.content)):
            return
    yield Problem(found.line, 1, "no description after the title: say in a sentence what the "
                  "list collects, before its first section")
