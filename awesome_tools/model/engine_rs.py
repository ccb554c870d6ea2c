"""The fast engine: markdown-it-pyrs (markdown-it in Rust) adapted to markdown-it-py's tokens.

markdown-it-pyrs returns a node tree with a source map (byte offsets) on every node. This
adapter turns it into the token stream the model builder reads from markdown-it-py
(``engine.py`` says which fields): the inline text of each paragraph, heading and table cell
as markdown-it-py would hand it to its inline parser (container markers and the list's
indentation removed, the rest of each line kept), with the children and the link, image,
autolink, HTML and code spans at offsets into that text.

Whatever the adapter cannot reproduce exactly it does not guess: :func:`parse_tokens`
returns None and the caller parses with markdown-it-py. That happens for a tab in a line's
indentation or container prefix (markdown-it expands tabs to columns), for an escaped pipe
in a table row (markdown-it-py removes the backslash from the cell's text), and for any node
kind the adapter does not know. ``tests/test_parse_engines.py`` holds both engines to equal
Documents on every corpus list and on generated text.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import List, Optional, Tuple

from markdown_it.common.utils import normalizeReference
from markdown_it_pyrs import MarkdownIt as _RsMarkdownIt

from awesome_tools.model.engine import LightToken, Parsed, destination_span, reference_label

try:  # markdown-it-py 4 trims the CommonMark whitespace set; 3 used str.strip()
    from markdown_it.common.utils import MD_TRIM_CHARS as _TRIMMED
    from markdown_it.common.utils import mdTrim as _trim
except ImportError:  # pragma: no cover - markdown-it-py 3
    _trim = str.strip  # type: ignore[assignment]
    _TRIMMED = None  # type: ignore[assignment]

_MD = _RsMarkdownIt("commonmark").enable_many(["table", "strikethrough"])
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# What the adapter leaves to markdown-it-py (see the module docstring).
_DECLINE = re.compile(r"^[ \t>*+\-0-9.)]*\t", re.M)  # a tab among markers or indentation
_ATX = re.compile(r"#{1,6}(?=[ \t]|$)")
# A table's delimiter row: where a table may start, escaped pipes make markdown-it-py's
# cells (it drops the backslash, and counts ``\|`` in a header row) differ from the port's.
_DELIMITER_ROW = re.compile(
    r"^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$", re.M)
_ORDERED = re.compile(r"[0-9]{1,9}")
_LIST_MARKER = re.compile(r" {0,3}(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_SKIPPED_IN_LABEL = frozenset(("code_inline", "autolink", "html_inline", "text_special",
                               "image", "link"))
_BLOCKS_WITHOUT_TEXT = frozenset(("code_block", "fence", "hr"))
_INLINE_NODES = frozenset(("text", "text_special", "softbreak", "hardbreak", "link", "image",
                           "autolink", "html_inline", "code_inline", "em", "strong",
                           "strikethrough"))
_EMPHASIS_MARKS = {"em": 1, "strong": 2, "strikethrough": 2}


class Declined(Exception):
    """The adapter cannot reproduce markdown-it-py's tokens for this text."""


class _Source:
    """Offsets in the text: bytes (the Rust source map) to characters, lines, prefixes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        self.ends = [self._content_end(i) for i in range(len(self.starts))]
        self.line_max = len(self.starts) - (1 if text.endswith(("\n", "\r")) or not text else 0)
        self.ascii = text.isascii()
        if not self.ascii:
            self.byte_starts = []
            total = 0
            previous = 0
            for start in self.starts[1:]:
                self.byte_starts.append(total)
                total += len(text[previous:start].encode("utf-8"))
                previous = start
            self.byte_starts.append(total)
            self.line_ascii = [text[a:b].isascii() for a, b in
                               zip(self.starts, self.starts[1:] + [len(text)])]

    def _content_end(self, index: int) -> int:
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        while end > self.starts[index] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def char(self, offset: int) -> int:
        """The character offset of byte ``offset``."""
        if self.ascii:
            return offset
        index = bisect_right(self.byte_starts, offset) - 1
        start, byte_start = self.starts[index], self.byte_starts[index]
        if self.line_ascii[index]:
            return start + offset - byte_start
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        encoded = self.text[start:end].encode("utf-8")
        return start + len(encoded[:offset - byte_start].decode("utf-8", "ignore"))

    def span(self, node) -> Tuple[int, int]:
        start, end = node.srcmap
        return self.char(start), self.char(end)

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1


class _Container:
    """Where a line's text starts inside the blockquotes and list items around a block."""

    __slots__ = ("quotes", "indent", "limit")

    def __init__(self, quotes: int, indent: int, limit: int) -> None:
        self.quotes = quotes  # blockquote depth
        self.indent = indent  # markdown-it's blkIndent: columns a list item's lines may lose
        self.limit = limit  # first line past the innermost blockquote (or the document)


