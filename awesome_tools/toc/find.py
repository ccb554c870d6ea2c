"""Finding the table of contents: between a generator's markers, or by its shape.

Generators leave markers (doctoc, markdown-toc, mdformat-toc, MarkdownTOC); hand-made and
VS Code TOCs have none, so we take the top-level list whose items are almost all a single
in-page link to a heading (also inside ``<details>``, which is just HTML around a list).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

from awesome_tools.model import Comment, Heading, Link, Span, Toc, TocEntry
from awesome_tools.model.slugs import without_vs16

# (kind, start pattern, end pattern) for generators that delimit their TOC with comments.
MARKERS: Tuple[Tuple[str, "re.Pattern[str]", "re.Pattern[str]"], ...] = (
    ("doctoc", re.compile(r"^\s*START doctoc\b", re.I), re.compile(r"^\s*END doctoc\b", re.I)),
    ("mdformat-toc", re.compile(r"^\s*mdformat-toc start\b"), re.compile(r"^\s*mdformat-toc end\b")),
    ("markdowntoc", re.compile(r"^\s*MarkdownTOC\b"), re.compile(r"^\s*/MarkdownTOC\b")),
    ("markdown-toc", re.compile(r"^\s*toc\s*$"), re.compile(r"^\s*tocstop\s*$")),
)
_OPTION = re.compile(r"--?([\w-]+)(?:[= ]([^\s-][^\s]*))?|(\w+)=(\"[^\"]*\"|'[^']*'|\S+)")


@dataclass(eq=False)
class ListItem:
    """A list item while building (mutable; turned into model objects afterwards).

    Items and lists point down only, never up: with no cycles, the whole tree (and the
    markdown-it tokens it holds) is freed the moment the builder is, without the cyclic GC.
    """

    line: int
    end_line: int  # exclusive, 1-based line after the item
    markup: str
    info: str  # the number of an ordered item
    section: Tuple[str, ...]
    first_inline: object = None
    first_links: Tuple[Link, ...] = ()
    children: List["MarkdownList"] = field(default_factory=list)


@dataclass(eq=False)
class MarkdownList:
    ordered: bool
    markup: str
    line: int
    end_line: int  # exclusive
    depth: int
    items: List[ListItem] = field(default_factory=list)

    def walk(self, depth: int = 0):
        """Every item of this list and its sublists with its nesting depth, in order."""
        for item in self.items:
            yield item, depth
            for child in item.children:
                yield from child.walk(depth + 1)


def _single_fragment_link(item: ListItem) -> Optional[Link]:
    """The item's link when the item's first line is just one in-page link."""
    token = item.first_inline
    if token is None or not item.first_links:
        return None
    link = item.first_links[0]
    if link.kind != "link" or not link.url.startswith("#") or link.syntax == "bare":
        return None
    children = token.children or []
    opened = 0
    outside = []
    for child in children:
        if child.type == "link_open":
            opened += 1
        elif child.type == "link_close":
            opened -= 1
        elif opened == 0 and child.type not in ("softbreak",):
            outside.append(child)
    if sum(1 for c in children if c.type == "link_open") != 1:
        return None
    rest = "".join(c.content for c in outside if c.type in ("text", "code_inline"))
    rest = rest.replace("*", "").replace("_", "").strip()  # **[Books](#books)**
    return link if len(rest) <= 3 else None


def _entries(md_list: MarkdownList, src) -> List[TocEntry]:
    entries = []
    for item, depth in md_list.walk():
        link = _single_fragment_link(item)
        if link is None:
            continue
        own_end = item.children[0].line if item.children else item.end_line + 1
        entries.append(TocEntry(link.text, link.url[1:], depth, link.line, link.column, link,
                                _content_end(src, item.line, own_end),
                                _content_end(src, item.line, item.end_line + 1)))
    return entries


def _content_end(src, first: int, end: int) -> int:
    """``end`` (1-based, exclusive) moved up past trailing blank lines, which a list item's
    line map includes but which belong to the layout around the list, not to the item."""
    while end - 1 > first and not src.line_text(end - 2)[1].strip():
        end -= 1
    return end


def _text_key(text: str) -> str:
    """A heading's or entry's text as a key that cannot collide with an anchor."""
    return "\0" + " ".join(text.casefold().split())


def _resolves(fragment: str, anchors: set) -> bool:
    fragment = _unquote(fragment).lower()
    return fragment in anchors or without_vs16(fragment) in anchors


def _unquote(fragment: str) -> str:
    if "%" not in fragment:
        return fragment
    from urllib.parse import unquote

    return unquote(fragment)


def _marker_toc(lists, headings, comments: Sequence[Comment], src) -> Optional[Toc]:
    for kind, start_re, end_re in MARKERS:
        start = next((c for c in comments if start_re.search(c.text)), None)
        if start is None:
            continue
        end = next((c for c in comments if c.line >= start.end_line and end_re.search(c.text)),
                   None)
        if end is None:
            continue
        # A heading inside the markers after the TOC's first list ends the TOC: what follows
        # is a section's content (a heading before the list is the TOC's own title).
        inside = [m for m in lists if m.line > start.end_line and m.end_line <= end.line]
        if inside:
            stop = next((h.line for h in headings if inside[0].line < h.line < end.line),
                        end.line)
            inside = [m for m in inside if m.end_line <= stop]
        entries: List[TocEntry] = []
        for md_list in inside:
            entries.extend(_entries(md_list, src))
        options = tuple((m.group(1) or m.group(3), (m.group(2) or m.group(4) or "").strip("\"'"))
                        for m in _OPTION.finditer(start.text.split(None, 2)[-1]
                                                  if kind != "markdown-toc" else ""))
        start_pos = src.starts[start.end_line] if start.end_line < len(src.starts) \
            else len(src.text)
        end_pos = src.starts[end.line - 1]
        s_line, s_col = src.position(start.start)
        e_line, e_col = src.position(end.start)
        return Toc(kind, tuple(entries), start_pos, end_pos, start.end_line + 1, end.line - 1,
                   Span(start.start, start.end, s_line, s_col),
                   Span(end.start, end.end, e_line, e_col), options)
    return None


def find_toc(lists: Sequence[MarkdownList], headings: Sequence[Heading],
             comments: Sequence[Comment], src) -> Optional[Toc]:
    """The document's table of contents, or None."""
    marked = _marker_toc(lists, headings, comments, src)
    if marked is not None:
        return marked
    anchors = {without_vs16(heading.anchor) for heading in headings}
    anchors.update(_text_key(heading.text) for heading in headings)
    chosen: List[Tuple[MarkdownList, List[TocEntry]]] = []
    for md_list in lists:
        entries = _toc_like(md_list, anchors, src)
        if chosen:
            previous = chosen[-1][0]
            if entries is None or not _adjacent(previous, md_list, headings):
                break  # the TOC ends; later TOC-like lists are sub-TOCs of sections
            chosen.append((md_list, entries))
        elif entries is not None:
            chosen.append((md_list, entries))
    if not chosen:
        return None
    first, last = chosen[0][0], chosen[-1][0]
    start = src.starts[first.line - 1]
    end_line = _content_end(src, first.line, last.end_line + 1) - 1  # last line, 1-based
    end = src.starts[end_line] if end_line < len(src.starts) else len(src.text)
    entries = [entry for _, part in chosen for entry in part]
    return Toc("list", tuple(entries), start, end, first.line, end_line)


def _toc_like(md_list: MarkdownList, anchors: set, src) -> Optional[List[TocEntry]]:
    """The list's entries when almost every item is one in-page link to a heading."""
    items = sum(1 for _ in md_list.walk())
    entries = _entries(md_list, src)
    if len(entries) < 2 or len(entries) < 0.8 * items:
        return None
    resolving = sum(1 for entry in entries if _resolves(entry.fragment, anchors)
                    or _text_key(entry.text) in anchors)
    return entries if resolving >= 0.5 * len(entries) else None


def _adjacent(previous: MarkdownList, following: MarkdownList, headings) -> bool:
    """Lists split only by a short label (``**Web Development**``) belong to one TOC."""
    if following.line - previous.end_line > 6:
        return False
    return not any(previous.end_line < h.line < following.line for h in headings)
