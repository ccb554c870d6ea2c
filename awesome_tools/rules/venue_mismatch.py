"""An entry's venue tag (`[ICCV 2019]`, `[arXiv 2020/04, ECCV 2020]`, or the venue and year
written right after an item's title) disagrees with what its own links say, or names a
venue-year that never existed. The links are the better witness: a CVF `content_CVPR_2020`
URL was published at CVPR 2020, and an arXiv ID says when the preprint was first submitted.
Venues are known from a built-in table of conferences, journals and preprint servers (with
their aliases, such as NIPS for NeurIPS), extended by the `venues` section of the config.

- Errors: a proceedings link (CVF, ECVA, ACL Anthology, NeurIPS, PMLR, IJCAI, AAAI) that
  names another venue or year than every tag of the entry; an `arXiv YYYY/MM` tag earlier
  than the paper's first submission; a venue-year that never existed (ICCV is held in odd
  years, ECCV in even ones, ICLR began in 2013).
- Notes, which are shown but do not fail the run: an `arXiv YYYY/MM` tag later than the first
  submission (probably the date of a later version; the first-submission date is suggested),
  a Findings or workshop paper tagged as the main conference, a TACL or CL paper tagged with
  the conference it was presented at, an `arXiv` tag on an entry whose link is already a
  proceedings page, and a conference year before the arXiv preprint. When you set the rule's
  severity in the config, all its findings report at that severity.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** no: whether the tag or the
link is wrong takes a person.

Bad:

```markdown
### Image-Text Retrieval & Matching

#### Multi-Modality Cross Attention Network for Image and Sentence Matching [ICCV 2020]

[[paper]](https://openaccess.thecvf.com/content_CVPR_2020/html/Wei_Multi-Modality_Cross_Attention_Network_for_Image_and_Sentence_Matching_CVPR_2020_paper.html)

#### Longformer: The Long-Document Transformer [arXiv 2020/03]

[[paper]](https://arxiv.org/abs/2004.05150) [[code]](https://github.com/allenai/longformer)
```

Good:

```markdown
### Image-Text Retrieval & Matching

#### Multi-Modality Cross Attention Network for Image and Sentence Matching [CVPR 2020]

[[paper]](https://openaccess.thecvf.com/content_CVPR_2020/html/Wei_Multi-Modality_Cross_Attention_Network_for_Image_and_Sentence_Matching_CVPR_2020_paper.html)

#### Longformer: The Long-Document Transformer [arXiv 2020/04]

[[paper]](https://arxiv.org/abs/2004.05150) [[code]](https://github.com/allenai/longformer)
```
"""
from __future__ import annotations

from operator import itemgetter
from typing import Iterator

from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._venue import column_of, entries_with_tags, entry_problems, entry_tags, venue_table

RULE = Rule("venue-mismatch", "An entry's venue tag disagrees with its links, or names a "
            "venue-year that never existed.", tags=("papers", "venues"), docs=__doc__)


_LINK = itemgetter(1)  # the link of a (label, link) pair


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    table = venue_table(ctx)
    for entry in entries_with_tags(doc, table):
        tags = entry_tags(doc, entry, table)
        if not tags:
            continue
        # the links without their labels, read as needed (a list built per entry was ~1% of
        # the rule on Awesome-Transformer-Attention)
        for problem in entry_problems(tags, map(_LINK, entry.links), table):
            yield Problem(entry.line, column_of(doc, entry, problem.tag), problem.message,
                          severity=problem.severity, suggestion=problem.suggestion)
