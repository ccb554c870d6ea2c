"""The table of contents against the headings it should list, and the edits that mend it.

We align the TOC's entries with the expected headings (a weighted longest common
subsequence: same anchor beats same anchor but for case beats same text), so a stale entry,
a missing heading, an entry out of order or pointing at the wrong one of two same-named
headings each show up as exactly one difference. Mending is then a handful of line edits in
the TOC's own style: lines that are right are never touched, so a correct TOC is left alone
byte for byte and a second run changes nothing.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import unquote

from awesome_tools.config.schema import Option, Section, heading_level, strings
from awesome_tools.findings import Edit
from awesome_tools.model import Document, Heading, Toc, TocEntry
from awesome_tools.model.slugs import without_vs16

_OMIT = re.compile(r"<!--\s*(?:omit (?:from|in) toc|toc-?skip|awesome-tools-toc-skip|DOCTOC SKIP)\s*-->",
                   re.I)
_ITEM = re.compile(r"^(?P<indent>[ \t>]*)(?P<bullet>[-*+]|\d+[.)])(?P<gap>[ \t]+)")
_SPACE = re.compile(r"\s+")
_STRIP_TEXT = re.compile(r"[\W_]+", re.UNICODE)

EXACT, CASE, TEXT = 4, 3, 2
# Sections that lists conventionally leave out of their TOC (awesome-lint ignores the same
# ones): expected only when the TOC lists them.
META_SECTIONS = frozenset((
    "contents", "table of contents", "contributing", "contribute", "contributors",
    "contribution", "contributions", "how to contribute", "footnotes", "license", "licence",
    "related", "related lists", "related projects", "credits", "acknowledgements",
    "acknowledgments", "sponsors", "backers", "code of conduct",
))


@dataclass(frozen=True)
class Settings:
    """What the user asked of the TOC: level range and headings to leave out."""

    min_level: Optional[int] = None
    max_level: Optional[int] = None
    exclude: Tuple[str, ...] = ()


@dataclass
class Plan:
    """The alignment of a TOC with its expected headings."""

    toc: Toc
    expected: List[Heading]
    depth: Dict[int, Tuple[int, ...]]  # heading index -> acceptable entry depths
    pairs: List[Tuple[TocEntry, Heading, int]] = field(default_factory=list)
    extra: List[TocEntry] = field(default_factory=list)
    missing: List[Heading] = field(default_factory=list)
    moved: List[Tuple[TocEntry, Heading]] = field(default_factory=list)


def normalize_fragment(fragment: str) -> str:
    return without_vs16(unquote(fragment)) if "%" in fragment else without_vs16(fragment)


def _norm_text(text: str) -> str:
    return _STRIP_TEXT.sub(" ", text.casefold()).strip()


def _omitted(doc: Document, heading: Heading) -> bool:
    """``<!-- omit from toc -->`` on the heading's line or the line above (lines as the model
    counts them: a U+2028 inside a paragraph is not a line break)."""
    before = doc.line(heading.line - 1) if heading.line >= 2 else ""
    return bool(_OMIT.search(doc.line(heading.line)) or _OMIT.search(before))


def _levels(doc: Document, toc: Toc, settings: Settings, by_anchor) -> Tuple[int, int]:
    options = dict(toc.options)
    low = settings.min_level or _int(options.get("minlevel"))
    high = settings.max_level or _int(options.get("maxlevel")) or _int(options.get("depth"))
    found = (_target(by_anchor, e.fragment) for e in toc.entries)
    targets = [h.level for h in found if h is not None]
    if targets:
        low = low or min(targets)
        high = high or max(targets)
    return low or 1, high or 6


def _target(by_anchor: Dict[str, Heading], fragment: str) -> Optional[Heading]:
    key = normalize_fragment(fragment)
    found = by_anchor.get(key)
    return found if found is not None else by_anchor.get(key.lower())


def _int(value) -> Optional[int]:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def heading_keys(doc: Document) -> Dict[int, Tuple[str, ...]]:
    """Fragments that reach each heading: its anchor, and HTML anchors placed just before it
    (MarkdownTOC and hand-made TOCs link to ``<a name="...">`` rather than to the slug)."""
    keys: Dict[int, List[str]] = {h.index: [without_vs16(h.anchor)] for h in doc.headings}
    if doc.anchors:
        by_line = {h.line: h for h in doc.headings}
        for anchor in doc.anchors:
            for line in (anchor.line, anchor.line + 1, anchor.line + 2):
                heading = by_line.get(line)
                if heading is not None:
                    keys[heading.index].append(without_vs16(anchor.name))
                    break
    return {index: tuple(names) for index, names in keys.items()}


def _ancestors(doc: Document, level: int) -> Dict[int, Optional[int]]:
    """For each heading, the index of its nearest enclosing heading above ``level``."""
    stack: List[Heading] = []
    result: Dict[int, Optional[int]] = {}
    for heading in doc.headings:
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        above = [h for h in stack if h.level < level]
        result[heading.index] = above[-1].index if above else None
        stack.append(heading)
    return result


def expected_headings(doc: Document, settings: Settings,
                      keys: Optional[Dict[int, Tuple[str, ...]]] = None) -> List[Heading]:
    """The headings the TOC should list, in order.

    Those within the TOC's level range, after the TOC (or from the first heading it lists,
    when that is above it), leaving out conventional meta sections the TOC does not list
    (Contributing, License, ...), headings marked ``<!-- omit from toc -->`` or excluded in
    config, and, when every listed heading sits inside the same few parent sections (a TOC
    of the categories under ``## Projects``), headings outside those parents.
    """
    toc = doc.toc
    if toc is None:
        return []
    keys = keys if keys is not None else heading_keys(doc)
    by_anchor = {}
    for heading in doc.headings:
        for key in keys[heading.index]:
            by_anchor.setdefault(key, heading)
    low, high = _levels(doc, toc, settings, by_anchor)
    targeted = [h for h in (_target(by_anchor, e.fragment) for e in toc.entries)
                if h is not None]
    first_line = toc.end_line
    if targeted and min(h.line for h in targeted) < toc.line:
        first_line = min(h.line for h in targeted) - 1
    exclude = {_norm_text(text) for text in settings.exclude}
    listed = {_norm_text(h.text) for h in targeted}
    meta = {name for name in META_SECTIONS if name not in listed}
    parents = _ancestors(doc, low)
    containers = {parents[h.index] for h in targeted}
    if None in containers or not targeted:
        containers = set()
    expected = []
    skip_below = 0  # level of a left-out section whose subsections go with it
    for h in doc.headings:
        if skip_below and h.level > skip_below:
            continue
        skip_below = 0
        if not (low <= h.level <= high) or h.line <= first_line \
                or toc.line <= h.line <= toc.end_line:
            continue
        name = _norm_text(h.text)
        if name in exclude or _omitted(doc, h) or name in meta:
            skip_below = h.level
            continue
        if containers and parents[h.index] not in containers:
            continue
        expected.append(h)
    return expected


def _depths(expected: Sequence[Heading]) -> Dict[int, Tuple[int, ...]]:
    """Acceptable depths: the heading's place in the tree, or its level below the top."""
    if not expected:
        return {}
    low = min(h.level for h in expected)
    stack: List[int] = []
    result = {}
    for heading in expected:
        while stack and stack[-1] >= heading.level:
            stack.pop()
        result[heading.index] = (len(stack), heading.level - low)
        stack.append(heading.level)
    return result


def _weight(entry: TocEntry, heading: Heading, entry_norm: str, entry_text: str,
            keys: Tuple[str, ...]) -> int:
    if entry_norm in keys:
        return EXACT
    if entry_norm.lower() in keys:
        return CASE
    if entry_text and entry_text == _norm_text(heading.text):
        return TEXT
    return 0


def align(doc: Document, settings: Settings = Settings()) -> Optional[Plan]:
    """Align the document's TOC with the headings it should list (None without a TOC)."""
    toc = doc.toc
    if toc is None:
        return None
    keys = heading_keys(doc)
    expected = expected_headings(doc, settings, keys)
    plan = Plan(toc, expected, _depths(expected))
    entries = list(toc.entries)
    norms = [normalize_fragment(e.fragment) for e in entries]
    texts = [_norm_text(e.text) for e in entries]
    n, m = len(entries), len(expected)
    # Trim the common prefix and suffix of exact matches: the usual case costs O(n).
    head = 0
    while head < min(n, m) and norms[head] in keys[expected[head].index]:
        head += 1
    tail = 0
    while tail < min(n, m) - head and norms[n - 1 - tail] in keys[expected[m - 1 - tail].index]:
        tail += 1
    pairs = [(entries[i], expected[i], EXACT) for i in range(head)]
    middle = _lcs(entries[head:n - tail], expected[head:m - tail], norms[head:n - tail],
                  texts[head:n - tail], keys)
    pairs.extend(middle)
    pairs.extend((entries[n - tail + i], expected[m - tail + i], EXACT) for i in range(tail))
    plan.pairs = pairs
    matched_entries = {id(p[0]) for p in pairs}
    matched_headings = {p[1].index for p in pairs}
    unmatched = [h for h in expected if h.index not in matched_headings]
    by_anchor = {key: h for h in unmatched for key in keys[h.index]}
    for entry, norm in zip(entries, norms):
        if id(entry) in matched_entries:
            continue
        target = by_anchor.pop(norm, None)
        if target is not None:
            plan.moved.append((entry, target))
        else:
            plan.extra.append(entry)
    moved = {h.index for _, h in plan.moved}
    plan.missing = [h for h in unmatched if h.index not in moved]
    return plan


def plan_for(doc: Document, settings: Settings, ctx: Any = None) -> Optional[Plan]:
    """:func:`align`, computed once per run over a document when the rules' context is
    given (the five TOC rules, broken-anchor and the fixer share it)."""
    if ctx is None:
        return align(doc, settings)
    return ctx.remember(("toc-plan", settings), lambda: align(doc, settings))


def _check_levels(value: Dict[str, Any], fail: Any) -> Dict[str, Any]:
    low, high = value.get("min-level"), value.get("max-level")
    if low is not None and high is not None and low > high:
        raise fail(("toc", "max-level"), f"{high} is less than toc.min-level ({low})")
    return value


TOC_SECTION = Section("toc", (
    Option("min-level", heading_level, None, "shallowest heading level the TOC lists"),
    Option("max-level", heading_level, None, "deepest heading level the TOC lists"),
    Option("exclude", strings, (), "heading texts left out of the TOC"),
), help="what the table of contents should list", validate=_check_levels)


def toc_settings(ctx: Any) -> Settings:
    """The TOC settings of a rule's context (the ``toc`` section's options)."""
    options = getattr(ctx, "options", None) or {}
    if "min-level" not in options:  # a context of another rule: read the section itself
        config = getattr(ctx, "config", None)
        options = dict(TOC_SECTION.defaults(),
                       **(getattr(config, "sections", {}).get("toc", {}) if config else {}))
    return Settings(options.get("min-level"), options.get("max-level"),
                    tuple(options.get("exclude") or ()))


def repairs(plan: Optional[Plan]) -> Dict[Tuple[int, int], str]:
    """(line, column) of TOC links whose entry lists a heading under another anchor."""
    if plan is None:
        return {}
    return {(e.link.line, e.link.column): h.anchor for e, h, w in plan.pairs if w != EXACT}


def _lcs(entries, headings, norms, texts, keys) -> List[Tuple[TocEntry, Heading, int]]:
    n, m = len(entries), len(headings)
    if not n or not m:
        return []
    score = [[0] * (m + 1) for _ in range(n + 1)]
    weights: Dict[Tuple[int, int], int] = {}
    for i in range(n - 1, -1, -1):
        row, below = score[i], score[i + 1]
        for j in range(m - 1, -1, -1):
            weight = _weight(entries[i], headings[j], norms[i], texts[i], keys[headings[j].index])
            best = below[j] if below[j] >= row[j + 1] else row[j + 1]
            if weight and below[j + 1] + weight > best:
                best = below[j + 1] + weight
                weights[i, j] = weight
            row[j] = best
    pairs = []
    i = j = 0
    while i < n and j < m:
        weight = weights.get((i, j))
        if weight and score[i][j] == score[i + 1][j + 1] + weight:
            pairs.append((entries[i], headings[j], weight))
            i, j = i + 1, j + 1
        elif score[i + 1][j] >= score[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


# -- style and edits -----------------------------------------------------------------------

@dataclass(frozen=True)
class Style:
    """How the list writes its TOC lines, learnt from its own lines."""

    bullet: str = "-"
    ordered: bool = False
    indent: int = 2
    gap: str = " "
    prefix: str = ""
    newline: str = "\n"


def detect_style(doc: Document) -> Style:
    toc = doc.toc
    text = doc.text
    newline = "\r\n" if "\r\n" in text[toc.start:toc.end + 2] else "\n"
    bullets: Counter = Counter()
    indents: Dict[int, int] = {}
    gaps: Counter = Counter()
    prefix = ""
    for entry in toc.entries if toc else ():
        line = _line(doc, entry.line)
        match = _ITEM.match(line)
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
                 prefix, newline)


def _line(doc: Document, number: int) -> str:
    start = doc.line_starts[number - 1]
    end = doc.line_starts[number] if number < len(doc.line_starts) else len(doc.text)
    return doc.text[start:end].rstrip("\r\n")


_LINK_IN_TEXT = re.compile(r"!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")


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


def _offset(doc: Document, line: int) -> int:
    return doc.line_starts[line - 1] if line - 1 < len(doc.line_starts) else len(doc.text)


def delete_edit(doc: Document, entry: TocEntry) -> Edit:
    return Edit(_offset(doc, entry.line), _offset(doc, entry.own_end_line), "")


def fragment_edit(entry: TocEntry, anchor: str) -> Optional[Edit]:
    dest = entry.link.dest
    if dest is None:
        return None
    return Edit(dest.start, dest.end, "#" + anchor)


def insert_edit(doc: Document, plan: Plan, heading: Heading, style: Style) -> Edit:
    """Insert a line for ``heading`` before the entry of the next listed heading."""
    placed = {h.index: e for e, h, _ in plan.pairs}
    following = [placed[h.index] for h in plan.expected
                 if h.index > heading.index and h.index in placed]
    if following:
        offset = _offset(doc, following[0].line)
    else:
        last = max(plan.toc.entries, key=lambda e: e.end_line, default=None)
        offset = _offset(doc, last.end_line) if last else plan.toc.start
        if last is not None and offset > plan.toc.end:
            offset = plan.toc.end
    depth, like = usual_depths(plan).get(heading.level, (None, None))
    if depth is None or like is None:
        depth = plan.depth.get(heading.index, (0,))[0]
    # A line can nest at most one level below the entry above it, and the first line of the
    # list not at all (indented further, it would become a code block or a continuation).
    above = [e for e in plan.toc.entries if _offset(doc, e.line) < offset]
    limit = max(e.depth for e in above[-1:]) + 1 if above else 0
    if depth > limit:
        depth, like = limit, None
    if like is None or like.depth != depth:
        like = next((e for e in plan.toc.entries if e.depth == depth), None)
    previous = [e for e, h, _ in plan.pairs if h.index < heading.index and e.depth == depth]
    number = 1
    if style.ordered and previous:
        match = re.match(r"\s*(\d+)", _line(doc, previous[-1].line))
        number = int(match.group(1)) + 1 if match else 1
    text = render_entry(heading, depth, style, number)
    if like is not None:
        model = _ITEM.match(_line(doc, like.line))
        if model is not None:
            text = model.group("indent") + text.lstrip(" \t>")
    if offset == len(doc.text) and doc.text and not doc.text.endswith(("\n", "\r")):
        text = style.newline + text.rstrip("\r\n")
    return Edit(offset, offset, text)


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


def usual_depths(plan: Plan) -> Dict[int, Tuple[int, Optional[TocEntry]]]:
    """For each heading level, the depth most of its entries use and one such entry."""
    seen: Dict[int, Counter] = {}
    example: Dict[Tuple[int, int], TocEntry] = {}
    for entry, heading, _ in plan.pairs:
        seen.setdefault(heading.level, Counter())[entry.depth] += 1
        example.setdefault((heading.level, entry.depth), entry)
    usual = {}
    for level, counts in seen.items():
        (depth, count), *rest = counts.most_common()
        if rest and rest[0][1] == count:
            usual[level] = (depth, None)  # no clear majority: nothing to compare with
        else:
            usual[level] = (depth, example[level, depth])
    return usual


def reindent_edit(doc: Document, entry: TocEntry, like: TocEntry) -> Optional[Edit]:
    """Give ``entry``'s line the indentation of ``like``'s line."""
    line, model = _line(doc, entry.line), _line(doc, like.line)
    match, model_match = _ITEM.match(line), _ITEM.match(model)
    if not match or not model_match:
        return None
    start = _offset(doc, entry.line)
    return Edit(start, start + len(match.group("indent")), model_match.group("indent"))


def render_toc(doc: Document, expected: Sequence[Heading], style: Style) -> str:
    """A whole TOC for ``expected`` headings (for empty marker blocks and `toc`)."""
    depths = _depths(expected)
    counters: Dict[int, int] = {}
    lines = []
    for heading in expected:
        depth = depths[heading.index][0]
        counters = {d: c for d, c in counters.items() if d <= depth}
        counters[depth] = counters.get(depth, 0) + 1
        lines.append(render_entry(heading, depth, style, counters[depth]))
    return "".join(lines)
