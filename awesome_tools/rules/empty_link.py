"""A link that goes nowhere or shows nothing: `[text]()`, `[text](#)` or `[](url)`. A badge link
whose text is an image (`[![alt](badge.svg)](url)`) is not empty.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** no: only a person knows
the missing URL.

Bad:

```markdown
#### Big Bird: Transformers for Longer Sequences [NeurIPS 2020]

[[paper]](https://arxiv.org/abs/2007.14062) [[code]]() [[blog]](#) [](https://github.com/google-research/bigbird)
```

Good:

```markdown
#### Big Bird: Transformers for Longer Sequences [NeurIPS 2020]

[[paper]](https://arxiv.org/abs/2007.14062) [[code]](https://github.com/google-research/bigbird)
```
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.model import Document, Link
from awesome_tools.rules import Problem, Rule, RuleContext

RULE = Rule("empty-link", "A link with no destination, only '#', or no text.",
            tags=("links",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    for link in doc.links:
        if link.kind != "link" or link.syntax not in ("inline", "reference", "html"):
            continue
        url = link.url.strip()
        if not url or url == "#":
            where = "no destination" if not url else "only '#' as destination"
            yield Problem(link.line, link.column,
                          f"link '{link.text.strip() or url}' has {where}")
        elif not link.text.strip() and link.syntax != "html" and not _has_image(doc, link):
            yield Problem(link.line, link.column,
                          f"link to {url} has no text, so nothing is shown to click")


def _has_image(doc: Document, link: Link) -> bool:
    """A badge link ``[![alt](img)](url)`` shows its image: not empty."""
    return any(other.kind == "image" and other.line == link.line
               and other.column > link.column for other in doc.links)
