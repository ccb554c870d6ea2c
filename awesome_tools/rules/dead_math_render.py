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
from array import array
from bisect import bisect_left, bisect_right
from typing import Iterator, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

from awesome_tools.lazyre import lazy
from awesome_tools.findings import Edit
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext

_SERVICE = lazy(r"^https?://render\.githubusercontent\.com/render/math\b", re.I)
_IMG_START = lazy(r"<img\b", re.I)
_COMMENT_BEFORE = lazy(r"<!--\s*\$+(?P<tex>(?:(?!-->).)+?)\$+\s*-->\s*$", re.S)


def _tex_from_url(url: str) -> Optional[str]:
    query = parse_qs(urlsplit(url).query)
    values = query.get("math")
    return values[0].strip() if values else None


RULE = Rule("dead-math-render", "A formula is an image from GitHub's discontinued math render "
            "service; use native $...$ math.", fix="safe", tags=("images",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    text = doc.text
    marks: Optional[_Marks] = None
    for link in doc.links:
        if link.kind != "image" or not _SERVICE.match(link.url) or link.dest is None:
            continue
        if marks is None:
            marks = _Marks(text)
        tag = marks.enclosing_tag(link.dest.start, link.dest.end)
        start, end = tag if tag else (link.dest.start, link.dest.end)
        comment_at = marks.comment_before(marks.line_start(start), start)
        before = _COMMENT_BEFORE.match(text, comment_at, start) if comment_at >= 0 else None
        tex = before.group("tex").strip() if before else _tex_from_url(link.url)
        if before:
            start = comment_at
        fix: Tuple[Edit, ...] = ()
        if tex and tag:
            fix = (Edit(start, end, f"${tex}$"),)
        yield Problem(link.line, link.column, "formula image from the discontinued render.githubusercontent.com math "
                      f"service; write ${tex}$ instead" if tex else
                      "formula image from the discontinued render.githubusercontent.com math "
                      "service", suggestion=f"${tex}$" if tex else None, fix=fix)


class _Marks:
    """Offsets of ``<``, ``>``, ``<!--`` and ``-->`` in the text, found once, so each image
    costs a few bisections instead of scans back and forth over its line (a line of
    thousands of such images, or one far from any tag, would cost their product)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.opens = _offsets(text, "<")
        self.closes = _offsets(text, ">")
        self.comments = _offsets(text, "<!--")
        self.comment_ends = _offsets(text, "-->")
        self.newlines = _offsets(text, "\n")

    def line_start(self, offset: int) -> int:
        """``text.rfind("\\n", 0, offset) + 1``."""
        at = bisect_left(self.newlines, offset) - 1
        return self.newlines[at] + 1 if at >= 0 else 0

    def enclosing_tag(self, start: int, end: int) -> Optional[Tuple[int, int]]:
        """The ``<img ...>`` tag around an attribute value, as (start, end) offsets."""
        at = bisect_left(self.opens, start) - 1  # the last "<" before start
        if at < 0:
            return None
        open_at = self.opens[at]
        if not _IMG_START.match(self.text, open_at):
            return None
        close = bisect_left(self.closes, open_at + 4)  # the first ">" after "<img"
        if close == len(self.closes) or self.closes[close] + 1 < end:
            return None
        return open_at, self.closes[close] + 1

    def comment_before(self, line_start: int, start: int) -> int:
        """The ``<!--`` of a comment that ends just before ``start`` on its line, else -1.

        Only the last ``<!--`` of the line before ``start`` can begin it, and only if the
        first ``-->`` after that is followed by nothing but spaces up to ``start`` (the
        pattern matched afterwards allows no ``-->`` inside the comment).
        """
        at = bisect_right(self.comments, start - 4) - 1
        if at < 0 or self.comments[at] < line_start:
            return -1
        comment_at = self.comments[at]
        close = bisect_left(self.comment_ends, comment_at + 4)
        if close == len(self.comment_ends):
            return -1
        after = self.comment_ends[close] + 3
        if after > start or _space_before(self.text, start) != after:
            return -1
        return comment_at


def _space_before(text: str, end: int) -> int:
    """Where the run of white space that ends at ``end`` begins (``end`` if there is none):
    read backwards from ``end``, so each image costs only the spaces before it."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _offsets(text: str, mark: str) -> "array[int]":
    found = array("q")
    at = text.find(mark)
    while at >= 0:
        found.append(at)
        at = text.find(mark, at + 1)
    return found