def _after_quotes(src: _Source, index: int, quotes: int) -> Tuple[int, bool]:
    """Offset after up to ``quotes`` blockquote markers of line ``index``; False when the line
    lacks one (a lazy continuation line keeps its text as it is)."""
    text, pos, end = src.text, src.starts[index], src.ends[index]
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


def _line_start(src: _Source, index: int, box: _Container) -> int:
    """Where markdown-it's ``getLines`` starts line ``index`` of a block in ``box``."""
    pos, _ = _after_quotes(src, index, box.quotes)
    end, text = src.ends[index], src.text
    lost = 0
    while lost < box.indent and pos < end and text[pos] == " ":
        pos += 1
        lost += 1
    return pos


def _blank(src: _Source, index: int, quotes: int) -> bool:
    """markdown-it's ``isEmpty``: nothing but spaces after the markers (a last line with no
    line break counts as text unless it is empty: its indentation is never measured)."""
    if index == len(src.starts) - 1 and src.ends[index] == len(src.text):
        return src.starts[index] == src.ends[index]
    pos, _ = _after_quotes(src, index, quotes)
    return not src.text[pos:src.ends[index]].strip(" \t")


class _Inline:
    """One inline text: its content, and file offsets mapped into it."""

    __slots__ = ("content", "pieces", "lead")

    def __init__(self, src: _Source, first: int, lines: List[Tuple[int, int]]) -> None:
        # lines: (file start, file end) of each line's part of the text, the first from
        # ``first``; joined with "\n" and trimmed as markdown-it trims.
        pieces = []
        parts = []
        offset = 0
        for start, end in lines:
            pieces.append((offset, start))
            parts.append(src.text[start:end])
            offset += end - start + 1
        raw = "\n".join(parts)
        content = _trim(raw)
        self.lead = raw.find(content) if content else 0
        self.content = content
        self.pieces = pieces

    def at(self, offset: int) -> int:
        """The content offset of file character ``offset``."""
        pieces = self.pieces
        index = len(pieces) - 1
        if index:
            lo, hi = 0, index
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if pieces[mid][1] <= offset:
                    lo = mid
                else:
                    hi = mid - 1
            index = lo
        content_start, file_start = pieces[index]
        return content_start + offset - file_start - self.lead


