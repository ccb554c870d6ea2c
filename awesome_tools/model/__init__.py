"""The document model: what a Markdown list *is*, as immutable data with positions.

Everything here is plain frozen dataclasses so rules, fixes, the link checker and exporters
can share one parse without being able to disturb each other. Positions are 1-based
line and column (in characters) plus a 0-based character offset into the source text, so a
finding can point at the spot and a fix can replace an exact span.
"""
from __future__ import annotations

from awesome_tools.records import field
from typing import Dict, NamedTuple, Optional, Tuple

from awesome_tools.records import record


class Span(NamedTuple):
    """A half-open character range [start, end) of the source text, with its start position.

    A named tuple rather than a dataclass: a large list has tens of thousands of them.
    """

    start: int
    end: int
    line: int
    column: int


@record(frozen=True)
class Heading:
    """A heading as GitHub shows it.

    ``text`` is the visible text (link text and code kept, images and tags dropped, entities
    decoded); ``raw`` is the Markdown source of the heading content; ``anchor`` the id GitHub
    gives it, repeat numbering included.
    """

    level: int
    text: str
    raw: str
    anchor: str
    line: int
    column: int
    end_line: int
    index: int  # position among the document's headings


@record(frozen=True)
class Link:
    """A link or image reference anywhere in the document.

    ``kind`` is ``link`` or ``image``; ``syntax`` says how it was written: ``inline``
    (``[t](u)``), ``reference`` (``[t][r]`` resolved through a definition), ``definition``
    (``[r]: u`` itself), ``autolink`` (``<u>``), ``bare`` (a GFM autolinked URL), ``html``
    (``<a href>``, ``<img src>``). ``url`` is the destination exactly as written (entities
    decoded). ``dest`` is the span of the destination in the source when it can be edited
    in place (None otherwise).
    """

    kind: str
    syntax: str
    url: str
    text: str
    line: int
    column: int
    dest: Optional[Span] = None
    label: str = ""  # reference label for reference links and definitions
    section: Tuple[str, ...] = ()  # heading texts enclosing the link
    in_toc: bool = False


@record(frozen=True)
class HtmlAnchor:
    """An ``id=`` on any tag or ``name=`` on ``<a>``: a fragment target besides headings."""

    name: str
    attribute: str  # "id" or "name"
    line: int
    column: int


@record(frozen=True)
class TocEntry:
    """One line of a table of contents: the link it holds and where it sits in the TOC.

    ``depth`` is the list nesting (0 = top); ``parent`` the index (in ``Toc.entries``) of the
    entry it is nested under, None at the top or directly under a group label; ``label`` the
    index (in ``Toc.labels``) of the innermost group label around it. Parent and label are
    what the TOC *means*; ``fix`` must keep them.
    """

    text: str
    fragment: str  # without the leading '#', exactly as written (may be percent-encoded)
    depth: int
    line: int
    column: int
    link: Link
    own_end_line: int  # first line after the item's own text (before any nested list)
    end_line: int  # first line after the whole item, nested entries included
    parent: Optional[int] = None
    label: Optional[int] = None
    kind: str = "item"  # "item", or "heading" for ``### [Tools](#tools)`` inside a TOC block


@record(frozen=True)
class TocLabel:
    """A group label inside a TOC: a list item of plain text (``* Utilities``, ``- **Tools**``)
    whose nested items are entries. It lists no heading; it only groups."""

    text: str
    depth: int
    line: int
    column: int
    end_line: int  # first line after the whole item, nested entries included
    parent: Optional[int] = None  # entry it is nested under
    label: Optional[int] = None  # enclosing label


@record(frozen=True)
class TocStray:
    """An item inside a TOC that is neither an in-page link nor a group label (a content item
    pasted into the TOC)."""

    text: str
    line: int
    column: int


@record(frozen=True)
class Toc:
    """A table of contents: its entries, the list's source span and the generator's style.

    ``kind`` names the generator whose markers delimit it (``doctoc``, ``markdown-toc``,
    ``mdformat-toc``, ``markdowntoc``) or ``list`` for a marker-less TOC found by shape.
    ``options`` holds marker options (mdformat-toc ``--maxlevel``, MarkdownTOC ``depth``).
    """

    kind: str
    entries: Tuple[TocEntry, ...]
    start: int  # offset of the first byte of the list (or of the content between markers)
    end: int  # offset just past the list (or the content between markers)
    line: int
    end_line: int
    marker_start: Optional[Span] = None
    marker_end: Optional[Span] = None
    options: Tuple[Tuple[str, str], ...] = ()
    labels: Tuple[TocLabel, ...] = ()
    strays: Tuple[TocStray, ...] = ()
    heading: Optional[int] = None  # index of the heading whose section holds the TOC


