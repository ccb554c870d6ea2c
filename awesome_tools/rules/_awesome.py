"""What the `awesome` profile's rules share: the list's blocks, its prose, its entry items.

The model (:class:`~awesome_tools.model.Document`) holds headings, links and entries but not
the prose between them, so the profile reads the list's blocks once per run with
markdown-it (:func:`blocks`, shared by every rule of the profile through ``ctx.remember``)
and maps each block's inline source back to the file, so a finding points at the exact
character and a fix replaces exactly it.

Prose is the inline source with everything that is not prose masked out: code spans, link
destinations and titles, image descriptions, autolinks, bare URLs, HTML tags and comments,
entities, backslash escapes and emoji shortcodes. A construct the masks do not understand is
masked too (an HTML tag that does not close runs to the end of the block), so an unusual
line can only hide a finding, never invent one.

awesome-lint's own comments (``<!--lint disable awesome-list-item-->``, ``enable``,
``ignore``) are honoured by the rule that does that awesome-lint rule's work
(:func:`lint_silenced`), so a list that moves from awesome-lint keeps its exceptions.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.model import Document, Heading, Link
from awesome_tools.records import field, record
from awesome_tools.rules import RuleContext

# awesome-lint's rule ids -> ours, for its lint comments.
LINT_NAMES: Dict[str, Tuple[str, ...]] = {
    "awesome-heading": ("awesome-heading",),
    "awesome-badge": ("awesome-badge",),
    "awesome-contributing": ("awesome-contributing",),
    "awesome-license": ("awesome-license",),
    "awesome-list-item": ("entry-format", "description-style"),
    "no-repeat-item-in-description": ("description-repeats-name",),
    "awesome-spell-check": ("product-spelling",),
    "balanced-punctuation": ("balanced-punctuation",),
    "awesome-no-ci-badge": ("no-ci-badge",),
    "awesome-toc": ("awesome-contents",),
}


# --------------------------------------------------------------------------- blocks


@record(frozen=True)
class Segment:
    """One line of a block's inline source and where it starts in the file."""

    offset: int  # offset of text[0] in the document
    text: str


@record(frozen=True)
class Block:
    """A block that holds inline content: a paragraph, a heading or a table cell.

    ``kind`` is ``paragraph``, ``heading`` or ``cell``; ``level`` the heading level (0
    otherwise); ``item`` the line of the list item whose first paragraph this is (0 when it is
    not one); ``depth`` the list nesting (0 outside lists).
    """

    kind: str
    line: int
    end_line: int
    segments: Tuple[Segment, ...]
    content: str = field(default="", compare=False, repr=False)  # the inline source
    level: int = 0
    item: int = 0
    depth: int = 0
    quote: bool = False  # inside a blockquote


def _parse(doc: Document) -> Tuple[object, Dict[str, Any], List[Any]]:
    """(parser, env, block tokens): the blocks only; inline content is parsed on demand
    (:func:`inline`), for the few blocks a rule looks inside, which is most of the cost saved."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("inline")
    env: Dict[str, Any] = {}
    return md, env, md.parse(doc.text, env)


def tokens(doc: Document, ctx: RuleContext) -> List[Any]:
    """markdown-it's block tokens of the document, parsed once per run."""
    found: List[Any] = ctx.remember(("awesome", "parse"), lambda: _parse(doc))[2]
    return found


def inline(doc: Document, ctx: RuleContext, content: str) -> List[Any]:
    """The inline tokens of a block's content (reference definitions resolved)."""
    md, env, _ = ctx.remember(("awesome", "parse"), lambda: _parse(doc))
    found: List[Any] = []
    md.inline.parse(content, md, env, found)
    return found


def blocks(doc: Document, ctx: RuleContext) -> List[Block]:
    """Every paragraph, heading and table cell, in document order, parsed once per run."""
    blocks: List[Block] = ctx.remember(("awesome", "blocks"),
                                       lambda: list(_blocks(doc, tokens(doc, ctx))))
    return blocks


