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
from typing import List, Optional, Tuple

from markdown_it.token import Token

# What needs the real parser: escapes, images, tags/autolinks/comments, entities.
_UNSAFE = re.compile(
    r"\\|!\[|<[A-Za-z/!?]|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
# A link whose text holds no brackets (or one level of brackets not followed by a
# destination, as in ``[[paper]](url)``) and whose destination has no spaces, parentheses
# or angle brackets.
_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\](?![(\[]))*)\]\((?P<dest>[^()\s<>`]*)\)"
)
_BAD_PROTOCOL = re.compile(r"^(?:vbscript|javascript|file|data):", re.I)

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


def parse_simple(content: str) -> Optional[Tuple[List[Token], List[Span], List[Tuple[int, int]]]]:
    """(children, link spans, code spans) for ``content``, or None when markdown-it must decide."""
    if _UNSAFE.search(content):
        return None
    codes = code_spans(content)
    masked = content
    for start, end, _ in codes:  # code binds tighter than brackets: hide it from the regex
        masked = masked[:start] + "x" * (end - start) + masked[end:]
    children: List[Token] = []
    spans: List[Span] = []
    position = 0
    for match in _LINK.finditer(masked):
        dest_start, dest_end = match.span("dest")
        dest = content[dest_start:dest_end]
        if _BAD_PROTOCOL.match(dest) or any(s < dest_end and e > dest_start for s, e, _ in codes):
            return None
        _pieces(content, codes, position, match.start(), children)
        link_open = Token("link_open", "a", 1)
        link_open.attrs = {"href": dest}
        children.append(link_open)
        _pieces(content, codes, match.start("text"), match.end("text"), children)
        children.append(Token("link_close", "a", -1))
        spans.append(("link", match.start(), match.end(), (link_open, (dest_start, dest_end))))
        position = match.end()
    if "](" in (_LINK.sub("\0", masked) if spans else masked):
        return None  # another link could form there (nested, titled, odd destination)
    _pieces(content, codes, position, len(content), children)
    return children, spans, [(s, e) for s, e, _ in codes]


def _pieces(content: str, codes: List[Code], start: int, end: int, out: List[Token]) -> None:
    """Text and code tokens for ``content[start:end]``."""
    position = start
    for code_start, code_end, inner in codes:
        if code_end <= start or code_start >= end:
            continue
        if code_start > position:
            out.append(_token("text", content[position:code_start]))
        out.append(_token("code_inline", inner))
        position = code_end
    if end > position:
        out.append(_token("text", content[position:end]))


def _token(kind: str, content: str) -> Token:
    token = Token(kind, "code" if kind == "code_inline" else "", 0)
    token.content = content
    return token
