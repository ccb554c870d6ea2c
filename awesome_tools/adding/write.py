"""Writing a paper into a list the way the list writes its papers.

A new entry must be indistinguishable in form from its neighbours, so it is not rendered from
a fixed pattern but from the section's own entries:

1. **The shape** (heading entry, list item, paragraph or table row) is the section's majority.
2. **A template** is one of those entries, read as a sequence of *fields* (the title, the
   venue tag, the authors, each link) and the *glue* between them (``#### ``, `` [``,
   ``]\\n\\n``, ``, ``, ``) [``...). The new entry keeps the glue and the fields the paper
   has (its title, its venue in the list's tag style, its paper link with the template's own
   label words, its code link when it has one) and drops the rest (another entry's blog
   link, affiliation or description). Among the entries that can serve, the one whose form
   is the section's most common wins, then the nearest one.
3. **A table row** is filled column by column by what each column holds (year, title, venue,
   code, authors; an empty cell written as the column writes it: ``N/A``, ``-`` or nothing).
4. **The place** follows the section's order (by arXiv id, by year, or by title; ascending or
   descending, as its entries mostly are), at the place that breaks that order least; in a
   section with no order, the end.

Untrusted text (titles and names from a server) is escaped for where it goes: brackets in
link text, ``|`` in table cells, ``<`` anywhere.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Dict, List, Optional, Sequence, Tuple

from awesome_tools.errors import InputError
from awesome_tools.model import Document, Entry, Heading, Link
from awesome_tools.papers import TagStyle
from awesome_tools.adding.lookup import Paper
from awesome_tools.records import record

SUPPORTED = ("heading", "item", "paragraph", "row")


# --------------------------------------------------------------------------- sections


@record(frozen=True)
class Section:
    """A heading, its path (heading texts from the top) and the entries directly in it."""

    heading: Heading
    path: Tuple[str, ...]
    entries: Tuple[Entry, ...]
    shown: Tuple[str, ...] = ()  # the path without the list's title

    @property
    def label(self) -> str:
        return " > ".join(self.shown or self.path)


def sections(doc: Document) -> List[Section]:
    """Every heading's section, with its top-level entries (nested ones are parts of others)."""
    by_path: Dict[Tuple[str, ...], List[Entry]] = {}
    for entry in doc.entries:
        if entry.parent == 0:
            by_path.setdefault(entry.section, []).append(entry)
    found = []
    stack: List[Tuple[int, str]] = []
    entry_headings = {entry.line for entry in doc.entries if entry.kind == "heading"}
    titled = sum(1 for heading in doc.headings if heading.level == 1) == 1
    for heading in doc.headings:
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        stack.append((heading.level, heading.text))
        if heading.line in entry_headings:
            continue  # a paper heading is an entry, not a section
        path = tuple(text for _, text in stack)
        shown = tuple(text.strip() for level, text in stack if level > 1 or not titled)
        found.append(Section(heading, path, tuple(by_path.get(path, ())), shown or path))
    return found


def _words(text: str) -> List[str]:
    return [word for word in re.findall(r"[^\W_]+", text.casefold()) if len(word) > 1]


def find_section(doc: Document, wanted: str) -> Section:
    """The section ``--section`` names: a heading path (``Transformer > Survey``) matched
    from its end, ignoring case and spacing, or a heading's anchor (``#survey-1``)."""
    every = sections(doc)
    text = wanted.strip()
    if text.startswith("#"):
        found = [section for section in every if section.heading.anchor == text[1:]]
    else:
        parts = [" ".join(_words(part)) for part in re.split(r"\s*(?:>|/)\s*", text) if part]
        found = [section for section in every
                 if [" ".join(_words(item)) for item in section.path[-len(parts):]] == parts]
    if len(found) == 1:
        return found[0]
    if not found:
        close = best_sections(doc, text, every)[:3]
        hint = f" (closest: {'; '.join(section.label for section in close)})" if close else ""
        raise InputError(f"--section: no section {wanted!r}{hint}")
    raise InputError(f"--section: {wanted!r} names {len(found)} sections ("
                     + "; ".join(section.label for section in found[:5])
                     + "): give more of the path, such as 'A > B', or the anchor '#...'")