def _blocks(doc: Document, stream: List[Any]) -> Iterator[Block]:
    depth = 0
    quotes = 0
    item_line = 0
    first_in_item = False
    heading_level = 0
    row_line = 0
    row_cursor = 0
    for index, token in enumerate(stream):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind == "list_item_open":
            item_line = token.map[0] + 1 if token.map else 0
            first_in_item = True
        elif kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "tr_open":
            row_line = token.map[0] + 1 if token.map else 0
            row_cursor = 0
        elif kind == "inline" and token.map:
            parent = stream[index - 1].type if index else ""
            if parent == "paragraph_open":
                item = item_line if first_in_item and stream[index - 2].type == \
                    "list_item_open" else 0
                first_in_item = False
                yield Block("paragraph", token.map[0] + 1, token.map[1],
                            tuple(_segments(doc, token.content, token.map[0] + 1)),
                            token.content, 0, item, depth, quotes > 0)
            elif parent == "heading_open":
                yield Block("heading", token.map[0] + 1, token.map[1],
                            tuple(_segments(doc, token.content, token.map[0] + 1)),
                            token.content, heading_level, 0, depth, quotes > 0)
            elif parent in ("td_open", "th_open"):
                segment, row_cursor = _cell(doc, token.content, row_line, row_cursor)
                if segment is not None:
                    yield Block("cell", row_line, row_line, (segment,), token.content, 0, 0,
                                depth, quotes > 0)
        elif kind in ("paragraph_open", "html_block", "fence", "code_block", "table_open",
                      "hr"):
            if kind != "paragraph_open":
                first_in_item = False


def _segments(doc: Document, content: str, first_line: int) -> Iterator[Segment]:
    """The inline source's lines, each placed in its source line (markdown-it removes the
    list marker, the quote marker and indentation; a line it changed otherwise is left out)."""
    for number, text in enumerate(content.split("\n"), first_line):
        if not text:
            continue
        source = doc.line(number)
        column = source.find(text)
        if column >= 0:
            yield Segment(doc.line_starts[number - 1] + column, text)


def _cell(doc: Document, content: str, line: int, cursor: int) -> Tuple[Optional[Segment], int]:
    """A table cell's source, found in its row after the previous cell."""
    source = doc.line(line)
    if not content:
        return None, cursor
    column = source.find(content, cursor)
    if column < 0:
        return None, cursor
    return Segment(doc.line_starts[line - 1] + column, content), column + len(content)


# --------------------------------------------------------------------------- prose


def _code_spans(text: str) -> Iterator[Tuple[int, int]]:
    """Code spans as CommonMark pairs them: a run of N backticks up to the next run of exactly
    N; an unclosed run is only its backticks."""
    position = 0
    while True:
        start = text.find("`", position)
        if start < 0:
            return
        end = start
        while end < len(text) and text[end] == "`":
            end += 1
        run = end - start
        search = end
        while True:
            close = text.find("`" * run, search)
            if close < 0:  # an unclosed run is literal backticks
                yield start, end
                position = end
                break
            after = close + run
            if (close == 0 or text[close - 1] != "`") and (after >= len(text)
                                                           or text[after] != "`"):
                yield start, after
                position = after
                break
            while after < len(text) and text[after] == "`":
                after += 1
            search = after


_NOT_PROSE = lazy(
    r"<!--.*?(?:-->|\Z)"                       # comments
    r"|<[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>"    # autolinks
    r"|</?[A-Za-z][^<>]*>?"                    # HTML tags (an unclosed one to the end)
    r"|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"  # ](dest)
    r"|\]\[[^\]]*\]"                           # ][reference]
    r"|!\[[^\]]*\]"                            # image descriptions
    r"|(?:https?://|ftp://|www\.)[^\s<>\u3000-\u303f\uff00-\uffef\u2018-\u201f]*"  # bare URLs
    r"|[\w.+-]+@[\w-]+\.[\w.-]+"               # e-mail addresses
    r"|&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);"        # entities
    r"|\\."                                    # backslash escapes
    r"|:[a-z0-9_+-]+:",                        # emoji shortcodes
    re.S)


