"""An entry's title differs from the title of the arXiv paper it links: the link points readers
at another paper. No offline check can see this, but `awesome-tools links` asks the arXiv API
about every arXiv link anyway and keeps the titles in its cache; this rule reads that cache
and makes no request of its own. It is on by default but, being an online rule, runs only
with `check --online` (or when selected with `--select`). The cache is
`$AWESOME_TOOLS_LINK_CACHE`, else `links.cache` from the config, else
`.awesome-tools-cache/links.json` in the working directory; when it holds no arXiv titles,
the rule reports one note saying to run `awesome-tools links` first.

Titles are compared loosely, because lists abbreviate and papers get retitled: case, accents,
punctuation and small words are ignored, a short name before a colon may be on either side
only (`Linear Transformer: Transformers are RNNs: ...` matches `Transformers are RNNs: ...`),
and titles match when their characters and their words mostly agree. A listed title of one or
two words is a name, not a title, and is not compared. The message gives the paper's real
title.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** no: the link or the title
is wrong, and only a person can tell which.

Bad:

```markdown
### Efficient Transformers

#### Synthesizer: Rethinking Self-Attention in Transformer Models [ICML 2021]

[[paper]](https://arxiv.org/abs/1809.08895)

<!-- arxiv-title 1809.08895: Neural Speech Synthesis with Transformer Network -->
```

Good:

```markdown
### Efficient Transformers

#### Synthesizer: Rethinking Self-Attention in Transformer Models [ICML 2021]

[[paper]](https://arxiv.org/abs/2005.00743)

<!-- arxiv-title 2005.00743: Synthesizer: Rethinking Self-Attention in Transformer Models -->
```
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.rules._titles import cache_for, listed_titles, load_titles, paper_link, short, titles_match

RULE = Rule("title-mismatch", "An entry's title differs from the title of the arXiv paper it "
            "links (online: titles from the `links` cache).", online=True,
            tags=("papers", "links"), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    papers = [(entry, paper_link(entry)) for entry in doc.entries]
    found = [(entry, pair) for entry, pair in papers if pair is not None]
    if not found:
        return
    cache = cache_for(ctx)
    titles = load_titles(cache)
    if not titles:
        yield Problem(1, 1, f"no arXiv titles cached in {cache}: run `awesome-tools links` first",
                      severity="note")
        return
    for entry, (link, ident) in found:
        actual = titles.get(ident)
        listed = listed_titles(doc, entry)
        if not actual or not listed or any(titles_match(title, actual) for title in listed):
            continue
        yield Problem(link.line, link.column,
                      f"'{short(listed[0])}' links arXiv:{ident}, which is titled "
                      f"'{short(actual)}': a link to another paper, or a renamed one",
                      suggestion=actual)
