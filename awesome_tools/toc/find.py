"""Finding the table of contents and its structure: between a generator's markers, or by shape.

Generators leave markers (doctoc, markdown-toc, mdformat-toc, MarkdownTOC, vscode-markdown-toc);
hand-made and VS Code TOCs have none, so we take the top-level list whose items are almost all
a single in-page link to a heading (also inside ``<details>``, which is just HTML around a
list), and the lists right after it that are split from it only by a short label.

A TOC is not a flat list of links: it has a structure a maintainer chose, and ``fix`` must
keep it. Each item of a TOC list is one of

- an *entry*: its first line is a single in-page link;
- a *label*: plain or bold text whose nested items are entries (``* Utilities``,
  ``- **语言无关类**``); it groups, it lists no heading;
- a *wrapper*: an item whose only content is a nested list, as in the compact style
  ``- - [B](#b)``; it is transparent;
- a *stray*: anything else (a content item pasted into the TOC).

Every entry records its parent entry and its label, which is what the TOC means.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.model import Comment, Heading, Link, Span, Toc, TocEntry, TocLabel, TocStray
from awesome_tools.model.slugs import without_vs16
from awesome_tools.records import field, record, replace

if TYPE_CHECKING:
    from awesome_tools.model.engine import Block, TokenLike
    from awesome_tools.model.parse import _Source

# (kind, start pattern, end pattern) for generators that delimit their TOC with comments.
MARKERS: Tuple[Tuple[str, "re.Pattern[str]", "re.Pattern[str]"], ...] = (
    ("doctoc", lazy(r"^\s*START doctoc\b", re.I), lazy(r"^\s*END doctoc\b", re.I)),
    ("mdformat-toc", lazy(r"^\s*mdformat-toc start\b"),
     lazy(r"^\s*mdformat-toc end\b")),
    ("markdowntoc", lazy(r"^\s*MarkdownTOC\b"), lazy(r"^\s*/MarkdownTOC\b")),
    ("markdown-toc", lazy(r"^\s*toc\s*$"), lazy(r"^\s*tocstop\s*$")),
    ("vscode-markdown-toc", lazy(r"^\s*vscode-markdown-toc\s*$"),
     lazy(r"^\s*/vscode-markdown-toc\s*$")),
)
_OPTION = lazy(r"--?([\w-]+)(?:[= ]([^\s-][^\s]*))?|(\w+)=(\"[^\"]*\"|'[^']*'|\S+)")
_MAX_LABEL_CHARS = 80  # a label names a group; a longer text is content, not a label


class ListItem:
    """A list item while building (mutable; turned into model objects afterwards).

    Items and lists point down only, never up: with no cycles, the whole tree (and the
    markdown-it tokens it holds) is freed the moment the builder is, without the cyclic GC.
    A plain class: a large list makes tens of thousands of these.
    """

    def __init__(self, line: int, end_line: int, markup: str, info: str,
                 section: Tuple[str, ...], first_inline: Optional[TokenLike] = None,
                 first_links: Tuple[Link, ...] = ()) -> None:
        self.line = line
        self.end_line = end_line  # exclusive, 1-based line after the item
        self.markup = markup
        self.info = info  # the number of an ordered item
        self.section = section
        self.first_inline = first_inline
        self.first_links = first_links
        self.children: List[MarkdownList] = []


class MarkdownList:
    """A Markdown list while building: its items, each with its sublists."""

    def __init__(self, ordered: bool, markup: str, line: int, end_line: int,
                 depth: int) -> None:
        self.ordered = ordered
        self.markup = markup
        self.line = line
        self.end_line = end_line  # exclusive
        self.depth = depth
        self.items: List[ListItem] = []

    def walk(self, depth: int = 0) -> Iterator[Tuple[ListItem, int]]:
        """Every item of this list and its sublists with its nesting depth, in order."""
        for item in self.items:
            yield item, depth
            for child in item.children:
                yield from child.walk(depth + 1)


# --- what an item is -----------------------------------------------------------------------------

def _inline_parts(item: ListItem) -> Tuple[int, str]:
    """(links on the item's first line, its text outside links, emphasis markers dropped)."""
    token = item.first_inline
    children = getattr(token, "children", None) or []
    opened = links = 0
    outside = []
    for child in children:
        if child.type == "link_open":
            opened += 1
            links += 1
        elif child.type == "link_close":
            opened -= 1
        elif opened == 0 and child.type in ("text", "text_special", "code_inline"):
            outside.append(child.content)
    rest = "".join(outside).replace("*", "").replace("_", "")
    return links, rest


def _checkbox(rest: str) -> bool:
    """``- [ ] [Name](#name)``: a task-list box before the link is decoration."""
    return rest.strip() in ("[ ]", "[x]", "[X]")


def in_page(url: str) -> bool:
    """``#x``, or ``./#x``: the directory's README (this page, on a repository's front page)."""
    return url.startswith("#") or url.startswith("./#")


def single_fragment_link(item: ListItem) -> Optional[Link]:
    """The item's link when the item's first line is just one in-page link."""
    if item.first_inline is None or not item.first_links:
        return None
    link = item.first_links[0]
    if link.kind != "link" or not in_page(link.url) or link.syntax == "bare":
        return None
    links, rest = _inline_parts(item)
    if links != 1:
        return None
    # Decoration around the link (emoji, a count, a task box) is fine; words are content.
    return link if _checkbox(rest) or sum(ch.isalnum() for ch in rest) <= 3 else None


def _label_text(item: ListItem) -> Optional[str]:
    """The text of an item that can group entries: plain or bold text, no link."""
    if item.first_inline is None or item.first_links:
        return None
    links, rest = _inline_parts(item)
    text = " ".join(rest.split())
    if links or not text or len(text) > _MAX_LABEL_CHARS:
        return None
    return text


# --- one TOC's structure -------------------------------------------------------------------------

@record
class _Collected:
    entries: List[TocEntry] = field(default_factory=list)
    labels: List[TocLabel] = field(default_factory=list)
    strays: List[TocStray] = field(default_factory=list)


def _collect(md_list: MarkdownList, src: _Source, out: _Collected, depth: int = 0,
             parent: Optional[int] = None, label: Optional[int] = None) -> None:
    """Walk a list, recording entries, labels and strays with their parent and label."""
    for item in md_list.items:
        link = single_fragment_link(item)
        child_parent, child_label = parent, label
        if link is not None:
            own_end = item.children[0].line if item.children else item.end_line + 1
            out.entries.append(TocEntry(
                link.text, link.url.split("#", 1)[1], depth, link.line, link.column, link,
                _content_end(src, item.line, own_end),
                _content_end(src, item.line, item.end_line + 1), parent, label))
            child_parent = len(out.entries) - 1
        elif item.first_inline is None and item.children:
            pass  # a wrapper: `- - [B](#b)`
        elif item.children and _label_text(item) is not None:
            out.labels.append(TocLabel(_label_text(item) or "", depth, item.line,
                                       _column(src, item.line),
                                       _content_end(src, item.line, item.end_line + 1),
                                       parent, label))
            child_label = len(out.labels) - 1
        else:
            out.strays.append(TocStray(_stray_text(item), item.line, _column(src, item.line)))
        for child in item.children:
            _collect(child, src, out, depth + 1, child_parent, child_label)


def _stray_text(item: ListItem) -> str:
    if item.first_links:
        return item.first_links[0].text
    _, rest = _inline_parts(item)
    return " ".join(rest.split())[:60]


def _column(src: _Source, line: int) -> int:
    text = src.line_text(line - 1)[1]
    stripped = text.lstrip(" \t>")
    return len(text) - len(stripped) + 1


def _content_end(src: _Source, first: int, end: int) -> int:
    """``end`` (1-based, exclusive) moved up past trailing blank lines, which a list item's
    line map includes but which belong to the layout around the list, not to the item."""
    while end - 1 > first and not src.line_text(end - 2)[1].strip():
        end -= 1
    return end


# --- is a list a TOC? ----------------------------------------------------------------------------

def _text_key(text: str) -> str:
    """A heading's or entry's text as a key that cannot collide with an anchor."""
    from awesome_tools.toc.align import normalize_text

    return "\0" + normalize_text(text)


def _unquote(fragment: str) -> str:
    if "%" not in fragment:
        return fragment
    from urllib.parse import unquote

    return unquote(fragment)


class _Targets:
    """What a TOC entry may land on: heading anchors and HTML anchor names, and the headings'
    text keys. The text keys (``normalize_text`` of every heading: most of finding the TOC
    of a list of 5000 headings) are made the first time an entry's link lands on no anchor;
    every key of theirs starts with ``\0``, which no anchor does."""

    def __init__(self, headings: Sequence[Heading], anchors: Sequence[str]) -> None:
        self.names = {without_vs16(heading.anchor.lower()) for heading in headings}
        self.names.update(without_vs16(name.lower()) for name in anchors)
        self._headings = headings
        self._texts: Optional[Set[str]] = None

    def __contains__(self, key: str) -> bool:
        if key in self.names:
            return True
        if not key.startswith("\0"):
            return False
        if self._texts is None:
            self._texts = {_text_key(heading.text) for heading in self._headings}
        return key in self._texts


def _resolving(entries: Iterable[TocEntry], targets: _Targets) -> int:
    return sum(1 for e in entries if without_vs16(_unquote(e.fragment).lower()) in targets
               or _text_key(e.text) in targets)


def _toc_like(md_list: MarkdownList, targets: _Targets, src: _Source) -> Optional[_Collected]:
    """The list's structure when almost every item is an in-page link to a heading.

    Labels and wrappers do not count against a TOC; strays do.
    """
    found = _Collected()
    _collect(md_list, src, found)
    entries = found.entries
    if len(entries) < 2 or len(entries) < 0.8 * (len(entries) + len(found.strays)):
        return None
    return found if _resolving(entries, targets) >= 0.5 * len(entries) else None


def _between(previous: MarkdownList, following: MarkdownList, headings: Sequence[Heading],
             src: _Source) -> Optional[List[Heading]]:
    """The headings between two lists of one TOC (none for a short label such as
    ``**Web Development**``), or None when the lists are not one TOC.

    A TOC split by headings that hold nothing but its next list (``## 2025`` / list /
    ``## 2024`` / list) is one TOC grouped by those headings."""
    if following.line - previous.end_line > 6:
        return None
    inside = [h for h in headings if previous.end_line < h.line < following.line]
    if not inside:
        return []
    heading_lines = {line for h in inside for line in range(h.line, h.end_line + 1)}
    for line in range(previous.end_line + 1, following.line):
        if line not in heading_lines and src.line_text(line - 1)[1].strip():
            return None  # content between: the lists belong to different sections
    return inside


def _shift(value: Optional[int], base: int) -> Optional[int]:
    return value if value is None or value < 0 else value + base


def _under(found: _Collected, heading: Heading, src: _Source) -> _Collected:
    """A list's structure grouped under the heading above it (a label of the TOC)."""
    grouped = _Collected()
    grouped.labels.append(TocLabel(heading.text, 0, heading.line, heading.column,
                                   heading.end_line, None, None))
    grouped.labels.extend(replace(lb, label=0 if lb.label is None else lb.label + 1)
                          for lb in found.labels)
    grouped.entries = [replace(e, label=0 if e.label is None else e.label + 1)
                       for e in found.entries]
    grouped.strays = list(found.strays)
    return grouped


def _merge(parts: Sequence[_Collected]) -> _Collected:
    """One structure from several lists: indices shifted to the merged tuples."""
    merged = _Collected()
    for part in parts:
        e0, l0 = len(merged.entries), len(merged.labels)
        merged.entries.extend(replace(e, parent=_shift(e.parent, e0), label=_shift(e.label, l0))
                              for e in part.entries)
        merged.labels.extend(replace(lb, parent=_shift(lb.parent, e0), label=_shift(lb.label, l0))
                             for lb in part.labels)
        merged.strays.extend(part.strays)
    return merged


def _own_heading(headings: Sequence[Heading], line: int) -> Optional[int]:
    """The heading whose section holds the TOC: the last heading above it."""
    above = [h.index for h in headings if h.line < line]
    return above[-1] if above else None


# --- the two ways a TOC is found -----------------------------------------------------------------

def _marker_toc(lists: Sequence[MarkdownList], headings: Sequence[Heading],
                comments: Sequence[Comment], src: _Source, links: Sequence[Link]) -> Optional[Toc]:
    for kind, start_re, end_re in MARKERS:
        start = next((c for c in comments if start_re.search(c.text)), None)
        if start is None:
            continue
        end = next((c for c in comments if c.line >= start.end_line and end_re.search(c.text)),
                   None)
        if end is None:
            continue
        # A heading inside the markers after the TOC's first list ends the TOC: what follows
        # is a section's content (a heading before the list is the TOC's own title). A
        # heading that is itself an in-page link (``### [Tools](#tools)``) is a TOC line.
        inside = [m for m in lists if m.line > start.end_line and m.end_line <= end.line]
        titled: List[Tuple[int, Optional[TocEntry]]] = []
        if inside:
            stop = next((h.line for h in headings if inside[0].line < h.line < end.line
                         and not _links_in_page(h)), end.line)
            inside = [m for m in inside if m.end_line <= stop]
            titled = [(h.line, _heading_entry(h, links, src)) for h in headings
                      if inside[0].line < h.line < stop and _links_in_page(h)]
        found = _with_heading_entries(inside, titled, src)
        options = tuple((m.group(1) or m.group(3), (m.group(2) or m.group(4) or "").strip("\"'"))
                        for m in _OPTION.finditer(start.text.split(None, 2)[-1]
                                                  if kind not in ("markdown-toc",
                                                                  "vscode-markdown-toc") else ""))
        start_pos = src.starts[start.end_line] if start.end_line < len(src.starts) \
            else len(src.text)
        end_pos = src.starts[end.line - 1]
        s_line, s_col = src.position(start.start)
        e_line, e_col = src.position(end.start)
        return Toc(kind, tuple(found.entries), start_pos, end_pos, start.end_line + 1,
                   end.line - 1, Span(start.start, start.end, s_line, s_col),
                   Span(end.start, end.end, e_line, e_col), options, tuple(found.labels),
                   tuple(found.strays), _own_heading(headings, start.line))
    return None


def _heading_entry(heading: Heading, links: Sequence[Link], src: _Source) -> Optional[TocEntry]:
    link = next((lk for lk in links if lk.line == heading.line and lk.url.startswith("#")
                 and lk.kind == "link"), None)
    if link is None:
        return None
    return TocEntry(link.text, link.url.split("#", 1)[1], 0, link.line, link.column, link,
                    heading.end_line, heading.end_line, kind="heading")


def _with_heading_entries(lists: Sequence[MarkdownList],
                          titled: Sequence[Tuple[int, Optional[TocEntry]]], src: _Source
                          ) -> _Collected:
    """The lists' structure with the TOC's link headings as entries; a list after such a
    heading is nested under it."""
    parts: List[_Collected] = []
    events = sorted([(m.line, 1, m) for m in lists] + [(line, 0, e) for line, e in titled],
                    key=lambda item: (item[0], item[1]))
    current: Optional[TocEntry] = None
    for _, _is_list, item in events:
        part = _Collected()
        if not isinstance(item, MarkdownList):
            current = item
            if item is not None:
                part.entries.append(item)
            parts.append(part)
            continue
        _collect(item, src, part)
        if current is not None:
            part.entries = [replace(e, parent=-1) if e.parent is None else e
                            for e in part.entries]
        parts.append(part)
    merged = _merge(parts)
    heading_index: Optional[int] = None
    fixed: List[TocEntry] = []
    for index, entry in enumerate(merged.entries):
        if entry.kind == "heading":
            heading_index = index
        if entry.parent is not None and entry.parent < 0:
            entry = replace(entry, parent=heading_index)
        fixed.append(entry)
    merged.entries = fixed
    return merged


def _links_in_page(heading: Heading) -> bool:
    """``### [Tools](#tools-1)`` inside a TOC block: a heading that is itself a TOC line."""
    return heading.raw.lstrip().startswith("[") and "](#" in heading.raw


def find_toc(lists: Sequence[MarkdownList], headings: Sequence[Heading],
             comments: Sequence[Comment], src: _Source, anchors: Sequence[str] = (),
             links: Sequence[Link] = (), blocks: Sequence[Block] = ()) -> Optional[Toc]:
    """The document's table of contents, or None.

    ``anchors`` are the names of HTML anchors (``<a name>``, ``id=``), which TOCs link to as
    often as to heading anchors.
    """
    marked = _marker_toc(lists, headings, comments, src, links)
    if marked is not None:
        return marked
    # Detection is lenient (case, U+FE0F): a TOC with broken links is still a TOC; the rules
    # then say which links are broken.
    targets = _Targets(headings, anchors)
    chosen: List[Tuple[MarkdownList, _Collected]] = []
    for md_list in lists:
        found = _toc_like(md_list, targets, src)
        if chosen:
            inside = _between(chosen[-1][0], md_list, headings, src) if found else None
            if found is None or inside is None:
                break  # the TOC ends; later TOC-like lists are sub-TOCs of sections
            if inside:
                found = _under(found, inside[-1], src)
            chosen.append((md_list, found))
        elif found is not None:
            chosen.append((md_list, found))
    if not chosen:
        return _link_cluster(blocks, headings, anchors, links, src)
    first, last = chosen[0][0], chosen[-1][0]
    start = src.starts[first.line - 1]
    end_line = _content_end(src, first.line, last.end_line + 1) - 1  # last line, 1-based
    end = src.starts[end_line] if end_line < len(src.starts) else len(src.text)
    merged = _merge([part for _, part in chosen])
    return Toc("list", tuple(merged.entries), start, end, first.line, end_line,
               labels=tuple(merged.labels), strays=tuple(merged.strays),
               heading=_own_heading(headings, first.line))


# --- TOCs that are not Markdown lists ------------------------------------------------------------

_MIN_CLUSTER = 3


def _link_cluster(blocks: Sequence[Block], headings: Sequence[Heading], anchors: Sequence[str],
                  links: Sequence[Link], src: _Source) -> Optional[Toc]:
    """A TOC written as a table of in-page links, an HTML list or a line of ``<a href="#x">``:
    the first run of adjacent blocks (paragraphs, table cells, HTML) made of in-page links,
    most of which land on headings that come after it. Its entries have no nesting a fix
    could keep, and its order is a layout choice (table columns), so the TOC rules report
    what is missing or repeated but do not edit it (``kind="inline"``)."""
    after_heading: Dict[str, int] = {}  # heading anchor or text key -> line of the heading
    for heading in headings:
        after_heading.setdefault(without_vs16(heading.anchor.lower()), heading.line)
        after_heading.setdefault(_text_key(heading.text), heading.line)
    for run in _runs(blocks):
        entries = [TocEntry(lk.text, lk.url.split("#", 1)[1], 0, lk.line, lk.column, lk,
                            lk.line + 1, lk.line + 1, kind="inline") for lk in run]
        if len(entries) < _MIN_CLUSTER:
            continue
        first, last = entries[0].line, entries[-1].line
        later = sum(1 for e in entries
                    if after_heading.get(without_vs16(_unquote(e.fragment).lower()), 0) > last
                    or after_heading.get(_text_key(e.text), 0) > last)
        if later >= 0.5 * len(entries):
            start = src.starts[first - 1]
            end = src.starts[last] if last < len(src.starts) else len(src.text)
            return Toc("inline", tuple(entries), start, end, first, last,
                       heading=_own_heading(headings, first))
    return None


def _runs(blocks: Sequence[Block]) -> List[List[Link]]:
    """Runs of adjacent blocks whose links are (almost) all in-page links."""
    runs: List[List[Link]] = []
    last_end = -10
    for block in blocks:
        kind, line, end = block[0], block[1], block[2]
        if kind == "heading":
            last_end = -10  # a heading ends a run
            continue
        if kind not in ("inline", "html") or kind == "inline" and block[3][2]:
            continue  # a Markdown list is the list finder's business
        links = [lk for lk in block[3][1] if lk.kind == "link"]
        page = [lk for lk in links if in_page(lk.url)]
        if len(page) < 2 or len(page) < 0.8 * len(links):
            continue
        if runs and line - last_end <= 6:
            runs[-1].extend(page)
        else:
            runs.append(list(page))
        last_end = end
    return runs
