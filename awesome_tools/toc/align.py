"""The table of contents against the headings it should list: one alignment for every TOC rule.

Each TOC entry is paired with the heading it lists: the heading its fragment lands on (as a
browser resolves it), else the one it misses only by case or U+FE0F, else the one whose text
it shows, else the one a stale fragment plausibly meant. When two entries claim one heading,
the entry whose text is the heading's keeps it and the other looks again by its text (a TOC
that copy-pasted `#survey` for the second "Survey" lists `#survey-1`'s heading).

Order is then the longest increasing run of paired headings (the other paired entries are out
of order), and structure is judged among siblings: an entry should sit under the entry of its
heading's nearest listed section when its listed siblings do, and never under an entry whose
heading does not enclose its own. Everything here is linear or ``n log n`` in the TOC's size.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

from awesome_tools.config.schema import Option, Section, heading_level, strings
from awesome_tools.lazyre import lazy
from awesome_tools.model import Document, Heading, Toc, TocEntry
from awesome_tools.model.targets import FragmentTargets
from awesome_tools.records import field, record

if TYPE_CHECKING:
    from awesome_tools.rules import RuleContext

_OMIT = lazy(r"<!--\s*(?:omit (?:from|in) toc|toc-?skip|awesome-tools-toc-skip|"
                   r"DOCTOC SKIP)\s*-->", re.I)
_STRIP_TEXT = lazy(r"[\W_]+", re.UNICODE)

# How an entry was paired with its heading, best first.
EXACT, NEAR, TEXT, RENAMED = 4, 3, 2, 1
# Sections that lists conventionally leave out of their TOC (awesome-lint ignores the same
# ones): expected only when the TOC lists them.
META_SECTIONS = frozenset((
    "contents", "table of contents", "contributing", "contribute", "contributors",
    "contribution", "contributions", "how to contribute", "footnotes", "license", "licence",
    "related", "related lists", "related projects", "credits", "acknowledgements",
    "acknowledgments", "sponsors", "backers", "code of conduct",
))


@record(frozen=True)
class Settings:
    """What the user asked of the TOC: level range and headings to leave out."""

    min_level: Optional[int] = None
    max_level: Optional[int] = None
    exclude: Tuple[str, ...] = ()


@record
class Plan:
    """The alignment of a TOC with the headings it should list."""

    toc: Toc
    expected: List[Heading]
    pairs: List[Tuple[TocEntry, Heading, int]] = field(default_factory=list)  # in order
    moved: List[Tuple[TocEntry, Heading]] = field(default_factory=list)  # out of order
    extra: List[TocEntry] = field(default_factory=list)  # list no heading at all
    again: List[Tuple[TocEntry, TocEntry]] = field(default_factory=list)  # (entry, first)
    missing: List[Heading] = field(default_factory=list)
    preamble: List[Heading] = field(default_factory=list)  # missing, before the first listed
    listed: Dict[int, TocEntry] = field(default_factory=dict)  # heading index -> its entry
    heading_of: Dict[int, Heading] = field(default_factory=dict)  # entry index -> heading
    weight_of: Dict[int, int] = field(default_factory=dict)  # entry index -> pairing weight

    # computed once for the plan (rules ask per entry): (the list it was made of, its length,
    # the indices) and doc id -> (doc, nearest listed section of every heading)
    _expected_cache: Optional[Tuple[List[Heading], int, FrozenSet[int]]] = field(
        default=None, repr=False, compare=False)
    _sections_cache: Dict[int, Tuple[Document, int, Dict[int, Optional[Heading]]]] = field(
        default_factory=dict, repr=False, compare=False)
    # indexes the TOC writer makes once per plan and document (see toc.write._Index)
    memo: Dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def expected_index(self) -> FrozenSet[int]:
        """The indices of the expected headings; made once, not per question (a rule asks
        for each entry)."""
        cached = self._expected_cache
        if cached is None or cached[0] is not self.expected or cached[1] != len(self.expected):
            cached = self._expected_cache = (self.expected, len(self.expected),
                                             frozenset(h.index for h in self.expected))
        return cached[2]


_NO_HEADINGS: List[Heading] = []
_COUNT = lazy(r"\s*[(\[]\d+[)\]]\s*$")


def normalize_text(text: str) -> str:
    """Text for comparing a TOC line with a heading: case, punctuation, emoji and a trailing
    count (``🎵 Audio (39)``) left out.

    What ``_STRIP_TEXT.sub(" ", _COUNT.sub("", text).casefold()).strip()`` gives, at a fifth of
    its cost (both searches try every position; a large list has tens of thousands of texts):
    the count is cut by :func:`_without_count`, and an ASCII text's punctuation is mapped to
    spaces by ``bytes.translate`` (a third of ``str.translate``'s cost with a dict: 7554 TOC
    and heading texts on a 3 MB list)."""
    folded = _without_count(text).casefold()
    if folded.isascii():
        return " ".join(folded.encode("ascii").translate(_ASCII_NOT_WORD).decode("ascii").split())
    return _STRIP_TEXT.sub(" ", folded).strip()


# every ASCII character that ``[\W_]`` matches, to a space (a byte table: the text is ASCII)
_ASCII_NOT_WORD = bytes(code if chr(code).isalnum() else 32 for code in range(128)) + \
    bytes(range(128, 256))


def _without_count(text: str) -> str:
    """``_COUNT.sub("", text)``: the text without a trailing ``(39)`` or ``[39]`` and the
    white space around it."""
    end = text.rstrip()
    if not end.endswith((")", "]")):
        return text
    digits = len(end) - 1
    while digits > 0 and end[digits - 1].isdecimal():
        digits -= 1
    if digits == len(end) - 1 or digits == 0 or end[digits - 1] not in "([":
        return text
    return text[:digits - 1].rstrip()


def _omitted(doc: Document, heading: Heading) -> bool:
    """``<!-- omit from toc -->`` on the heading's line or the line above (lines as the model
    counts them: a U+2028 inside a paragraph is not a line break)."""
    before = doc.line(heading.line - 1) if heading.line >= 2 else ""
    return bool(_OMIT.search(doc.line(heading.line)) or _OMIT.search(before))


def _int(value: Any) -> Optional[int]:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- pairing entries with headings ---------------------------------------------------------------

class _Pairer:
    """Finds the heading each entry lists (see the module docstring)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.targets = FragmentTargets(doc)
        self.by_text_all: Dict[str, List[Heading]] = defaultdict(list)
        for heading in doc.headings:
            if heading.text.strip():
                self.by_text_all[normalize_text(heading.text)].append(heading)
        self._index: Any = None
        # per list of by_text_all (by id): heading indices; position -> first position after
        # it that may be free
        self._indices: Dict[int, List[int]] = {}
        self._jumps: Dict[int, Dict[int, int]] = {}

    def candidate(self, entry: TocEntry) -> Tuple[Optional[Heading], int, bool]:
        """(heading, weight, the fragment lands somewhere) from the fragment alone."""
        headings = self.doc.headings
        target = self.targets.resolve(entry.fragment)
        if target is not None:
            return (headings[target.heading], EXACT, True) if target.heading is not None \
                else (None, 0, True)
        _, near = self.targets.near(entry.fragment)
        if len(near) == 1 and near[0].heading is not None:
            return headings[near[0].heading], NEAR, False
        return None, 0, False

    def by_text(self, entry: TocEntry, low: float, high: float) -> Optional[Heading]:
        """The heading the entry shows the text of, between the headings its neighbours list
        (several sections of a list may each have a "Deep Learning" subsection)."""
        same = self.by_text_all.get(normalize_text(entry.text), _NO_HEADINGS)
        if len(same) == 1:
            return same[0]
        first = self._first_after(same, low)  # headings are in document order
        return same[first] if first < len(same) and same[first].index < high else None

    def _first_after(self, same: List[Heading], low: float) -> int:
        """Position in ``same`` of the first heading after index ``low``."""
        indices = self._indices.get(id(same))
        if indices is None:
            indices = self._indices[id(same)] = [h.index for h in same]
        return bisect_right(indices, low)

    def in_its_place(self, entry: TocEntry, low: float, high: float,
                     claimed: Dict[int, List[int]]) -> Optional[Heading]:
        """A renamed section: the one unlisted heading between the headings the entry's
        neighbours list, when the entry's text or fragment still resembles it."""
        if low == float("-inf") or high == float("inf"):
            return None
        start, stop = int(low) + 1, int(high)
        if stop - start > 8:  # a wide gap says nothing about which heading is meant
            return None
        free = [h for h in self.doc.headings[start:stop] if h.index not in claimed]
        if len(free) != 1:
            return None
        heading = free[0]
        wrote = normalize_text(entry.text) or normalize_text(entry.fragment)
        shown = normalize_text(heading.text)
        fragment = normalize_text(entry.fragment)
        from difflib import SequenceMatcher

        best = max(SequenceMatcher(None, wrote, shown).ratio(),
                   SequenceMatcher(None, fragment, shown).ratio())
        return heading if best >= 0.6 else None

    def renamed(self, entry: TocEntry) -> Optional[Heading]:
        meant = self._repair(entry.fragment)
        return self.doc.headings[meant.heading] if meant is not None and \
            meant.heading is not None else None

    def by_own_text(self, entry: TocEntry, taken: Dict[int, int], low: float,
                    high: float) -> Optional[Heading]:
        """A heading with the entry's text (or that text shortened) that no other entry
        lists, between the headings its neighbours list (for a copy-pasted fragment)."""
        wrote = normalize_text(entry.text)
        same = self.by_text_all.get(wrote, _NO_HEADINGS)
        first = self._free(same, 0, taken)
        if first < len(same):
            # the first free one between the neighbours, else the first free one
            between = self._free(same, self._first_after(same, low), taken)
            return same[between] if between < len(same) and same[between].index < high \
                else same[first]
        free: List[Heading] = []
        if wrote and low != float("-inf") and high != float("inf") and high - low <= 64:
            free = [h for h in self.doc.headings[int(low) + 1:int(high)]
                    if h.index not in taken and _prefixed(wrote, normalize_text(h.text))]
        if len(free) > 1:
            free = [h for h in free if low < h.index < high] or free
        return free[0] if free else None

    def _free(self, same: List[Heading], start: int, taken: Dict[int, int]) -> int:
        """Position of the first heading of ``same`` from ``start`` on that is not ``taken``
        (len(same) when none). Headings are only ever added to ``taken``, so a run found
        taken is jumped over next time (path compression): linear over all questions."""
        jumps = self._jumps.setdefault(id(same), {})
        path = []
        position = start
        while position < len(same):
            if position in jumps:
                path.append(position)
                position = jumps[position]
            elif same[position].index in taken:
                path.append(position)
                position += 1
            else:
                break
        for passed in path:
            jumps[passed] = position
        return position

    def _repair(self, fragment: str) -> Any:
        from awesome_tools.rules._anchors import AnchorIndex

        if self._index is None:
            self._index = AnchorIndex(self.doc)
        meant, _ = self._index.repair(fragment)
        return self.targets.resolve(meant) if meant else None