def best_sections(doc: Document, title: str, every: Optional[List[Section]] = None
                  ) -> List[Section]:
    """Sections with entries, best match first: each word of ``title`` (rarer words weigh
    more) counts when the section's heading has it, less when its parent heading has it,
    and by the share of the section's entries whose titles have it."""
    import math

    candidates = []
    for section in every or sections(doc):
        entries = [entry for entry in section.entries if entry.kind in SUPPORTED]
        if entries and sum(1 for entry in entries if paper_like(entry)) * 2 > len(entries):
            candidates.append(section)
    if not candidates:
        return []
    profiles = []
    for section in candidates:
        own = set(_words(section.path[-1]))
        parent = set(_words(section.path[-2])) if len(section.path) > 1 else set()
        titles = [set(_words(entry.title)) for entry in section.entries]
        profiles.append((own, parent, titles))
    wanted = set(_words(title)) - _STOP
    seen = Counter(word for own, parent, titles in profiles
                   for word in own | parent | set().union(*titles))
    scores = []
    for index, (own, parent, titles) in enumerate(profiles):
        score = 0.0
        for word in wanted:
            if not seen[word]:
                continue
            weight = math.log(1 + len(profiles) / seen[word])
            share = sum(1 for words in titles if word in words) / max(len(titles), 1)
            score += weight * (2.0 * (word in own) + 0.5 * (word in parent) + share)
        scores.append((-score, index))
    return [candidates[index] for _, index in sorted(scores)]


_STOP = frozenset("a an the of for and in on with to via by from at is are as its into or "
                  "using towards toward we our".split())


# --------------------------------------------------------------------------- fields of a template


@record(frozen=True)
class Field:
    """A span of a template's text that the new entry fills: ``title``, ``titlelink`` (a
    link whose text is the title), ``venue``, ``authors``, ``paper`` (the paper link),
    ``code`` or ``other`` (a link the new entry leaves out)."""

    kind: str
    start: int
    end: int
    link: Optional[Link] = None
    old: str = ""  # the template's own text of a title


def _offset(doc: Document, line: int, column: int) -> int:
    return doc.line_starts[line - 1] + column - 1


def _line_end(doc: Document, line: int) -> int:
    end = doc.text.find("\n", doc.line_starts[line - 1])
    end = len(doc.text) if end < 0 else end
    return end - 1 if end > 0 and doc.text[end - 1] == "\r" else end


def _link_span(doc: Document, link: Link) -> Optional[Tuple[int, int]]:
    """[start, end) of an inline link ``[text](url)`` in the source."""
    if link.syntax != "inline" or link.dest is None:
        return None
    start = _offset(doc, link.line, link.column)
    close = doc.text.find(")", link.dest.end)
    if doc.text[start:start + 1] != "[" or close < 0 or doc.text[link.dest.end:close].strip(
            ) and not re.match(r"\s+\"[^\"]*\"\s*\Z", doc.text[link.dest.end:close]):
        return None
    return start, close + 1


def entry_region(doc: Document, entry: Entry) -> Tuple[int, int]:
    """The source of an entry's own lines: a heading and its link line, an item's first
    paragraph, a paragraph, a row."""
    start = doc.line_starts[entry.line - 1]
    if entry.kind == "row":
        return start, _line_end(doc, entry.line)
    last = entry.line
    if entry.kind == "heading":
        links = [link for _, link in entry.links if link.line > entry.line]
        last = max((link.line for link in links), default=entry.line)
    else:
        for number in range(entry.line + 1, entry.end_line + 1):
            line = doc.line(number)
            if not line.strip() or re.match(r"\s*(?:[-*+]|\d{1,9}[.)])\s", line):
                break
            last = number
    return start, _line_end(doc, last)


