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
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Dict, List, Mapping, Optional, Sequence, Set, Tuple

from awesome_tools.findings import Edit
from awesome_tools.lazyre import lazy
from awesome_tools.model import Document, Heading, TocEntry
from awesome_tools.records import record
from awesome_tools.toc.align import Plan, listed_section, nests_subsections

_ITEM = lazy(r"^(?P<indent>[ \t>]*)(?P<bullet>[-*+]|\d+[.)])(?P<gap>[ \t]+)")
_NUMBER = lazy(r"(\d+)([.)])(?=[ \t]+(?:\[[ xX]\][ \t]+)?$)")
_SPACE = lazy(r"\s+")
# An inline link or image; its text may hold bracketed words without brackets inside them
# (``[[ICCV] paper](u)``). (Allowing ``[`` there made each ``[`` of a long run rescan to the
# end: quadratic in the heading.)
_LINK_IN_TEXT = lazy(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)")
_HTML_TAG = lazy(r"<[^>]+>")
_LABEL = r"((?:[^\[\]\\]|\\.)*)"
_REFERENCE_LINK = lazy(r"!?\[" + _LABEL + r"\]\[" + _LABEL + r"\]")  # [text][label]
_SHORTCUT_LINK = lazy(r"!?\[" + _LABEL + r"\](?![\[(])")  # [label]


@record(frozen=True)
class Style:
    """How the list writes its TOC lines, learnt from its own lines (for whole new TOCs)."""

    bullet: str = "-"
    ordered: bool = False
    indent: int = 2
    gap: str = " "
    prefix: str = ""
    newline: str = "\n"


def newline_of(doc: Document) -> str:
    """The TOC's line break. Asked for every line written, so the last document's answer is
    kept (a scan of the TOC per line was quadratic in it)."""
    last = _LAST_NEWLINE[0]
    if last is not None and last[0] is doc:
        return last[1]
    toc = doc.toc
    if toc is None:
        newline = "\r\n" if "\r\n" in doc.text[:4096] else "\n"
    else:
        newline = "\r\n" if doc.text.find("\r\n", toc.start, toc.end + 2) >= 0 else "\n"
    _LAST_NEWLINE[0] = (doc, newline)  # one tuple, set at once: safe across threads
    return newline


_LAST_NEWLINE: List[Optional[Tuple[Document, str]]] = [None]


def detect_style(doc: Document) -> Style:
    toc = doc.toc
    bullets: Counter[str] = Counter()
    indents: Dict[int, int] = {}
    gaps: Counter[str] = Counter()
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


def entry_text(heading: Heading, references: Optional[Mapping[str, str]] = None) -> str:
    """The link text a TOC shows for a heading: its Markdown with links and tags unwrapped.

    A link left inside would make the TOC line no link, and the next run would add it again:
    so inline links are unwrapped, and reference links too when ``references`` (the
    document's definitions) names their label. Brackets that do not pair up (``## a [b``)
    would end or break the link text, so they are escaped.
    """
    raw = heading.raw
    if "](" in raw:
        raw = _LINK_IN_TEXT.sub(lambda m: "" if m.group(0).startswith("!") else m.group(1),
                                raw)
    if references and "[" in raw:
        raw = _unwrap_references(raw, references)
    if "<" in raw:
        raw = _HTML_TAG.sub("", raw)
    return _pair_brackets(_SPACE.sub(" ", raw).strip())


def _unwrap_references(raw: str, references: Mapping[str, str]) -> str:
    """``[text][label]``, ``[text][]`` and ``[label]`` links whose label is defined, as text
    (images as nothing)."""
    from markdown_it.common.utils import normalizeReference

    def full(match: "re.Match[str]") -> str:
        label = match.group(2) or match.group(1)
        if normalizeReference(label) not in references:
            return match.group(0)
        return "" if match.group(0).startswith("!") else match.group(1)

    def shortcut(match: "re.Match[str]") -> str:
        if normalizeReference(match.group(1)) not in references:
            return match.group(0)
        return "" if match.group(0).startswith("!") else match.group(1)

    return _SHORTCUT_LINK.sub(shortcut, _REFERENCE_LINK.sub(full, raw))