def prose_mask(text: str) -> List[Tuple[int, int]]:
    """The ranges of ``text`` (inline Markdown source) that are not prose, sorted."""
    masked = list(_code_spans(text))
    for match in _NOT_PROSE.finditer(text):
        masked.append(match.span())
    masked.sort()
    merged: List[Tuple[int, int]] = []
    for start, end in masked:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def block_prose(block: Block) -> List[Tuple[int, str]]:
    """(offset, visible text) of each of the block's lines, masked as one text so that a tag
    or code span running over several lines is masked whole."""
    joined = prose("\n".join(segment.text for segment in block.segments))
    result = []
    position = 0
    for segment in block.segments:
        result.append((segment.offset, joined[position:position + len(segment.text)]))
        position += len(segment.text) + 1
    return result


def prose(text: str) -> str:
    """``text`` with every non-prose range replaced by spaces (lengths kept, so offsets into
    the result are offsets into ``text``)."""
    chars = list(text)
    for start, end in prose_mask(text):
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


# --------------------------------------------------------------------------- lint comments

_LINT = lazy(r"^\s*lint\s+(disable|enable|ignore)\b(.*)$", re.S)


def lint_silenced(doc: Document, rule: str) -> Callable[[int], bool]:
    """Whether awesome-lint's comments silence ``rule`` on a line: ``disable`` up to the next
    ``enable``; ``ignore`` for the block that follows the comment (up to a blank line)."""
    ranges: List[Tuple[int, int]] = []
    disabled_from: Optional[int] = None
    for comment in doc.comments:
        match = _LINT.match(comment.text)
        if not match:
            continue
        names = match.group(2).split()
        if names and not any(rule in LINT_NAMES.get(name, ()) for name in names):
            continue
        kind = match.group(1)
        if kind == "disable" and disabled_from is None:
            disabled_from = comment.line
        elif kind == "enable" and disabled_from is not None:
            ranges.append((disabled_from, comment.line))
            disabled_from = None
        elif kind == "ignore":
            ranges.append((comment.line, _block_end(doc, comment.end_line + 1)))
    if disabled_from is not None:
        ranges.append((disabled_from, len(doc.line_starts) + 1))
    if not ranges:
        return lambda line: False
    return lambda line: any(start <= line <= end for start, end in ranges)


def _block_end(doc: Document, line: int) -> int:
    """The last line of the block that starts at or after ``line``."""
    total = len(doc.line_starts)
    while line <= total and not doc.line(line).strip():
        line += 1
    while line <= total and doc.line(line).strip():
        line += 1
    return line - 1


# --------------------------------------------------------------------------- entry items

_SEPARATOR = lazy(r"[ \t\u00a0]*([-\u2013\u2014:|~\uff1a>]+)[ \t\u00a0]*")


@record(frozen=True)
class Item:
    """A list item of the shape ``[Name](url) <separator> Description``, read from its first
    paragraph.

    ``name`` is the link text; ``separator`` what stands between the link (and any badges
    after it) and the description, as written (``" - "``, ``" — "``, ``": "``, ``" "`` when
    there is none); ``description`` the plain text after it (code spans keep their backticks,
    images and HTML are dropped); ``start`` the offset of the description's first character
    in the file, ``end`` the offset just past its last, or -1 when they cannot be placed
    exactly (then no fix is offered). ``tail`` is the kind of the last inline node.
    """

    line: int
    column: int
    link: Link
    name: str
    separator: str
    description: str
    start: int
    end: int
    tail: str
    depth: int


def items(doc: Document, ctx: RuleContext) -> List[Item]:
    """The entry items of the list, once per run: list items after the table of contents
    whose first paragraph starts with a link (after any badges)."""
    found: List[Item] = ctx.remember(("awesome", "items"), lambda: list(_items(doc, ctx)))
    return found


def content_start(doc: Document) -> int:
    """The first line after the table of contents, or after the title when there is none:
    what comes before is the list's header (badges, navigation), not its entries."""
    if doc.toc is not None:
        return doc.toc.end_line + 1
    titles = [h for h in doc.headings if h.level == 1]
    return titles[0].end_line + 1 if titles else 1


