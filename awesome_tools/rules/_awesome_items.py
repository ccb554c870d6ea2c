"""The `awesome` shape of list items, as awesome-lint's `list-item` rule checks it.

Moved out of ``entry_format.py`` unchanged: ``entry-format`` calls :func:`check_awesome` when
the `awesome` profile is on.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator, List, Optional, Sequence, Tuple

from awesome_tools.model import Document
from awesome_tools.rules import Problem

_PUNCT = "[.!?\u2026]"
_EMOJI_CHARS = ("\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u2190-\u21FF"
                "\u3030\u303D\u3297\u3299\u00A9\u00AE\u203C\u2049\u2122\u2139\u24C2")
_EMOJI = re.compile(f"[{_EMOJI_CHARS}]")
_EMOJI_TAIL = re.compile("[\uFE0E\uFE0F\u200D\u20E3\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]+$")
_ONLY_EMOJI = re.compile(f"[{_EMOJI_CHARS}\uFE0E\uFE0F\u200D\u20E3\U0001F3FB-\U0001F3FF\\s]*")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+\Z")
_IDENTIFIERS = frozenset({"npm"})
_LINK_CHILDREN = frozenset({"text", "emphasis", "strong", "inlineCode", "image"})
_DESCRIPTION_NODES = frozenset({"emphasis", "footnoteReference", "html", "image", "inlineCode",
                                "link", "strong", "text"})
_SUFFIX_NODES = frozenset({"emphasis", "html", "image", "link", "strong", "text"})
_NO_SPACE_MARKER = re.compile(r"[-*+]\[[^\]]*\]\(")


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


def inline_nodes(tokens) -> List[Node]:
    """markdown-it inline children -> top-level mdast-like nodes, adjacent text merged."""
    nodes: List[Node] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind in _OPEN:
            close = kind.replace("_open", "_close")
            depth, end = 1, index + 1
            while end < len(tokens) and depth:
                depth += (tokens[end].type == kind) - (tokens[end].type == close)
                end += 1
            children = inline_nodes(tokens[index + 1:end - 1])
            text = "".join(child.text for child in children)
            url = token.attrGet("href") or "" if kind == "link_open" else ""
            nodes.append(Node(_OPEN[kind], text, url, children))
            index = end
            continue
        if kind in ("text", "text_special", "softbreak", "hardbreak", "entity"):
            value = "\n" if kind.endswith("break") else token.content
            if nodes and nodes[-1].type == "text":
                nodes[-1].text += value
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
        index += 1
    return [node for node in nodes if node.type != "text" or node.text]


def _ends_with_emoji(text: str) -> bool:
    stripped = _EMOJI_TAIL.sub("", text.rstrip())
    return bool(stripped) and bool(_EMOJI.match(stripped[-1]))


def _words(text: str) -> List[str]:
    return [word for word in re.split(r"[- ;./]", text) if word]


def _special_case(description: str) -> bool:
    """Descriptions awesome-lint accepts without a dash: emoji only, or one parenthetical."""
    if description.startswith(" - "):
        return False
    text = _EMOJI.sub("", description)
    text = _EMOJI_TAIL.sub("", text).strip()
    if not text or not _ONLY_EMOJI.sub("", text):
        return True
    return bool(re.match(r"\s\([^)]+\)\s*\Z", description) or re.match(r"\([^)]+\)\Z", text))


def valid_suffix(description: str, suffix: str) -> bool:
    """Whether the description ends properly (punctuation, a closing quote after it, a
    parenthetical, an emoji); a description that is one code span never does."""
    if re.match(f"`.*{_PUNCT}*`{_PUNCT}*\\Z", description):
        return bool(re.match(r"`.+`.+`.+\Z", description))
    if re.search(f"(?<=[\"\u201d]){_PUNCT}+\\Z", description):
        return not re.search(f"{_PUNCT}[\"\u201d]{_PUNCT}+\\Z", description)
    if re.search(f"{_PUNCT}[\"\u201d]?\\Z", description):
        return True
    if not re.search(_PUNCT, description):
        words = _words(description)
        if len(words) > 2 or not words or not _ends_with_emoji(words[-1]):
            return False
    return bool(re.search(r"\)\s*\Z", suffix)) or _ends_with_emoji(suffix)


def _latin_lower(char: str) -> bool:
    """Only Latin letters are held to the rule, as awesome-lint does (not Greek, Armenian...)."""
    return char.islower() and unicodedata.name(char, "").startswith("LATIN SMALL")


def valid_casing(text: str) -> Optional[str]:
    """The casing problem of a description's first word, or None."""
    words = text.split()
    if not words:
        return "List item description must start with a non-empty string"
    word = words[0]
    if not _latin_lower(word[0]):
        return None  # upper case, a digit, a symbol, a quote, or another script
    if any(char.isupper() or char.isdigit() for char in word) or word in _IDENTIFIERS:
        return None  # camelCase, iOS, macOS, p2p, npm
    return "List item description must start with valid casing"


def _skip_badges(nodes: List[Node]) -> List[Node]:
    """Drop leading images and image links (badges) and the spaces between them."""
    index = 0
    while index < len(nodes):
        node = nodes[index]
        if node.type == "image" or (node.type == "link" and node.children
                                    and all(child.type == "image" for child in node.children)):
            index += 1
        elif node.type == "text" and not node.text.strip() and index:
            index += 1
        else:
            break
    if index and index < len(nodes) and nodes[index].type == "link":
        return nodes[index:]
    return nodes


def _skip_trailing_badges(description: List[Node]) -> List[Node]:
    """``[foo](u) ![stars](badge) - Description.``: badges between link and dash are fine."""
    index = 0
    while index < len(description) and (description[index].type == "image" or (
            description[index].type == "text" and not description[index].text.strip())):
        index += 1
    if 0 < index < len(description) and any(node.type == "image"
                                            for node in description[:index]):
        return description[index:]
    return description


