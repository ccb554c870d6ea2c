"""A small scanner for the HTML that lists embed: comments, links, images and anchors.

Awesome lists use HTML for centred logos, badges, footnotes and hand-made anchors. We need
``<a href>``, ``<img src>``, ``id=`` on any tag, ``name=`` on ``<a>``, and comments (which
hide whatever is inside them), each with its offset in the scanned text. A full HTML parser
would lose offsets; a tag regex over comment-free text is enough for attributes.
"""
from __future__ import annotations

import html
import re
from typing import Iterator, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.records import record

# At most MAX_ATTRIBUTES attributes per tag: with no bound, each "<" of a line such as
# "<a <a <a ..." (never closed) starts a tag whose attributes run to the end of the line,
# which is quadratic; with one, each "<" looks that many attributes ahead at most. Real tags
# have a handful; a tag with more is not read.
MAX_ATTRIBUTES = 64
_TOKEN = lazy(
    r"<!--(?P<comment>.*?)(?:-->|$)"
    r"|<(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?){0,%d})\s*/?>"
    % MAX_ATTRIBUTES,
    re.DOTALL,
)
_ANCHOR_CLOSE = lazy(re.escape("</a>"))
_ANCHOR_OPEN = lazy(r"<[aA][\s/>]")
_ATTR = lazy(
    r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?"
)


@record(frozen=True)
class HtmlItem:
    """``kind`` is ``comment``, ``anchor``, ``a`` or ``img``; offsets are into the scanned text."""

    kind: str
    start: int
    end: int
    value: str = ""
    attribute: str = ""
    value_start: int = 0
    value_len: int = 0
    text: str = ""


def scan(text: str) -> Iterator[HtmlItem]:
    """Yield comments, link/image destinations and anchors of an HTML fragment, in order."""
    if "<" not in text:
        return
    ends = (_NextMatch(_ANCHOR_CLOSE, text), _NextMatch(_ANCHOR_OPEN, text))
    for match in _TOKEN.finditer(text):
        if match.group("comment") is not None:
            yield HtmlItem("comment", match.start(), match.end(), match.group("comment"))
            continue
        tag = match.group("tag").lower()
        attrs = match.group("attrs")
        if not attrs:
            continue
        base = match.start("attrs")
        yield from _attributes(tag, attrs, base, match, text, ends)


class _NextMatch:
    """The next match of a pattern at or after a position, for positions asked in increasing
    order: one search serves every position up to the match it found, so all the questions
    of one scan cost one pass over the text."""

    def __init__(self, pattern: "re.Pattern[str]", text: str) -> None:
        self.pattern = pattern
        self.text = text
        self.asked = -1
        self.found = -2  # -2: not searched yet; -1: no match at or after ``asked``

    def at(self, position: int) -> int:
        """Start of the first match at or after ``position``, or -1."""
        if self.found == -2 or position < self.asked or 0 <= self.found < position:
            match = self.pattern.search(self.text, position)
            self.found = match.start() if match is not None else -1
        self.asked = position
        return self.found


def strip_tags(text: str) -> str:
    """``re.sub(r"<[^>]*>", "", text)`` in one pass (the pattern rescans to the end of the
    text from every ``<`` that no ``>`` follows)."""
    out = []
    position = 0
    while True:
        start = text.find("<", position)
        if start < 0:
            break
        end = text.find(">", start + 1)
        if end < 0:
            break
        out.append(text[position:start])
        position = end + 1
    if not out:
        return text
    out.append(text[position:])
    return "".join(out)


def _attributes(tag: str, attrs: str, base: int, match: re.Match[str], text: str,
                ends: Tuple[_NextMatch, _NextMatch]) -> Iterator[HtmlItem]:
    found = {}
    for attr in _ATTR.finditer(attrs):
        name = attr.group(1).lower()
        if name in found:
            continue
        for group in (2, 3, 4):
            if attr.group(group) is not None:
                found[name] = (attr.group(group), base + attr.start(group))
                break
    for name in ("id", "name"):
        if name in found and (name == "id" or tag == "a"):
            value = html.unescape(found[name][0])
            if value:
                yield HtmlItem("anchor", match.start(), match.end(), value, name)
    key = {"a": "href", "img": "src"}.get(tag)
    if key and key in found:
        raw, start = found[key]
        label = ""
        if tag == "a":
            # The text up to "</a>", or up to the next <a> when one opens first (a browser
            # closes the first anchor there; reading on would also make a line of unclosed
            # anchors quadratic).
            close = ends[0].at(match.end())
            if close != -1:
                following = ends[1].at(match.end())
                if 0 <= following < close:
                    close = following
                label = strip_tags(text[match.end():close]).strip()
        else:
            label = html.unescape(found.get("alt", ("", 0))[0])
        yield HtmlItem(tag, match.start(), match.end(), html.unescape(raw), key, start,
                       len(raw), label)
