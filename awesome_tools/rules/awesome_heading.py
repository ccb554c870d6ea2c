"""The list opens with its title: one level-1 heading (`# Awesome Things`), or an HTML header
block (a heading tag, or a centred block with a logo, as awesome-lint accepts), and no other
level-1 heading. Part of the `awesome` profile (`profiles: [awesome]`).

What is reported: a list without a title; a list that opens with a section heading (`##`)
instead; a list with more level-1 headings than its title, once, at the second one, since
GitHub's outline and every TOC generator read them as separate documents. awesome-lint's
title-case check is left out: a title is a name (`the-book-of-secret-knowledge`), and only
its owner decides how it is written.

**On by default:** no · **Severity:** error · **Fixed by `fix`:** no: the title is the
list's name, which only a person can choose.

Bad:

```markdown
## Vision-Language Pre-Training

Papers on vision-language pre-training.

# Efficient Transformers

Papers on making transformers cheaper.
```

Good:

```markdown
# Awesome Vision-Language Pre-Training

Papers on vision-language pre-training.

## Efficient Transformers

Papers on making transformers cheaper.
```
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._awesome import lint_silenced, title, tokens

RULE = Rule("awesome-heading", "The list opens with one level-1 heading, its title.",
            tags=("awesome", "structure"), profile="awesome", enabled=False, docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    silenced = lint_silenced(doc, RULE.name)
    found = title(doc, ctx)
    if found is None:
        first = _first_block_line(doc, ctx)
        opening = doc.headings[0] if doc.headings and doc.headings[0].line == first else None
        if silenced(first):
            return
        if opening is not None:
            yield Problem(opening.line, 1, f"the list opens with a level-{opening.level} "
                          f"heading ('{opening.text}'); its title should be a level-1 "
                          "heading")
        else:
            yield Problem(first, 1, "the list has no title: it should open with a level-1 "
                          "heading (# Awesome Name)")
        return
    titles = [h for h in doc.headings if h.level == 1 and h.line != found.line]
    if titles and not silenced(titles[0].line):
        more = len(titles)
        yield Problem(titles[0].line, 1,
                      f"{more} more level-1 heading{'s' if more > 1 else ''} after the title "
                      f"(first here: '{titles[0].text}'); sections should be level-2 "
                      "headings (##)")


def _first_block_line(doc: Document, ctx: RuleContext) -> int:
    """The line of the first block that is not only comments."""
    from awesome_tools.rules._awesome import _ONLY_COMMENTS

    for token in tokens(doc, ctx):
        if token.map is None or (token.type == "html_block"
                                 and _ONLY_COMMENTS.match(token.content)):
            continue
        return int(token.map[0]) + 1
    return 1