def _items(doc: Document, ctx: RuleContext) -> Iterator[Item]:
    from awesome_tools.rules._awesome_items import inline_nodes

    start_line = content_start(doc)
    links_by_line: Dict[int, List[Link]] = {}
    for link in doc.links:
        if link.kind == "link" and link.syntax in ("inline", "reference"):
            links_by_line.setdefault(link.line, []).append(link)
    for block in blocks(doc, ctx):
        if not block.item or block.line < start_line or not block.segments:
            continue
        nodes = inline_nodes(inline(doc, ctx, block.content))
        found = _item(doc, block, nodes, links_by_line.get(block.line, []))
        if found is not None:
            yield found


_LEAD = lazy("(?:[ \t\u00a0]*(?::[a-z0-9_+-]+:|[\u2190-\u21FF\u2300-\u27BF"
                   "\u2B00-\u2BFF\U0001F000-\U0001FAFF][\uFE0F\u200D]?))*")


def _shifted(node: Any, count: int) -> Any:
    """A copy of a text node without its first ``count`` characters."""
    from awesome_tools.rules._awesome_items import Node

    return Node("text", node.text[count:])


def _is_badge(node: Any) -> bool:
    return node.type == "image" or (node.type == "link" and bool(node.children) and all(
        child.type == "image" or (child.type == "text" and not child.text.strip())
        for child in node.children))


def _item(doc: Document, block: Block, nodes: List[Any],
          links: List[Link]) -> Optional[Item]:
    index = 0
    while index < len(nodes) and (_is_badge(nodes[index]) or (
            nodes[index].type == "text" and not nodes[index].text.strip())):
        index += 1
    if index >= len(nodes) or nodes[index].type != "link" or not nodes[index].text.strip():
        return None
    main = nodes[index]
    rest = nodes[index + 1:]
    while rest and (_is_badge(rest[0]) or (rest[0].type == "text" and not rest[0].text.strip()
                                           and len(rest) > 1)):
        rest = rest[1:]
    link = next((candidate for candidate in links if candidate.text == main.text), None)
    if link is None:
        return None
    if not rest or rest[0].type != "text":  # no description, or links after the name
        return Item(block.line, link.column, link, main.text, "", "", -1, -1,
                    rest[-1].type if rest else "", block.depth)
    leading = _LEAD.match(rest[0].text)  # emoji and :shortcodes: before the separator
    lead = leading.end() if leading else 0
    if lead and lead < len(rest[0].text):
        rest = [_shifted(rest[0], lead)] + rest[1:]
    separator_match = _SEPARATOR.match(rest[0].text)
    if separator_match and separator_match.group(1) and (
            separator_match.end() < len(rest[0].text) or len(rest) > 1):
        separator = separator_match.group(0)
    else:
        spaces = re.match(r"[ \t\u00a0]*", rest[0].text)
        separator = spaces.group(0) if spaces else ""
    first = rest[0].text[len(separator):]
    description = first + "".join(n.text for n in rest[1:] if n.type not in ("image", "html"))
    description = description.rstrip()
    start, end = _description_span(doc, block, link, separator, first, rest)
    return Item(block.line, link.column, link, main.text, separator, description, start, end,
                rest[-1].type, block.depth)


def _description_span(doc: Document, block: Block, link: Link, separator: str, first: str,
                      rest: List[Any]) -> Tuple[int, int]:
    """Offsets of the description's first and just past its last character, when the source
    shows them exactly (an inline link, the separator and the text written as they read)."""
    if link.dest is None or not first.strip():
        return -1, -1
    after = _link_end(doc.text, link.dest.end)
    if after < 0 or not doc.text.startswith(separator + first.lstrip()[:1], after):
        return -1, -1
    start = after + len(separator)
    last = block.segments[-1]
    end = last.offset + len(last.text.rstrip())
    tail = rest[-1]
    if tail.type != "text" or not doc.text[:end].endswith(tail.text.rstrip()[-8:]):
        return start, -1
    return start, end