def template_fields(doc: Document, entry: Entry, tags_span: Optional[Tuple[int, int]]
                    ) -> Optional[List[Field]]:
    """The fields of an entry's region in order, or None when it cannot serve as a
    template (a reference-style link, fields that overlap oddly)."""
    start, end = entry_region(doc, entry)
    fields: List[Field] = []
    primary = entry.primary
    for label, link in entry.links:
        if link.line < entry.line:
            continue
        span = _link_span(doc, link)
        if span is None or span[1] > end:
            return None
        kind = "paper" if link is primary else ("code" if label == "code" else "other")
        fields.append(Field(kind, span[0], span[1], link))
    if primary is None or not any(f.kind == "paper" for f in fields):
        return None
    title_at = _find_title(doc, entry, start, end)
    if title_at is None:
        return None
    quoted = _QUOTED_TITLE.search(doc.text, title_at + len(entry.title), end)
    if entry.kind == "item" and quoted is not None and not _WORDY.search(
            doc.text[title_at + len(entry.title):quoted.start()]):
        # ``* **ViT**: "An Image is Worth 16x16 Words", ICLR, 2021``: a name, then the title
        fields.append(Field("name", title_at, title_at + len(entry.title), old=entry.title))
        title_at, title_text = quoted.start(1), quoted.group(1)
        fields.append(Field("title", title_at, quoted.end(1), old=title_text))
        return _checked(doc, fields, start, tags_span, entry, end)
    title = Field("title", title_at, title_at + len(entry.title))
    holder = [f for f in fields if f.start <= title.start and title.end <= f.end]
    if holder:
        if holder[0].kind != "paper":
            return None
        index = fields.index(holder[0])
        fields[index] = Field("titlelink", holder[0].start, holder[0].end, holder[0].link,
                              entry.title)
    else:
        fields.append(Field("title", title.start, title.end, old=entry.title))
    return _checked(doc, fields, start, tags_span, entry, end)


_QUOTED_TITLE = re.compile(r"[\"\u201c]([^\"\u201d\n]{8,})[\"\u201d]")


def _checked(doc: Document, fields: List[Field], start: int,
             tags_span: Optional[Tuple[int, int]], entry: Entry, end: int
             ) -> Optional[List[Field]]:
    """The fields with the venue and authors added, in order, notes marked; None when they
    overlap or leave words no field accounts for."""
    if tags_span is not None and start <= tags_span[0] and tags_span[1] <= end:
        fields.append(Field("venue", tags_span[0], tags_span[1]))
    if entry.authors:
        at = doc.text.find(entry.authors, start, end)
        if at >= 0:
            fields.append(Field("authors", at, at + len(entry.authors)))
    if entry.description and entry.kind != "heading":
        at = doc.text.find(entry.description, start, end)
        stop = at + len(entry.description)
        if at >= 0 and not any(f.start < stop and at < f.end for f in fields):
            fields.append(Field("description", at, at + len(entry.description)))
    fields.sort(key=lambda f: f.start)
    for before, after in zip(fields, fields[1:]):
        if after.start < before.end:
            return None
    fields = _with_notes(doc, fields, start)
    position = start
    for item in fields:
        if _WORDY.search(doc.text[position:item.start]):
            return None  # text no field accounts for (a tag we cannot read, a description)
        position = item.end
    return fields


# An affiliation or remark between fields, ``(*Purdue*)`` or ``*OpenAI*``: left out.
_NOTE = re.compile(r"\(\s*[*_]?[^()*_\n\[\]]*[^\W\d_][^()*_\n\[\]]*[*_]?\s*\)|"
                   r"(?<![*\w])\*(?!\*)[^*\n\[\]]*[^\W\d_][^*\n\[\]]*\*(?![*\w])")


def _with_notes(doc: Document, fields: List[Field], start: int) -> List[Field]:
    """``fields`` and a ``note`` field for each remark in the glue between them."""
    out: List[Field] = []
    position = start
    for item in fields:
        for match in _NOTE.finditer(doc.text, position, item.start):
            out.append(Field("note", match.start(), match.end()))
        out.append(item)
        position = item.end
    return out

# Glue is markup and separators; a letter or digit there is content of the template's own
# (``*arXiv, Nov 2023*``, a note) that must not be copied into another paper's entry.
_WORDY = re.compile(r"[^\W_]")


def _find_title(doc: Document, entry: Entry, start: int, end: int) -> Optional[int]:
    at = doc.text.find(entry.title, start, end) if entry.title else -1
    return at if at >= 0 else None


# --------------------------------------------------------------------------- rendering


def escape_inline(text: str, in_link: bool = False, in_table: bool = False) -> str:
    """Plain text made literal where it goes: ``<`` never opens a tag, ``[``/``]`` never
    open or close a link in a link's text, ``|`` never splits a table cell, ``*``/``_``/``` ` ```
    never start emphasis or code, and ``&`` never makes an entity."""
    text = text.replace("\\", "\\\\").replace("`", "\\`")
    text = re.sub(r"&(?=[#A-Za-z0-9]+;)", "&amp;", text).replace("<", "&lt;")
    text = re.sub(r"(?<![\w])([*_])|([*_])(?![\w])", lambda m: "\\" + (m.group(1) or m.group(2)),
                  text)
    if in_link or "[" in text or "]" in text:
        text = text.replace("[", "\\[").replace("]", "\\]")
    if in_table:
        text = text.replace("|", "\\|")
    return text


