r"""Markdown text -> :class:`~awesome_tools.model.Document`, with a position on every node.

Two engines give the builder below the same markdown-it-py-shaped tokens (``engine.py``):
``engine_rs`` adapts markdown-it-pyrs (markdown-it in Rust, byte source maps on every node)
and is used wherever it is installed and does not decline the text; ``engine_py`` is
markdown-it-py with recording inline rules, the reference and the fallback. The builder maps
inline offsets back to the file through the block's source lines; HTML tags inside HTML
blocks, GFM bare URLs and comments are found with small scanners over the same text. Code
spans, code blocks and HTML comments hold no links, as on GitHub.

Engine decision (2026-12-02, this machine, 2 shared cores, noisy; build of the whole
Document with its entries, CPU, best of 5 in each of three runs): awesome-zsh-plugins
(488 KB) 486 ms markdown-it-py / 131 ms pyrs, Awesome-Transformer-Attention (449 KB)
403 / 119 ms, awesome-go (403 KB) 365 / 113 ms; the Rust tree itself is 24-35 ms of that
(the port parses without emphasis and strikethrough, whose delimiters are text to both
engines' document parsers: the tree 37 -> 28 ms on a quiet run), entries ~20 ms, the rest
the builder in Python. Documents are equal on the 43 corpus texts and the seed but one,
declined by a guard (tabs in indentation) and parsed by markdown-it-py.
Divergences of the engines found on generated text and how each is handled: a list marker on
a lazy line of a blockquote (declined), ``\|`` near a delimiter row (declined), an image in an
image's label (declined), emphasis delimiters in headings (such headings read by
markdown-it-py), U+3000 at the ends of a text (trimmed as markdown-it-py trims), Rust panics
(declined). The hand-written fast paths (fastinline, fastblock, the block-rule trick) are gone.
"""
from __future__ import annotations

import gc
import re
import threading
from bisect import bisect_right
from contextlib import contextmanager
from itertools import accumulate, repeat
from operator import add, attrgetter, itemgetter
from typing import (TYPE_CHECKING, Any, AnyStr, Callable, Dict, Iterable, Iterator, List,
                    Optional, Sequence, Tuple, TypeVar)

from awesome_tools.lazyre import lazy
from awesome_tools.model.engine import Parsed, unescape_all
from awesome_tools.model.entries import build_entries
from awesome_tools.model import Comment, Document, Heading, HtmlAnchor, Link, Span, Toc
from awesome_tools.model.slugs import Slugger
# ListItem and MarkdownList re-exported: engine_rs makes them
from awesome_tools.toc.find import ListItem as ListItem, MarkdownList as MarkdownList, find_toc

if TYPE_CHECKING:
    from awesome_tools.model.engine import Block, InlineSpan, TokenLike

    _Model = TypeVar("_Model")

_LINE_BREAK = lazy(r"\r\n|\r|\n")
_BYTE_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_BY_POSITION = attrgetter("line", "column")  # a sort key in C: tens of thousands of links
_SECOND = itemgetter(1)
_MAY_LINK = lazy(r"[\[<]|https?:|www\.", re.I)
_BARE_HINT = lazy(r"https?:|www\.", re.I)


def line_starts(text: AnyStr) -> List[int]:
    """Offsets where each line starts, splitting on CRLF, CR and LF as markdown-it does (of a
    str or of its UTF-8 bytes)."""
    starts = [0]
    if ("\r" if isinstance(text, str) else b"\r") in text:
        pattern = _LINE_BREAK if isinstance(text, str) else _BYTE_LINE_BREAK
        starts.extend(match.end() for match in pattern.finditer(text))
    else:  # line lengths summed at C speed: a few times faster than the regex
        parts = text.split("\n" if isinstance(text, str) else b"\n")
        parts.pop()
        starts.extend(accumulate(map(add, map(len, parts), repeat(1))))
    return starts


