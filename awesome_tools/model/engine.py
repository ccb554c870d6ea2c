"""What both parse engines hand the model builder: markdown-it-py-shaped tokens.

The builder (``parse.py``) walks one stream of block tokens (``heading_open``, ``inline``,
``bullet_list_open``, ``list_item_open``, ``html_block``, ...) whose ``inline`` tokens carry
their children and, in ``meta``, where in the inline text each link, image, autolink, inline
HTML tag and code span is: ``spans`` as ``(kind, start, end, (token, dest))`` and ``code`` as
``(start, end)``, offsets into the token's ``content``. markdown-it-py (``engine_py``) gives
that stream directly; the Rust engine (``engine_rs``) builds the same from its node tree with
:class:`LightToken`.

Where a link's destination is, both engines find the same way, from the inline text alone
(:func:`destination_span`): an empty destination (``[a]()``) is an empty span where it would
be, not the destination of an image inside the label.
"""
from __future__ import annotations

import re
from typing import Dict, List, NamedTuple, Optional, Tuple

from markdown_it.helpers import parseLinkDestination


class LightToken:
    """The part of markdown-it's Token that the model reads, at a fraction of its cost: a
    large list has a hundred thousand of these."""

    __slots__ = ("type", "content", "attrs", "meta", "children", "map", "markup", "info",
                 "tag")

    def __init__(self, kind: str, content: str = "", attrs: Optional[dict] = None) -> None:
        self.type = kind
        self.content = content
        self.attrs = attrs
        self.meta: Optional[dict] = None
        self.children: Optional[list] = None
        self.map: Optional[List[int]] = None
        self.markup = ""
        self.info = ""
        self.tag = ""

    def attrGet(self, name: str):  # noqa: N802 - markdown-it's name
        return self.attrs.get(name) if self.attrs else None

    def __repr__(self) -> str:  # for test failure messages
        return f"LightToken({self.type!r}, {self.content!r}, map={self.map})"


class Parsed(NamedTuple):
    """An engine's result: the block token stream and the line ranges ``[first, end)`` (0-based)
    of reference definitions, whose destinations the builder reads from the source."""

    tokens: list
    references: List[Tuple[int, int]]
    engine: str


# What markdown-it's parseLinkDestination reads char by char, when it holds no ``\``, ``(``
# or ``<``: up to a space, a control character or ``)``.
_PLAIN_DESTINATION = re.compile(r"[^\x00-\x20\x7f()<\\]*")


def _skip_space(src: str, pos: int, end: int) -> int:
    while pos < end and src[pos] in " \t\n":
        pos += 1
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
    stop = plain.end()
    if stop > pos and (stop == end or src[stop] not in "(<\\"):  # no escapes, no nesting
        return pos, stop
    result = parseLinkDestination(src, pos, end)
    return (pos, result.pos) if result.ok else (pos, pos)


def reference_label(src: str, start: int, label_end: int, end: int) -> str:
    """The label, as written, of the reference link ``src[start:end]`` (``[text][label]``,
    ``[label][]`` or ``[label]``); ``start`` is the ``[`` that opens the text."""
    if label_end + 1 < end and src[label_end + 1] == "[":
        label = src[label_end + 2:end - 1]
        if label:
            return label
    return src[start + 1:label_end]


def empty_meta() -> Dict[str, list]:
    return {"spans": [], "code": []}
