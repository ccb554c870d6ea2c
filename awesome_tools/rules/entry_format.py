"""Every entry is written the way the list's profile says. The rule is on by default but does
nothing until a profile is on (`profiles: [papers]`, `profiles: [awesome]`, or
`entry-format: {profile: papers|awesome}` to check one shape only), because lists
legitimately differ and a style a list never chose is noise.

- `papers`: a paper entry has a title, a venue tag (`[CVPR 2021]`, `[arXiv 2020/03]`, or
  `"Title", ICCV, 2023` after an item's title) and a link to the paper (labelled `paper`,
  `pdf`, `arxiv` or `openreview`, or an arXiv, DOI, OpenReview, ACL Anthology or proceedings
  URL), first among its links, ahead of code and project pages.
- `awesome`: sindresorhus's `- [Name](https://url) - Description.`, held to the list's own
  convention: the separator most of its entries use between name and description (60 % of
  them, at least five). An entry that departs from it, or writes ` - ` with other spacing, is
  reported where it is; a convention other than ` - `, or none, is reported once, at its first
  entry; `-[Name](url)` (no space after the marker, so not a list item) always. Entries after
  the table of contents count; items without a description or that start with text are left
  alone, and awesome-lint's comments (`<!--lint disable awesome-list-item-->`, `enable`,
  `ignore`) are honoured. The description's casing and final period are `description-style`'s.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** no: the missing tag or
link, or the wording, takes a person.

Bad:

```markdown
<!-- config: entry-format: {profile: papers} -->

### Efficient Transformers

#### Linformer: Self-Attention with Linear Complexity

[[code]](https://github.com/tatp22/linformer-pytorch) [[paper]](https://arxiv.org/abs/2006.04768)

#### Reformer: The Efficient Transformer [ICLR 2020]

[[code]](https://github.com/google/trax/tree/master/trax/models/reformer)
```

Good:

```markdown
<!-- config: entry-format: {profile: papers} -->

### Efficient Transformers

#### Linformer: Self-Attention with Linear Complexity [arXiv 2020/06]

[[paper]](https://arxiv.org/abs/2006.04768) [[code]](https://github.com/tatp22/linformer-pytorch)

#### Reformer: The Efficient Transformer [ICLR 2020]

[[paper]](https://arxiv.org/abs/2001.04451) [[code]](https://github.com/google/trax/tree/master/trax/models/reformer)
```

Bad:

```markdown
<!-- config: entry-format: {profile: awesome} -->

## Platforms

- [MMF](https://github.com/facebookresearch/mmf) a modular framework for vision and language research
- [LAVIS](https://github.com/salesforce/LAVIS) - a library for language-vision intelligence
```

Good:

```markdown
<!-- config: entry-format: {profile: awesome} -->

## Platforms

- [MMF](https://github.com/facebookresearch/mmf) - A modular framework for vision and language research.
- [LAVIS](https://github.com/salesforce/LAVIS) - A library for language-vision intelligence.
```
"""
from __future__ import annotations

# ``entry-format``: every entry written the way the list's profile says.
#
# Off unless a profile is on (``profiles: [...]`` or ``entry-format: {profile: ...}``), because
# lists legitimately differ and a style a list never chose is noise.
#
# ``awesome``
#     ``- [Name](https://url) - Description.``, held to the list's own separator convention
#     (rules/_awesome_items.py; description casing and period: description_style.py).
# ``papers``
#     a paper entry has a title, a venue tag (``[CVPR 2021]``, ``arXiv 2020/03``, ``"Title",
#     ICCV, 2023``) and a paper link, first among its links, ahead of code and project pages.

import re
import unicodedata
from typing import Iterator, List, Optional, Sequence, Tuple

from awesome_tools.model import Document, Entry, Link
from awesome_tools.urls import acl_id, arxiv_id, doi, openreview_id
from awesome_tools.venues import url_evidence
from awesome_tools.config.schema import Option, Section, choice
from awesome_tools.rules import Problem, Rule, RuleContext, profiles_on
from awesome_tools.rules._awesome_items import check_awesome

NAME = "entry-format"
PROFILES = ("awesome", "papers")


SECTION = Section("entry-format", (
    Option("profile", choice(*PROFILES), None, "awesome or papers"),
))
RULE = Rule(NAME, "Entries follow the configured profile: `awesome` (`- [Name](url) - "
            "Description.`) or `papers` (title, venue tag, paper link first).",
            section=SECTION, tags=("entries",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    # `entry-format.profile` names one shape; else the shapes of the profiles that are on.
    chosen = ctx.options.get("profile")
    shapes = (chosen,) if chosen else profiles_on(ctx.config, ctx.path)
    if "papers" in shapes:
        yield from check_papers(doc, ctx)
    if "awesome" in shapes:
        yield from check_awesome(doc, ctx)


# --------------------------------------------------------------------------- papers

PAPER_LABELS = ("paper", "pdf", "arxiv", "openreview")


def is_paper_link(label: str, link: Link) -> bool:
    """A link to the paper itself: labelled so, or an arXiv, DOI, OpenReview, ACL or
    proceedings URL."""
    url = link.url
    return label in PAPER_LABELS or bool(
        arxiv_id(url) or doi(url) or openreview_id(url) or acl_id(url) or url_evidence(url))


def paper_problems(entry: Entry, has_tag: bool) -> List[str]:
    """What a `papers`-profile entry lacks, in reading order."""
    problems = []
    if not entry.title.strip():
        problems.append("paper entry has no title")
    if not has_tag:
        problems.append("paper entry has no venue tag (such as [CVPR 2021] or [arXiv 2020/03])")
    papers = [index for index, (label, link) in enumerate(entry.links)
              if is_paper_link(label, link)]
    if not papers:
        found = ", ".join(dict.fromkeys(label for label, _ in entry.links))
        problems.append(f"paper entry has no paper link (only {found})")
    elif papers[0] != 0:
        problems.append(f"the paper link should come first, before [{entry.links[0][0]}]")
    return problems


def check_papers(doc: Document, ctx) -> Iterator[Problem]:
    from awesome_tools.rules._venue import entries_with_tags, entry_tags, venue_table

    table = venue_table(ctx)
    for entry in entries_with_tags(doc, table):
        for message in paper_problems(entry, bool(entry_tags(doc, entry, table))):
            yield Problem(entry.line, entry.column, message)