def _claim(pairer: _Pairer, entries: Sequence[TocEntry], ordered: bool = True
           ) -> Tuple[Dict[int, Tuple[Heading, int]], List[int], List[Tuple[int, int]]]:
    """Entry index -> (heading, weight); entries that list nothing; (entry, first) repeats.

    When several entries claim one heading, the one that sits in its place keeps it (between
    the entries of the headings around it), then the better weight, then the one showing the
    heading's text; the others look again by their own text.
    """
    found: Dict[int, Tuple[Heading, int, float]] = {}
    nothing: List[int] = []
    claimants: Dict[int, List[int]] = defaultdict(list)
    unsure: List[int] = []
    for index, entry in enumerate(entries):
        heading, weight, lands = pairer.candidate(entry)
        if heading is not None:
            found[index] = (heading, weight, _shows(entry, heading))
            claimants[heading.index].append(index)
        elif not lands:
            unsure.append(index)
    low, high = _neighbours(entries, found, claimants)
    for index in unsure:
        entry = entries[index]
        heading = pairer.by_text(entry, low[index], high[index])
        weight = TEXT
        if heading is None:
            heading, weight = pairer.renamed(entry), RENAMED
        if heading is None:
            heading = pairer.in_its_place(entry, low[index], high[index], claimants)
        if heading is None:
            nothing.append(index)
            continue
        found[index] = (heading, weight, _shows(entry, heading))
        claimants[heading.index].append(index)
    before, after = _neighbours(entries, found, claimants)
    chosen: Dict[int, Tuple[Heading, int]] = {}
    taken: Dict[int, int] = {}  # heading index -> entry index
    losers: List[Tuple[int, Heading]] = []
    def rank(i: int, heading_index: int) -> Tuple[bool, int, float, int]:
        in_place = not ordered or before[i] < heading_index < after[i]
        return (not in_place, -found[i][1], -found[i][2], i)

    for heading_index, indices in claimants.items():
        ranked = sorted(indices, key=lambda i: rank(i, heading_index))
        winner = ranked[0]
        taken[heading_index] = winner
        chosen[winner] = (found[winner][0], found[winner][1])
        losers.extend((i, found[i][0]) for i in ranked[1:])
    repeats: List[Tuple[int, int]] = []
    for index, heading in sorted(losers, key=lambda pair: pair[0]):
        other = pairer.by_own_text(entries[index], taken, before[index], after[index])
        if other is not None:
            taken[other.index] = index
            chosen[index] = (other, TEXT)
        else:
            repeats.append((index, taken[heading.index]))
    return chosen, sorted(nothing), repeats


