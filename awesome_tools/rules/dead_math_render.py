r"""A formula drawn as an image by GitHub's discontinued math render service
(`https://render.githubusercontent.com/render/math?math=...`). Lists of 2020 wrote formulas
this way, usually with the TeX source in an HTML comment beside the image. The service is
gone, so the images are broken; GitHub now renders `$...$` math natively.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes: the comment and the
`<img>` tag become `$TeX$`, with the TeX from the comment, else decoded from the URL. A
Markdown image (not an `<img>` tag) of the service is reported but not rewritten.

Bad:

```markdown
#### Reformer: The Efficient Transformer [ICLR 2020]

- Shared-QK attention: the keys are the normalised queries, <!-- $k_i=\frac{q_i}{||q_i||}$ --> <img src="https://render.githubusercontent.com/render/math?math=k_i=\frac{q_i}{||q_i||}">
```

Good:

```markdown
#### Reformer: The Efficient Transformer [ICLR 2020]

- Shared-QK attention: the keys are the normalised queries, $k_i=\frac{q_i}{||q_i||}$
```
"""
from __future__ import annotations

import re
from typing import Iterator, Optional
from urllib.parse import parse_qs, urlsplit

from awesome_tools.findings import Edit
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext

_SERVICE = re.compile(r"^https?://render\.githubusercontent\.com/render/math\b", re.I)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_COMMENT_BEFORE = re.compile(r"<!--\s*\$+(?P<tex>(?:(?!-->).)+?)\$+\s*-->\s*$", re.S)


def _tex_from_url(url: str) -> Optional[str]:
    query = parse_qs(urlsplit(url).query)
    values = query.get("math")
    return values[0].strip() if values else None


RULE = Rule("dead-math-render", "A formula is an image from GitHub's discontinued math render "
            "service; use native $...$ math.", fix="safe", tags=("images",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    text = doc.text
    for link in doc.links:
        if link.kind != "image" or not _SERVICE.match(link.url) or link.dest is None:
            continue
        tag = _enclosing_tag(text, link.dest.start, link.dest.end)
        start, end = tag if tag else (link.dest.start, link.dest.end)
        line_start = text.rfind("\n", 0, start) + 1
        comment_at = text.rfind("<!--", line_start, start)
        before = _COMMENT_BEFORE.match(text[comment_at:start]) if comment_at >= 0 else None
        tex = before.group("tex").strip() if before else _tex_from_url(link.url)
        if before:
            start = comment_at
        fix = ()
        if tex and tag:
            fix = (Edit(start, end, f"${tex}$"),)
        yield Problem(link.line, link.column, "formula image from the discontinued render.githubusercontent.com math "
                      f"service; write ${tex}$ instead" if tex else
                      "formula image from the discontinued render.githubusercontent.com math "
                      "service", suggestion=f"${tex}$" if tex else None, fix=fix)


def _enclosing_tag(text: str, start: int, end: int):
    """The ``<img ...>`` tag around an attribute value, as (start, end) offsets."""
    open_at = text.rfind("<", 0, start)
    if open_at < 0:
        return None
    match = _IMG_TAG.match(text, open_at)
    if not match or match.end() < end:
        return None
    return open_at, match.end()
