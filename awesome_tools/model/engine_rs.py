"""The fast engine: the Document built straight from markdown-it-pyrs's node tree.

markdown-it-pyrs (markdown-it in Rust) returns a node tree with a source map (byte offsets)
on every node. This builder reads that tree and makes the same model objects as the
reference builder in ``parse.py`` makes from markdown-it-py's tokens; the two share every
helper that does not depend on where the structure came from (HTML scanning, bare URLs,
headings and slugs, reference definitions, lists, entries, the TOC). Positions come from the
source maps: on a one-line paragraph, list item or cell, a node's offset *is* its place in
the file (bytes are characters on an ASCII line; other lines are converted one at a time);
a text over several lines is mapped as the reference maps it. A one-line text (the usual list
item, a paper's link line) is read in one pass over its nodes: each usual link, image and
badge (``[name](url)``, ``[[paper]](u)``, ``![alt](src)``, ``[![alt](src)](url)``) by one
match of the source where its node is, bare URLs looked for only between the links.
Nothing of markdown-it-py is imported on this path.

markdown-it-py's token stream is still reproduced, lazily, where a reader asks for it (a list
item's first ``inline`` token for the TOC finder and entries): the nodes are kept and turned
into tokens on first access, the first token alone where that is all that is read.

Whatever this builder cannot reproduce exactly it does not guess: :func:`build_document`
returns None and the caller parses with markdown-it-py. Each divergence of the engines found
on the corpus and on generated text (``tests/test_parse_engines.py``) is either reproduced
here or guarded, by a cheap test of the text or of the nodes that typical lists never trip:

- a tab among the markers or indentation of a line this builder would read past them
  (markdown-it expands tabs to columns); one-line list items and top-level HTML and code
  blocks are read as written, so their tabs are fine;
- ``\\|`` in a table's header row (markdown-it-py counts the escaped pipe as the pipe a header
  row needs); in other cells the escaped pipe is mapped as the reference maps it;
- an image inside an image's label; a link-like ``](`` or ``][`` inside a link's label (the
  port has been seen to miss the inner link); ``[label](`` with no destination (the port falls
  back to the reference, markdown-it fails the link);
- a backtick outside code spans with another after it (the port's code-span cache can then
  miss a later span), and a backtick run that may open a code span with no closer while a
  ``[`` is open (the port panics there, printing to stderr before Python sees it, so such a
  text never reaches it; spans are paired left to right over the inline text, which may run
  over lines, see ``_may_panic``);
- U+001C-U+001F or U+0085 anywhere (markdown-it-py 3 and 4 trim them differently), and
  Unicode spaces around a reference definition (markdown-it-py allows spaces and tabs only);
- a list marker or a table on a lazy line of a blockquote, and a list that ends a table
  (markdown-it-py ends them at any list, the port only at one that may interrupt a
  paragraph);
- any node kind this builder does not know, and a Rust panic.

One divergence is settled per heading instead: emphasis decides a heading's text and the
engines' delimiter rules differ at the edges (runs of three, symbols beside ``_``), so a
heading with a delimiter that could open or close emphasis is read by markdown-it-py's
inline parser; the document's other headings and all the rest stay on the fast path.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import compress, islice, repeat
from operator import not_, sub
from typing import TYPE_CHECKING, Any, Dict, FrozenSet, Iterator, List, Optional, Set, Tuple, Union

from markdown_it_pyrs import MarkdownIt as _RsMarkdownIt

from awesome_tools.lazyre import lazy
from awesome_tools.model import Document, Link, Span
from awesome_tools.model.engine import (
    TRIM_CHARS, VERSION_SENSITIVE_CHARS, LightToken, destination_span,
    escaped_split,
    normalize_reference, reference_label, trim, unescape_all,
)
from awesome_tools.model.parse import _BY_POSITION, ListItem, MarkdownList, \
    _Builder, heading_text, line_starts

if TYPE_CHECKING:
    # A node of markdown-it-pyrs's tree. Any, not markdown_it_pyrs.Node: its stub types the
    # source map Optional, and every node this builder reads has one.
    RsNode = Any

# CommonMark's rules and GFM tables, without emphasis and strikethrough: outside headings
# their delimiters are text to this builder (as to engine_py's document parser), and a heading
# that may hold emphasis is read by markdown-it-py (see heading_node), so the port's em, strong
# and s nodes were only unwrapped again (Awesome-Transformer-Attention: the tree 37 -> 28 ms).
_MD = _RsMarkdownIt("zero").enable_many([
    "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
    "reference", "html_block", "table",
    "autolink", "backticks", "entity", "escape", "image", "link", "newline", "html_inline"])
# The guards (see the module docstring).
_DECLINE = lazy(r"[ \t>*+\-0-9.)]*\t")  # a tab among a line's markers or indentation
# Non-ASCII whitespace on a reference definition's line or the next: markdown-it-py allows
# only spaces and tabs around a definition's parts, the port any Unicode space.
_DEFINITION_SPACE = lazy(
    r"\]:[^\n\r]*(?:(?:\r\n|\r|\n)[^\n\r]*)?[\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
# A backslash that ends a line (a reference definition's destination may end so).
_LINE_END_BACKSLASH = lazy(r"\\(?=\n|\Z)")
# A table's delimiter row (``|---|:--:|``), and a header row above it with ``\|``: there
# markdown-it-py counts the escaped pipe as the pipe a header row needs, the port does not.
_DELIMITER_ROW = lazy(r"[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_ATX = lazy(r"#{1,6}(?=[ \t]|$)")
_ORDERED = lazy(r"[0-9]{1,9}")
_MARKER_SPACES = lazy(r"[^ \t]*( *)")  # a list marker and the spaces after it
_LIST_MARKER = lazy(r" {0,3}(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
# In a link's label, what makes its text differ from its source: escapes, entities, code,
# tags and autolinks, images, nested brackets, line breaks. Without any, text = source.
_LABEL_SPECIAL = lazy(r"[\\&`<\[\]\n\r]")
# What markdown-it's label scan takes as one token (code, tags, autolinks, escapes, images),
# and what makes a label's text differ from its source when brackets are only text.
_LABEL_TOKENS = lazy(r"[\\`<!]")
_TEXT_SPECIAL = lazy(r"[\\&`<!\n\r]")
_BRACKETS = lazy(r"[\[\]]")
_DELIMITER_RUN = lazy(r"\*+|_+|~+")
# An inline link whose label is plain text and whose destination has nothing to unescape or
# balance (what the destination scan reads at C speed, see engine.destination_span). Brackets
# in the label are text unless they follow ``!``: ``![r]`` is an image where ``r`` is defined.
# The label is runs of plain characters around bracketed pieces (not one alternation per
# character: half the time of that on a usual ``[name](url)``).
_LABEL_PLAIN = r"[^\\&`<\[\]\n\r]*"
_PLAIN_DEST = r"([^\x00-\x20\x7f()<\\]+)"
_SIMPLE_LINK = lazy(
    r"\[(%s(?:(?<!!)\[%s\](?![(\[])%s)*)\]\(%s\)"
    % (_LABEL_PLAIN, _LABEL_PLAIN, _LABEL_PLAIN, _PLAIN_DEST))
# The usual image (``![alt](src)``, the alt plain text) and the usual badge, a link whose label
# is such an image (``[![alt](src)](url)``): the image's source, its alt, src and the url.
_SIMPLE_IMAGE = lazy(r"!\[(%s)\]\(%s\)" % (_LABEL_PLAIN, _PLAIN_DEST))
_BADGE = lazy(r"\[(!\[(%s)\]\(%s\))\]\(%s\)" % (_LABEL_PLAIN, _PLAIN_DEST, _PLAIN_DEST))


def _may_hold_url(text: str) -> bool:
    """Whether ``text`` holds what may start a bare URL (``_BARE_HINT``: ``http:``,
    ``https:`` or ``www.`` in any case; to that case-blind regex U+017F is an ``s`` too),
    read with ``in`` on the lower-cased text: twenty times faster than the regex on a
    250-character line (0.26 against 5.3 us)."""
    lower = text.lower()
    return "https:" in lower or "http:" in lower or "www." in lower or "http\u017f:" in lower


def _url_outside(text: str, start: int, stop: int, covered: List[Tuple[int, int]]) -> bool:
    """Whether ``text[start:stop]`` may hold a bare URL outside the ``covered`` ranges (links,
    code and tags found in it): ``_may_hold_url`` of what lies between them, read in one pass
    over the ranges in order. Yes wherever a URL hint starts outside them (a range starts at
    ``[``, ``!``, ``<`` or a backtick, none of which a hint holds)."""
    if len(covered) == 1:  # the usual item: one link
        left, right = covered[0]
        between = (text[start:left] + " " + text[max(start, right):stop]).lower()
    else:
        parts = []
        position = start
        for left, right in sorted(covered):
            if left > position:
                parts.append(text[position:left])
            if right > position:
                position = right
        parts.append(text[position:stop])
        between = " ".join(parts).lower()
    # _may_hold_url, here at no cost of a call
    return "https:" in between or "http:" in between or "www." in between or \
        "http\u017f:" in between


def new_link(kind: str, syntax: str, url: str, text: str, line: int, column: int,
             dest: Optional[Span], label: str, section: Tuple[str, ...]) -> Link:
    """``Link(...)``, made at a third of the cost: a frozen dataclass's ``__init__`` sets each
    of its ten fields through ``object.__setattr__``, and a large list has tens of thousands
    of links. The object is the same (fields, equality, hash, repr, ``replace``, pickling;
    tests/test_parse_engines.py checks)."""
    link = _new_object(Link)
    _set_attribute(link, "__dict__", {
        "kind": kind, "syntax": syntax, "url": url, "text": text, "line": line,
        "column": column, "dest": dest, "label": label, "section": section, "in_toc": False})
    return link


_new_object = object.__new__
_set_attribute = object.__setattr__


def _plain_link(kind: str, text: str, url: str, dest_end: int, start: int, line: int,
                column: int, section: Tuple[str, ...]) -> Link:
    """The link (or image) written ``[text](url)`` (``![text](url)``) from ``start`` at
    ``column`` of ``line``, ``url`` ending at ``dest_end``: its text as written (nothing in it
    to unescape or drop), its URL with nothing to unescape but entities."""
    dest = dest_end - len(url)
    link = _new_object(Link)  # as new_link makes it
    _set_attribute(link, "__dict__", {
        "kind": kind, "syntax": "inline", "url": unescape_all(url) if "&" in url else url,
        "text": text, "line": line, "column": column,
        "dest": _new_tuple(Span, (dest, dest_end, line, column + dest - start)), "label": "",
        "section": section, "in_toc": False})
    return link


def _new_item(line: int, end_line: int, markup: str, info: str, section: Tuple[str, ...]
              ) -> ListItem:
    """``ListItem(...)`` without the dataclass's ``__init__`` (its defaults set one field at a
    time, a fifth of the cost of reading the usual item); the same object (its fields, no
    more; tests/test_parse_engines.py checks)."""
    item = _new_object(ListItem)
    _set_attribute(item, "__dict__", {
        "line": line, "end_line": end_line, "markup": markup, "info": info,
        "section": section, "first_inline": None, "first_links": (), "children": []})
    return item
# ``Span(...)`` without the named tuple's ``__new__`` in Python: the same tuple, at 40% of
# the cost (one per link).
_new_tuple = tuple.__new__
# In a heading, what makes it more than one text token: escapes, entities, code, tags and
# autolinks, emphasis (and links and images, brackets being tested apart).
_HEADING_SPECIAL = lazy(r"[\\&`<*_~]")
_SKIPPED_IN_LABEL = frozenset(("code_inline", "autolink", "html_inline", "text_special",
                               "image", "link"))
_BLOCKS_WITHOUT_TEXT = frozenset(("code_block", "fence", "hr"))
_INLINE_NODES = frozenset(("text", "text_special", "softbreak", "hardbreak", "link", "image",
                           "autolink", "html_inline", "code_inline"))
_PLAIN_NODES = frozenset(("text", "text_special", "softbreak", "hardbreak"))
_TRIM_SET = frozenset(TRIM_CHARS)


class Declined(Exception):
    """This builder cannot reproduce markdown-it-py's Document for this text."""