def _prefixed(a: str, b: str) -> bool:
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


def _shows(entry: TocEntry, heading: Heading) -> float:
    """How much of the heading's text the entry shows: 1 for the same text, 0.9 when one is
    the other shortened (``(October 14 - October 20)`` for ``... - 2024``), else less."""
    wrote, shown = normalize_text(entry.text), normalize_text(heading.text)
    if wrote == shown:
        return 1.0
    if _prefixed(wrote, shown):
        return 0.9
    from difflib import SequenceMatcher

    return 0.8 * SequenceMatcher(None, wrote, shown).ratio()


def _neighbours(entries: Sequence[TocEntry], found: Dict[int, Tuple[Heading, int, float]],
                claimants: Dict[int, List[int]]) -> Tuple[List[float], List[float]]:
    """For each entry, the heading index of the nearest entry before and after it whose
    heading no other entry claims (-inf / +inf when there is none)."""
    unique = [found[i][0].index if i in found and len(claimants[found[i][0].index]) == 1
              else None for i in range(len(entries))]
    before: List[float] = []
    last = float("-inf")
    for value in unique:
        before.append(last)
        if value is not None:
            last = value
    after: List[float] = [0.0] * len(entries)
    last = float("inf")
    for i in range(len(entries) - 1, -1, -1):
        after[i] = last
        value = unique[i]
        if value is not None:
            last = value
    return before, after


