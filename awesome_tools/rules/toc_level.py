"""A table-of-contents entry nested deeper or shallower than the other entries for headings of
the same level. TOCs may legitimately flatten levels or skip one, so only an entry nested
unlike its peers is reported.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes: the entry is
re-indented like its peers.

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

from typing import Iterator

from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.toc import align as toc_module
from awesome_tools.toc.align import TOC_SECTION, plan_for, toc_settings

RULE = Rule("toc-level", "A table-of-contents entry is nested unlike the other entries of its level.",
            fix="safe", section=TOC_SECTION, tags=("toc",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Compare each entry's depth with the depth its peers of the same heading level use.

    TOCs legitimately flatten (an H1 beside its H2s, all levels at one depth) or skip levels,
    so the only reliable mistake is an entry nested differently from the majority.
    """
    plan = plan_for(doc, toc_settings(ctx), ctx)
    if plan is None:
        return
    usual = toc_module.usual_depths(plan)
    above = {id(e): (plan.toc.entries[i - 1] if i else None)
             for i, e in enumerate(plan.toc.entries)}
    for entry, heading, _weight in plan.pairs:
        depth, example = usual.get(heading.level, (entry.depth, None))
        if entry.depth == depth or example is None:
            continue
        previous = above[id(entry)]
        if depth > (previous.depth + 1 if previous is not None else 0):
            continue  # it cannot nest there (first line, or two levels below the line above)
        edit = toc_module.reindent_edit(doc, entry, example)
        yield Problem(entry.line, entry.column, f"table-of-contents entry '{entry.text}' is nested at depth "
                      f"{entry.depth + 1}, but the other level-{heading.level} headings are at "
                      f"depth {depth + 1}", fix=(edit,) if edit else ())