# markdown-it-py's commonmark preset stops nesting at token level 20 (``maxNesting``): the
# blocks inside a container at that level are dropped, which the port does not do. A list
# and its item are two levels, a blockquote one.
MAX_NESTING = 20
# Beyond this many levels a text is not given to the port at all: its parser and the
# conversion of its node tree recurse per level (a deep enough tree overflows the Rust stack,
# and a line of list markers takes it time quadratic in their number), and so does this
# builder's walk. Generous, so that no list nested as lists are is ever kept from the port;
# MAX_NESTING decides exactly, during the walk, below it.
TEXT_NESTING = 100
# A line whose leading markers and indentation are this long may nest TEXT_NESTING deep:
# no character of them is worth more than four levels (a tab's columns). Sought after a line
# break (the first line apart): a literal first character lets the search skip to the next
# one at C speed, where ``^`` in multi-line mode is tried at every position (8 times slower).
_LONG_PREFIX = lazy(r"[ \t>*+\-0-9.)]{%d,}" % (TEXT_NESTING // 4))
_LONG_PREFIX_AFTER_BREAK = lazy(r"\n[ \t>*+\-0-9.)]{%d,}" % (TEXT_NESTING // 4))
# The container prefix of a line: indentation, blockquote and list markers.
_CONTAINER_PREFIX = lazy(
    r"(?:[ \t>]|[-*+](?=[ \t\n]|$)|[0-9]{1,9}[.)](?=[ \t\n]|$))*", re.M)


# Twenty ``[`` with no ``]`` between them, then a ``]``: markdown-it-py's inline parser
# reaches its nesting limit in the labels there, and then skips to the end of the text where
# the port closes a label (a run of ``[`` never closed reads the same in both); coarse
# (escapes, code and paragraphs are not told apart), it errs towards yes. Written to start
# with its literal ``[`` (``(?:\[[^\[\]]*){20}\]`` is the same pattern, but a search for a
# repeated group is tried at every position: 15 times slower).
_OPEN_BRACKETS = lazy(r"\[(?:[^\[\]]*\[){%d}[^\[\]]*\]" % (MAX_NESTING - 1))


def _nested(box: "_Container", levels: int) -> int:
    """The token level inside a container opened in ``box``; Declined where markdown-it-py
    would drop what it holds (see MAX_NESTING)."""
    level = box.level + levels
    if level >= MAX_NESTING:
        raise Declined("nesting deeper than markdown-it-py's limit")
    return level


def _too_deep(text: str) -> bool:
    """Whether a line of ``text`` (``\n`` line breaks) may open TEXT_NESTING levels: an
    upper bound read from its prefix, as each level needs a column (an item's text is
    indented past its marker, a blockquote has its ``>``). A scan at C speed; only lines
    with a long prefix are looked at."""
    starts = [0] if _LONG_PREFIX.match(text) else []
    starts.extend(long.start() + 1 for long in _LONG_PREFIX_AFTER_BREAK.finditer(text))
    for start in starts:
        found = _CONTAINER_PREFIX.match(text, start)
        prefix = found.group() if found is not None else ""
        markers = len(prefix) - prefix.count(" ") - prefix.count("\t") - prefix.count(">")
        levels = prefix.count(" ") + 4 * prefix.count("\t") + prefix.count(">") + 2 * markers
        if levels >= TEXT_NESTING:
            return True
    return False


class _Container:
    """Where a line's text starts inside the blockquotes and list items around a block."""

    __slots__ = ("quotes", "indent", "limit", "first_line", "text_at", "level")

    def __init__(self, quotes: int, indent: int, limit: int, first_line: int = -1,
                 text_at: int = 0, level: int = 0) -> None:
        self.quotes = quotes  # blockquote depth
        self.level = level  # markdown-it's token level of the blocks inside (see _nested)
        self.indent = indent  # markdown-it's blkIndent: columns a list item's lines may lose
        self.limit = limit  # first line past the innermost blockquote (or the document)
        self.first_line = first_line  # a list item's first line (the marker's), else -1
        self.text_at = text_at  # where the item's text starts on that line


class _Inline:
    """A text spanning several lines: its content as markdown-it-py hands it to the inline
    parser (each line's container prefix removed, joined with ``\\n``, trimmed), and file
    offsets mapped into it."""

    __slots__ = ("content", "pieces", "lead")

    def __init__(self, text: str, lines: List[Tuple[int, int]]) -> None:
        pieces = []
        parts = []
        offset = 0
        for start, end in lines:
            pieces.append((offset, start))
            parts.append(text[start:end])
            offset += end - start + 1
        raw = "\n".join(parts)
        self.content = trim(raw)
        self.lead = len(raw) - len(raw.lstrip(TRIM_CHARS)) if self.content else 0
        self.pieces = pieces

    @classmethod
    def pieces_of(cls, content: str, pieces: List[Tuple[int, int]]) -> "_Inline":
        """An inline text from its content and its (content offset, file offset) pieces."""
        inline = cls.__new__(cls)
        inline.content, inline.pieces, inline.lead = content, pieces, 0
        return inline

    def at(self, offset: int) -> int:
        """The content offset of file character ``offset``."""
        pieces = self.pieces
        lo, hi = 0, len(pieces) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if pieces[mid][1] <= offset:
                lo = mid
            else:
                hi = mid - 1
        content_start, file_start = pieces[lo]
        return content_start + offset - file_start - self.lead


class _LazyInline:
    """An ``inline`` token whose children are made from the nodes on first access: the TOC
    finder and entries read them for some list items, most texts are never asked."""

    __slots__ = ("content", "map", "_nodes", "_builder", "_inline", "_children")
    type = "inline"
    meta = None

    def __init__(self, content: str, first: int, last: int, nodes: Sequence[RsNode],
                 builder: RsBuilder, inline: Optional[_Inline]) -> None:
        self.content = content
        self.map = [first, last + 1]
        self._nodes = nodes
        self._builder = builder
        self._inline = inline
        self._children: Optional[_Children] = None

    @property
    def children(self) -> "_Children":
        children = self._children
        if children is None:
            children = self._children = _Children(self)
        return children

    def make_children(self) -> List[LightToken]:
        children = self._builder.tokens_of(self._nodes, self.content, self._inline)
        self._builder = self._inline = None  # type: ignore[assignment]  # never read again
        return children

    def release(self) -> None:
        """Drop the builder, the port's nodes and the children made so far, once the
        Document is built (see RsBuilder.release): nothing reads this token after."""
        self._nodes = self._builder = self._inline = None  # type: ignore[assignment]
        self._children = None

    def __repr__(self) -> str:  # for test failure messages
        return f"LazyInline({self.content!r}, map={self.map})"


class _Children(Sequence):  # type: ignore[type-arg]  # of LightToken; a plain base class
    """markdown-it-py's children tokens of an inline text, made when first read. Entries
    ask of every list item whether its text starts with a link: that first token is made
    alone (when its node alone decides it), the rest only if someone reads further."""

    __slots__ = ("_owner", "_first", "_tokens")

    def __init__(self, owner: _LazyInline) -> None:
        # the owner is let go once every token is made (it holds the node tree)
        self._owner: Any = owner
        self._first: Optional[LightToken] = None
        self._tokens: Optional[List[LightToken]] = None

    def _all(self) -> List[LightToken]:
        if self._tokens is None:
            tokens = self._owner.make_children()
            if self._first is not None:  # the token already handed out stays the same
                tokens[0] = self._first
            self._tokens, self._owner = tokens, None
        return self._tokens

    def _first_token(self) -> Optional[LightToken]:
        """The first token, made from the first node alone where that decides it."""
        if self._first is None and self._tokens is None:
            nodes = self._owner._nodes
            first = nodes[0] if nodes else None
            name = first.name if first is not None else ""
            if first is None:
                pass
            elif name == "link" or name == "autolink":
                self._first = LightToken("link_open", attrs={"href": first.meta.get("url", "")})
            elif name == "text":
                content = first.meta.get("content", "")
                if content and self._owner.content.startswith(content):
                    self._first = LightToken("text", content)
        return self._first

    def __getitem__(self, index: Any) -> Any:
        if index == 0 and self._tokens is None and self._first_token() is not None:
            return self._first
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __bool__(self) -> bool:
        return (self._tokens is None and self._first_token() is not None) or bool(self._all())

    def __iter__(self) -> Iterator[LightToken]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (list, tuple, _Children)) and self._all() == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._all())


class RsBuilder(_Builder):
    """Builds the Document from the node tree (see the module docstring)."""

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self.text = text
        starts = self.starts = self.src.starts
        count = len(starts)
        if "\r" in text:
            self.ends = [self._content_end(index) for index in range(count)]
        else:
            self.ends = list(map(sub, islice(starts, 1, None), repeat(1)))
            self.ends.append(len(text))
        self.line_max = count - (1 if text.endswith(("\n", "\r")) or not text else 0)
        self.ascii = text.isascii()
        # the text as the port's byte offsets index it: itself when ASCII, else its UTF-8
        self.raw: Union[str, bytes]
        self.space: FrozenSet[Any]
        if self.ascii:
            self.raw, self.bstarts, self.space = text, starts, frozenset(" \t\r\n")
            self.shift: List[Optional[int]] = [0] * count
        else:
            self._bytes_map()
        self.list_stack: List[MarkdownList] = []
        self.item_stack: List[ListItem] = []
        self.reference_ranges: List[Tuple[int, int]] = []
        self.quote_ends: Set[int] = set()  # last lines of blockquotes
        self.tabbed: Set[int] = set()  # lines with a tab among their markers or indentation

    _normalize_reference = staticmethod(normalize_reference)

    # -- offsets -------------------------------------------------------------------------
    def _content_end(self, index: int) -> int:
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        while end > self.starts[index] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def _bytes_map(self) -> None:
        """Line starts in bytes, and per line the bytes-minus-characters shift that turns a
        byte offset into a character offset (None on a line that is not ASCII)."""
        text, starts = self.text, self.starts
        self.raw = raw = text.encode("utf-8")
        self.space = frozenset(b" \t\r\n")
        self.bstarts = bstarts = line_starts(raw)
        shift = list(map(sub, bstarts, starts))  # bytes before each line beyond its chars
        shift.append(len(raw) - len(text))
        # a line is ASCII where the shift does not grow across it
        self.shift = [before if before == after else None
                      for before, after in zip(shift, islice(shift, 1, None))]
        self.encoded: Dict[int, bytes] = {}

    def char(self, offset: int) -> int:
        """The character offset of byte ``offset``."""
        if self.ascii:
            return offset
        index = bisect_right(self.bstarts, offset) - 1
        shift = self.shift[index]
        if shift is not None:
            return offset - shift
        start, byte_start = self.starts[index], self.bstarts[index]
        encoded = self.encoded.get(index)
        if encoded is None:
            end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
            encoded = self.encoded[index] = self.text[start:end].encode("utf-8")
        return start + len(encoded[:offset - byte_start].decode("utf-8", "ignore"))

    def span(self, node: RsNode) -> Tuple[int, int]:
        start, end = node.srcmap
        if self.ascii:
            return start, end
        return self.char(start), self.char(end)

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def lines(self, node: RsNode) -> Tuple[int, int]:
        """First and last line of a block (trailing whitespace belongs to no block), read
        in the source map's bytes."""
        return self.lines_at(*node.srcmap)

    def lines_at(self, start: int, end: int) -> Tuple[int, int]:
        """``lines`` of the source map ``(start, end)``."""
        bstarts = self.bstarts
        first = bisect_right(bstarts, start) - 1
        if first + 1 == len(bstarts) or end <= bstarts[first + 1]:
            return first, first  # within one line, its line break included
        raw, space = self.raw, self.space
        while end > start + 1 and raw[end - 1] in space:
            end -= 1
        end = max(start, end - 1)
        if end < bstarts[first + 1]:
            return first, first
        return first, bisect_right(bstarts, end, first + 1) - 1

    # -- container prefixes --------------------------------------------------------------
    def after_quotes(self, index: int, quotes: int) -> Tuple[int, bool]:
        """Offset after up to ``quotes`` blockquote markers of line ``index``; False when
        the line lacks one (a lazy continuation line keeps its text as it is)."""
        text, pos, end = self.text, self.starts[index], self.ends[index]
        for _ in range(quotes):
            probe = pos
            while probe < end and text[probe] == " ":
                probe += 1
            if probe >= end or text[probe] != ">":
                return pos, False
            pos = probe + 1
            if pos < end and text[pos] == " ":
                pos += 1
        return pos, True

    def line_start(self, index: int, box: _Container) -> int:
        """Where markdown-it's ``getLines`` starts line ``index`` of a block in ``box``."""
        pos = self.after_quotes(index, box.quotes)[0] if box.quotes else self.starts[index]
        end, text = self.ends[index], self.text
        lost = 0
        while lost < box.indent and pos < end and text[pos] == " ":
            pos += 1
            lost += 1
        return pos

    def blank(self, index: int, quotes: int) -> bool:
        """markdown-it's ``isEmpty``: nothing but spaces after the markers (a last line with
        no line break counts as text unless it is empty: its indentation is never
        measured)."""
        if index == len(self.starts) - 1 and self.ends[index] == len(self.text):
            return self.starts[index] == self.ends[index]
        pos = self.after_quotes(index, quotes)[0] if quotes else self.starts[index]
        return not self.text[pos:self.ends[index]].strip(" \t")

    def text_start(self, start: int, first: int) -> int:
        """Back from the Rust engine's first character over whitespace markdown-it keeps
        (it trims only spaces, tabs and line breaks; U+3000 is text)."""
        text, line_start = self.text, self.starts[first]
        while start > line_start and text[start - 1] not in " \t>" and text[start - 1].isspace():
            start -= 1
        return start

    def inline_lines(self, start: int, first: int, last: int, box: _Container
                     ) -> List[Tuple[int, int]]:
        self.untabbed(first, last)
        lines = [(start, self.ends[first])]
        for index in range(first + 1, last + 1):
            lines.append((self.line_start(index, box), self.ends[index]))
        return lines

    # -- blocks --------------------------------------------------------------------------
    def build_tree(self, root: RsNode) -> Document:
        box = _Container(0, 0, self.line_max)
        text = self.text
        if "]:" in text:
            self.definitions(root.children, box)
        self._collect_references(self.reference_ranges)
        if "\t" in text:
            lines = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
            self.tabbed = set(tab_lines(lines))
        self.blocks_of(root.children, box)
        if self.tabbed:
            self._raw_tabs(root)
        return self._finish()

    def release(self) -> None:
        """Break the cycles of the lazy tokens (token -> builder -> blocks -> token, token <->
        its children) once the build is over. Left in place they kept each Document's model,
        tokens and the port's nodes alive until a collection of the oldest generation, which
        the collector, paused while models are built, seldom reaches: ``check`` on 40 copies of
        a 449 KB list grew by 15 MB a list (657 MB at the end, 46 MB for one)."""
        for block in self.blocks:
            if block and block[0] == "inline" and isinstance(block[3][0], _LazyInline):
                block[3][0].release()
        self.__dict__.clear()

    def _raw_tabs(self, root: RsNode) -> None:
        """Decline a text with a tab among a line's markers or indentation, unless each such
        line is a one-line list item (read from after its marker, whatever the tab stops) or
        lies in a top-level HTML or code block (kept as written): elsewhere markdown-it
        expands those tabs to columns, which this builder does not follow."""
        for node in root.children:
            if node.name in ("html_block", "fence", "code_block"):
                first, last = self.lines(node)
                self.tabbed.difference_update(range(first, last + 1))
        if self.tabbed:
            raise Declined("a tab among a line's markers or indentation")

    def definitions(self, nodes: Sequence[RsNode], box: _Container) -> None:
        """Line ranges of reference definitions, read before the walk: a reference link may
        come before its definition."""
        for node in nodes:
            name = node.name
            if name == "definition":
                first, last = self.lines(node)
                self.reference_ranges.append((first, last + 1))
            elif name == "blockquote":
                self.definitions(node.children, _Container(0, 0, 0, level=_nested(box, 1)))
            elif name in ("bullet_list", "ordered_list"):
                inner = _Container(0, 0, 0, level=_nested(box, 2))
                for item in node.children:
                    self.definitions(item.children, inner)

    def blocks_of(self, nodes: Sequence[RsNode], box: _Container, item: Optional[RsNode] = None,
                  item_last: Optional[int] = None) -> None:
        pending: List[RsNode] = []
        for node in nodes:
            name = node.name
            if name in _INLINE_NODES:
                pending.append(node)
                continue
            if pending:
                self.tight(pending, node, box)
                pending = []
            if name == "paragraph":
                start, end = node.srcmap
                first, last = self.lines_at(start, end)
                if not self.ascii:
                    shift = self.shift[first]
                    start = self.text_start(
                        start - shift if shift is not None else self.char(start), first)
                self.inline_text(node.children, start, first, last, box)
            elif name == "heading" or name == "lheading":
                self.heading_node(node, box)
            elif name in ("bullet_list", "ordered_list"):
                self.md_list(node, box)
            elif name == "blockquote":
                self.quote(node, box)
            elif name == "html_block":
                first, last = self.lines(node)
                token = LightToken("html_block", node.meta.get("content", ""))
                token.map = [first, last + 1]
                self.html_block(token)
            elif name == "table":
                self.table(node, box)
            elif name != "definition" and name not in _BLOCKS_WITHOUT_TEXT:
                raise Declined(name)
        if pending:
            self.tight(pending, item, box, True, item_last)

    def tight(self, nodes: Sequence[RsNode], neighbour: Optional[RsNode], box: _Container,
              last: bool = False,
              item_last: Optional[int] = None) -> None:
        """Inline nodes straight in a tight list item: a hidden paragraph in markdown-it.
        It ends before the block that follows it, or with the item (``neighbour``); the
        port's source maps of inline nodes are not always right at their end."""
        if neighbour is None:
            raise Declined("inline nodes outside a list item")
        bstarts = self.bstarts
        first = bisect_right(bstarts, nodes[0].srcmap[0]) - 1
        if last:
            end = self.lines(neighbour)[1] if item_last is None else item_last
        else:
            end = bisect_right(bstarts, neighbour.srcmap[0]) - 2
        # where markdown-it's getLines starts the text: after the item's marker on its first
        # line, else after the container's prefix
        start = box.text_at if first == box.first_line else self.line_start(first, box)
        self.inline_text(nodes, start, first, max(first, end), box)

    def md_list(self, node: RsNode, box: _Container) -> None:
        """A list and its items, in one pass: the usual item (one line of text) read on the
        spot, any other item's blocks walked inside it."""
        level = _nested(box, 2)  # the list and its item
        ordered = node.name == "ordered_list"
        marker = node.meta.get("marker", "")
        items = node.children
        bstarts = self.bstarts
        first = bisect_right(bstarts, node.srcmap[0]) - 1
        item_stack = self.item_stack
        md_list = MarkdownList(ordered, marker, first + 1, first, len(self.list_stack))
        if item_stack:
            item_stack[-1].children.append(md_list)
        else:
            self.lists.append(md_list)
        self.list_stack.append(md_list)
        record = len(self.blocks)
        self.blocks.append(())  # the list's record, once its items say where it ends
        firsts = [bisect_right(bstarts, item.srcmap[0]) - 1 for item in items]
        firsts.append(-1)
        limit, quotes, section = box.limit, box.quotes, self.section_path
        text, ends, shift = self.text, self.ends, self.shift
        end = first
        for item, item_first, following in zip(items, firsts, islice(firsts, 1, None)):
            if following == item_first + 1:  # a one-line item, the next right after
                item_last = item_first
                end = item_first + 1
            else:
                item_last = self.lines(item)[1]
                end = item_last + 1
                while end < limit and self.blank(end, quotes):
                    end += 1
            start = item.srcmap[0]
            line_shift = shift[item_first]
            start = start - line_shift if line_shift is not None else self.char(start)
            info = ""
            if ordered:
                number = _ORDERED.match(text, start)
                if number is None:  # the port saw an item where markdown-it would not
                    raise Declined("an ordered list item without its number")
                info = number.group()
            list_item = _new_item(item_first + 1, end, marker, info, section)
            md_list.items.append(list_item)
            kids = item.children
            if item_first == item_last and kids and kids[0].name in _INLINE_NODES:
                # the usual item: one line of text (no block can share its line), read from
                # after its marker and a space (any more are trimmed with the text's)
                text_at = start + len(info) + 1
                if text[text_at] == " ":
                    text_at += 1
                self.line_text(kids, text_at, item_first, ends[item_first], list_item)
                if self.tabbed:
                    self.tabbed.discard(item_first)
                continue
            # markdown-it's blkIndent inside the item: the column of its text, counted from
            # the innermost blockquote's text
            line_end = ends[item_first]
            spaces = _MARKER_SPACES.match(text, start, line_end)
            if spaces is None:  # the port saw an item where markdown-it would not
                raise Declined("a list item without its marker")
            after_marker, text_at = spaces.span(1)
            if text_at >= line_end or text_at - after_marker > 4:
                text_at = after_marker + 1
            base = self.after_quotes(item_first, quotes)[0] if quotes \
                else self.starts[item_first]
            item_stack.append(list_item)
            self.blocks_of(kids, _Container(quotes, text_at - base, limit, item_first, text_at,
                                            level), item, item_last)
            item_stack.pop()
        md_list.end_line = end
        self.blocks[record] = ("list", first + 1, end, md_list)
        self.list_stack.pop()

    def untabbed(self, first: int, last: int) -> None:
        """Decline where a line this builder would read past its indentation has a tab
        there (see ``_raw_tabs``)."""
        if self.tabbed and not self.tabbed.isdisjoint(range(first, last + 1)):
            raise Declined("a tab among a line's markers or indentation")

    def quote(self, node: RsNode, box: _Container) -> None:
        first, last = self.lines(node)
        self.untabbed(first, last)
        for index in range(first + 1, last + 1):
            if not self.after_quotes(index, box.quotes + 1)[1] and \
                    _LIST_MARKER.match(self.text, self.starts[index], self.ends[index]):
                raise Declined("list marker on a lazy line of a blockquote")
        self.quote_ends.add(last)
        self.blocks_of(node.children, _Container(box.quotes + 1, 0, last + 1,
                                                 level=_nested(box, 1)))

    def table(self, node: RsNode, box: _Container) -> None:
        if self.lines(node)[0] - 1 in self.quote_ends:
            # a lazy line of a blockquote's paragraph: markdown-it-py keeps it in the
            # paragraph, the port starts a table there
            raise Declined("a table on a lazy line of a blockquote")
        table_first, table_last = self.lines(node)
        self.untabbed(table_first, table_last)
        # entries: the reference's "table" and "tr" records (model/entries.py reads a row's
        # cells from the "inline" records that follow its "tr")
        self.blocks.append(("table", table_first + 1, table_last + 1, None))
        columns = 0
        for part in node.children:
            for row in part.children:
                line = self.lines(row)[0]
                self.blocks.append(("tr", line + 1, line + 1, None))
                cells = self.row_cells(line, box)
                if part.name == "thead":
                    columns = len(cells)
                cursor = 0
                line_start = self.line_start(line, box)
                if part.name != "thead" and \
                        _LIST_MARKER.match(self.text, line_start, self.ends[line]):
                    # markdown-it-py ends a table at any list; the port only at a list that
                    # may interrupt a paragraph (``2)``, an empty ``-`` stay rows)
                    raise Declined("list marker in a table row")
                row_cells = row.children  # a new list at each access: once a row
                for index in range(columns):
                    text = cells[index] if index < len(cells) else ""
                    cell = row_cells[index] if index < len(row_cells) else None
                    nodes = cell.children if cell is not None else []
                    if "|" in text:  # ``\|`` in the source: read as the reference reads it
                        self.src.cursor[line] = line_start + cursor - self.starts[line]
                        cursor = self.cell_with_pipes(nodes, text, line) - line_start
                        continue
                    found = self.text.find(text, line_start + cursor, self.ends[line]) \
                        if text else -1
                    if found < 0:
                        found = line_start + cursor
                    cursor = found - line_start + len(text)
                    self.inline_text(nodes, found, line, line, box, end=found + len(text))

    def cell_with_pipes(self, nodes: Sequence[RsNode], content: str, line: int) -> int:
        """A table cell that held ``\\|``: markdown-it-py's cell text has ``|`` there, one
        character short of the source at each; mapped piece by piece. Returns where the cell
        ends in the file."""
        pairs = self.src.map_lines(content, line)
        if len(pairs) < 2:  # not found with its backslashes back: nothing to map it by
            raise Declined("a table cell with a pipe not written as \\|")
        inline = _Inline.pieces_of(content, [(at, file_at) for at, file_at, _ in pairs])
        stop = pairs[-1][1] + len(content) - pairs[-1][0]
        if "`" in content:
            self.check_backticks(nodes, content, stop)
        links = self.inline_links(nodes, inline, line, 0, content) if content else []
        self.record(nodes, content, line, line, tuple(links), inline)
        return stop

    def row_cells(self, line: int, box: _Container) -> List[str]:
        """A table row's cells as markdown-it-py splits and trims them."""
        start = self.after_quotes(line, box.quotes)[0]
        cells = escaped_split(trim(self.text[start:self.ends[line]]))
        if cells and cells[0] == "":
            cells.pop(0)
        if cells and cells[-1] == "":
            cells.pop()
        return [trim(cell) for cell in cells]

    def heading_node(self, node: RsNode, box: _Container) -> None:
        first_link = len(self.links)
        text = self.text
        start, end = node.srcmap
        first = bisect_right(self.bstarts, start) - 1
        shift = self.shift[first]
        char_start = start - shift if shift is not None else self.char(start)
        marks = _ATX.match(text, char_start, self.ends[first])
        if marks is not None:  # ATX: the line between the marks and any closing sequence
            last = first
            pos, stop = marks.end(), self.ends[first]
            level = pos - char_start  # the marks are the level (no node meta to read)
            while stop > pos and text[stop - 1] in " \t":
                stop -= 1
            closing = stop
            while closing > pos and text[closing - 1] == "#":
                closing -= 1
            if closing < stop and closing > pos and text[closing - 1] in " \t":
                stop = closing
            elif closing == pos and stop > pos:
                stop = pos  # only closing marks: an empty heading
            lines = [(pos, stop)]
        else:  # setext: the lines above the underline
            first, last = self.lines_at(start, end)
            level = node.meta.get("level", 1)
            start = self.text_start(char_start, first)
            lines = self.inline_lines(start, first, last - 1, box)
        if len(lines) == 1:
            content = trim(text[lines[0][0]:lines[0][1]])
            if not _HEADING_SPECIAL.search(content) and (
                    ("[" not in content and "]" not in content) or
                    ("](" not in content and not self.references_raw)):
                # plain text (brackets that cannot make a link are text): its text is its
                # source, with no tokens to make
                if _may_hold_url(content):
                    base = text.find(content, lines[0][0], lines[0][1])
                    self.links.extend(self.inline_links(node.children, None, first, base,
                                                        content))
                self.add_heading(level, content, content, first, last + 1,
                                 tuple(self.links[first_link:]))
                return
        inline: Optional[_Inline] = _Inline(text, lines)
        content = inline.content  # type: ignore[union-attr]
        if "`" in content:
            self.check_backticks(node.children, content, lines[-1][1])
        if _may_emphasize(content):
            token = self._reference_heading(content, first, last)
        else:
            token = LightToken("inline", content)
            token.map = [first, last + 1]
            base = 0
            if len(lines) == 1:  # offsets into the file are offsets into the heading
                base, inline = lines[0][0] + inline.lead, None  # type: ignore[union-attr]
            token.children = self.tokens_of(node.children, content, inline)
            if content:
                self.links.extend(self.inline_links(node.children, inline, first, base,
                                                    content))
        self.add_heading(level, heading_text(token.children), token.content, first, last + 1,
                         tuple(self.links[first_link:]))

    def _reference_heading(self, content: str, first: int, last: int) -> LightToken:
        """A heading whose text hangs on emphasis: read by markdown-it-py's inline parser,
        its links placed as the reference places them."""
        from awesome_tools.model.engine_py import inline_children

        token = LightToken("inline", content)
        token.map = [first, last + 1]
        token.children, spans, code = inline_children(content, True, self.references_raw)
        self.links.extend(_Builder.inline(self, token, spans, code))
        return token

    # -- inline --------------------------------------------------------------------------
    def inline_text(self, nodes: Sequence[RsNode], start: int, first: int, last: int,
                    box: _Container,
                    end: Optional[int] = None) -> None:
        """One paragraph, tight item text or table cell: its links, and its record."""
        if first == last:
            self.line_text(nodes, start, first, self.ends[first] if end is None else end)
            return
        inline = _Inline(self.text, self.inline_lines(start, first, last, box))
        content = inline.content
        if "`" in content:
            self.check_backticks(nodes, content, self.ends[last])
        links = self.inline_links(nodes, inline, first, 0, content) if content else []
        self.record(nodes, content, first, last, tuple(links), inline)

    def line_text(self, nodes: Sequence[RsNode], start: int, line: int, stop: int,
                  item: Optional[ListItem] = None) -> None:
        """A text on one line, from ``start`` to ``stop`` (the hot path: most list items;
        ``item`` the one it makes, see ``record``)."""
        raw = self.text[start:stop]
        content = raw.strip(TRIM_CHARS)  # the same string where there is nothing to strip
        base = start
        if content is not raw and content:
            base = start + len(raw) - len(raw.lstrip(TRIM_CHARS))
        links: Tuple[Link, ...] = ()
        if "[" in content or "<" in content or "`" in content:
            code: List[RsNode] = []
            links = self.line_links(nodes, line, base, content, code)
            if "`" in content:
                self.check_backticks(nodes, content, stop, code)
        elif _may_hold_url(content):  # no link, image, autolink, tag or code: bare URLs only
            links = tuple(self._bare_urls(content, [(0, base, line)], [], self.section_path))
        self.record(nodes, content, line, line, links, None, item)

    def line_links(self, nodes: Sequence[RsNode], line: int, base: int, content: str,
                   code: List[RsNode]) -> Tuple[Link, ...]:
        """``inline_links`` of a one-line text (``content``, at ``base`` in the file) in one
        pass over its nodes, its code spans put in ``code``.

        The usual link (``[name](url)``: a label of plain text, a destination with nothing
        to unescape) is read whole by one match of the source; what lies between the links
        is looked at only if it may hold a bare URL. On Awesome-Transformer-Attention (a
        paper list: ``"Title", venue (*Org*). [[Paper](u)][[Code](v)]``) this read its items
        in a third of the time of collecting the spans first, then the links."""
        found: List[Link] = []
        covered: List[Tuple[int, int]] = []
        self._line_nodes(nodes, line, found, covered, code, self.section_path)
        if _url_outside(self.text, base, base + len(content), covered):
            found.extend(self._bare_urls(
                content, [(0, base, line)], [(start - base, end - base) for start, end in covered],
                self.section_path))
        if len(found) > 1:
            found.sort(key=_BY_POSITION)
        return tuple(found)

    def _line_nodes(self, nodes: Sequence[RsNode], line: int, found: List[Link],
                    covered: List[Tuple[int, int]], code: List[RsNode],
                    section: Tuple[str, ...]) -> None:
        """The links of ``nodes`` on one line, in the order ``_spans`` gives them (what a
        link's label holds before the link), and the ranges they and code spans cover."""
        text, shift, char = self.text, self.shift[line], self.char
        number, column_base = line + 1, 1 - self.starts[line]
        for node in nodes:
            name = node.name
            if name == "text":
                continue
            if name in _PLAIN_NODES:
                continue
            start, end = node.srcmap
            if shift is None:
                start, end = char(start), char(end)
            else:
                start, end = start - shift, end - shift
            covered.append((start, end))
            column = column_base + start
            if name == "link":
                simple = _SIMPLE_LINK.fullmatch(text, start, end)
                if simple is not None:  # the destination ends before the closing ``)``
                    label, url = simple.groups()
                    found.append(_plain_link("link", label, url, end - 1, start, number, column,
                                             section))
                    continue
                kids = node.children
                badge = _BADGE.fullmatch(text, start, end) if len(kids) == 1 else None
                if badge is not None and kids[0].name == "image":
                    image, alt, src, url = badge.groups()
                    image_end = start + 1 + len(image)
                    covered.append((start + 1, image_end))
                    found.append(_plain_link("image", alt, src, image_end - 1, start + 1, number,
                                             column + 1, section))
                    found.append(_plain_link("link", alt, url, end - 1, start, number, column,
                                             section))
                    continue
                if len(kids) > 1 or (kids and kids[0].name != "text"):
                    self._line_nodes(kids, line, found, covered, code, section)
                found.append(self.link(name, node, text, start, end, number, column, (), None,
                                       section))
            elif name == "image":
                simple = _SIMPLE_IMAGE.fullmatch(text, start, end)
                if simple is not None:
                    alt, src = simple.groups()
                    found.append(_plain_link("image", alt, src, end - 1, start, number, column,
                                             section))
                    continue
                found.append(self.link(name, node, text, start, end, number, column, (), None,
                                       section))
            elif name == "autolink":
                href = text[start + 1:end - 1]
                found.append(new_link("link", "autolink", href, href, number, column,
                                      Span(start + 1, start + 1 + len(href), number,
                                           column + 1), "", section))
            elif name == "html_inline":
                found.extend(self._html(text[start:end], [(0, 0, line)], start, section))
            elif name == "code_inline":
                code.append(node)
            else:
                raise Declined(name)

    def record(self, nodes: Sequence[RsNode], content: str, first: int, last: int,
               found: Tuple[Link, ...],
               inline: Optional[_Inline], item: Optional[ListItem] = None) -> None:
        """Keep one text's links, and its ``inline`` record for entries and the TOC finder.
        ``item``: the list item that is this text (the usual one-line item, whose text is
        read without putting it on the stack of items)."""
        if found:
            self.links.extend(found)
        token = _LazyInline(content, first, last, nodes, self, inline)
        if item is None:
            item_stack = self.item_stack
            in_item = bool(item_stack)
            if in_item and item_stack[-1].first_inline is None:
                item = item_stack[-1]
        else:
            in_item = True
        if item is not None:
            item.first_inline = token
            item.first_links = found
        self.blocks.append(("inline", first + 1, last + 1, (token, found, in_item)))

    def check_backticks(self, nodes: Sequence[RsNode], content: str, stop: int,
                        code: Optional[List[RsNode]] = None
                        ) -> None:
        """Every backtick of a text inside a code span is fine (their count says so, the
        source maps of code spans being exact); otherwise look closer (``backticks``)."""
        if code is None:
            code = []
            _spans(nodes, [], code)
        in_code = 0
        for node in code:
            start, end = self.span(node)
            in_code += self.text.count("`", start, end)
        if in_code != content.count("`"):  # some outside code spans
            self.backticks(nodes, stop)

    def backticks(self, nodes: Sequence[RsNode], stop: int) -> None:
        """Decline a text where the port may have read code spans or links wrongly: after
        a backtick run it left unmatched, its code-span cache and label scan can miss a
        later code span (and a link whose label holds one). Such a text shows a backtick in
        a text node with another backtick after it; a lone stray backtick is fine."""
        text = self.text
        for node in nodes:
            name = node.name
            if name == "text":
                start, end = self.span(node)
                pos = text.find("`", start, end)
                if pos >= 0 and "`" in text[pos:stop].lstrip("`"):
                    raise Declined("a backtick run the port may have left unmatched")
            elif name == "link" or name == "image":
                self.backticks(node.children, stop)

    def inline_links(self, nodes: Sequence[RsNode], inline: Optional[_Inline], first: int,
                     base: int,
                     content: str) -> List[Link]:
        """Links, images, autolinks, tags and bare URLs of one text, as the reference builder
        finds them (``inline`` for a text over several lines, else one line of the file
        whose ``content`` starts at ``base``)."""
        bare = _may_hold_url(content)
        spans: List[Tuple[str, RsNode]] = []
        code: List[RsNode] = []
        if "[" in content or "<" in content or ("`" in content and bare):
            _spans(nodes, spans, code)
        if not spans and not bare:  # no link, image, autolink or tag, and no bare URL
            return []
        section = self._section()
        # byte offsets to characters: on an ASCII line of the file, one subtraction
        shift = 0 if self.ascii else self.shift[first] if inline is None else None
        char = self.char
        if inline is None:  # offsets into the file are offsets into this one line
            source, pairs = self.text, [(0, 0, first)]
            column_base = 1 - self.starts[first]
            line = first + 1
        else:
            source = content
            pairs = self.src.map_lines(content, first)
        found: List[Link] = []
        covered: List[Tuple[int, int]] = []
        if bare:
            for node in code:
                start, end = node.srcmap
                if shift is None:
                    start, end = char(start), char(end)
                else:
                    start, end = start - shift, end - shift
                if inline is not None:
                    start, end = inline.at(start), inline.at(end)
                covered.append((start, end))
        for kind, node in spans:
            start, end = node.srcmap
            if shift is None:
                start, end = char(start), char(end)
            else:
                start, end = start - shift, end - shift
            if inline is not None:
                start, end = inline.at(start), inline.at(end)
                _, line, column = self.src.locate(pairs, start)
            else:
                column = column_base + start
            covered.append((start, end))
            if kind == "link" or kind == "image":
                found.append(self.link(kind, node, source, start, end, line, column, pairs,
                                       inline, section))
            elif kind == "autolink":
                href = source[start + 1:end - 1]
                if inline is None:
                    span = Span(start + 1, start + 1 + len(href), line, column + 1)
                else:
                    fs, dl, dc = self.src.locate(pairs, start + 1)
                    span = Span(fs, fs + len(href), dl, dc)
                found.append(new_link("link", "autolink", href, href, line, column, span, "",
                                      section))
            else:  # html_inline
                found.extend(self._html(source[start:end], pairs, start, section))
        if bare:
            if inline is None:
                covered = [(start - base, end - base) for start, end in covered]
                pairs = [(0, base, first)]
            if _url_outside(content, 0, len(content), covered):  # else all URLs are in links
                found.extend(self._bare_urls(content, pairs, covered, section))
        if len(found) > 1:
            found.sort(key=_BY_POSITION)
        return found

    def link(self, kind: str, node: RsNode, source: str, start: int, end: int, line: int,
             column: int, pairs: Sequence[Tuple[int, int, int]], inline: Optional[_Inline],
             section: Tuple[str, ...]) -> Link:
        """One link or image; ``source`` is the file (a one-line text) or the text's content
        (``inline``), and ``start``/``end`` offsets into it."""
        opener = start + 1 if kind == "image" else start
        label_end, plain = self.label_end(node, source, opener, end, inline, kind == "link")
        dest = destination_span(source, label_end, end)
        label = ""
        if dest is not None:
            dstart, dend = dest
            raw = source[dstart:dend]
            if raw.startswith("<") and raw.endswith(">"):
                dstart, dend, raw = dstart + 1, dend - 1, raw[1:-1]
            if "\\" in raw or "&" in raw:
                raw = unescape_all(raw)
            if inline is not None:
                fs, dl, dc = self.src.locate(pairs, dstart)
                dest_span: Optional[Span] = Span(fs, self.src.locate(pairs, dend)[0], dl, dc)
            else:
                dest_span = Span(dstart, dend, line, column + dstart - start)
            syntax = "inline"
        else:
            if source[end:end + 1] == "(":
                # ``[label](`` with no destination: markdown-it fails the link, the port falls
                # back to the reference
                raise Declined("a reference link followed by an open parenthesis")
            label = normalize_reference(reference_label(source, opener, label_end, end))
            defined = self.references_raw.get(label)
            raw = node.meta.get("url", "") if defined is None else defined
            dest_span = self.reference_spans.get(label)
            syntax = "reference"
        if kind == "image":
            text = source[start + 2:label_end]
        elif plain:
            text = source[start + 1:label_end]
        else:
            text = _node_text(node.children)
        return new_link(kind, syntax, raw, text, line, column, dest_span, label, section)

    def label_end(self, node: RsNode, source: str, opener: int, end: int, inline: Optional[_Inline],
                  link: bool = False) -> Tuple[int, bool]:
        """The ``]`` closing the label that opens at ``opener``, and whether the label is
        plain text (its text is its source). Brackets are counted as markdown-it counts them,
        skipping what its inline rules took as one token.

        A link cannot hold a link (markdown-it then makes the inner one the link, and the
        outer text); the port has been seen to miss an inner link, so a link's label with
        ``](`` or ``][`` outside its images, code and tags is left to the reference."""
        special = _LABEL_SPECIAL.search(source, opener + 1, end)
        if special is not None and source[special.start()] == "]":
            return special.start(), True
        if not _LABEL_TOKENS.search(source, opener + 1, end):
            # only brackets and text: count them in the source (``[[paper]](u)``)
            level = 1
            for bracket in _BRACKETS.finditer(source, opener + 1, end):
                pos = bracket.start()
                if bracket.group() == "]":
                    level -= 1
                    if level == 0:
                        plain = not _TEXT_SPECIAL.search(source, opener + 1, pos)
                        return pos, plain
                    if link and pos + 1 < end and source[pos + 1] in "([":
                        raise Declined("a link-like label inside a link")
                else:
                    level += 1
            raise Declined("label")
        skips: List[Tuple[int, int]] = []
        self._skips(node.children, skips, inline)
        skips.sort()
        level, pos, index = 1, opener + 1, 0
        while pos < end:
            while index < len(skips) and skips[index][1] <= pos:
                index += 1
            if index < len(skips) and skips[index][0] <= pos:
                pos = skips[index][1]
                continue
            char = source[pos]
            if char == "]":
                level -= 1
                if level == 0:
                    return pos, False
                if link and pos + 1 < end and source[pos + 1] in "([":
                    raise Declined("a link-like label inside a link")
            elif char == "[":
                level += 1
            pos += 1
        raise Declined("label")

    def _skips(self, nodes: Sequence[RsNode], out: List[Tuple[int, int]],
               inline: Optional[_Inline]) -> None:
        for node in nodes:
            name = node.name
            if name in _SKIPPED_IN_LABEL:
                start, end = self.span(node)
                if inline is not None:
                    start, end = inline.at(start), inline.at(end)
                out.append((start, end))

    # -- tokens, on demand -----------------------------------------------------------------
    def tokens_of(self, nodes: Sequence[RsNode], content: str,
                  inline: Optional[_Inline]) -> List[LightToken]:
        """markdown-it-py's children tokens of one inline text, made from the nodes."""
        children: List[LightToken] = []
        self._tokens(nodes, children, inline)
        # markdown-it-py trims the whole text (U+3000 too); the port keeps that in text
        while children and children[-1].type in _PLAIN_NODES and \
                not content.endswith(children[-1].content or "\n"):
            children[-1].content = children[-1].content.rstrip(TRIM_CHARS)
            if children[-1].content:
                break
            children.pop()
        while children and children[0].type in _PLAIN_NODES and \
                not content.startswith(children[0].content or "\n"):
            children[0].content = children[0].content.lstrip(TRIM_CHARS)
            if children[0].content:
                break
            children.pop(0)
        return children


    def _tokens(self, nodes: Sequence[RsNode], out: List[LightToken],
                inline: Optional[_Inline]) -> None:
        for node in nodes:
            name = node.name
            if name == "text" or name == "text_special":
                out.append(LightToken(name, node.meta.get("content", "")))
            elif name == "softbreak" or name == "hardbreak":
                out.append(LightToken(name))
            elif name == "link":
                out.append(LightToken("link_open", attrs={"href": node.meta.get("url", "")}))
                self._tokens(node.children, out, inline)
                out.append(LightToken("link_close"))
            elif name == "image":
                token = LightToken("image", self.image_label(node, inline),
                                   {"src": node.meta.get("url", ""), "alt": ""})
                token.children = []
                self._tokens(node.children, token.children, inline)
                out.append(token)
            elif name == "autolink":
                text = "".join(child.meta.get("content", "") for child in node.children)
                out.extend((LightToken("link_open", attrs={"href": node.meta.get("url", "")}),
                            LightToken("text", text), LightToken("link_close")))
            elif name == "html_inline":
                out.append(LightToken("html_inline", node.meta.get("content", "")))
            elif name == "code_inline":
                text = "".join(child.meta.get("content", "") for child in node.children)
                out.append(LightToken("code_inline", text))

    def image_label(self, node: RsNode, inline: Optional[_Inline]) -> str:
        """An image's label as written (markdown-it-py's image token content)."""
        start, end = self.span(node)
        source = self.text
        if inline is not None:
            start, end, source = inline.at(start), inline.at(end), inline.content
        return source[start + 2:self.label_end(node, source, start + 1, end, inline)[0]]


def _spans(nodes: Sequence[RsNode], spans: List[Tuple[str, RsNode]], code: List[RsNode]
           ) -> None:
    """Links, images, autolinks and tags of an inline text in the order markdown-it-py's
    rules record them (what a link's label holds before the link), and its code spans.
    An image's label is alt text: nothing in it is a link or tag on the page."""
    for node in nodes:
        name = node.name
        if name in _PLAIN_NODES:
            continue
        if name == "link":
            kids = node.children
            if len(kids) > 1 or (kids and kids[0].name != "text"):
                _spans(kids, spans, code)
            spans.append((name, node))
        elif name == "image" or name == "autolink" or name == "html_inline":
            spans.append((name, node))
        elif name == "code_inline":
            code.append(node)
        else:
            raise Declined(name)


def _node_text(nodes: Sequence[RsNode]) -> str:
    """A link's visible text, as the reference builder reads it from tokens: text, code and
    image alt text; line breaks as spaces (emphasis markers are text: the port parses none)."""
    parts: List[str] = []
    _collect_text(nodes, parts)
    return "".join(parts)


def _collect_text(nodes: Sequence[RsNode], parts: List[str]) -> None:
    for node in nodes:
        name = node.name
        if name == "text" or name == "text_special":
            parts.append(node.meta.get("content", ""))
        elif name == "softbreak" or name == "hardbreak":
            parts.append(" ")
        elif name == "code_inline" or name == "autolink":
            parts.append("".join(child.meta.get("content", "") for child in node.children))
        elif name == "image" or name == "link":
            _collect_text(node.children, parts)


def _may_emphasize(content: str) -> bool:
    """Whether a delimiter run in a heading could open or close emphasis under either
    engine's rules: ``_`` between two letters or digits, ``*`` between two spaces and a lone
    ``~`` never do; anything else might."""
    if "*" not in content and "_" not in content and "~" not in content:
        return False
    for match in _DELIMITER_RUN.finditer(content):
        start, end = match.span()
        before = content[start - 1] if start else " "
        after = content[end] if end < len(content) else " "
        char = content[start]
        if char == "~":
            if end - start > 1:
                return True
        elif char == "_":
            if not (before.isalnum() and after.isalnum()):
                return True
        elif not (before.isspace() and after.isspace()):
            return True
    return False


# Single backticks paired on a line (the first not escaped, nothing between them that could
# end a tag, a link's destination or a table cell; the closing one is the group), or any other
# backtick run: a text with the first kind only has no code span the port may fail to close.
# The pattern starts with the backtick, so that re looks for it at C speed.
_PLAIN_PAIR_OR_RUN = lazy(r"`(?:(?<![`\\]`)(?!`)[^`\n|>)]*(`)(?!`)|`*)")
# A line that always starts a block, ending any inline text before it: a list item with text
# (bullet, or ordered from 1: those interrupt a paragraph), an ATX heading.
_BLOCK_START = lazy(r" {0,3}(?:[-*+]|1[.)])[ \t]+[^ \t\n]| {0,3}#{1,6}(?:[ \t\n]|$)")
_BLANK_REST = lazy(r"[ \t]*(?:\n|$)")
# What the guard's walk of a block reads: backtick runs, brackets, cell pipes, and what
# opens or closes a tag, a comment or a link's destination (where a backtick or ``]`` may be
# taken by them).
_GUARD_TOKEN = lazy(r"`+|\]\(|<!--|-->|<\?|\?>|<[A-Za-z/!]|[\[\]|()>\"']")
_MAX_STATES = 32


def _image_in_image(text: str) -> bool:
    r"""Whether an image may hold an image: ``![`` with another after it and no ``]`` between
    (the pattern ``!\[[^\]]*!\[``, read from the text between one ``![`` and the next: a
    scan of the pattern was 7 ms on a 3 MB list of badges)."""
    between = text.split("![")[1:-1]
    return not all(map(str.__contains__, between, repeat("]")))


def _lines_with(text: str, char: str) -> Iterator[Tuple[int, str]]:
    """(start, line) of each line of ``text`` (line breaks as ``\n``) holding ``char``."""
    pos = text.find(char)
    while pos >= 0:
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)
        yield start, text[start:end]
        pos = text.find(char, end)


def _escaped_header(text: str) -> bool:
    """A line with ``\\|`` right above a table's delimiter row (``text`` with ``\n`` line
    breaks)."""
    for start, line in _lines_with(text, "\\|"):
        after = start + len(line) + 1
        end = text.find("\n", after)
        if after < len(text) and _DELIMITER_ROW.match(text[after:end if end >= 0 else None]):
            return True
    return False


def tab_lines(text: str) -> List[int]:
    """The (0-based) lines with a tab among their markers or indentation (``text`` with
    ``\n`` line breaks)."""
    found = []
    for start, line in _lines_with(text, "\t"):
        if _DECLINE.match(line):
            found.append(text.count("\n", 0, start))
    return found


def _may_panic(text: str) -> bool:
    """Whether the port may panic on ``text`` (an index out of bounds in its code-span
    cache), which prints to stderr before Python sees it: so such a text never reaches it.

    That happens when a backtick run that opens no code span (no run of its length after it
    in its inline text: the port's scan for a closer is of the raw text) is met twice, which
    a link's label scan does: a run inside a ``[`` that is still open. Where code spans are
    paired is decided left to right over the whole inline text (a paragraph, a heading, a
    table cell), so a line is not enough: a span opened on one line may close on the next.

    The usual text has single backticks paired on each line, none of a pair possibly inside a
    tag or a link's destination (nothing of the pair could end one): then no run is left
    without a closer and nothing more is read. Otherwise each stretch of lines around such a
    line that may be one inline text (up to a blank line, a list item or a heading, which
    always start a block) is walked by :func:`_block_may_panic`. ``text`` has ``\n`` line
    breaks."""
    first = text.find("`")
    if first < 0 or "[" not in text:
        return False
    last = text.rfind("`") + 1  # re reads only from the first backtick to the last
    found = _PLAIN_PAIR_OR_RUN.findall(text, first, last)
    if all(found):
        return False
    done = 0
    for match in compress(_PLAIN_PAIR_OR_RUN.finditer(text, first, last), map(not_, found)):
        if match.start() < done:
            continue
        start, done = _block_around(text, match.start())
        if text.find("[", start, done) >= 0 and _block_may_panic(text, start, done):
            return True
    return False


def _block_around(text: str, pos: int) -> Tuple[int, int]:
    """The lines around ``pos`` that may be one inline text: from the nearest line at or before
    it that starts a block (or follows a blank line) to the next such line."""
    start = text.rfind("\n", 0, pos) + 1
    while start and not _BLOCK_START.match(text, start):
        previous = text.rfind("\n", 0, start - 1) + 1
        if _BLANK_REST.match(text, previous):
            break
        start = previous
    end = text.find("\n", pos)
    while end >= 0 and not (_BLANK_REST.match(text, end + 1) or
                            _BLOCK_START.match(text, end + 1)):
        end = text.find("\n", end + 1)
    return start, len(text) if end < 0 else end


def _block_may_panic(text: str, start: int, end: int) -> bool:
    """Whether, read from any line of ``text[start:end]`` (or from after any ``|``: each may
    start an inline text), a backtick run may open a code span with no closer while a ``[``
    is open: the port's label scan would meet it twice.

    The walk keeps every reading it cannot rule out, as states (length of the code span
    open or 0, brackets open); what it cannot tell it takes both ways: a run that may lie in a
    tag, a comment or a link's destination (those would take it), the rest of a run after an
    escaped backtick, a run with no closer on its line (it may close on a later one). A run
    is without a closer when no run of its length follows before the line's end or the next
    ``|``: the inline text ends no sooner. Escapes are counted by parity; in a code span
    none applies (the port's closer scan is of the raw text). A ``]`` that a tag or
    destination may take closes nothing. Too many states are a yes."""
    states = {(0, 0)}
    tag, dest, comment = False, False, ""
    tag_quotes = dest_quotes = parens = 0
    line = start
    while line <= end:
        line_end = text.find("\n", line, end)
        if line_end < 0:
            line_end = end
        states.add((0, 0))
        tokens = list(_GUARD_TOKEN.finditer(text, line, line_end))
        unclosed = _unclosed_runs(tokens)
        for token in tokens:
            kind = token.group()
            first = kind[0]
            at = token.start()
            if first == "`":
                escaped = _backslashes(text, at, line) % 2 == 1
                maybe_taken = tag or dest or bool(comment)
                after = _after_run(states, len(kind), escaped, maybe_taken, at in unclosed)
                if after is None:
                    return True
                states = after
            elif first == "[" or first == "]":
                escaped = _backslashes(text, at, line) % 2 == 1
                if not escaped:
                    step = 1 if first == "[" else 0 if tag or dest or comment else -1
                    states = {(open_, max(level + step, 0)) if not open_ else (open_, level)
                              for open_, level in states}
                if kind == "](":
                    dest, dest_quotes, parens = True, 0, 0
            elif first == "|":
                states.add((0, 0))
            elif comment:
                if kind == comment:
                    comment = ""
            elif kind in ("<!--", "<?"):
                comment = "-->" if kind == "<!--" else "?>"
            elif first == "<":
                tag, tag_quotes = True, 0
            elif first == ">":
                if tag and not tag_quotes % 2:
                    tag = False
            elif first in "\"'":
                tag_quotes += tag
                dest_quotes += dest
            elif first == "(":
                parens += dest
            elif first == ")" and dest:
                if parens:
                    parens -= 1
                elif not dest_quotes % 2:
                    dest = False
            if len(states) > _MAX_STATES:
                return True
        line = line_end + 1
    return False


def _unclosed_runs(tokens: List["re.Match[str]"]) -> Set[int]:
    """Where the backtick runs among a line's ``tokens`` start that have no run of their
    length after them before the line's end or the next ``|``."""
    unclosed = set()
    seen: Set[int] = set()
    for token in reversed(tokens):
        kind = token.group()
        if kind[0] == "`":
            if len(kind) not in seen:
                unclosed.add(token.start())
            seen.add(len(kind))
        elif kind == "|":
            seen.clear()
    return unclosed


def _backslashes(text: str, at: int, floor: int) -> int:
    """How many backslashes come right before ``text[at]`` (from ``floor`` on)."""
    pos = at
    while pos > floor and text[pos - 1] == "\\":
        pos -= 1
    return at - pos


def _after_run(states: Set[Tuple[int, int]], length: int, escaped: bool, maybe_taken: bool,
               unclosed: bool) -> Optional[Set[Tuple[int, int]]]:
    """The states after a backtick run of ``length``, or None where one may panic: the run
    opens a span with no closer (``unclosed``) inside an open ``[``."""
    after = set()
    for open_, level in states:
        if open_:  # the raw closer scan: any run of the span's length closes it
            after.add((0 if length == open_ else open_, level))
            continue
        opener = length - 1 if escaped else length
        if escaped or maybe_taken or not opener:
            after.add((0, level))  # the run is text (escaped, or taken by a tag)
        if not opener:
            continue
        if unclosed or escaped:  # the rest of an escaped run is not looked up: may be unclosed
            if level:
                return None
            after.add((0, level))  # no closer in the inline text: the run is text
        after.add((opener, level))
    return after


def declines(text: str) -> bool:
    """Whether the guards leave ``text`` to markdown-it-py (see the module docstring). Each
    is a scan of the text at C speed, or a look at the few lines that hold a tab, or a walk
    of the few blocks with a backtick run not plainly paired on its line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    if "\\|" in text and _escaped_header(lines):
        return True
    if _image_in_image(text):
        return True
    if _may_panic(lines):
        return True
    if _too_deep(lines):
        return True
    if text.count("[") >= MAX_NESTING and _OPEN_BRACKETS.search(text):
        return True
    if any(char in text for char in VERSION_SENSITIVE_CHARS):
        return True
    if "]:" not in text:
        return False
    if "\\" in text and _definition_backslash(lines):
        return True
    return not text.isascii() and _DEFINITION_SPACE.search(text) is not None


def _definition_backslash(lines: str) -> bool:
    """Whether a reference definition's destination may end its line with a backslash, on
    the definition's line or the next (``[1]: a\\`` as the last definition of the text:
    markdown-it-py reads a definition, the port a paragraph). Coarse, erring towards yes:
    any line that ends with ``\\`` and holds ``]:``, or follows a line that does; each line
    is looked at twice at most. ``lines`` has ``\n`` line breaks."""
    for match in _LINE_END_BACKSLASH.finditer(lines):
        start = lines.rfind("\n", 0, match.start()) + 1
        before = lines.rfind("\n", 0, start - 1) + 1 if start else 0
        if "]:" in lines[before:match.start()]:
            return True
    return False


def build_document(text: str, path: str = "README.md") -> Optional[Document]:
    """The Document of ``text`` from markdown-it-pyrs, or None when this builder leaves the
    text to markdown-it-py (see the module docstring)."""
    if declines(text):
        return None
    try:
        root = _MD.tree(text)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: B036 - a Rust panic (pyo3's PanicException) on odd input
        return None
    builder = RsBuilder(text, path)
    try:
        return builder.build_tree(root)
    except Declined:
        return None
    finally:
        builder.release()