class _Adapter:
    def __init__(self, text: str) -> None:
        self.src = _Source(text)
        self.tokens: list = []
        self.references: List[Tuple[int, int]] = []

    # -- blocks ------------------------------------------------------------------------
    def blocks(self, nodes, box: _Container, parent=None) -> None:
        pending: list = []
        for node in nodes:
            name = node.name
            if name in _INLINE_NODES:
                pending.append(node)
                continue
            if pending:
                self.tight(pending, node, box)
                pending = []
            if name == "paragraph":
                self.paragraph(node, box)
            elif name == "heading" or name == "lheading":
                self.heading(node, box)
            elif name in ("bullet_list", "ordered_list"):
                self.md_list(node, box)
            elif name == "blockquote":
                self.quote(node, box)
            elif name == "html_block":
                self.html_block(node)
            elif name == "table":
                self.table(node, box)
            elif name == "definition":
                first, last = self.lines(node)
                self.references.append((first, last + 1))
            elif name not in _BLOCKS_WITHOUT_TEXT:
                raise Declined(name)
        if pending:
            self.tight(pending, parent, box, last=True)

    def lines(self, node) -> Tuple[int, int]:
        """First and last line of a block (trailing whitespace belongs to no block)."""
        start, end = self.src.span(node)
        text = self.src.text
        while end > start + 1 and text[end - 1] in " \t\r\n":
            end -= 1
        return self.src.line_of(start), self.src.line_of(max(start, end - 1))

    def _push_inline(self, inline: _Inline, nodes, first: int, last: int, heading: bool) -> None:
        token = LightToken("inline", inline.content)
        token.map = [first, last + 1]
        children: list = []
        spans: list = []
        code: list = []
        self.convert(nodes, inline, children, spans, code, heading)
        # markdown-it-py trims the whole text (U+3000 too); the port keeps that in text
        if children and children[-1].type == "text" and \
                not inline.content.endswith(children[-1].content):
            children[-1].content = children[-1].content.rstrip(_TRIMMED)
            if not children[-1].content:
                children.pop()
        if children and children[0].type == "text" and \
                not inline.content.startswith(children[0].content):
            children[0].content = children[0].content.lstrip(_TRIMMED)
            if not children[0].content:
                children.pop(0)
        token.children = children
        if spans or code:
            token.meta = {"spans": spans, "code": code}
        self.tokens.append(token)

    def _inline_lines(self, start: int, first: int, last: int, box: _Container
                      ) -> List[Tuple[int, int]]:
        src = self.src
        lines = [(start, src.ends[first])]
        for index in range(first + 1, last + 1):
            lines.append((_line_start(src, index, box), src.ends[index]))
        return lines

    def _text_start(self, start: int, first: int) -> int:
        """Back from the Rust engine's first character over whitespace markdown-it keeps
        (it trims only spaces, tabs and line breaks; U+3000 is text)."""
        text, line_start = self.src.text, self.src.starts[first]
        while start > line_start and text[start - 1] not in " \t>" and text[start - 1].isspace():
            start -= 1
        return start

    def paragraph(self, node, box: _Container) -> None:
        first, last = self.lines(node)
        start = self._text_start(self.src.span(node)[0], first)
        inline = _Inline(self.src, start, self._inline_lines(start, first, last, box))
        self._paragraph(inline, node.children, first, last)

    def _paragraph(self, inline: _Inline, nodes, first: int, last: int) -> None:
        opener = LightToken("paragraph_open")
        opener.map = [first, last + 1]
        self.tokens.append(opener)
        self._push_inline(inline, nodes, first, last, False)
        self.tokens.append(LightToken("paragraph_close"))

    def tight(self, nodes, neighbour, box: _Container, last: bool = False) -> None:
        """Inline nodes straight in a tight list item: a hidden paragraph in markdown-it.
        It ends before the block that follows it, or with the item (``neighbour``); the
        port's source maps of inline nodes are not always right at their end."""
        src = self.src
        start = nodes[0].srcmap[0]
        first = src.line_of(src.char(start))
        if neighbour is None:
            raise Declined("inline nodes outside a list item")
        if last:
            end = self.lines(neighbour)[1]
        else:
            end = src.line_of(src.char(neighbour.srcmap[0])) - 1
        last_line = max(first, end)
        start = self._text_start(src.char(start), first)
        inline = _Inline(src, start, self._inline_lines(start, first, last_line, box))
        self._paragraph(inline, nodes, first, last_line)

    def heading(self, node, box: _Container) -> None:
        src = self.src
        start, end = src.span(node)
        first, last = self.lines(node)
        level = int(node.meta.get("level", 1))
        opener = LightToken("heading_open")
        opener.tag = f"h{level}"
        opener.map = [first, last + 1]
        self.tokens.append(opener)
        text = src.text
        marks = _ATX.match(text, start, src.ends[first])
        if marks is not None:  # ATX: the line between the marks and any closing sequence
            pos, stop = marks.end(), src.ends[first]
            while stop > pos and text[stop - 1] in " \t":
                stop -= 1
            closing = stop
            while closing > pos and text[closing - 1] == "#":
                closing -= 1
            if closing < stop and closing > pos and text[closing - 1] in " \t":
                stop = closing
            elif closing == pos and stop > pos:
                stop = pos  # only closing marks: an empty heading
            inline = _Inline(src, pos, [(pos, stop)])
        else:  # setext: the lines above the underline
            start = self._text_start(start, first)
            inline = _Inline(src, start, self._inline_lines(start, first, last - 1, box))
        if any(mark in inline.content for mark in "*_~"):
            # Emphasis decides a heading's text, and the engines' delimiter rules differ
            # (runs of three, symbols beside ``_``): markdown-it-py reads those headings.
            from awesome_tools.model.engine_py import inline_children

            token = LightToken("inline", inline.content)
            token.map = [first, last + 1]
            token.children, spans, code = inline_children(inline.content, heading=True)
            if spans or code:
                token.meta = {"spans": spans, "code": code}
            self.tokens.append(token)
        else:
            self._push_inline(inline, node.children, first, last, True)
        self.tokens.append(LightToken("heading_close"))

    def md_list(self, node, box: _Container) -> None:
        src = self.src
        ordered = node.name == "ordered_list"
        marker = node.meta.get("marker", "")
        opener = LightToken("ordered_list_open" if ordered else "bullet_list_open")
        opener.markup = marker
        first = self.lines(node)[0]
        opener.map = [first, first]
        self.tokens.append(opener)
        end = first
        for item in node.children:
            item_first, item_last = self.lines(item)
            start = src.char(item.srcmap[0])
            token = LightToken("list_item_open")
            token.markup = marker
            if ordered:
                number = _ORDERED.match(src.text, start)
                token.info = number.group() if number else ""
            end = item_last + 1
            while end < box.limit and _blank(src, end, box.quotes):
                end += 1
            token.map = [item_first, end]
            self.tokens.append(token)
            inner = _Container(box.quotes, self._item_indent(start, item_first, box), box.limit)
            self.blocks(item.children, inner, item)
            self.tokens.append(LightToken("list_item_close"))
        opener.map[1] = end
        self.tokens.append(LightToken("ordered_list_close" if ordered else "bullet_list_close"))

    def _item_indent(self, marker_at: int, line: int, box: _Container) -> int:
        """markdown-it's blkIndent inside an item: the column of its text, counted from the
        innermost blockquote's text."""
        src, text = self.src, self.src.text
        base, _ = _after_quotes(src, line, box.quotes)
        pos = marker_at
        while pos < src.ends[line] and text[pos] not in " \t":
            pos += 1
        after_marker = pos
        while pos < src.ends[line] and text[pos] == " ":
            pos += 1
        spaces = pos - after_marker
        if pos >= src.ends[line] or spaces > 4:
            spaces = 1
        return after_marker - base + spaces

    def quote(self, node, box: _Container) -> None:
        first, last = self.lines(node)
        for index in range(first + 1, last + 1):
            if not _after_quotes(self.src, index, box.quotes + 1)[1] and \
                    _LIST_MARKER.match(self.src.text, self.src.starts[index], self.src.ends[index]):
                # markdown-it-py lets any list end a quote's lazy paragraph; the Rust port
                # only a list that could interrupt a paragraph.
                raise Declined("list marker on a lazy line of a blockquote")
        self.blocks(node.children, _Container(box.quotes + 1, 0, last + 1))

    def html_block(self, node) -> None:
        first, last = self.lines(node)
        token = LightToken("html_block", node.meta.get("content", ""))
        token.map = [first, last + 1]
        self.tokens.append(token)

    def table(self, node, box: _Container) -> None:
        src = self.src
        columns = 0
        for part in node.children:
            for row in part.children:
                line = self.lines(row)[0]
                cells = _row_cells(src, line, box)
                if part.name == "thead":
                    columns = len(cells)
                cursor = 0
                for index in range(columns):
                    text = cells[index] if index < len(cells) else ""
                    line_start = _line_start(src, line, box)
                    found = src.text.find(text, line_start + cursor, src.ends[line]) \
                        if text else -1
                    if found < 0:
                        found = line_start + cursor
                    cursor = found - line_start + len(text)
                    inline = _Inline(src, found, [(found, found + len(text))])
                    cell = row.children[index] if index < len(row.children) else None
                    nodes = cell.children if cell is not None else []
                    self._push_inline(inline, nodes, line, line, False)

    # -- inline ------------------------------------------------------------------------
    def convert(self, nodes, inline: _Inline, out: list, spans: list, code: list,
                heading: bool) -> None:
        src = self.src
        content = inline.content
        for node in nodes:
            name = node.name
            if name == "text" or name == "text_special":
                out.append(LightToken(name, node.meta.get("content", "")))
            elif name == "softbreak" or name == "hardbreak":
                out.append(LightToken(name))
            elif name == "link" or name == "image":
                start, end = src.span(node)
                s, e = inline.at(start), inline.at(end)
                opener = s + 1 if name == "image" else s
                label_end = self._label_end(node, inline, opener, e)
                dest = destination_span(content, label_end, e)
                url = node.meta.get("url", "")
                if name == "link":
                    token = LightToken("link_open", attrs={"href": url})
                    if dest is None:
                        token.meta = {"label": normalizeReference(
                            reference_label(content, opener, label_end, e))}
                    out.append(token)
                    self.convert(node.children, inline, out, spans, code, heading)
                    out.append(LightToken("link_close"))
                else:
                    token = LightToken("image", content[s + 2:label_end],
                                       {"src": url, "alt": ""})
                    token.children = []
                    if dest is None:
                        token.meta = {"label": normalizeReference(
                            reference_label(content, opener, label_end, e))}
                    self.convert(node.children, inline, token.children, spans, code, heading)
                    out.append(token)
                spans.append((name, s, e, (token, dest)))
            elif name == "autolink":
                start, end = src.span(node)
                url = node.meta.get("url", "")
                token = LightToken("link_open", attrs={"href": url})
                text = "".join(child.meta.get("content", "") for child in node.children)
                out.extend((token, LightToken("text", text), LightToken("link_close")))
                spans.append(("autolink", inline.at(start), inline.at(end), (token, None)))
            elif name == "html_inline":
                start, end = src.span(node)
                token = LightToken("html_inline", node.meta.get("content", ""))
                out.append(token)
                spans.append(("html_inline", inline.at(start), inline.at(end), (token, None)))
            elif name == "code_inline":
                start, end = src.span(node)
                text = "".join(child.meta.get("content", "") for child in node.children)
                out.append(LightToken("code_inline", text))
                code.append((inline.at(start), inline.at(end)))
            elif name in _EMPHASIS_MARKS:
                if heading:
                    self.convert(node.children, inline, out, spans, code, heading)
                else:  # markdown-it-py's document parser leaves emphasis as text
                    marks = node.meta.get("marker", "") * _EMPHASIS_MARKS[name]
                    out.append(LightToken("text", marks))
                    self.convert(node.children, inline, out, spans, code, heading)
                    out.append(LightToken("text", marks))
            else:
                raise Declined(name)

    def _label_end(self, node, inline: _Inline, opener: int, end: int) -> int:
        """The ``]`` closing the label that opens at ``opener``: brackets counted as
        markdown-it counts them, skipping what its inline rules took as one token."""
        skips = []
        self._skips(node.children, inline, skips)
        skips.sort()
        content = inline.content
        level = 1
        pos = opener + 1
        index = 0
        while pos < end:
            while index < len(skips) and skips[index][1] <= pos:
                index += 1
            if index < len(skips) and skips[index][0] <= pos:
                pos = skips[index][1]
                continue
            char = content[pos]
            if char == "]":
                level -= 1
                if level == 0:
                    return pos
            elif char == "[":
                level += 1
            pos += 1
        raise Declined("label")

    def _skips(self, nodes, inline: _Inline, out: list) -> None:
        for node in nodes:
            if node.name in _SKIPPED_IN_LABEL:
                start, end = self.src.span(node)
                out.append((inline.at(start), inline.at(end)))
            elif node.name in _EMPHASIS_MARKS:
                self._skips(node.children, inline, out)


