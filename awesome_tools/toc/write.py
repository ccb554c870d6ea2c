"""Mending a TOC with line edits in its own style, without changing what it means.

Lines that are right are never touched, so a correct TOC is left alone byte for byte and a
second run changes nothing. A new line copies the prefix (indentation, bullet, compact
``- - `` markers, task box) of the sibling it joins, so it looks like its neighbours, and goes
where Markdown nests it under the same parent: after the last line of the previous sibling's
subtree, or before the next sibling, or as the first child of its section's entry; never
between a group label and its children at a shallower depth, which would make them its own.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from awesome_tools.findings import Edit
from awesome_tools.model import Document, Heading, TocEntry
from awesome_tools.toc.align import Plan, listed_section

_ITEM = re.compile(r"^(?P<indent>[ \t>]*)(?P<bullet>[-*+]|\d+[.)])(?P<gap>[ \t]+)")
_NUMBER = re.compile(r"(\d+)([.)])(?=[ \t]+(?:\[[ xX]\][ \t]+)?$)")
_SPACE = re.compile(r"\s+")
_LINK_IN_TEXT = re.compile(r"!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Style:
    """How the list writes its TOC lines, learnt from its own lines (for whole new TOCs)."""

    bullet: str = "-"
    ordered: bool = False
    indent: int = 2
    gap: str = " "
    prefix: str = ""
    newline: str = "\n"


def newline_of(doc: Document) -> str:
    toc = doc.toc
    if toc is None:
        return "\r\n" if "\r\n" in doc.text[:4096] else "\n"
    return "\r\n" if "\r\n" in doc.text[toc.start:toc.end + 2] else "\n"


def detect_style(doc: Document) -> Style:
    toc = doc.toc
    bullets: Counter = Counter()
    indents: Dict[int, int] = {}
    gaps: Counter = Counter()
    prefix = ""
    for entry in toc.entries if toc else ():
        match = _ITEM.match(doc.line(entry.line))
        if not match:
            continue
        bullet = match.group("bullet")
        bullets["1." if bullet[:-1].isdigit() and bullet.endswith(".") else
                "1)" if bullet[:-1].isdigit() else bullet] += 1
        gaps[match.group("gap")] += 1
        indent = match.group("indent")
        if entry.depth == 0:
            prefix = indent
        indents.setdefault(entry.depth, len(indent.expandtabs(4)) - len(prefix))
    bullet = bullets.most_common(1)[0][0] if bullets else "-"
    unit = 2
    deeper = sorted((d, w) for d, w in indents.items() if d > 0)
    if deeper:
        depth, width = deeper[0]
        unit = max(1, width // depth)
    return Style(bullet, bullet[0].isdigit(), unit, gaps.most_common(1)[0][0] if gaps else " ",
                 prefix, newline_of(doc))


def entry_text(heading: Heading) -> str:
    """The link text a TOC shows for a heading: its Markdown with links and tags unwrapped."""
    raw = _LINK_IN_TEXT.sub(lambda m: "" if m.group(0).startswith("!") else m.group(1),
                            heading.raw)
    raw = _HTML_TAG.sub("", raw)
    return _SPACE.sub(" ", raw).strip()


def render_entry(heading: Heading, depth: int, style: Style, number: int = 1) -> str:
    bullet = f"{number}{style.bullet[-1]}" if style.ordered else style.bullet
    indent = style.prefix + " " * (style.indent * depth)
    return f"{indent}{bullet}{style.gap}[{entry_text(heading)}](#{heading.anchor}){style.newline}"


def render_toc(doc: Document, expected: Sequence[Heading], style: Style) -> str:
    """A whole TOC for ``expected`` headings (for empty marker blocks and `toc`)."""
    depths = _tree_depths(expected)
    counters: Dict[int, int] = {}
    lines = []
    for heading in expected:
        depth = depths[heading.index]
        counters = {d: c for d, c in counters.items() if d <= depth}
        counters[depth] = counters.get(depth, 0) + 1
        lines.append(render_entry(heading, depth, style, counters[depth]))
    return "".join(lines)


def _tree_depths(expected: Sequence[Heading]) -> Dict[int, int]:
    stack: List[int] = []
    result = {}
    for heading in expected:
        while stack and stack[-1] >= heading.level:
            stack.pop()
        result[heading.index] = len(stack)
        stack.append(heading.level)
    return result


def _offset(doc: Document, line: int) -> int:
    return doc.line_starts[line - 1] if line - 1 < len(doc.line_starts) else len(doc.text)


def line_prefix(doc: Document, entry: TocEntry) -> str:
    """Everything on an entry's line before its link: indentation, bullets, task box, ``**``."""
    return doc.line(entry.line)[:entry.link.column - 1]


def _suffix(doc: Document, entry: TocEntry) -> str:
    """The emphasis that closes around an entry's link (``**`` of ``- **[A](#a)**``)."""
    opened = line_prefix(doc, entry).rstrip()
    marks = len(opened) - len(opened.rstrip("*_"))
    return opened[len(opened) - marks:][::-1] if marks else ""