def _increasing(positions: Sequence[int]) -> List[int]:
    """Indices (into ``positions``) of one longest strictly increasing subsequence."""
    tails: List[int] = []  # positions[tail index] for each length
    tail_at: List[int] = []
    before = [-1] * len(positions)
    for i, value in enumerate(positions):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[k] = value
            tail_at[k] = i
        before[i] = tail_at[k - 1] if k else -1
    result = []
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        result.append(i)
        i = before[i]
    return result[::-1]


# --- what the TOC should list --------------------------------------------------------------------

def _levels(toc: Toc, settings: Settings, listed: Sequence[Heading]) -> Tuple[int, int]:
    options = dict(toc.options)
    low = settings.min_level or _int(options.get("minlevel"))
    high = settings.max_level or _int(options.get("maxlevel")) or _int(options.get("depth"))
    if listed:
        low = low or min(h.level for h in listed)
        high = high or max(h.level for h in listed)
    return low or 1, high or 6


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
                      listed: Sequence[Heading] = ()) -> List[Heading]:
    """The headings the TOC should list, in order.

    Those within the TOC's level range, after the TOC (or from the first heading it lists,
    when that is above it), leaving out the TOC's own heading (the one whose section holds it,
    in whatever language it is titled), empty headings, conventional meta sections the TOC
    does not list (Contributing, License, ...), headings marked ``<!-- omit from toc -->`` or
    excluded in config, and, when every listed heading sits inside the same few parent
    sections (a TOC of the categories under ``## Projects``), headings outside those parents.
    """
    toc = doc.toc
    if toc is None:
        return []
    low, high = _levels(toc, settings, listed)
    first_line = toc.end_line
    # Headings above the TOC are expected only when it lists one of them other than the
    # title or its own heading (a TOC rooted at the H1 lists the sections after it).
    above = [h.line for h in listed if h.line < toc.line and h.level > 1
             and h.index != toc.heading]
    if above:
        first_line = min(above) - 1
    exclude = {normalize_text(text) for text in settings.exclude}
    named = {normalize_text(h.text) for h in listed}
    listed_index = {h.index for h in listed}
    meta = {name for name in META_SECTIONS if name not in named}
    parents = _ancestors(doc, low)
    containers = {parents[h.index] for h in listed}
    if None in containers or not listed:
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
        name = normalize_text(h.text)
        if not h.anchor or not name:
            continue  # an empty heading has nothing a link could say
        if h.index == toc.heading and h.index not in listed_index:
            skip_below = h.level
            continue
        if name in exclude or _omitted(doc, h) or name in meta:
            skip_below = h.level
            continue
        if containers and parents[h.index] not in containers:
            continue
        expected.append(h)
    return expected


