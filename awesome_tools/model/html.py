"""A small scanner for the HTML that lists embed: comments, links, images and anchors.

Awesome lists use HTML for centred logos, badges, footnotes and hand-made anchors. We need
``<a href>``, ``<img src>``, ``id=`` on any tag, ``name=`` on ``<a>``, and comments (which
hide whatever is inside them), each with its offset in the scanned text. A full HTML parser
would lose offsets; a tag regex over comment-free text is enough for attributes.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterator

_TOKEN = re.compile(
    r"<!--(?P<comment>.*?)(?:-->|$)"
    r"|<(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>",
    re.DOTALL,
)
_ATTR = re.compile(
    r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?"
)


@dataclass(frozen=True)
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
    for match in _TOKEN.finditer(text):
        if match.group("comment") is not None:
            yield HtmlItem("comment", match.start(), match.end(), match.group("comment"))
            continue
        tag = match.group("tag").lower()
        attrs = match.group("attrs")
        if not attrs:
            continue
        base = match.start("attrs")
        yield from _attributes(tag, attrs, base, match, text)


def _attributes(tag: str, attrs: str, base: int, match, text: str) -> Iterator[HtmlItem]:
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
            close = text.find("</a>", match.end())
            if close != -1:
                label = re.sub(r"<[^>]*>", "", text[match.end():close]).strip()
        else:
            label = html.unescape(found.get("alt", ("", 0))[0])
        yield HtmlItem(tag, match.start(), match.end(), html.unescape(raw), key, start,
                       len(raw), label)