class _Source:
    """The file text with helpers to map block-relative text back to offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)
        self.cursor: Dict[int, int] = {}  # per line: offset after the last mapped content

    def line_text(self, index: int) -> Tuple[int, str]:
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        line = self.text[start:end]
        return start, line.rstrip("\r\n")

    def indent(self, index: int) -> int:
        """The spaces at the start of line ``index`` (no slice of the line to count them)."""
        text, start = self.text, self.starts[index]
        end = start
        while text.startswith(" ", end):
            end += 1
        return end - start

    def map_lines(self, content: str, first_line: int) -> List[Tuple[int, int, int]]:
        """For each line of ``content`` (a block's text): (content offset, file offset, line
        index).

        Each content line is its source line minus a prefix (indentation, list or quote
        markers), so it is found in that line, after whatever was mapped there before (table
        cells share a line).
        """
        text, starts, cursor = self.text, self.starts, self.cursor
        last = len(starts) - 1
        if "\n" not in content and first_line <= last:  # the usual one-line item
            start = starts[first_line]
            end = starts[first_line + 1] if first_line < last else len(text)
            body = content.strip(" \t")
            if not body:
                return [(0, start, first_line)]
            found = text.find(body, start + cursor.get(first_line, 0), end)
            if found < 0:
                found = text.find(body, start, end)
            if found < 0 and "|" in body:
                return self._escaped_pipes(content, body, first_line, start, end)
            if found < 0:
                return [(0, start, first_line)]
            cursor[first_line] = found - start + len(body)
            lead = len(content) - len(content.lstrip(" \t"))
            column = found - start - lead
            return [(0, start + (column if column >= 0 else found - start), first_line)]
        pairs = []
        offset = 0
        for number, piece in enumerate(content.split("\n")):
            index = first_line + number
            if index > last:
                break
            start = starts[index]
            end = starts[index + 1] if index < last else len(text)
            body = piece.strip(" \t")
            lead = len(piece) - len(piece.lstrip(" \t"))
            found = -1
            if body:
                found = text.find(body, start + cursor.get(index, 0), end)
                if found < 0:
                    found = text.find(body, start, end)
            if found >= 0:
                cursor[index] = found - start + len(body)
                column = found - start - lead
                if column < 0:
                    column = found - start
            else:
                column = 0
            pairs.append((offset, start + column, index))
            offset += len(piece) + 1
        return pairs

    def _escaped_pipes(self, content: str, body: str, line: int, start: int, end: int
                       ) -> List[Tuple[int, int, int]]:
        """A table cell whose ``\\|`` markdown-it-py gave as ``|`` (its cells are split at the
        other pipes): found with the backslashes put back, each pipe one character further
        into the line than the one before."""
        escaped = body.replace("|", "\\|")
        found = self.text.find(escaped, start + self.cursor.get(line, 0), end)
        if found < 0:
            found = self.text.find(escaped, start, end)
        if found < 0:
            return [(0, start, line)]
        self.cursor[line] = found - start + len(escaped)
        lead = len(content) - len(content.lstrip(" \t"))
        pairs = [(0, found - lead, line)]
        pipes = 0
        pipe = body.find("|")
        while pipe >= 0:
            pipes += 1
            pairs.append((lead + pipe, found + pipe + pipes, line))
            pipe = body.find("|", pipe + 1)
        return pairs

    def locate(self, pairs: Sequence[Tuple[int, int, int]], offset: int) -> Tuple[int, int, int]:
        """(file offset, line, column) of a content offset, through ``map_lines``' pairs."""
        lo, hi = 0, len(pairs) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if pairs[mid][0] <= offset:
                lo = mid
            else:
                hi = mid - 1
        content_start, file_start, index = pairs[lo]
        file_offset = file_start + offset - content_start
        return file_offset, index + 1, file_offset - self.starts[index] + 1

    def position(self, offset: int) -> Tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def heading_text(children: Optional[Iterable[TokenLike]]) -> str:
    """The text GitHub shows for a heading: link text and code kept, images and tags dropped."""
    parts = []
    for token in children or ():
        kind = token.type
        if kind in ("text", "text_special", "code_inline"):
            parts.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def _inline_text(children: Optional[Iterable[TokenLike]]) -> str:
    parts = []
    for token in children or ():
        if token.type in ("text", "text_special", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image" and token.children:
            parts.append(_inline_text(token.children))
    return "".join(parts)


# GFM extended autolinks: www., http:// and https:// after start, space or ( * _ ~
_BARE_URL = lazy(r"(?:(?<=^)|(?<=[\s(*_~]))(?:https?://|www\.)[^\s<]+", re.IGNORECASE)
_TRAILING = "?!.,:*_~'\""


def _trim_bare(url: str) -> str:
    """GFM's trailing-punctuation rule for a bare URL: trailing ``?!.,:*_~'"`` go, a ``)``
    goes while the URL has more ``)`` than ``(``, and a trailing entity (``&amp;``) goes whole.

    One pass from the end with running parenthesis counts: slicing, counting and an anchored
    search per trailing character were quadratic on a URL ending in a long run of them."""
    end = len(url)
    opens, closes = url.count("("), url.count(")")
    while end:
        last = url[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last == ")" and closes > opens:
            end -= 1
            closes -= 1
        elif last == ";":
            start = end - 1
            while start > 0 and url[start - 1] in _ENTITY_CHARS:
                start -= 1
            end = start - 1 if start < end - 1 and start > 0 and url[start - 1] == "&" \
                else end - 1
        else:
            break
    return url[:end]


_ENTITY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class _Builder:
    """Walks the token stream once and collects the model's parts."""

    def __init__(self, text: str, path: str) -> None:
        self.src = _Source(text)
        self.path = path
        self.slugger = Slugger()
        self.headings: List[Heading] = []
        self.links: List[Link] = []
        self.anchors: List[HtmlAnchor] = []
        self.comments: List[Comment] = []
        self.section: List[Tuple[int, str]] = []  # (level, text) of the headings above
        self.section_path: Tuple[str, ...] = ()  # their texts: every link's section
        self.section_marks: List[Tuple[int, Tuple[str, ...]]] = []  # (heading line, path)
        self.lists: List[MarkdownList] = []
        self.blocks: List[Block] = []  # (kind, line, end_line, payload) in document order

    # -- inline ------------------------------------------------------------------------
    def _section(self) -> Tuple[str, ...]:
        return self.section_path

    def inline(self, token: TokenLike, spans: Sequence[InlineSpan],
               code: Iterable[Tuple[int, int]]) -> List[Link]:
        """Links, images and anchors of one inline token, with file positions."""
        content = token.content
        if not content or token.map is None:
            return []
        if not spans and not _MAY_LINK.search(content):
            return []
        pairs = self.src.map_lines(content, token.map[0])
        found: List[Link] = []
        section = self._section()
        covered: List[Tuple[int, int]] = list(code)
        link_texts: Optional[Dict[int, str]] = None
        one_line = len(pairs) == 1  # the usual item: positions are plain offsets on one line
        if one_line:
            _, base, index = pairs[0]
            line = index + 1
            column_base = base - self.src.starts[index] + 1
        for kind, start, end, payload in spans:
            covered.append((start, end))
            tok, dest = payload
            if one_line:
                column = column_base + start
            else:
                _, line, column = self.src.locate(pairs, start)
            if kind in ("link", "image"):
                if tok is None:
                    continue
                href = tok.attrGet("href") if kind == "link" else tok.attrGet("src")
                label = tok.meta.get("label", "") if tok.meta else ""
                raw = href or ""
                dest_span = None
                if dest is not None:
                    dstart, dend = dest
                    raw_dest = content[dstart:dend]
                    if raw_dest.startswith("<") and raw_dest.endswith(">"):
                        dstart, dend, raw_dest = dstart + 1, dend - 1, raw_dest[1:-1]
                    raw = unescape_all(raw_dest) if "\\" in raw_dest or "&" in raw_dest \
                        else raw_dest
                    if one_line:
                        dest_span = Span(base + dstart, base + dend, line, column_base + dstart)
                    else:
                        fs, dl, dc = self.src.locate(pairs, dstart)
                        dest_span = Span(fs, self.src.locate(pairs, dend)[0], dl, dc)
                    syntax = "inline"
                else:
                    syntax = "reference"
                    raw = self.references_raw.get(label, raw)
                    dest_span = self.reference_spans.get(label)
                if kind == "image":
                    text = tok.content
                else:
                    if link_texts is None:
                        link_texts = self._link_texts(token.children)
                    text = link_texts.get(id(tok), "")
                found.append(Link(kind, syntax, raw, text, line, column, dest_span, label,
                                  section))
            elif kind == "autolink":
                href = content[start + 1:end - 1]
                fs, dl, dc = self.src.locate(pairs, start + 1)
                found.append(Link("link", "autolink", href, href, line, column,
                                  Span(fs, fs + len(href), dl, dc), "", section))
            elif kind == "html_inline":
                found.extend(self._html(content[start:end], pairs, start, section))
        if token.meta is None or token.meta.get("bare", True):
            found.extend(self._bare_urls(content, pairs, covered, section))
        if len(found) > 1:
            found.sort(key=_BY_POSITION)
        return found

    @staticmethod
    def _link_texts(children: Optional[Iterable[TokenLike]]) -> Dict[int, str]:
        """The visible text of every link in one pass: id(link_open) -> text."""
        texts: Dict[int, str] = {}
        open_links: List[Tuple[int, List[str]]] = []
        for child in children or ():
            kind = child.type
            if kind == "link_open":
                open_links.append((id(child), []))
            elif kind == "link_close":
                if open_links:
                    key, parts = open_links.pop()
                    texts[key] = "".join(parts)
                    if open_links:
                        open_links[-1][1].append(texts[key])
            elif open_links:
                if kind in ("text", "text_special", "code_inline"):
                    open_links[-1][1].append(child.content)
                elif kind in ("softbreak", "hardbreak"):
                    open_links[-1][1].append(" ")
                elif kind == "image" and child.children:
                    open_links[-1][1].append(_inline_text(child.children))
        return texts

    def _bare_urls(self, content: str, pairs: List[Tuple[int, int, int]],
                   covered: List[Tuple[int, int]], section: Tuple[str, ...]) -> List[Link]:
        if not _BARE_HINT.search(content):
            return []
        if covered:
            gaps, position = [], 0
            for a, b in sorted(covered):
                gaps.append(content[position:a])
                position = max(position, b)
            gaps.append(content[position:])
            outside = " ".join(gaps).lower()
            if "http" not in outside and "www." not in outside:
                return []  # every URL here is inside a link, code span or tag
        out = []
        for match in _BARE_URL.finditer(content):
            start = match.start()
            if any(a <= start < b for a, b in covered):
                continue
            url = _trim_bare(match.group())
            if url.lower().startswith("www.") and "." not in url[4:]:
                continue
            fs, line, column = self.src.locate(pairs, start)
            out.append(Link("link", "bare", url, url, line, column,
                            Span(fs, fs + len(url), line, column), "", section))
        return out

    def _html(self, html: str, pairs: List[Tuple[int, int, int]], base: int,
              section: Tuple[str, ...]) -> List[Link]:
        links = []
        from awesome_tools.model import html as htmlscan  # only where a list has HTML

        for item in htmlscan.scan(html):
            fs, line, column = self.src.locate(pairs, base + item.start)
            if item.kind == "comment":
                end = self.src.locate(pairs, base + item.end)[0]
                end_line, _ = self.src.position(end)
                self.comments.append(Comment(item.value, line, end_line, column, fs, end))
            elif item.kind == "anchor":
                self.anchors.append(HtmlAnchor(item.value, item.attribute, line, column))
            else:
                vs, vl, vc = self.src.locate(pairs, base + item.value_start)
                kind = "image" if item.kind == "img" else "link"
                links.append(Link(kind, "html", item.value, item.text, line, column,
                                  Span(vs, vs + item.value_len, vl, vc), "", section))
        return links

    # -- blocks ------------------------------------------------------------------------
    def heading(self, open_token: TokenLike, inline_token: TokenLike,
                links: Tuple[Link, ...]) -> None:
        self.add_heading(int(open_token.tag[1]), heading_text(inline_token.children),
                         inline_token.content, open_token.map[0], open_token.map[1], links)

    def add_heading(self, level: int, text: str, raw: str, first: int, end_line: int,
                    links: Tuple[Link, ...]) -> None:
        """A heading on lines ``first`` (0-based) to ``end_line`` (exclusive) holding
        ``links``: its anchor, the section it opens, its record (entries: a heading that is a
        link). The fast builder calls this straight, with no tokens to make for a plain
        heading."""
        line = first + 1
        section = self.section
        while section and section[-1][0] >= level:
            section.pop()
        heading = _new_object(Heading)
        _set_attribute(heading, "__dict__", {
            "level": level, "text": text, "raw": raw, "anchor": self.slugger.slug(text),
            "line": line, "column": self.src.indent(first) + 1,
            "end_line": end_line, "index": len(self.headings)})
        self.headings.append(heading)
        section.append((level, text))
        self.section_path = path = tuple(map(_SECOND, section))
        self.section_marks.append((line, path))
        self.blocks.append(("heading", line, end_line, heading, links))

    def html_block(self, token: TokenLike) -> None:
        pairs = self.src.map_lines(token.content, token.map[0])
        first_comment = len(self.comments)
        links = self._html(token.content, pairs, 0, self._section())
        self.links.extend(links)
        self.blocks.append(("html", token.map[0] + 1, token.map[1],
                            (tuple(self.comments[first_comment:]), tuple(links))))

    def build(self, text: str, parsed: Parsed) -> Document:
        self._collect_references(parsed.references)
        self._walk(parsed.tokens)
        return self._finish()

    def _finish(self) -> Document:
        """The Document from what the walk collected (both engines' builders end here)."""
        text = self.src.text
        self._place_definitions()
        toc = find_toc(self.lists, self.headings, self.comments, self.src,
                       [anchor.name for anchor in self.anchors], self.links, self.blocks)
        links = self.links
        if toc is not None:
            links, toc = _mark_toc_links(links, toc)
        links.sort(key=_BY_POSITION)
        entries = build_entries(self.blocks, self.lists, toc, self.src)
        return Document(
            text=text, path=self.path, headings=tuple(self.headings), links=tuple(links),
            anchors=tuple(self.anchors), entries=entries, comments=tuple(self.comments),
            toc=toc, line_starts=tuple(self.src.starts), references=self.references_raw,
        )

    def _collect_references(self, ranges: List[Tuple[int, int]]) -> None:
        """Reference definitions: positions of their destinations, found in their lines."""
        self.references_raw: Dict[str, str] = {}
        self.reference_spans: Dict[str, Span] = {}
        for first, last in ranges:
            start = self.src.starts[first]
            end = self.src.starts[last] if last < len(self.src.starts) else len(self.src.text)
            block = self.src.text[start:end]
            for match in _DEFINITION.finditer(block):
                label = self._normalize_reference(match.group("label"))
                dest = match.group("angle") if match.group("angle") is not None \
                    else match.group("bare")
                dest_start = start + (match.start("angle") if match.group("angle") is not None
                                      else match.start("bare"))
                line, column = self.src.position(start + match.start())
                dl, dc = self.src.position(dest_start)
                span = Span(dest_start, dest_start + len(dest), dl, dc)
                if label in self.references_raw:
                    continue
                self.references_raw[label] = unescape_all(dest)
                self.reference_spans[label] = span
                self.links.append(Link("link", "definition", unescape_all(dest),
                                       match.group("label"), line, column, span, label, ()))

    @staticmethod
    def _normalize_reference(label: str) -> str:
        """A definition's label as markdown-it-py keys it (its own function: the labels it
        gives reference links must match)."""
        from markdown_it.common.utils import normalizeReference

        return normalizeReference(label)

    def _place_definitions(self) -> None:
        """Give reference definitions (read before the headings) their section."""
        if not self.section_marks or not self.reference_spans:
            return
        from awesome_tools.records import replace

        lines = [line for line, _ in self.section_marks]
        for index, link in enumerate(self.links):
            if link.syntax == "definition":
                at = bisect_right(lines, link.line) - 1
                if at >= 0:
                    self.links[index] = replace(link, section=self.section_marks[at][1])

    def _walk(self, tokens: Iterable[TokenLike]) -> None:
        list_stack: List[MarkdownList] = []
        item_stack: List[ListItem] = []
        heading_open = None
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                heading_open = token
            elif kind == "inline":
                meta = token.meta or {}
                spans, code = meta.get("spans", ()), meta.get("code", ())
                links = self.inline(token, spans, code)
                self.links.extend(links)
                if heading_open is not None:
                    self.heading(heading_open, token, tuple(links))
                    heading_open = None
                else:
                    if item_stack and item_stack[-1].first_inline is None:
                        item_stack[-1].first_inline = token
                        item_stack[-1].first_links = tuple(links)
                    self.blocks.append(("inline", token.map[0] + 1 if token.map else 0,
                                        token.map[1] if token.map else 0,
                                        (token, tuple(links), bool(item_stack))))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                parent = item_stack[-1] if item_stack else None
                md_list = MarkdownList(kind == "ordered_list_open", token.markup,
                                       token.map[0] + 1, token.map[1], len(list_stack))
                if parent is not None:
                    parent.children.append(md_list)
                else:
                    self.lists.append(md_list)
                list_stack.append(md_list)
                self.blocks.append(("list", token.map[0] + 1, token.map[1], md_list))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                list_stack.pop()
            elif kind == "list_item_open":
                item = ListItem(token.map[0] + 1, token.map[1], token.markup, token.info,
                                self._section())
                list_stack[-1].items.append(item)
                item_stack.append(item)
            elif kind == "list_item_close":
                item_stack.pop()
            elif kind == "html_block":
                self.html_block(token)
            elif kind == "table_open" or kind == "tr_open":
                # entries: table rows are entries; the cells are the "inline" blocks that
                # follow a "tr" record (model/entries.py reads them).
                self.blocks.append((kind[:-5], token.map[0] + 1, token.map[1], None))
            elif kind in ("fence", "code_block"):
                continue


_DEFINITION = lazy(
    r"^[ ]{0,3}\[(?P<label>(?:[^\]\\]|\\.)+)\]:[ \t]*(?:\r\n|\r|\n)?[ \t]*"
    r"(?:<(?P<angle>[^>\n]*)>|(?P<bare>\S+))",
    re.MULTILINE,
)


def _mark_toc_links(links: List[Link], toc: Toc) -> Tuple[List[Link], Toc]:
    """The links with the TOC's own flagged ``in_toc``, and the TOC pointing at those."""
    from awesome_tools.records import replace

    marked = {id(entry.link): _copied(entry.link, in_toc=True) for entry in toc.entries}
    links = list(map(marked.get, map(id, links), links))  # at C speed: tens of thousands
    entries = tuple(_copied(entry, link=marked[id(entry.link)]) for entry in toc.entries)
    return links, replace(toc, entries=entries)


# ``Heading(...)`` made as ``_copied`` makes its copies, at a third of the cost of the frozen
# dataclass's ``__init__`` (one ``object.__setattr__`` per field): 5000 headings in a 3 MB list.
_new_object = object.__new__
_set_attribute = object.__setattr__


def _copied(model: _Model, **changes: Any) -> _Model:
    """``dataclasses.replace`` for the model's frozen dataclasses (every field set by
    ``__init__``, no ``__post_init__``), a few times faster: a large TOC marks hundreds."""
    copy = object.__new__(type(model))
    object.__setattr__(copy, "__dict__", {**model.__dict__, **changes})
    return copy


def parse(text: str, path: str = "README.md") -> Document:
    """Parse Markdown ``text`` (already decoded, BOM removed) into a Document.

    Re-entrant: everything a parse keeps is its own (the engines' parsers are built once and
    never changed). The cyclic garbage collector is paused meanwhile: parsing allocates
    hundreds of thousands of objects, none of them in cycles, and collections triggered by
    that allocation alone cost a third of the parse time on large lists.
    """
    with gc_paused():
        fast = _fast_builder()
        document = fast(text, path) if fast is not None else None
        return document if document is not None else reference_document(text, path)


def reference_document(text: str, path: str = "README.md") -> Document:
    """The Document as the reference engine, markdown-it-py, gives it."""
    from awesome_tools.model import engine_py

    return _Builder(text, path).build(text, engine_py.parse_tokens(text))


def fast_document(text: str, path: str = "README.md") -> Optional[Document]:
    """The Document from markdown-it-pyrs, or None where it is not installed or its builder
    leaves the text to the reference (for tests and benchmarks; ``parse`` chooses itself)."""
    fast = _fast_builder()
    return fast(text, path) if fast is not None else None


def _fast_builder() -> Optional[Callable[[str, str], Optional[Document]]]:
    """The Rust engine's builder, or None where markdown-it-pyrs has no wheel: found once per
    process, under a lock. (Tried afresh by every parse, a failing import raced in threads:
    one thread could see the module another was failing to import, without its names.)"""
    if not _FAST:
        with _FAST_LOCK:
            if not _FAST:
                try:
                    from awesome_tools.model import engine_rs
                except ImportError:
                    _FAST.append(None)
                else:
                    _FAST.append(engine_rs.build_document)
    return _FAST[0]


_FAST_LOCK = threading.Lock()
_FAST: List[Optional[Callable[[str, str], Optional[Document]]]] = []  # once known


_GC_LOCK = threading.Lock()
_GC_PAUSES = [0, False]  # [parses or checks in progress, whether the GC was on before the first]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a model.

    The model and the engines' tokens hold no cycles, yet their sheer number triggers
    collection after collection. Afterwards the survivors are moved straight to the oldest
    generation (freeze, then unfreeze), so the next young collection does not scan them all.
    The collector is one per process, so pauses nest and count: the first to start switches
    it off, the last to finish (in whichever thread) puts it back as it was.
    """
    with _GC_LOCK:
        if _GC_PAUSES[0] == 0:
            _GC_PAUSES[1] = gc.isenabled()
            gc.disable()
        _GC_PAUSES[0] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_PAUSES[0] -= 1
            if _GC_PAUSES[0] == 0 and _GC_PAUSES[1]:
                gc.freeze()
                gc.unfreeze()
                gc.enable()