def item_problem(nodes: List[Node]) -> Optional[str]:
    """awesome-lint's verdict on one list item's first paragraph, or None when it is fine."""
    if not nodes:
        return "Invalid list item"
    nodes = _skip_badges(nodes)
    link, description = nodes[0], _skip_trailing_badges(nodes[1:])
    if link.type == "text":
        return None  # "Tutorials" over a sub-list, or prose
    problem = _link_problem(link)
    if problem or not description:
        return problem
    return _description_problem(description)


def _link_problem(link: Node) -> Optional[str]:
    if link.type != "link":
        return "Invalid list item link"
    if not _URL.match(link.url.strip()):
        return "Invalid list item link URL"
    if not link.text.strip():
        return "Invalid list item link text"
    if any(child.type not in _LINK_CHILDREN for child in link.children):
        return "Invalid list item link"
    return None


def _description_problem(description: List[Node]) -> Optional[str]:
    prefix, suffix = description[0], description[-1]
    text = "".join(node.text if node.type != "image" else "" for node in description)
    if _special_case(text):
        return None
    if prefix.type != "text" or not (prefix.text.startswith(" - ") or (
            _ends_with_emoji(prefix.text) and len(description) == 1)):
        if re.match("[\\s\u00a0]-[\\s\u00a0]", prefix.text) and prefix.type == "text":
            return "List item link and description separated by invalid whitespace"
        if re.match("\\s*[\u2014\u2013]", prefix.text) and prefix.type == "text":
            return "List item link and description separated by invalid en-dash"
        return "List item link and description must be separated with a dash"
    if suffix.type not in _SUFFIX_NODES:
        return "List item description must end with proper punctuation"
    body = text[3:] if text.startswith(" - ") else text
    if suffix.type == "text" and not valid_suffix(body, suffix.text):
        return "List item description must end with proper punctuation"
    for node in description:
        if node.type not in _DESCRIPTION_NODES:
            return "List item description contains invalid markdown"
    first = prefix.text[3:]
    if len(description) > 1 and not first.strip():
        return None  # starts with code or a link: nothing to case
    return valid_casing(first)


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _scope_start(tokens) -> int:
    """Index of the first token to check: after the heading that follows ``## Contents``."""
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" \
                and tokens[index + 1].content.strip() == "Contents":
            for later in range(index + 3, len(tokens)):
                if tokens[later].type == "heading_open":
                    return later
            return len(tokens)
    return 0


def awesome_items(text: str, toc_lines: range = range(0)
                  ) -> Iterator[Tuple[int, int, Optional[str]]]:
    """(line, column, problem) for each list item in scope, and for ``-[x](u)`` lines."""
    tokens = _parser().parse(text)
    lines = text.splitlines()
    depth = 0
    control = _LintControl()
    for index in range(_scope_start(tokens), len(tokens)):
        token = tokens[index]
        control.see(token)
        if token.type == "list_item_open":
            depth += 1
            line = token.map[0] + 1 if token.map else 0
            if line in toc_lines or control.silenced:
                continue
            column = _content_column(lines[line - 1]) if 0 < line <= len(lines) else 1
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            if after is None or after.type != "paragraph_open":
                yield line, column, "Invalid list item"
                continue
            yield line, column, item_problem(inline_nodes(tokens[index + 2].children or []))
        elif token.type == "list_item_close":
            depth -= 1
        elif token.type == "inline" and token.map and not control.silenced:
            yield from _missing_space(token, top_level=not depth)


def _missing_space(token, top_level: bool) -> Iterator[Tuple[int, int, Optional[str]]]:
    """``-[Name](url) - ...`` lines: meant as items, parsed as text (a paragraph of its own, or
    a lazy continuation of the item above, which then swallows them)."""
    for offset, line in enumerate(token.content.split("\n")):
        if (offset or top_level) and _NO_SPACE_MARKER.match(line):
            yield token.map[0] + 1 + offset, 1, "List item marker must be followed by a space"


_LINT_COMMENT = re.compile(r"<!--\s*lint\s+(disable|enable|ignore)\b([^>]*?)-->", re.S)


class _LintControl:
    """awesome-lint's own comments (``<!--lint disable awesome-list-item-->``, ``enable``,
    ``ignore`` for the next list), honoured so lists that used awesome-lint need no edits."""

    def __init__(self) -> None:
        self.disabled = False
        self.ignore_next = False
        self.ignoring = 0  # nesting depth of the ignored list

    @property
    def silenced(self) -> bool:
        return self.disabled or self.ignoring > 0

    def see(self, token) -> None:
        if token.type in ("html_block", "html_inline"):
            for kind, names in _LINT_COMMENT.findall(token.content):
                if names.strip() and "list-item" not in names:
                    continue
                if kind == "ignore":
                    self.ignore_next = True
                else:
                    self.disabled = kind == "disable"
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            if self.ignoring or self.ignore_next:
                self.ignoring += 1
                self.ignore_next = False
        elif token.type in ("bullet_list_close", "ordered_list_close") and self.ignoring:
            self.ignoring -= 1


def _content_column(line: str) -> int:
    match = re.match(r"\s*(?:[-*+]|\d{1,9}[.)])\s*", line)
    return (match.end() if match else 0) + 1


def check_awesome(doc: Document) -> Iterator[Problem]:
    toc_lines = range(doc.toc.line, doc.toc.end_line + 1) if doc.toc is not None else range(0)
    for line, column, problem in awesome_items(doc.text, toc_lines):
        if problem:
            yield Problem(line, column, problem)
