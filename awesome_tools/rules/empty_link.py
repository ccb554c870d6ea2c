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

from typing import Dict, Iterator, Optional

from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext

RULE = Rule("empty-link", "A link with no destination, only '#', or no text.",
            tags=("links",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    last_image: Optional[Dict[int, int]] = None
    for link in doc.links:
        if link.kind != "link" or link.syntax not in ("inline", "reference", "html"):
            continue
        url = link.url.strip()
        if not url or url == "#":
            where = "no destination" if not url else "only '#' as destination"
            yield Problem(link.line, link.column,
                          f"link '{link.text.strip() or url}' has {where}")
        elif not link.text.strip() and link.syntax != "html":
            if last_image is None:
                last_image = _last_image_columns(doc)
            if last_image.get(link.line, 0) <= link.column:
                yield Problem(link.line, link.column,
                              f"link to {url} has no text, so nothing is shown to click")


def _last_image_columns(doc: Document) -> Dict[int, int]:
    """Line -> column of the line's last image: a badge link ``[![alt](img)](url)`` shows its
    image, so an empty-text link with an image after it on its line is not empty. One pass,
    not one per link (a line of thousands of ``[](url)``)."""
    columns: Dict[int, int] = {}
    for other in doc.links:
        if other.kind == "image" and other.column > columns.get(other.line, 0):
            columns[other.line] = other.column
    return columns