@record(frozen=True)
class Values:
    """What fills the fields: the texts as they will be written."""

    title: str
    url: str
    venue: Optional[str]
    authors: str
    code: Optional[str]
    name: Optional[str] = None  # a short name before the title (``Swin Transformer``)
    description: str = ""


def render(doc: Document, fields: Sequence[Field], region: Tuple[int, int], values: Values
           ) -> str:
    """The template's glue with the new values in its fields (see the module docstring).
    A field the paper does not have is left out with the glue before it (the glue after it,
    for the first field)."""
    text = doc.text
    pieces: List[Tuple[str, Optional[str]]] = []  # (glue before, field text or None: dropped)
    position = region[0]
    for item in fields:
        pieces.append((text[position:item.start], _fill(doc, item, values)))
        position = item.end
    tail = re.match(r"[\])}*_`|\\]*", text[position:region[1]])
    out: List[str] = []
    drop_glue = False
    for index, (glue, value) in enumerate(pieces):
        if index == 0:
            out.append(glue)
            drop_glue = value is None
        elif value is None:
            continue
        elif drop_glue:
            drop_glue = False
        else:
            out.append(glue)
        if value is not None:
            out.append(value)
    out.append(tail.group(0) if tail else "")
    return "".join(out)


_SIMPLE_GLUE = re.compile(r"[ \t]*(?:[,;·|/]|[-\u2013\u2014])?[ \t]*\Z")


def droppable(doc: Document, fields: Sequence[Field], region: Tuple[int, int],
              dropped: Sequence[str]) -> bool:
    """Whether the fields of these kinds can be left out without breaking the template's
    markup: the glue that goes with each is only spaces and a separator."""
    position = region[0]
    glues = []
    for item in fields:
        glues.append(doc.text[position:item.start])
        position = item.end
    for index, item in enumerate(fields):
        if item.kind not in dropped:
            continue
        glue = glues[index + 1] if index == 0 and len(glues) > 1 else glues[index]
        if index == 0 and len(glues) == 1:
            return False
        if not _SIMPLE_GLUE.match(glue):
            return False
    return True


def _fill(doc: Document, item: Field, values: Values) -> Optional[str]:
    text = doc.text
    if item.kind == "title":
        return escape_inline(values.title)
    if item.kind == "name":
        return escape_inline(values.name) if values.name else None
    if item.kind == "venue":
        return escape_inline(values.venue) if values.venue else None
    if item.kind == "authors":
        return escape_inline(values.authors) if values.authors else None
    if item.kind == "description":
        return escape_inline(values.description) if values.description else None
    if item.kind in ("other", "note") or (item.kind == "code" and not values.code):
        return None
    link = item.link
    assert link is not None and link.dest is not None
    url = values.code if item.kind == "code" else values.url
    before = text[item.start:link.dest.start]
    after = text[link.dest.end:item.end]
    if item.kind == "titlelink":
        at = before.find(item.old)
        if at < 0:
            return None
        before = before[:at] + escape_inline(values.title, in_link=True) + \
            before[at + len(item.old):]
    return before + str(url) + after


def skeleton(doc: Document, fields: Sequence[Field], region: Tuple[int, int], code: bool,
             venue: bool, authors: bool, description: bool = False) -> str:
    """The form of an entry: its rendering with placeholder values (how a template's form is
    compared with its neighbours')."""
    values = Values("TITLE", "URL", "VENUE" if venue else None, "AUTHORS" if authors else "",
                    "CODE" if code else None, "NAME", "DESCRIPTION" if description else "")
    return render(doc, fields, region, values)


# --------------------------------------------------------------------------- table rows


_EMPTY_MARKERS = ("", "-", "—", "N/A", "n/a", "NA", "None", "/", "✗", "×", "x")