def headings_for_a_new_toc(doc: Document, settings: Settings) -> List[Heading]:
    """What a TOC written from scratch lists: levels 2-3 unless configured, without empty,
    meta (Contents, Contributing, License, ...), omitted or excluded headings."""
    low, high = settings.min_level or 2, settings.max_level or 3
    exclude = {normalize_text(text) for text in settings.exclude}
    chosen = []
    skip_below = 0
    for h in doc.headings:
        if skip_below and h.level > skip_below:
            continue
        skip_below = 0
        name = normalize_text(h.text)
        if not (low <= h.level <= high) or not name:
            continue
        if name in exclude or name in META_SECTIONS or _omitted(doc, h):
            skip_below = h.level
            continue
        chosen.append(h)
    return chosen


# --- the plan ------------------------------------------------------------------------------------

_DEFAULT_SETTINGS = Settings()


def align(doc: Document, settings: Settings = _DEFAULT_SETTINGS) -> Optional[Plan]:
    """Align the document's TOC with the headings it should list (None without a TOC)."""
    toc = doc.toc
    if toc is None:
        return None
    entries = toc.entries
    chosen, nothing, repeats = _claim(_Pairer(doc), entries, ordered=toc.kind != "inline")
    listed_headings = [heading for heading, _ in chosen.values()]
    expected = expected_headings(doc, settings, listed_headings)
    plan = Plan(toc, expected)
    expected_index = {h.index for h in expected}
    for index, (heading, weight) in chosen.items():
        plan.listed[heading.index] = entries[index]
        plan.heading_of[index] = heading
        plan.weight_of[index] = weight
    in_scope = [i for i in sorted(chosen) if chosen[i][0].index in expected_index]
    keep = {in_scope[k] for k in _increasing([chosen[i][0].index for i in in_scope])}
    for index in in_scope:
        heading, weight = chosen[index]
        if index in keep:
            plan.pairs.append((entries[index], heading, weight))
        else:
            plan.moved.append((entries[index], heading))
    plan.extra = [entries[index] for index in nothing]
    plan.again = [(entries[index], entries[first]) for index, first in repeats]
    plan.missing = [h for h in expected if h.index not in plan.listed]
    # A section between the TOC and the first section it lists (a sponsor block, a note) may
    # be a preamble left out on purpose: said, not fixed.
    first = min((h.line for h in listed_headings if h.line > toc.end_line), default=None)
    if first is not None and len(plan.listed) >= 2:
        plan.preamble = [h for h in plan.missing if h.line < first]
    return plan


def plan_for(doc: Document, settings: Settings, ctx: Optional[RuleContext] = None
             ) -> Optional[Plan]:
    """:func:`align`, computed once per run over a document when the rules' context is
    given (the five TOC rules, broken-anchor and the fixer share it)."""
    if ctx is None:
        return align(doc, settings)
    return ctx.remember(  # type: ignore[no-any-return]  # what align() made, kept per run
        ("toc-plan", settings), lambda: align(doc, settings))


def repairs(plan: Optional[Plan]) -> Dict[Tuple[int, int], str]:
    """(line, column) of TOC links whose entry lists a heading under another anchor."""
    if plan is None:
        return {}
    found = {}
    for index, heading in plan.heading_of.items():
        if plan.weight_of[index] != EXACT:
            link = plan.toc.entries[index].link
            found[(link.line, link.column)] = heading.anchor
    return found


# --- structure -----------------------------------------------------------------------------------

