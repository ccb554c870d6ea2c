"""The `awesome` shape of list items: `- [Name](https://url) - Description.`, as one list
writes it, for ``entry-format`` when the `awesome` profile is on.

awesome-lint checks each item against sindresorhus's shape and reports every item that
differs, which on a list written in another consistent style (`[Name](url): description`,
` — ` separators) is one finding per entry for one decision. Here a list's own convention
counts: the separator most of its items use (60 % of them, and at least five). An item that
departs from that convention is reported where it is; a convention that is not the awesome
style is reported once, at its first item, and so is a list without one. Whatever the style,
`-[Name](url)` (no space after the marker, so not a list item at all) is reported where it is.

The description's casing and final period are ``description-style``'s.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, TYPE_CHECKING, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.model import Document
from awesome_tools.rules import Problem, RuleContext

if TYPE_CHECKING:
    from awesome_tools.rules._awesome import Item

_NO_SPACE_MARKER = lazy(r"[-*+]\[[^\]]*\]\(")
AWESOME_SEPARATOR = " - "


class Node:
    """An inline node shaped like mdast's (text, link, emphasis, inlineCode...)."""

    __slots__ = ("type", "text", "url", "children")

    def __init__(self, kind: str, text: str = "", url: str = "",
                 children: Sequence["Node"] = ()) -> None:
        self.type = kind
        self.text = text  # the plain text (toString), code spans with their backticks
        self.url = url
        self.children = list(children)


_OPEN = {"link_open": "link", "em_open": "emphasis", "strong_open": "strong",
         "s_open": "delete"}


def inline_nodes(tokens: Sequence[Any]) -> List[Node]:
    """markdown-it inline children -> top-level mdast-like nodes, adjacent text merged.

    One pass with a stack of the open links and emphasis: a recursion per level would fail
    on emphasis nested thousands deep (``*`` runs), and a scan for each opener's closer
    would be quadratic in the nesting."""
    # Adjacent text is joined once at the end: appending to a node's text token by token
    # copies it each time (a run of thousands of escapes or entities).
    pieces: Dict[int, List[str]] = {}
    # (close type, node kind, url, the nodes inside so far), the outermost first
    stack: List[Tuple[str, str, str, List[Node]]] = [("", "", "", [])]
    for token in tokens:
        kind = token.type
        nodes = stack[-1][3]
        if kind in _OPEN:
            url = token.attrGet("href") or "" if kind == "link_open" else ""
            stack.append((kind.replace("_open", "_close"), _OPEN[kind], url, []))
            continue
        if kind == stack[-1][0] and len(stack) > 1:
            _, node_kind, url, inner = stack.pop()
            children = _merged(inner, pieces)
            text = "".join(child.text for child in children)
            stack[-1][3].append(Node(node_kind, text, url, children))
            continue
        if kind in ("text", "text_special", "softbreak", "hardbreak", "entity"):
            value = "\n" if kind.endswith("break") else token.content
            if nodes and nodes[-1].type == "text":
                pieces.setdefault(id(nodes[-1]), [nodes[-1].text]).append(value)
            else:
                nodes.append(Node("text", value))
        elif kind == "code_inline":
            nodes.append(Node("inlineCode", token.markup + token.content + token.markup))
        elif kind == "image":
            nodes.append(Node("image", "", token.attrGet("src") or ""))
        elif kind == "html_inline":
            nodes.append(Node("html", ""))
        else:
            nodes.append(Node(kind, token.content))
    while len(stack) > 1:  # an opener never closed (markdown-it closes each): its nodes
        _, node_kind, url, inner = stack.pop()
        children = _merged(inner, pieces)
        stack[-1][3].append(Node(node_kind, "".join(c.text for c in children), url, children))
    return _merged(stack[0][3], pieces)


def _merged(nodes: List[Node], pieces: Dict[int, List[str]]) -> List[Node]:
    """``nodes`` with their text pieces joined, empty text left out."""
    for node in nodes:
        if id(node) in pieces:
            node.text = "".join(pieces.pop(id(node)))
    return [node for node in nodes if node.type != "text" or node.text]


def _separator(item: "Item") -> str:
    """The kind of separator: ``-``, ``–``, ``—``, ``:`` ..., or ``none`` when the
    description follows the link after a space."""
    core = item.separator.strip(" \t\u00a0")
    if core:
        return core
    first = item.description[:1]
    return "none" if first.isalnum() else ""


def _shown(kind: str) -> str:
    return "nothing but a space" if kind == "none" else f"'{kind}'"


def check_awesome(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    from awesome_tools.rules._awesome import items, lint_silenced, majority

    silenced = lint_silenced(doc, "entry-format")
    described = [(item, _separator(item)) for item in items(doc, ctx)
                 if item.description and not silenced(item.line)
                 and not re.match(r"(?:by|from|via)\s", item.description, re.I)]
    described = [(item, kind) for item, kind in described if kind]
    yield from _separators(described, majority([kind for _, kind in described]))
    yield from _missing_space(doc, ctx, silenced)


def _separators(described: Sequence[Tuple["Item", str]], usual: Optional[str]
                ) -> Iterator[Problem]:
    if not described:
        return
    counts: Dict[str, int] = {}
    for _, kind in described:
        counts[kind] = counts.get(kind, 0) + 1
    if usual == "-":
        for item, kind in described:
            if kind != "-":
                yield Problem(item.line, item.column, f"the name and description are separated "
                              f"by {_shown(kind)}; the list's other entries use ' - '")
            elif item.separator != AWESOME_SEPARATOR:
                yield Problem(item.line, item.column, "the ' - ' between name and description "
                              f"is written {item.separator!r}: one space on each side")
        return
    if usual is None and len(counts) == 1:
        usual = next(iter(counts))  # a short list: its one way is its convention
    if usual == "-":
        return
    first = next(item for item, kind in described if kind != "-")
    if usual is not None:
        yield Problem(first.line, first.column, f"the list separates names and descriptions "
                      f"by {_shown(usual)} ({counts[usual]} of {len(described)} entries); "
                      "the awesome style is ' - '")
        return
    shown = ", ".join(f"{_shown(kind)} {count}" for kind, count in
                      sorted(counts.items(), key=lambda pair: -pair[1]))
    yield Problem(first.line, first.column, f"the list separates names and descriptions in "
                  f"{len(counts)} ways ({shown}; first other than ' - ' here); the awesome "
                  "style is ' - '")


def _missing_space(doc: Document, ctx: RuleContext,
                   silenced: Callable[[int], bool]) -> Iterator[Problem]:
    """``-[Name](url) - ...`` lines: meant as items, parsed as text (a paragraph of its own, or
    a lazy continuation of the item above, which then swallows them)."""
    from awesome_tools.rules._awesome import tokens

    depth = 0
    for token in tokens(doc, ctx):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "inline" and token.map:
            for offset, line in enumerate(token.content.split("\n")):
                number = token.map[0] + 1 + offset
                if (offset or not depth) and _NO_SPACE_MARKER.match(line) and \
                        not silenced(number):
                    yield Problem(number, 1, "the list marker is not followed by a space, so "
                                  "this line is not a list item")