def _link_end(text: str, dest_end: int) -> int:
    """The offset just past the ``)`` that closes an inline link whose destination ends at
    ``dest_end`` (skipping an optional title), or -1."""
    match = re.compile(r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)").match(
        text, dest_end)
    return match.end() if match else -1


def majority(values: Sequence[str], share: float = 0.6, minimum: int = 5) -> Optional[str]:
    """The value most ``values`` take when at least ``share`` of them (and ``minimum``) do:
    the list's own convention, or None when it has none."""
    if len(values) < minimum:
        return None
    counts: Dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    best = max(counts, key=lambda value: counts[value])
    return best if counts[best] >= share * len(values) else None


# --------------------------------------------------------------------------- the title


@record(frozen=True)
class Title:
    """The list's main heading: a level-1 heading, or an HTML header block (a heading tag, or
    a centred block with an image, as awesome-lint accepts), and where it ends."""

    kind: str  # "heading" or "html"
    line: int
    end_line: int
    heading: Optional[Heading] = None  # the model's Heading when kind == "heading"
    html: str = ""


_HTML_TITLE = lazy(r"<h[1-6][\s>]|align\s*=\s*[\"']?center", re.I)
_ONLY_COMMENTS = lazy(r"\A(?:\s*<!--.*?-->)*\s*\Z", re.S)


def title(doc: Document, ctx: RuleContext) -> Optional[Title]:
    """The list's title, once per run (None when the list has none)."""
    found: Optional[Title] = ctx.remember(("awesome", "title"), lambda: _title(doc, ctx))
    return found


def _title(doc: Document, ctx: RuleContext) -> Optional[Title]:
    """The first level-1 heading above every section; else an HTML header or a logo (a
    paragraph of images only) above them."""
    first_section = next((h.line for h in doc.headings if h.level > 1), None)
    header = _html_header(doc, ctx)
    if header is not None:
        return header  # a logo or heading tag above everything else, as awesome-lint reads it
    for heading in doc.headings:
        if heading.level == 1 and (first_section is None or heading.line < first_section):
            return Title("heading", heading.line, heading.end_line, heading)
    stream = tokens(doc, ctx)
    for index, token in enumerate(stream):
        if token.map is None:
            continue
        if first_section is not None and token.map[0] + 1 >= first_section:
            break
        if token.type == "html_block" and (re.search(r"<h[1-6][\s>]", token.content, re.I)
                                           or "<img" in token.content.lower()):
            return Title("html", token.map[0] + 1, token.map[1], None, token.content)
        if token.type == "inline" and stream[index - 1].type == "paragraph_open" and \
                _only_images(inline(doc, ctx, token.content)):
            return Title("html", token.map[0] + 1, token.map[1], None, token.content)
        if token.type in ("bullet_list_open", "ordered_list_open", "heading_open"):
            break
    return None


def _html_header(doc: Document, ctx: RuleContext) -> Optional[Title]:
    """The first block, when it is HTML with a heading tag or an image (comments skipped)."""
    for token in tokens(doc, ctx):
        if token.map is None or (token.type == "html_block"
                                 and _ONLY_COMMENTS.match(token.content)):
            continue
        if token.type == "html_block" and (re.search(r"<h[1-6][\s>]", token.content, re.I)
                                           or "<img" in token.content.lower()):
            return Title("html", token.map[0] + 1, token.map[1], None, token.content)
        return None
    return None


def _only_images(children: Sequence[Any]) -> bool:
    """An inline run of images (linked or not) and spaces: a logo or banner."""
    seen = False
    for child in children:
        if child.type == "image":
            seen = True
        elif child.type in ("link_open", "link_close", "softbreak", "hardbreak") or (
                child.type == "text" and not child.content.strip()) or (
                child.type == "html_inline"):
            continue
        else:
            return False
    return seen


def preamble_end(doc: Document) -> int:
    """The last line of the list's header: before the first heading below the title."""
    later = [h.line for h in doc.headings if h.level > 1 or h.index > 0]
    return (min(later) - 1) if later else len(doc.line_starts)
