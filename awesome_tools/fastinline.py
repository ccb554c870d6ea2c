"""A fast path for the inline text of typical list items: ``[Name](url) - Description.``

markdown-it's inline parser is most of the time ``check`` spends on a large list, and most
inline runs of an awesome list are plain text with a few simple links. For those, and only
those, a regular expression gives exactly the tokens markdown-it would (text, ``link_open``,
text, ``link_close``) with the positions the model needs. Anything that could parse
differently falls back to markdown-it: escapes, code spans, HTML and autolinks, entities,
images, reference links, titles, angle-bracket or parenthesised destinations, link text
across lines. ``tests/test_fastinline.py`` compares both parsers on generated text.
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from markdown_it.token import Token

# Characters or sequences whose meaning needs the real parser. Without reference
# definitions (the caller checks), ``[x]`` and ``[x][y]`` are text; only ``](`` makes a link.
_UNSAFE = re.compile(r"[\\`<&]|!\[")
# A link whose text holds no brackets (or one level of brackets not followed by a
# destination, as in ``[[paper]](url)``) and whose destination has no spaces, parentheses
# or angle brackets.
_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\](?![(\[]))*)\]\((?P<dest>[^()\s<>]*)\)"
)
_BAD_PROTOCOL = re.compile(r"^(?:vbscript|javascript|file|data):", re.I)

Span = Tuple[str, int, int, tuple]


def parse_simple(content: str) -> Optional[Tuple[List[Token], List[Span]]]:
    """(children, recorded spans) for ``content``, or None when markdown-it must decide."""
    if _UNSAFE.search(content):
        return None
    children: List[Token] = []
    spans: List[Span] = []
    position = 0
    for match in _LINK.finditer(content):
        dest = match.group("dest")
        if _BAD_PROTOCOL.match(dest):
            return None
        if match.start() > position:
            children.append(_text(content[position:match.start()]))
        link_open = Token("link_open", "a", 1)
        link_open.attrs = {"href": dest}
        children.append(link_open)
        if match.group("text"):
            children.append(_text(match.group("text")))
        children.append(Token("link_close", "a", -1))
        spans.append(("link", match.start(), match.end(),
                      (link_open, (match.start("dest"), match.end("dest")))))
        position = match.end()
    if spans and "](" in _LINK.sub("\0", content) or not spans and "](" in content:
        return None  # another link could form there (nested, titled, odd destination)
    if position < len(content):
        children.append(_text(content[position:]))
    return children, spans


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