@record(frozen=True)
class Entry:
    """One thing a list lists, whatever shape the list writes it in.

    ``kind`` says the shape: ``item`` (a list item), ``heading`` (a paper heading followed by
    its link line), ``row`` (a table row), ``paragraph`` (a paragraph entry: a bold title with
    author, venue and link lines, a citation, or a link followed by its venue) or ``html``
    (an ``<li>``, ``<tr>`` or a ``<br>``-separated line of an HTML block).

    ``links`` are the entry's links, in order, each with a label: ``paper``, ``code``,
    ``blog``, ... from ``[[paper]](u)`` style labels or the column they sit in, else the link
    text lower-cased. ``primary`` is the URL that identifies the entry (the paper link, else
    the entry's own name link; a link inside the description never is). ``venue`` is the tag
    as written, ``year`` the year of a date or year field when the entry has one,
    ``authors`` and ``description`` the text as written (Markdown kept). ``section`` is the
    heading path, with the summary of an enclosing ``<details>`` as a further level.
    ``line``/``end_line`` are the first and last source lines (1-based, inclusive);
    ``parent`` is the line of the entry this one is nested under (0 at the top).
    """

    kind: str
    title: str
    venue: str
    links: Tuple[Tuple[str, Link], ...]
    line: int
    column: int
    end_line: int
    section: Tuple[str, ...]
    primary: Optional[Link] = None
    year: Optional[int] = None
    authors: str = ""
    description: str = ""
    parent: int = 0

    @classmethod
    def make(cls, kind: str, title: str, venue: str, links: Tuple[Tuple[str, "Link"], ...],
             line: int, column: int, end_line: int, section: Tuple[str, ...],
             primary: Optional["Link"] = None, year: Optional[int] = None, authors: str = "",
             description: str = "", parent: int = 0) -> "Entry":
        """The same Entry as the constructor, built without the frozen dataclass' per-field
        ``object.__setattr__`` (a large list has tens of thousands of entries; this halves
        their cost). The instance is as frozen and compares as equal as any other."""
        entry = object.__new__(cls)
        entry.__dict__.update(kind=kind, title=title, venue=venue, links=links, line=line,
                              column=column, end_line=end_line, section=section,
                              primary=primary, year=year, authors=authors,
                              description=description, parent=parent)
        return entry


@record(frozen=True)
class Comment:
    """An HTML comment, kept for inline directives (``awesome-tools-disable`` ...)."""

    text: str
    line: int
    end_line: int
    column: int
    start: int
    end: int


@record(frozen=True)
class Document:
    """A parsed Markdown list. Build it with :func:`awesome_tools.model.parse.parse`."""

    text: str
    path: str
    headings: Tuple[Heading, ...]
    links: Tuple[Link, ...]
    anchors: Tuple[HtmlAnchor, ...]
    entries: Tuple[Entry, ...]
    comments: Tuple[Comment, ...]
    toc: Optional[Toc]
    line_starts: Tuple[int, ...] = field(repr=False, default=())
    references: Dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def images(self) -> Tuple[Link, ...]:
        return tuple(link for link in self.links if link.kind == "image")

    def anchor_names(self) -> Dict[str, int]:
        """Every fragment target (heading anchors and HTML anchors) mapped to its line."""
        names: Dict[str, int] = {}
        for heading in self.headings:
            names.setdefault(heading.anchor, heading.line)
        for anchor in self.anchors:
            names.setdefault(anchor.name, anchor.line)
        return names

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` without its line break ("" past the end).

        Lines are the model's: split at CRLF, CR and LF only, as markdown-it splits them, so
        a U+2028 inside a paragraph (which ``str.splitlines`` would split at) is not a break.
        """
        if not 1 <= number <= len(self.line_starts):
            return ""
        start = self.line_starts[number - 1]
        end = self.line_starts[number] if number < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def position(self, offset: int) -> Tuple[int, int]:
        """1-based (line, column) of a character offset."""
        from bisect import bisect_right

        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1
