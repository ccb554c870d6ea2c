"""A fast path for the inline text of typical list items: ``[Name](url) - Description.``

markdown-it's inline parser is most of the time ``check`` spends on a large list, and most
inline runs of an awesome list are plain text with a few simple links and code spans. For
those, and only those, a regular expression gives exactly the tokens markdown-it would
(text, ``code_inline``, ``link_open``, text, ``link_close``) with the positions the model
needs. Anything that could parse differently falls back to markdown-it: escapes, HTML and
autolinks, entities, images, titles, angle-bracket or parenthesised destinations, link text
across lines, and reference links (the caller only uses this path when the document defines
no references). ``tests/test_fastinline.py`` compares both parsers on generated text.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import List, Optional, Tuple


# What needs the real parser: escapes, tags/autolinks/comments, entities.
_UNSAFE = re.compile(
    r"\\|<[A-Za-z/!?]|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
# An image with plain alt text and a plain source, like a badge: ``![Stars](https://...svg)``.
_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]\n]*)\]\((?P<src>[^()\s<>`]*)\)")
# A link whose text holds no brackets (or one level of brackets not followed by a
# destination, as in ``[[paper]](url)``) and whose destination has no spaces, parentheses
# or angle brackets.
_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\](?![(\[]))*)\]\((?P<dest>[^()\s<>`]*)\)"
)
_BARE_HINT = re.compile(r"https?:|www\.", re.I)
_BAD_PROTOCOL = re.compile(r"^(?:vbscript|javascript|file|data):", re.I)

class LightToken:
    """The part of markdown-it's Token that the model reads, at a fifth of its cost: a large
    list has a hundred thousand of these."""

    __slots__ = ("type", "content", "attrs", "meta", "children")

    def __init__(self, kind: str, content: str = "", attrs: Optional[dict] = None) -> None:
        self.type = kind
        self.content = content
        self.attrs = attrs
        self.meta = None
        self.children = None

    def attrGet(self, name: str):  # noqa: N802 - markdown-it's name
        return self.attrs.get(name) if self.attrs else None


Span = Tuple[str, int, int, tuple]
Code = Tuple[int, int, str]


def code_spans(content: str) -> List[Code]:
    """CommonMark code spans as (start, end, shown text): a backtick run closes at the next
    run of the same length; a run with no closer is literal text."""
    spans: List[Code] = []
    if "`" not in content:
        return spans
    length = len(content)
    start = content.find("`")
    while start >= 0:
        opener_end = start
        while opener_end < length and content[opener_end] == "`":
            opener_end += 1
        run = opener_end - start
        close = content.find("`" * run, opener_end)
        while close >= 0:
            close_end = close
            while close_end < length and content[close_end] == "`":
                close_end += 1
            if close_end - close == run:
                break
            close = content.find("`" * run, close_end)
        if close < 0:
            start = content.find("`", opener_end)
            continue
        inner = content[opener_end:close].replace("\n", " ")
        if len(inner) > 2 and inner[0] == " " and inner[-1] == " " and inner.strip(" "):
            inner = inner[1:-1]
        spans.append((start, close_end, inner))
        start = content.find("`", close_end)
    return spans


def parse_simple(content: str) -> Optional[
        Tuple[List[LightToken], List[Span], List[Tuple[int, int]], bool]]:
    """(children, link and image spans, code spans, whether a bare URL may be present) for
    ``content``, or None when markdown-it must decide."""
    if _UNSAFE.search(content):
        return None
    codes = code_spans(content)
    masked = _mask(content, ((start, end) for start, end, _ in codes))
    atoms: List[Tuple[int, int, LightToken]] = [
        (start, end, LightToken("code_inline", inner)) for start, end, inner in codes]
    spans: List[Span] = []
    if "![" in masked:
        images = []
        for match in _IMAGE.finditer(masked):
            src_start, src_end = match.span("src")
            source = content[src_start:src_end]
            alt = content[match.start("alt"):match.end("alt")]
            if _BAD_PROTOCOL.match(source) or "`" in alt:
                return None
            image = LightToken("image", alt, {"src": source, "alt": ""})
            image.children = [LightToken("text", alt)] if alt else []
            atoms.append((match.start(), match.end(), image))
            spans.append(("image", match.start(), match.end(), (image, (src_start, src_end))))
            images.append(match.span())
        masked = _mask(masked, images)
        if "![" in masked:
            return None  # an image this path does not read (title, nested brackets, ...)
        atoms.sort(key=lambda atom: atom[0])
    children: List[LightToken] = []
    position = 0
    # Atoms are sorted and disjoint, so their ends are sorted too: the atoms near a link are
    # found by bisection, not by a scan per link (many code spans and links on one line).
    ends = [end for _, end, _ in atoms]
    for match in _LINK.finditer(masked):
        dest_start, dest_end = match.span("dest")
        dest = content[dest_start:dest_end]
        if _BAD_PROTOCOL.match(dest) or _overlaps(atoms, ends, dest_start, dest_end):
            return None
        _pieces(content, atoms, position, match.start(), children, ends)
        link_open = LightToken("link_open", attrs={"href": dest})
        children.append(link_open)
        first = len(children)
        _pieces(content, atoms, match.start("text"), match.end("text"), children, ends)
        # Unlike markdown-it's, our link_open carries the link's visible text.
        link_open.content = "".join(token.content for token in children[first:])
        children.append(LightToken("link_close"))
        spans.append(("link", match.start(), match.end(), (link_open, (dest_start, dest_end))))
        position = match.end()
    rest = _LINK.sub("\0", masked) if position else masked
    if "](" in rest:
        return None  # another link could form there (nested, titled, odd destination)
    _pieces(content, atoms, position, len(content), children, ends)
    # Outside links, code and images, could a bare URL (GFM autolink) start here?
    bare = _BARE_HINT.search(rest) is not None
    return children, spans, [(s, e) for s, e, _ in codes], bare


def _mask(text: str, ranges) -> str:
    """``text`` with each (start, end) range replaced by as many ``x``: what binds tighter
    than brackets (code spans, images) is hidden from the link pattern, offsets kept.

    The ranges are disjoint; the text is built once (not copied once per range)."""
    parts: List[str] = []
    position = 0
    for start, end in sorted(ranges):
        if start < position:
            start = position
        if end <= start:
            continue
        parts.append(text[position:start])
        parts.append("x" * (end - start))
        position = end
    if not parts:
        return text
    parts.append(text[position:])
    return "".join(parts)


def _overlaps(atoms: List[Tuple[int, int, LightToken]], ends: List[int], start: int,
              end: int) -> bool:
    """Whether any atom overlaps [start, end) (atoms sorted and disjoint)."""
    index = bisect_right(ends, start)
    return index < len(atoms) and atoms[index][0] < end


def _pieces(content: str, atoms: List[Tuple[int, int, LightToken]], start: int, end: int,
            out: List[LightToken], ends: Optional[List[int]] = None) -> None:
    """Text, code and image tokens for ``content[start:end]``."""
    position = start
    index = bisect_right(ends, start) if ends is not None else 0
    for index in range(index, len(atoms)):
        atom_start, atom_end, token = atoms[index]
        if atom_start >= end:
            break
        if atom_end <= start:
            continue
        if atom_start > position:
            out.append(LightToken("text", content[position:atom_start]))
        out.append(token)
        position = atom_end
    if end > position:
        out.append(LightToken("text", content[position:end]))