def _pair_brackets(text: str) -> str:
    """``text`` with every unescaped bracket outside code spans escaped, unless they pair up."""
    if "[" not in text and "]" not in text:
        return text
    from awesome_tools.model.codespans import code_spans

    code = [(start, end) for start, end, _ in code_spans(text)]
    loose = []  # offsets of unescaped brackets outside code spans
    depth, balanced, at = 0, True, 0
    for index, char in enumerate(text):
        while at < len(code) and code[at][1] <= index:
            at += 1
        if char not in "[]" or (at < len(code) and code[at][0] <= index) or _escaped(text,
                                                                                   index):
            continue
        loose.append(index)
        depth += 1 if char == "[" else -1
        balanced = balanced and depth >= 0
    if balanced and depth == 0:
        return text
    out, position = [], 0
    for index in loose:
        out.append(text[position:index] + "\\" + text[index])
        position = index + 1
    out.append(text[position:])
    return "".join(out)


def _escaped(text: str, index: int) -> bool:
    """Whether the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def render_entry(heading: Heading, depth: int, style: Style, number: int = 1,
                 references: Optional[Mapping[str, str]] = None) -> str:
    bullet = f"{number}{style.bullet[-1]}" if style.ordered else style.bullet
    indent = style.prefix + " " * (style.indent * depth)
    text = entry_text(heading, references)
    return f"{indent}{bullet}{style.gap}[{text}](#{heading.anchor}){style.newline}"


def render_toc(doc: Document, expected: Sequence[Heading], style: Style) -> str:
    """A whole TOC for ``expected`` headings (for empty marker blocks and `toc`)."""
    depths = _tree_depths(expected)
    counters: Dict[int, int] = {}
    lines = []
    for heading in expected:
        depth = depths[heading.index]
        counters = {d: c for d, c in counters.items() if d <= depth}
        counters[depth] = counters.get(depth, 0) + 1
        lines.append(render_entry(heading, depth, style, counters[depth], doc.references))
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
    return (f"{prefix}[{entry_text(heading, doc.references)}](#{heading.anchor})"
            f"{_suffix(doc, entry)}"
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


def insert_edit(doc: Document, plan: Plan, heading: Heading, skip: Sequence[TocEntry] = (),
                keep: Optional[TocEntry] = None) -> Optional[Edit]:
    """A line for ``heading`` among its siblings (see the module docstring), or None when
    there is no place where Markdown would nest it as intended.

    A missing entry joins the entries of its heading's listed siblings (or, without any, nests
    under its section's entry when the TOC nests subsections, and sits beside it when the TOC
    is flat). A moved entry (``keep``) keeps its parent and group, only its place changes.
    ``skip`` are entries another edit of the same fix removes.

    Asked once per missing or moved entry, so every question is answered from indexes made
    once per plan (``_Index``), in ``log n``: a scan of the TOC per entry was quadratic."""
    entries = plan.toc.entries
    index = _Index.of(doc, plan)
    skipping = index.skipping(skip)
    skipped = skipping.indices
    place = (keep.parent, keep.label) if keep is not None else \
        _new_place(doc, plan, heading, skipped, index)
    if place is None:
        return None
    parent, label = place
    group = index.groups.get((parent, label))
    if group is None:
        members: List[int] = []
    else:
        members = group.members
        out, kept, headings_out = skipping.in_group((parent, label), group, entries)
        if group.others > headings_out:
            return None  # headings inside the TOC block: a new heading is not a fix to make
    if group is not None:
        last = group.headings.last_below(kept, heading.index)
        if last >= 0:
            last_entry = entries[members[last]]
            if index.later_inside(last_entry, heading.index, skipping):
                return None  # its subtree holds a later section's entry (misnested): not yet
            return _after(doc, last_entry, heading)
        first = group.headings.first_above(kept, heading.index)
        if first >= 0:
            first_entry = entries[members[first]]
            offset = _offset(doc, first_entry.line)
            return Edit(offset, offset, _line_like(doc, first_entry, line_prefix(doc, first_entry),
                                                   heading))
        tail = _last_kept(len(members), out)
        if tail >= 0:
            return _after(doc, entries[members[tail]], heading)
    if parent is not None:
        owner = entries[parent]
        if owner.kind != "item":
            return None
        offset = _offset(doc, owner.own_end_line)
        return Edit(offset, offset, _line_like(doc, owner, child_prefix(doc, owner), heading))
    return None


def _kept(size: int, out: Sequence[int]) -> List[Tuple[int, int]]:
    """The ranges of ``range(size)`` left when the positions ``out`` are taken away."""
    ranges, start = [], 0
    for position in sorted(set(out)):
        if start < position:
            ranges.append((start, position))
        start = position + 1
    if start < size:
        ranges.append((start, size))
    return ranges


def _last_kept(size: int, out: Set[int]) -> int:
    position = size - 1
    while position >= 0 and position in out:
        position -= 1
    return position


class _Table:
    """Range minimum and maximum of a sequence (None: no value), each in O(1) after an
    ``n log n`` build; the last value below or the first above a bound in ``log n``."""

    def __init__(self, values: Sequence[Optional[int]]) -> None:
        inf = float("inf")
        low: List[float] = [inf if value is None else value for value in values]
        high: List[float] = [-inf if value is None else value for value in values]
        self.mins, self.maxs = [low], [high]
        width = 1
        while 2 * width <= len(values):
            low = [min(a, b) for a, b in zip(low, low[width:])]
            high = [max(a, b) for a, b in zip(high, high[width:])]
            self.mins.append(low)
            self.maxs.append(high)
            width *= 2

    def low(self, start: int, stop: int) -> float:
        level = (stop - start).bit_length() - 1
        row = self.mins[level]
        return min(row[start], row[stop - (1 << level)])

    def high(self, start: int, stop: int) -> float:
        level = (stop - start).bit_length() - 1
        row = self.maxs[level]
        return max(row[start], row[stop - (1 << level)])

    def last_below(self, ranges: Sequence[Tuple[int, int]], bound: int) -> int:
        """The last position in ``ranges`` (in order, disjoint) whose value is below
        ``bound``; -1 when none is."""
        for start, stop in reversed(ranges):
            if self.low(start, stop) < bound:
                while stop - start > 1:  # the value below lies in [start, stop)
                    middle = (start + stop) // 2
                    if self.low(middle, stop) < bound:
                        start = middle
                    else:
                        stop = middle
                return start
        return -1

    def first_above(self, ranges: Sequence[Tuple[int, int]], bound: int) -> int:
        """The first position in ``ranges`` whose value is above ``bound``; -1 when none."""
        for start, stop in ranges:
            if self.high(start, stop) > bound:
                while stop - start > 1:
                    middle = (start + stop) // 2
                    if self.high(start, middle) > bound:
                        stop = middle
                    else:
                        start = middle
                return start
        return -1

    def highest(self, ranges: Sequence[Tuple[int, int]]) -> float:
        return max((self.high(start, stop) for start, stop in ranges), default=float("-inf"))


class _Group:
    """The entries under one parent and group label, in TOC order, with their headings."""

    def __init__(self) -> None:
        self.members: List[int] = []  # entry indices
        self.position: Dict[int, int] = {}  # entry index -> place in members
        self.others = 0  # entries that are not list items (headings inside the TOC block)
        self.headings: _Table


class _Index:
    """What ``insert_edit`` asks of a plan, made once per plan and document."""

    def __init__(self, doc: Document, plan: Plan) -> None:
        entries = plan.toc.entries
        self.index_of = {id(entry): i for i, entry in enumerate(entries)}
        self.groups: Dict[Tuple[Optional[int], Optional[int]], _Group] = {}
        for i, entry in enumerate(entries):
            group = self.groups.setdefault((entry.parent, entry.label), _Group())
            group.position[i] = len(group.members)
            group.members.append(i)
            group.others += entry.kind != "item"
        for group in self.groups.values():
            group.headings = _Table([plan.heading_of[i].index if i in plan.heading_of else None
                                     for i in group.members])
        # the paired entries by line, with their headings (what lies inside a subtree)
        paired = sorted(plan.heading_of, key=lambda i: entries[i].line)
        self.paired_lines = [entries[i].line for i in paired]
        self.paired_position = {i: place for place, i in enumerate(paired)}
        self.paired = _Table([plan.heading_of[i].index for i in paired])
        # the listed headings by their nearest listed section, in document order
        self.siblings: Dict[Optional[int], List[int]] = {}
        for heading_index in sorted(plan.listed):
            section = listed_section(doc, plan, doc.headings[heading_index])
            self.siblings.setdefault(section.index if section is not None else None,
                                     []).append(heading_index)
        self.top = [i for i, entry in enumerate(entries) if entry.parent is None]
        self.nests = nests_subsections(doc, plan)
        self.skip_memo: Dict[int, Tuple[Sequence[TocEntry], _Skipping]] = {}

    @classmethod
    def of(cls, doc: Document, plan: Plan) -> "_Index":
        made = plan.memo.get(("write", id(doc)))
        if made is None or made[0] is not doc:
            made = plan.memo[("write", id(doc))] = (doc, cls(doc, plan))
        return made[1]

    def skipping(self, skip: Sequence[TocEntry]) -> "_Skipping":
        """What leaving ``skip`` out means for the indexes, made once per ``skip`` (a fix
        that moves every entry of a reversed TOC asks once per entry with the same ones)."""
        made = self.skip_memo.get(id(skip))
        if made is None or made[0] is not skip:
            made = self.skip_memo[id(skip)] = (skip, _Skipping(self, skip))
        return made[1]

    def later_inside(self, entry: TocEntry, heading_index: int, skipping: "_Skipping") -> bool:
        """Whether an entry within ``entry``'s subtree (by line) lists a heading after
        ``heading_index`` (skipped entries left out)."""
        start = bisect_right(self.paired_lines, entry.line)
        stop = bisect_left(self.paired_lines, entry.end_line)
        if start >= stop:
            return False
        paired_out = skipping.paired
        out = [position - start for position in paired_out[
            bisect_left(paired_out, start):bisect_left(paired_out, stop)]]
        ranges = [(a + start, b + start) for a, b in _kept(stop - start, out)]
        return self.paired.highest(ranges) > heading_index


class _Skipping:
    """The entries an edit of the same fix removes, as indexes: made once per set of them."""

    def __init__(self, index: _Index, skip: Sequence[TocEntry]) -> None:
        self.indices = {index.index_of[id(entry)] for entry in skip if id(entry) in index.index_of}
        self.paired = sorted(index.paired_position[i] for i in self.indices
                             if i in index.paired_position)
        self.groups: Dict[Tuple[Optional[int], Optional[int]],
                          Tuple[Set[int], List[Tuple[int, int]], int]] = {}

    def in_group(self, key: Tuple[Optional[int], Optional[int]], group: "_Group",
                 entries: Sequence[TocEntry]) -> Tuple[Set[int], List[Tuple[int, int]], int]:
        """(positions left out of the group, the ranges kept, how many left out are not
        items), once per group."""
        made = self.groups.get(key)
        if made is None:
            out = {position for position in map(group.position.get, self.indices)
                   if position is not None}
            made = self.groups[key] = (
                out, _kept(len(group.members), sorted(out)),
                sum(1 for position in out if entries[group.members[position]].kind != "item"))
        return made


def _after(doc: Document, sibling: TocEntry, heading: Heading) -> Edit:
    """A line after ``sibling``'s whole subtree, written like it (the next number)."""
    offset = _offset(doc, sibling.end_line)
    prefix = line_prefix(doc, sibling)
    return Edit(offset, offset, _line_like(doc, sibling, _numbered(prefix, _number_after(prefix)),
                                           heading))


