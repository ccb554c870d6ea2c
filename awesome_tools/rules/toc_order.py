"""A table-of-contents entry listed at a different place than its heading.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes: the entry is moved
to its heading's place.

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

from typing import Iterator

from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.toc import write
from awesome_tools.toc.align import TOC_SECTION, plan_for, toc_settings

RULE = Rule("toc-order", "A table-of-contents entry is not where its heading is.",
            fix="safe", section=TOC_SECTION, tags=("toc",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    plan = plan_for(doc, toc_settings(ctx), ctx)
    if plan is None:
        return
    for entry, heading in plan.moved:
        removed = write.delete_edit(doc, entry)
        added = write.insert_edit(doc, plan, heading, skip=(entry,))
        yield Problem(entry.line, entry.column, f"table-of-contents entry '{entry.text}' is out "
                      f"of order: heading '{heading.text}' is at line {heading.line}",
                      fix=(removed, added) if removed and added else ())
