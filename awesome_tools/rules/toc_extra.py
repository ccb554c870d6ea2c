"""A table-of-contents entry that lists no heading of the document: the section was removed or
renamed, or the entry repeats one the TOC already lists.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes: the entry's line is
removed.

Bad:

```markdown
# Awesome Vision-Language

- [Pretraining](#pretraining)
- [Retrieval](#retrieval)
- [Platforms](#platforms)

## Pretraining

#### ViLBERT: Pretraining Task-Agnostic Visiolinguistic Representations for Vision-and-Language Tasks [NeurIPS 2019]

[[paper]](https://arxiv.org/abs/1908.02265) [[code]](https://github.com/jiasenlu/vilbert_beta)

## Retrieval

#### Multi-Modality Cross Attention Network for Image and Sentence Matching [CVPR 2020]

[[paper]](https://openaccess.thecvf.com/content_CVPR_2020/html/Wei_Multi-Modality_Cross_Attention_Network_for_Image_and_Sentence_Matching_CVPR_2020_paper.html)
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

[[paper]](https://openaccess.thecvf.com/content_CVPR_2020/html/Wei_Multi-Modality_Cross_Attention_Network_for_Image_and_Sentence_Matching_CVPR_2020_paper.html)
```
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.toc import write
from awesome_tools.toc.align import TOC_SECTION, plan_for, toc_settings

RULE = Rule("toc-extra", "A table-of-contents entry lists no heading of this document.",
            fix="safe", section=TOC_SECTION, tags=("toc",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    plan = plan_for(doc, toc_settings(ctx), ctx)
    if plan is None:
        return
    for entry in plan.extra:
        edit = write.delete_edit(doc, entry)
        yield Problem(entry.line, entry.column, f"table-of-contents entry '{entry.text}' lists "
                      "no heading of this document (section removed or renamed?)",
                      fix=(edit,) if edit else ())
    heading_of = {id(plan.toc.entries[i]): h for i, h in plan.heading_of.items()}
    for entry, first in plan.again:
        heading = heading_of[id(first)]
        edit = write.delete_edit(doc, entry)
        yield Problem(entry.line, entry.column,
                      f"table-of-contents entry '{entry.text}' links to heading "
                      f"'{heading.text}' (line {heading.line}), which the table of contents "
                      f"already lists at line {first.line}", fix=(edit,) if edit else ())
    for stray in plan.toc.strays:
        yield Problem(stray.line, stray.column,
                      f"item '{stray.text}' inside the table of contents is not a link to a "
                      "section of this document: move it to its section", severity="warning")
