"""An arXiv link that is a PDF link, a versioned link or a mirror (another host, including the
bare IP addresses that once served arXiv) instead of the stable abstract page
`https://arxiv.org/abs/ID`.

**On by default:** no · **Severity:** warning · **Fixed by `fix`:** yes, opt-in: with
`fix --canonical-urls`, `fix --select canonical-url` or `fix: {canonical-urls: true}` in the
config. It is off by default because it changes URLs a maintainer chose; turn the check on
with `rules: {canonical-url: on}` or `check --select canonical-url`.

Bad:

```markdown
#### Linformer: Self-Attention with Linear Complexity [arXiv 2020/06]

[[paper]](https://arxiv.org/pdf/2006.04768v3.pdf) [[code]](https://github.com/tatp22/linformer-pytorch)

#### Longformer: The Long-Document Transformer [arXiv 2020/04]

[[paper]](http://128.84.21.199/abs/2004.05150v2) [[code]](https://github.com/allenai/longformer)
```

Good:

```markdown
#### Linformer: Self-Attention with Linear Complexity [arXiv 2020/06]

[[paper]](https://arxiv.org/abs/2006.04768) [[code]](https://github.com/tatp22/linformer-pytorch)

#### Longformer: The Long-Document Transformer [arXiv 2020/04]

[[paper]](https://arxiv.org/abs/2004.05150) [[code]](https://github.com/allenai/longformer)
```
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.findings import Edit
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.urls import canonical_arxiv

# Off by default because it changes URLs a maintainer chose; `fix --canonical-urls` or
# `fix: {canonical-urls: true}` turns it on.
RULE = Rule("canonical-url", "An arXiv link is a pdf, versioned or mirror link instead of "
            "https://arxiv.org/abs/ID.", severity="warning", fix="opt-in", enabled=False,
            tags=("links", "papers"), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    for link in doc.links:
        if link.syntax == "reference" or link.dest is None or "arxiv" not in link.url and \
                not link.url[8:9].isdigit():
            continue
        canonical = canonical_arxiv(link.url, keep_version=False)
        if canonical is None or canonical == link.url:
            continue
        yield Problem(link.line, link.column,
                      f"arXiv link {link.url} has a stable form: {canonical}",
                      suggestion=canonical,
                      fix=(Edit(link.dest.start, link.dest.end, canonical),))