def _new_place(doc: Document, plan: Plan, heading: Heading, skipped: Set[int], index: "_Index"
               ) -> Optional[Tuple[Optional[int], Optional[int]]]:
    """(parent, label) a missing entry should get: its listed siblings', else under or beside
    its section's entry as the TOC nests its other subsections. (``skipped``: entry
    indices.)"""
    section = listed_section(doc, plan, heading)
    entries = plan.toc.entries
    siblings = index.siblings.get(section.index if section is not None else None, [])

    def usable(heading_index: int) -> bool:
        return heading_index != heading.index and \
            index.index_of[id(plan.listed[heading_index])] not in skipped

    split = bisect_left(siblings, heading.index)  # a walk past skipped entries only
    before = next((siblings[p] for p in range(split - 1, -1, -1) if usable(siblings[p])), None)
    if before is not None:
        nearest = plan.listed[before]  # after the previous sibling, at the end of its group
        return nearest.parent, nearest.label
    after = next((siblings[p] for p in range(split, len(siblings)) if usable(siblings[p])), None)
    if after is not None:
        # the first of them joins the next sibling's group, before it (never between a
        # label and its children)
        nearest = plan.listed[after]
        return nearest.parent, nearest.label
    if section is None:
        top = next((i for i in reversed(index.top) if i not in skipped), None)
        return (None, entries[top].label) if top is not None else (None, None)
    owner = plan.listed[section.index]
    owner_index = index.index_of[id(owner)]
    if index.nests:
        return owner_index, None
    return owner.parent, owner.label


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
