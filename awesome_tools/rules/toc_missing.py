"""A heading that the table of contents should list (see [toc-anchor](#toc-anchor) for which)
and does not.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes: an entry is inserted
at the heading's place, in the TOC's own style.

Bad:

```markdown
# Awesome Efficient Transformers

- [Efficient Attention](#efficient-attention)
- [Surveys](#surveys)

## Efficient Attention

#### Linformer: Self-Attention with Linear Complexity [arXiv 2020/06]

[[paper]](https://arxiv.org/abs/2006.04768) [[code]](https://github.com/tatp22/linformer-pytorch)

## Long Context

#### Longformer: The Long-Document Transformer [arXiv 2020/04]

[[paper]](https://arxiv.org/abs/2004.05150) [[code]](https://github.com/allenai/longformer)

## Surveys

#### Efficient Transformers: A Survey [ACM Computing Surveys 2022]

[[paper]](https://arxiv.org/abs/2009.06732)
```

Good:

```markdown
# Awesome Efficient Transformers

- [Efficient Attention](#efficient-attention)
- [Long Context](#long-context)
- [Surveys](#surveys)

## Efficient Attention

#### Linformer: Self-Attention with Linear Complexity [arXiv 2020/06]

[[paper]](https://arxiv.org/abs/2006.04768) [[code]](https://github.com/tatp22/linformer-pytorch)

## Long Context

#### Longformer: The Long-Document Transformer [arXiv 2020/04]

[[paper]](https://arxiv.org/abs/2004.05150) [[code]](https://github.com/allenai/longformer)

## Surveys

#### Efficient Transformers: A Survey [ACM Computing Surveys 2022]

[[paper]](https://arxiv.org/abs/2009.06732)

## License <!-- omit from toc -->

## Changelog <!-- omit from toc -->
```
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.toc import write
from awesome_tools.toc.align import TOC_SECTION, plan_for, toc_settings

RULE = Rule("toc-missing", "A heading the table of contents should list is missing from it.",
            fix="safe", section=TOC_SECTION, tags=("toc",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    plan = plan_for(doc, toc_settings(ctx), ctx)
    if plan is None:
        return
    if not plan.toc.entries and not plan.toc.labels and plan.missing:
        # An empty marker block: write the whole TOC at once, nested as the headings are.
        yield Problem(plan.toc.line, 1, f"the table of contents is empty; {len(plan.missing)} "
                      "headings belong in it",
                      fix=(write.fill_edit(doc, plan, write.detect_style(doc)),))
        return
    for heading in plan.missing:
        edit = write.insert_edit(doc, plan, heading)
        yield Problem(heading.line, heading.column,
                      f"heading '{heading.text}' (#{heading.anchor}) is missing from the table "
                      f"of contents (line {plan.toc.line})", fix=(edit,) if edit else ())