def _row_cells(src: _Source, line: int, box: _Container) -> List[str]:
    """A table row's cells as markdown-it-py splits and trims them."""
    from markdown_it.rules_block.table import escapedSplit

    start = _after_quotes(src, line, box.quotes)[0]
    text = _trim(src.text[start:src.ends[line]])
    cells = escapedSplit(text)
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return [_trim(cell) for cell in cells]


_IMAGE_OR_CLOSE = re.compile(r"!\[|\]")


def _image_in_image(text: str) -> bool:
    """An image's label holding another image (``![![b](s)](u)``): the port reads those
    differently."""
    if text.count("![") < 2:
        return False
    open_image = False
    for match in _IMAGE_OR_CLOSE.finditer(text):
        if match.group() == "]":
            open_image = False
        elif open_image:
            return True
        else:
            open_image = True
    return False


def parse_tokens(text: str) -> Optional[Parsed]:
    """markdown-it-py-shaped tokens for ``text`` from the Rust engine, or None when the
    adapter leaves this text to markdown-it-py (see the module docstring)."""
    lines = text.replace("\r", "\n") if "\r" in text else text  # for ^ and $ at any break
    if _DECLINE.search(lines) or ("\\|" in text and _DELIMITER_ROW.search(lines)) or \
            _image_in_image(text):
        return None
    adapter = _Adapter(text)
    try:
        root = _MD.tree(text)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: B036 - a Rust panic (pyo3's PanicException) on odd input
        return None
    try:
        adapter.blocks(root.children, _Container(0, 0, adapter.src.line_max))
    except Declined:
        return None
    return Parsed(adapter.tokens, adapter.references, "markdown-it-pyrs")