def _line_like(doc: Document, entry: TocEntry, prefix: str, heading: Heading) -> str:
    return (f"{prefix}[{entry_text(heading)}](#{heading.anchor}){_suffix(doc, entry)}"
            f"{newline_of(doc)}")


def _numbered(prefix: str, number: Optional[int]) -> str:
    if number is None:
        return prefix
    return _NUMBER.sub(lambda m: f"{number}{m.group(2)}", prefix, count=1)


def _number_after(prefix: str) -> Optional[int]:
    found = _NUMBER.search(prefix)
    return int(found.group(1)) + 1 if found else None


def delete_edit(doc: Document, entry: TocEntry) -> Optional[Edit]:
    """Remove an entry's line; None when it has nested lines, which would change parents, and
    for a heading (a heading is never deleted)."""
    if entry.own_end_line != entry.end_line or entry.kind != "item":
        return None
    return Edit(_offset(doc, entry.line), _offset(doc, entry.own_end_line), "")


def fragment_edit(entry: TocEntry, anchor: str) -> Optional[Edit]:
    dest = entry.link.dest
    if dest is None:
        return None
    before = entry.link.url.split("#", 1)[0]  # keep `./` before the fragment
    return Edit(dest.start, dest.end, before + "#" + anchor)


def insert_edit(doc: Document, plan: Plan, heading: Heading,
                skip: Sequence[TocEntry] = ()) -> Optional[Edit]:
    """A line for ``heading`` among its siblings (see the module docstring), or None when
    there is no place where Markdown would nest it as the document does. ``skip`` are
    entries that another edit of the same fix removes (a moved entry)."""
    entries = plan.toc.entries
    index_of = {id(entry): i for i, entry in enumerate(entries)}
    skipped = {id(entry) for entry in skip}
    section = listed_section(doc, plan, heading)
    siblings = sorted(((h, e) for h_index, e in plan.listed.items()
                       for h in (doc.headings[h_index],)
                       if id(e) not in skipped and h.index != heading.index
                       and listed_section(doc, plan, h) is section), key=lambda p: p[0].index)
    before = [pair for pair in siblings if pair[0].index < heading.index]
    after = [pair for pair in siblings if pair[0].index > heading.index]
    if any(e.kind != "item" for _, e in before[-1:] + after[:1]):
        return None  # the sibling is a heading: a new heading is not a fix to make
    if before:
        sibling = before[-1][1]
        offset = _offset(doc, sibling.end_line)
        prefix = line_prefix(doc, sibling)
        return Edit(offset, offset, _line_like(doc, sibling, _numbered(
            prefix, _number_after(prefix)), heading))
    if after:
        sibling = after[0][1]
        offset = _offset(doc, sibling.line)
        return Edit(offset, offset, _line_like(doc, sibling, line_prefix(doc, sibling), heading))
    if section is not None:
        parent = plan.listed[section.index]
        if parent.kind != "item":
            return None
        child = next((e for e in entries if e.parent == index_of[id(parent)]), None)
        offset = _offset(doc, parent.own_end_line)
        if child is not None:
            return Edit(offset, offset, _line_like(doc, child, line_prefix(doc, child), heading))
        return Edit(offset, offset, _line_like(doc, parent, child_prefix(doc, parent),
                                               heading))
    top = [e for e in entries if e.parent is None and e.label is None and id(e) not in skipped]
    if top:
        last = top[-1]
        offset = _offset(doc, last.end_line)
        prefix = line_prefix(doc, last)
        return Edit(offset, offset, _line_like(doc, last, _numbered(
            prefix, _number_after(prefix)), heading))
    return None


def child_prefix(doc: Document, parent: TocEntry) -> str:
    """The prefix of a first child under ``parent``: its content column, then its bullet."""
    prefix = line_prefix(doc, parent)
    match = _ITEM.match(prefix)
    if match is None:
        return prefix
    width = len(match.group(0))
    bullet = match.group("bullet")
    bullet = "1" + bullet[-1] if bullet[-1] in ".)" else bullet
    return " " * width + bullet + match.group("gap")


def fill_edit(doc: Document, plan: Plan, style: Style) -> Edit:
    """Write a whole TOC into an empty block, after its leading blank lines."""
    offset = plan.toc.start
    while offset < plan.toc.end and doc.text[offset] in "\r\n":
        offset += 1
    text = render_toc(doc, plan.expected, style)
    if offset < len(doc.text) and doc.text[offset:plan.toc.end].strip() == "" and \
            offset == plan.toc.end:
        text += style.newline
    return Edit(offset, offset, text)


def reindent_edit(doc: Document, entry: TocEntry, like: str) -> Optional[Edit]:
    """Give ``entry``'s line the prefix ``like`` (before its link); None with nested lines."""
    if entry.own_end_line != entry.end_line or entry.link.dest is None or entry.kind != "item":
        return None
    start = _offset(doc, entry.line)
    current = line_prefix(doc, entry)
    if current == like:
        return None
    return Edit(start, start + len(current), like)
