"""What both parse engines share: the few markdown-it reading rules the model builders need.

The reference builder (``parse.py``) walks markdown-it-py's token stream, whose ``inline``
tokens carry, in ``meta``, where each link, image, autolink, inline HTML tag and code span is
(``engine_py`` records them); the fast builder (``engine_rs``) reads the same from
markdown-it-pyrs's node tree. Both find a link's destination and label the same way, from
the text alone (:func:`destination_span`, :func:`reference_label`): an empty destination
(``[a]()``) is an empty span where it would be, not the destination of an image inside the
label.

The helpers below are small ports of markdown-it-py's (MIT, same behaviour in 3.x and 4.x
for every text the fast engine accepts: the two differ only in whether U+001C-U+001F and
U+0085 count as whitespace when trimming, and ``engine_rs`` leaves such texts to the
reference). They live here so that the fast path never imports markdown-it-py, whose import
alone costs a third of an empty file's ``check``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional, Tuple

from awesome_tools.lazyre import lazy

if TYPE_CHECKING:
    # A token as the builders read it: markdown-it-py's Token, a LightToken or engine_rs's
    # lazy inline token, duck-typed alike (type, content, map, meta, children, attrGet) and
    # sharing no declared type.
    TokenLike = Any
    # One record of the builder's blocks in document order: (kind, line, end_line, payload),
    # the payload's shape depending on the kind (parse.py, _Builder.blocks).
    Block = Tuple[Any, ...]
    # What the recording inline rules note of a link, image, autolink or tag: (kind, start,
    # end, (its first token, its destination's span)), offsets into the inline text.
    InlineSpan = Tuple[str, int, int, Tuple[Any, Optional[Tuple[int, int]]]]

# What markdown-it trims (JavaScript's ``String.prototype.trim`` minus U+FEFF; markdown-it-py
# 4's MD_TRIM_CHARS, and what 3.x's ``str.strip()`` removes from any text without
# U+001C-U+001F or U+0085).
TRIM_CHARS = ("\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
              "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_TRIM_RUN = lazy("[" + re.escape(TRIM_CHARS) + "]+")
# Characters that markdown-it-py 3 and 4 trim differently (see the module docstring).
VERSION_SENSITIVE_CHARS = "\x1c\x1d\x1e\x1f\x85"


def trim(text: str) -> str:
    """markdown-it's trim of a block's or a cell's text."""
    return text.strip(TRIM_CHARS)


def normalize_reference(label: str) -> str:
    """markdown-it's ``normalizeReference``: a reference label as definitions are keyed."""
    return _TRIM_RUN.sub(" ", label.strip(TRIM_CHARS)).lower().upper()


_UNESCAPE = lazy(
    r'\\([!"#$%&\'()*+,\-.\/:;<=>?@[\\\]^_`{|}~])|&([a-z#][a-z0-9]{1,31});', re.IGNORECASE)
_DECIMAL_ENTITY = lazy(r"#([0-9]{1,8})")
_HEX_ENTITY = lazy(r"#x([a-f0-9]{1,8})", re.IGNORECASE)
_ENTITIES: Dict[str, str] = {}


def _entity(match: "re.Match[str]") -> str:
    escaped = match.group(1)
    if escaped:
        return escaped
    name = match.group(2)
    if not _ENTITIES:  # html.entities is imported only when an entity is met
        import html.entities

        _ENTITIES.update((key.rstrip(";"), chars) for key, chars in html.entities.html5.items())
    if name in _ENTITIES:
        return _ENTITIES[name]
    number = _DECIMAL_ENTITY.fullmatch(name)
    code = int(number.group(1)) if number else None
    if code is None:
        number = _HEX_ENTITY.fullmatch(name)
        code = int(number.group(1), 16) if number else None
    if code is not None and _valid_entity_code(code):
        return chr(code)
    return match.group()


def _valid_entity_code(code: int) -> bool:
    return not (0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF
                or (code & 0xFFFF) in (0xFFFF, 0xFFFE) or code <= 0x08 or code == 0x0B
                or 0x0E <= code <= 0x1F or 0x7F <= code <= 0x9F or code > 0x10FFFF)


def unescape_all(text: str) -> str:
    """markdown-it's ``unescapeAll``: backslash escapes and entities decoded."""
    if "\\" not in text and "&" not in text:
        return text
    return _UNESCAPE.sub(_entity, text)


