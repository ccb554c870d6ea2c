"""A table-of-contents entry whose link points at another heading than the one it lists: with
two headings named "Survey", the second one's anchor is `#survey-1`, and an entry that lists
the second but links `#survey` sends the reader to the first.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes: the entry is
repointed at the heading it lists.

The five TOC rules compare the table of contents with the headings it should list. The TOC
is found between a generator's marker comments (doctoc, markdown-toc `<!-- toc -->` /
`<!-- tocstop -->`, mdformat-toc, MarkdownTOC), or, without markers, as the list whose items
are almost all a single in-page link to a heading (also inside `<details>`). The headings it
should list are those after it within its depth range (taken from the headings its entries
point at, the generator's options, or `toc.min-level` / `toc.max-level`), leaving out
headings marked `<!-- omit from toc -->`, those in `toc.exclude`, and conventional sections
the TOC does not list (Contributing, License, Sponsors and the like). A list without a TOC
gets no TOC findings.

Bad:

```markdown
# Awesome Transformers

- [Vision Language Models](#vision-language-models)
  - [Survey](#survey)
- [Transformer](#transformer)
  - [Survey](#survey)

## Vision Language Models

### Survey

[[paper]](https://arxiv.org/abs/1911.03977)

## Transformer

### Survey

[[paper]](https://arxiv.org/abs/2003.08271)
```

Good:

```markdown
# Awesome Transformers

- [Vision Language Models](#vision-language-models)
  - [Survey](#survey)
- [Transformer](#transformer)
  - [Survey](#survey-1)

## Vision Language Models

### Survey

[[paper]](https://arxiv.org/abs/1911.03977)

## Transformer

### Survey

[[paper]](https://arxiv.org/abs/2003.08271)
```
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.model.targets import FragmentTargets
from awesome_tools.toc import write
from awesome_tools.toc.align import TEXT, TOC_SECTION, plan_for, toc_settings

RULE = Rule("toc-anchor", "A table-of-contents entry links to another heading than the one it "
            "lists.", fix="safe", section=TOC_SECTION, tags=("toc",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    plan = plan_for(doc, toc_settings(ctx), ctx)
    if plan is None:
        return
    targets = FragmentTargets(doc)
    for index, heading in sorted(plan.heading_of.items()):
        if plan.weight_of[index] != TEXT:
            continue
        entry = plan.toc.entries[index]
        target = targets.resolve(entry.fragment)
        if target is None or target.heading is None or target.heading == heading.index:
            continue  # a fragment that resolves nowhere is broken-anchor's to report
        linked = doc.headings[target.heading]
        edit = write.fragment_edit(entry, heading.anchor)
        yield Problem(entry.line, entry.column,
                      f"table-of-contents entry '{entry.text}' links to #{entry.fragment} "
                      f"(heading at line {linked.line}) but lists heading '{heading.text}' "
                      f"at line {heading.line}: link #{heading.anchor}",
                      suggestion=f"#{heading.anchor}", fix=(edit,) if edit else ())