def split_cells(line: str) -> Tuple[str, List[str], str]:
    """(leading pipe part, cells as written with their padding, trailing part) of a row."""
    body = line.rstrip()
    lead = re.match(r"\s*\|?", body).group(0)  # type: ignore[union-attr]
    trail = "|" if body.endswith("|") and not body.endswith("\\|") and len(body) > len(lead) \
        else ""
    inner = body[len(lead):len(body) - len(trail)]
    cells, current, index = [], [], 0
    code = False
    while index < len(inner):
        char = inner[index]
        if char == "\\" and index + 1 < len(inner):
            current.append(inner[index:index + 2])
            index += 2
            continue
        if char == "`":
            code = not code
        if char == "|" and not code:
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    cells.append("".join(current))
    return lead, cells, trail


@record(frozen=True)
class Table:
    """A table's rows (line numbers) and its columns' roles."""

    header: int
    roles: Tuple[str, ...]
    rows: Tuple[int, ...]


def table_of(doc: Document, line: int) -> Optional[Table]:
    """The GFM table holding row ``line``: its header line, column roles and body rows."""
    from awesome_tools.model.entries import _header_role

    first = line
    while first > 1 and doc.line(first - 1).strip().startswith("|") or (
            first > 1 and "|" in doc.line(first - 1) and doc.line(first - 1).strip()):
        first -= 1
    separator = None
    for number in range(first, line):
        if re.match(r"\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*\Z", doc.line(number)):
            separator = number
            break
    if separator is None or separator == first:
        return None
    header = separator - 1
    last = line
    while last < len(doc.line_starts) and "|" in doc.line(last + 1) and \
            doc.line(last + 1).strip():
        last += 1
    _, names, _ = split_cells(doc.line(header))
    roles = tuple(_header_role(name) for name in names)
    return Table(header, roles, tuple(range(separator + 1, last + 1)))


def _cell_role(roles: Sequence[str], index: int, title_at: int) -> str:
    if index == title_at:
        return "title"
    return roles[index] if index < len(roles) else ""


def render_row(doc: Document, template: Entry, table: Table, values: Values, paper: Paper,
               entries: Sequence[Entry]) -> Optional[str]:
    """The new row, column by column (see the module docstring)."""
    lead, cells, trail = split_cells(doc.line(template.line))
    title_at = _title_column(cells, template)
    if title_at is None:
        return None
    empty = _empty_markers(doc, table, len(cells))
    code_forms = _code_forms(doc, table, entries)
    out = []
    for index, cell in enumerate(cells):
        content = cell.strip()
        role = _cell_role(table.roles, index, title_at)
        new = _row_cell(role, content, values, paper, template, code_forms.get(index))
        if new is None:
            return None
        if not new:  # written as this column writes an empty cell
            marker = empty[index] if index < len(empty) else None
            if marker is None:
                marker = cell if not content else \
                    (" " if cell[:1] == " " else "") + (" " if cell[-1:] == " " else "")
            out.append(marker)
            continue
        if content:
            pad_left = cell[:len(cell) - len(cell.lstrip())]
            pad_right = cell[len(cell.rstrip()):]
        else:
            pad_left = pad_right = " " if cell else ""
        out.append(pad_left + new + pad_right)
    return lead + "|".join(out) + trail


def _title_column(cells: Sequence[str], template: Entry) -> Optional[int]:
    for index, cell in enumerate(cells):
        if template.title and template.title in cell:
            return index
    return None


def _empty_markers(doc: Document, table: Table, width: int) -> List[Optional[str]]:
    """How each column writes "nothing" (its most common empty-looking cell, padding
    included), None for a column that always holds something."""
    counts: List[Counter[str]] = [Counter() for _ in range(width)]
    for line in table.rows:
        _, cells, _ = split_cells(doc.line(line))
        for index, cell in enumerate(cells[:width]):
            if cell.strip() in _EMPTY_MARKERS:
                counts[index][cell] += 1
    return [count.most_common(1)[0][0] if count else None for count in counts]


def _code_forms(doc: Document, table: Table, entries: Sequence[Entry]) -> Dict[int, str]:
    """Column -> how a code cell is written (``[Code](URL)``) with ``URL`` as placeholder."""
    forms: Dict[int, Counter[str]] = {}
    rows = {entry.line: entry for entry in entries}
    for line in table.rows:
        entry = rows.get(line)
        if entry is None:
            continue
        _, cells, _ = split_cells(doc.line(line))
        for label, link in entry.links:
            if label != "code":
                continue
            for index, cell in enumerate(cells):
                if link.url in cell and cell.strip().startswith("["):
                    form = cell.strip().replace(link.url, "\x00URL\x00", 1)
                    if form.count("\x00URL\x00") == 1 and form.count("](") == 1:
                        forms.setdefault(index, Counter())[form] += 1
    return {index: count.most_common(1)[0][0] for index, count in forms.items()}