@record(frozen=True)
class Nesting:
    """Where an entry should sit: under ``parent`` (an entry index, or None for the top of its
    group), because its heading's nearest listed section is ``section``."""

    parent: Optional[int]
    section: Optional[Heading]


def listed_section(doc: Document, plan: Plan, heading: Heading) -> Optional[Heading]:
    """The nearest heading above ``heading`` in the document tree that the TOC lists."""
    return _sections(doc, plan).get(heading.index)


def _sections(doc: Document, plan: Plan) -> Dict[int, Optional[Heading]]:
    """For every heading, its nearest enclosing heading that has a TOC entry (made once per
    plan and document: a rule or the fixer asks for each heading)."""
    cached = plan._sections_cache.get(id(doc))
    if cached is not None and cached[0] is doc and cached[1] == len(plan.listed):
        return cached[2]
    result: Dict[int, Optional[Heading]] = {}
    stack: List[Heading] = []
    for heading in doc.headings:
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        result[heading.index] = next((h for h in reversed(stack) if h.index in plan.listed),
                                     None)
        stack.append(heading)
    plan._sections_cache[id(doc)] = (doc, len(plan.listed), result)
    return result


def expected_nesting(doc: Document, plan: Plan) -> Dict[int, Nesting]:
    """For each paired entry (by index) whose nesting contradicts the document, where it
    should sit. Judged among siblings: entries whose headings share the nearest listed
    section. An entry under an entry whose heading does not enclose its own is always wrong;
    a flat entry is wrong only when its listed siblings (or, without siblings, most entries
    of the TOC in the same situation) nest under their section's entry."""
    entries = plan.toc.entries
    index_of = {id(entry): i for i, entry in enumerate(entries)}
    sections = _sections(doc, plan)
    enclosing = _enclosing(doc)
    groups: Dict[Optional[int], List[int]] = defaultdict(list)
    for index, heading in plan.heading_of.items():
        section = sections[heading.index]
        groups[section.index if section is not None else None].append(index)
    nested_votes = [0, 0]  # TOC-wide: (entries nested under their section's entry, flat ones)
    for index, heading in plan.heading_of.items():
        section = sections[heading.index]
        if section is None:
            continue
        section_entry = index_of[id(plan.listed[section.index])]
        nested_votes[0 if entries[index].parent == section_entry else 1] += 1
    result: Dict[int, Nesting] = {}
    for index, heading in plan.heading_of.items():
        entry = entries[index]
        section = sections[heading.index]
        want = index_of[id(plan.listed[section.index])] if section is not None else None
        if entry.parent == want or entry.kind != "item":
            continue
        parent_heading = plan.heading_of.get(entry.parent) if entry.parent is not None \
            else None
        if entry.parent is not None and (parent_heading is None or parent_heading.index
                                         not in enclosing[heading.index]):
            result[index] = Nesting(want, section)  # under something that does not enclose it
            continue
        if want is None or section is None or entry.label is not None and entry.parent is None:
            continue  # at the top of a labelled group: the label is what groups it
        siblings = [i for i in groups[section.index] if i != index]
        nested = sum(1 for i in siblings if entries[i].parent == want)
        flat = len(siblings) - nested
        if siblings and nested > flat or not siblings and nested_votes[0] > nested_votes[1]:
            result[index] = Nesting(want, section)
    return result


def nests_subsections(doc: Document, plan: Plan) -> bool:
    """Whether most entries whose heading has a listed section are nested under its entry
    (a TOC that nests) rather than beside it (a flat TOC)."""
    entries = plan.toc.entries
    index_of = {id(entry): i for i, entry in enumerate(entries)}
    sections = _sections(doc, plan)
    nested = flat = 0
    for index, heading in plan.heading_of.items():
        section = sections[heading.index]
        if section is not None:
            if entries[index].parent == index_of[id(plan.listed[section.index])]:
                nested += 1
            else:
                flat += 1
    return nested > flat


def _enclosing(doc: Document) -> Dict[int, FrozenSet[int]]:
    """For every heading, the indices of the headings that enclose it."""
    result: Dict[int, FrozenSet[int]] = {}
    stack: List[Heading] = []
    for heading in doc.headings:
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        result[heading.index] = frozenset(h.index for h in stack)
        stack.append(heading)
    return result


# --- config --------------------------------------------------------------------------------------

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
