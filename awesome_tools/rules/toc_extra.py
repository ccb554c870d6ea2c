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
from awesome_tools.toc import align as toc_module
from awesome_tools.toc.align import TOC_SECTION, plan_for, toc_settings

RULE = Rule("toc-extra", "A table-of-contents entry lists no heading of this document.",
            fix="safe", section=TOC_SECTION, tags=("toc",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    plan = plan_for(doc, toc_settings(ctx), ctx)
    if plan is None:
        return
    listed = {h.anchor: (e, h) for e, h, _ in plan.pairs}
    for entry in plan.extra:
        again = listed.get(toc_module.normalize_fragment(entry.fragment))
        if again is not None:
            why = (f"links to heading '{again[1].text}' (line {again[1].line}), which the table "
                   f"of contents already lists at line {again[0].line}")
        else:
            why = "lists no heading of this document (section removed or renamed?)"
        yield Problem(entry.line, entry.column, f"table-of-contents entry '{entry.text}' {why}",
                      fix=(toc_module.delete_edit(doc, entry),))