def _row_cell(role: str, content: str, values: Values, paper: Paper, template: Entry,
              code_form: Optional[str]) -> Optional[str]:
    """A new cell's content ("" for an empty one); None when the template cannot serve."""
    if role == "title":
        link = template.primary
        if link is not None and link.url in content:
            head, _, rest = content.partition(link.url)
            if template.title not in head:
                return None
            return head.replace(template.title, escape_inline(values.title, True, True), 1) \
                + values.url + rest
        if template.title in content:
            return content.replace(template.title, escape_inline(values.title, False, True), 1)
        return None
    if role == "date":
        return _date_cell(content, paper) or ""
    if role == "venue":
        return escape_inline(values.venue, in_table=True) if values.venue else ""
    if role == "authors":
        return escape_inline(values.authors, in_table=True) if values.authors else ""
    if role == "description":
        return escape_inline(values.description, in_table=True) if values.description else ""
    if role == "code":
        if values.code and code_form:
            return code_form.replace("\x00URL\x00", values.code)
        return ""
    link = template.primary
    if link is not None and link.url in content and role in ("paper", "link", ""):
        return content.replace(link.url, values.url, 1)
    return ""


def _date_cell(content: str, paper: Paper) -> Optional[str]:
    year = paper.year
    if year is None:
        return None
    month = paper.preprint[1] if paper.preprint else None
    match = re.fullmatch(r"((?:19|20)\d{2})([./-])(\d{1,2})", content)
    if match and month:
        width = len(match.group(3))
        return f"{year}{match.group(2)}{month:0{width}d}"
    if re.fullmatch(r"'?\d{2}", content):
        return f"{year % 100:02d}"
    return str(year)


# --------------------------------------------------------------------------- choosing


@record(frozen=True)
class Draft:
    """The new entry's text and where it goes (an offset in the list's text)."""

    text: str
    offset: int
    shape: str
    template: Entry


def values_for(paper: Paper, style: TagStyle, template_has_venue: bool, authors_sep: str,
               description: str = "") -> Values:
    venue = None
    if template_has_venue:
        if paper.venue is not None and paper.venue.year:
            venue = style.published(paper.venue.venue, paper.venue.year, paper.venue.findings)
            if style.combined and paper.preprint:
                venue = f"{style.preprint(paper.preprint)}, {venue}"
        elif paper.preprint:
            venue = style.preprint(paper.preprint)
    authors = authors_sep.join(paper.authors) if paper.authors else ""
    return Values(paper.title, paper.url, venue, authors, paper.code, short_name(paper.title),
                  description)


def short_name(title: str) -> Optional[str]:
    """The name a title starts with (``Swin Transformer: Hierarchical ...``): at most four
    words before a colon."""
    head, colon, rest = title.partition(":")
    if colon and rest.strip() and 0 < len(head.split()) <= 4:
        return head.strip()
    return None


def shape_of(section: Section) -> str:
    kinds = Counter(entry.kind for entry in section.entries if entry.kind in SUPPORTED)
    if not kinds:
        raise InputError(f"add: the entries under '{section.label}' are written as HTML or "
                         "in a shape add does not write; add this paper by hand")
    return kinds.most_common(1)[0][0]


def shaped(entries: Sequence[Entry], shape: str) -> List[Entry]:
    return [entry for entry in entries if entry.kind == shape]


def paper_like(entry: Entry) -> bool:
    """The entry's own link is a paper: an arXiv, DOI, OpenReview or ACL id, or a
    proceedings page."""
    from awesome_tools.urls import paper_key
    from awesome_tools.venues import url_evidence

    if entry.primary is None:
        return False
    url = entry.primary.url
    if paper_key(url):
        return True
    evidence = url_evidence(url)
    return evidence is not None and evidence.source not in ("conference-site",)


def papers_of(section: Section, entries: Sequence[Entry]) -> List[Entry]:
    """The entries that can serve as templates; InputError for a section that does not list
    papers (a table of metrics or of tools is no place for a paper)."""
    papers = [entry for entry in entries if paper_like(entry)]
    if entries and len(papers) * 2 <= len(entries):
        raise InputError(f"add: '{section.label}' does not list papers (most of its entries "
                         "link no paper); choose another section with --section")
    return papers