def escaped_split(text: str) -> List[str]:
    """markdown-it's ``escapedSplit`` of a table row at unescaped pipes (``\\|`` loses its
    backslash)."""
    result: List[str] = []
    current = ""
    last = 0
    escaped = False
    for pos, char in enumerate(text):
        if char == "|":
            if not escaped:
                result.append(current + text[last:pos])
                current = ""
                last = pos + 1
            else:
                current += text[last:pos - 1]
                last = pos
        escaped = char == "\\"
    result.append(current + text[last:])
    return result


class LightToken:
    """The part of markdown-it's Token that the model reads, at a fraction of its cost."""

    __slots__ = ("type", "content", "attrs", "meta", "children", "map", "markup", "info",
                 "tag")

    def __init__(self, kind: str, content: str = "",
                 attrs: Optional[Dict[str, str]] = None) -> None:
        self.type = kind
        self.content = content
        self.attrs = attrs
        self.meta: Optional[Dict[str, Any]] = None
        self.children: Optional[List[Any]] = None
        self.map: Optional[List[int]] = None
        self.markup = ""
        self.info = ""
        self.tag = ""

    def attrGet(self, name: str) -> Optional[str]:  # noqa: N802 - markdown-it's name
        return self.attrs.get(name) if self.attrs else None

    def __repr__(self) -> str:  # for test failure messages
        return f"LightToken({self.type!r}, {self.content!r}, map={self.map})"


class Parsed(NamedTuple):
    """The reference engine's result: the block token stream and the line ranges
    ``[first, end)`` (0-based) of reference definitions, whose destinations the builder reads
    from the source."""

    tokens: List[Any]
    references: List[Tuple[int, int]]
    engine: str


# What markdown-it's parseLinkDestination reads char by char, when it holds no ``\``, ``(``
# or ``<``: up to a space, a control character or ``)``.
_PLAIN_DESTINATION = lazy(r"[^\x00-\x20\x7f()<\\]*")


def _skip_space(src: str, pos: int, end: int) -> int:
    while pos < end and src[pos] in " \t\n":
        pos += 1
    return pos


def _destination_end(src: str, pos: int, end: int) -> Optional[int]:
    """Where markdown-it's ``parseLinkDestination`` stops reading a destination at ``pos``,
    or None where it finds none."""
    if pos < end and src[pos] == "<":
        pos += 1
        while pos < end:
            char = src[pos]
            if char == "\n" or char == "<":
                return None
            if char == ">":
                return pos + 1
            pos += 2 if char == "\\" and pos + 1 < end else 1
        return None
    start, level = pos, 0
    while pos < end:
        char = src[pos]
        code = ord(char)
        if code <= 0x20 or code == 0x7F:
            break
        if char == "\\" and pos + 1 < end:
            if src[pos + 1] == " ":
                break
            pos += 2
            continue
        if char == "(":
            level += 1
            if level > 32:
                return None
        elif char == ")":
            if level == 0:
                break
            level -= 1
        pos += 1
    if pos == start or level != 0:
        return None
    return pos


def destination_span(src: str, label_end: int, end: int) -> Optional[Tuple[int, int]]:
    """The destination's ``(start, end)`` in ``src`` of the link or image ``src[...:end]``
    whose label closes at ``label_end`` (the ``]``), or None for a reference link.

    An inline link is ``](`` right after the label and a ``)`` at its end; its destination
    starts after the spaces following ``(``, as markdown-it reads it; an empty or missing
    destination is the empty span there.
    """
    if label_end + 1 >= end or src[label_end + 1] != "(" or src[end - 1] != ")":
        return None
    pos = _skip_space(src, label_end + 2, end)
    plain = _PLAIN_DESTINATION.match(src, pos, end)
    stop = plain.end()  # type: ignore[union-attr]
    if stop > pos and (stop == end or src[stop] not in "(<\\"):  # no escapes, no nesting
        return pos, stop
    found = _destination_end(src, pos, end)
    return (pos, found) if found is not None else (pos, pos)


def reference_label(src: str, start: int, label_end: int, end: int) -> str:
    """The label, as written, of the reference link ``src[start:end]`` (``[text][label]``,
    ``[label][]`` or ``[label]``); ``start`` is the ``[`` that opens the text."""
    if label_end + 1 < end and src[label_end + 1] == "[":
        label = src[label_end + 2:end - 1]
        if label:
            return label
    return src[start + 1:label_end]
