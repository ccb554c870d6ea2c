"""``venue-mismatch``: an entry's venue tag against what its own links say.

A paper list tags each entry (``[ICCV 2020]``, ``NeurIPS 2019``, ``"Title", CVPR, 2021``,
``arXiv 2020/03``) and links the paper. The link is usually the better witness: a CVF
``content_CVPR_2020`` URL was published at CVPR 2020, an arXiv ID says when the preprint first
appeared. So:

* a proceedings link (CVF, ECVA, ACL Anthology, NeurIPS, PMLR, IJCAI, AAAI) that names another
  venue or year than every tag of the entry is an **error**;
* an ``arXiv YYYY/MM`` tag *before* the ID's first submission is an **error** (no version can
  predate the first one); a tag *after* it is a **note**: it is probably the date of a later
  version, and the first-submission date is suggested;
* a venue-year that never existed (ICCV is held in odd years, ECCV in even ones, ICLR began in
  2013) is an **error**;
* softer disagreements are **notes**: a Findings or workshop paper tagged as the main
  conference, a TACL/CL paper tagged with the conference it was presented at, an ``arXiv`` tag
  on an entry whose link is already a proceedings page. (A conference year before the arXiv
  preprint is not reported: papers are posted to arXiv months or years after their
  conference, and the dates cannot tell a wrong tag from a late preprint.)

Venue names come from the table in :mod:`awesome_tools.venues`, extended by the ``venues:``
config section (schema in :func:`awesome_tools.venues.venues_from_config`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Iterable, List, Optional, Sequence, TYPE_CHECKING, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.model import Document, Entry, Link
from awesome_tools.records import record
from awesome_tools.urls import arxiv_id
from awesome_tools.venues import (
    DEFAULT_TABLE,
    Evidence,
    VenueTable,
    VenueTag,
    url_evidence,
    venues_from_config,
)

if TYPE_CHECKING:  # annotations only
    from awesome_tools.rules import RuleContext

NAME = "venue-mismatch"
SOURCES = {
    "cvf": "CVF open access", "ecva": "ECVA", "acl-anthology": "ACL Anthology",
    "neurips": "NeurIPS proceedings", "pmlr": "PMLR", "jmlr": "JMLR", "ijcai": "IJCAI proceedings",
    "aaai": "AAAI proceedings", "conference-site": "the conference site", "arxiv": "arXiv",
}
JOURNALS_PRESENTED_AT_CONFERENCES = ("TACL", "CL")
_MARKER = lazy(r"\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_DESTINATION = lazy(r"\]\([^)]*\)")  # the reference for drop_destinations

# --------------------------------------------------------------------------- the table

_TABLES: Dict[int, Tuple[object, VenueTable]] = {}


def venue_table(ctx: RuleContext) -> VenueTable:
    """The table for a rule's context (see :func:`table_for_config`)."""
    return table_for_config(getattr(ctx, "config", None))


def table_for_config(config: Any) -> VenueTable:
    """The default table extended by the config's ``venues:`` section (built once per config)."""
    if config is None or not hasattr(config, "section"):
        return DEFAULT_TABLE
    cached = _TABLES.get(id(config))
    if cached is not None and cached[0] is config:
        return cached[1]
    extra = venues_from_config(config.section("venues"), config.error)
    table = DEFAULT_TABLE.extended(extra) if extra else DEFAULT_TABLE
    _TABLES[id(config)] = (config, table)
    return table


# --------------------------------------------------------------------------- entry text


def entry_text(doc: Document, entry: Entry) -> str:
    """The Markdown of an item entry's first paragraph (the line(s) that hold its own links).

    Heading entries carry their tag in the heading, which the model already split off.
    """
    starts = doc.line_starts
    last = min(entry.end_line, len(starts))
    if last <= entry.line:  # one line, as most items are: no list to build and join
        begin = starts[entry.line - 1]
        end = starts[entry.line] if entry.line < len(starts) else len(doc.text)
        return doc.text[begin:end].rstrip("\r\n")
    lines = []
    for number in range(entry.line, last + 1):
        begin = starts[number - 1]
        end = starts[number] if number < len(starts) else len(doc.text)
        line = doc.text[begin:end].rstrip("\r\n")
        if number > entry.line and (not line.strip() or _MARKER.match(line)):
            break
        lines.append(line)
    return "\n".join(lines)


def entry_tags(doc: Document, entry: Entry, table: VenueTable = DEFAULT_TABLE
               ) -> List[VenueTag]:
    """The venue mentions that tag ``entry``: its bracketed tag, else those right after its title.

    ``"Title", ICCV, 2023 (*Org*). [[Paper](u)]`` and ``[Title](u), ICCV 2019`` are tagged by
    what follows the title, up to the next link. Only a tag that comes first counts: in
    ``[Name](u) - Extends the CVPR 2019 paper.`` the venue belongs to a description.
    """
    if entry.venue:
        return table.parse_tag(entry.venue)
    if entry.kind != "item":
        return []  # headings, rows, paragraphs and HTML items carry their tag in ``venue``
    if _no_year_after_title_link(doc, entry):
        return []
    text = entry_text(doc, entry)
    at, start = _title_end(text, entry.title)
    # No search for a year in ``text[start:]`` first: the region is cut from it (no year is
    # made by the cuts), parse_tag looks for one in the region when it has not seen it, and
    # that search of the whole line (links included) on every tagged item was ~8% of the rule
    # on Awesome-Transformer-Attention.
    region = _region_after(text, entry.title, at, start)
    tags = table.parse_tag(region)
    if tags and tags[0].start and not _LEAD.match(region, 0, tags[0].start):
        return []
    return tags


_TWO_DIGITS = lazy(r"\d\d")
_MARKER_ONLY = lazy(r"[ \t>]*(?:[-*+]|\d+[.)])?[ \t]*\Z")


@lru_cache(maxsize=256)
def _marker_only(prefix: str) -> bool:
    """``_MARKER_ONLY.match(prefix)``: what precedes an item's title link is a list marker.
    Remembered: a list writes few of them (``- ``, ``  * ``), on every line."""
    return _MARKER_ONLY.match(prefix) is not None


def _no_year_after_title_link(doc: Document, entry: Entry) -> bool:
    """True when the usual item, ``- [Title](url) text``, has no two digits between its title
    link and the next ``[``: then no tag follows the title (see :func:`tag_region`), and the
    entry's text need not be read. False whenever the shape is anything else."""
    if not entry.links or not entry.title:
        return False
    link = entry.links[0][1]
    if link.syntax != "inline" or link.dest is None or link.text != entry.title \
            or link.line != entry.line:
        return False
    starts, text = doc.line_starts, doc.text
    line_start = starts[entry.line - 1]
    at = line_start + link.column - 1
    if text[at:at + 1] != "[" or not _marker_only(text[line_start:at]):
        return False
    end = starts[entry.end_line] if entry.end_line < len(starts) else len(text)
    stop = text.find("[", link.dest.end, end)
    return not _two_digits_in(text, link.dest.end, stop if stop >= 0 else end)


_DIGITS = b"0123456789"


def _two_digits_in(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds two digits in a row (``_TWO_DIGITS``).

    The usual description is ASCII without a digit, which deleting the digits from its bytes
    tells at C speed; the search reads ~10 ns a character and was a third of the rule on the
    synthetic 3 MB list. Any other text is searched."""
    part = text[start:end]
    if part.isascii() and len(part.encode().translate(None, _DIGITS)) == len(part):
        return False
    return _TWO_DIGITS.search(text, start, end) is not None


_LEAD = lazy(r"[\s,;:.*_\-\u2013\u2014(\[\"\u201d]*\Z")
_QUOTED_TITLE = lazy(r"[\s*_:,\-\u2013\u2014]*[\"\u201c][^\"\u201d]+[\"\u201d]")


def tag_region(text: str, title: str) -> str:
    """The part of an item's text after its title (quoted or linked) and before the next link."""
    at, start = _title_end(text, title)
    return _region_after(text, title, at, start)


def _title_end(text: str, title: str) -> Tuple[int, int]:
    """Where ``title`` is in ``text`` (-1 if absent) and where the text after it starts."""
    at = text.find(title) if title else -1
    return at, (at + len(title) if at >= 0 else 0)


def _region_after(text: str, title: str, at: int, start: int) -> str:
    """:func:`tag_region` once :func:`_title_end` has found the title. Every ``\\d\\d`` of
    the region is one of ``text[start:]``: the steps below cut and drop, never join."""
    rest = text[start:]
    closed = rest.lstrip("*_")  # `[**Title**](url)`: emphasis closes before the link does
    if at >= 0 and title.endswith("]") and closed.startswith("("):
        closed = "]" + closed  # the title kept its brackets: `[Title]` then `(url)`
    if closed.startswith("](") and at >= 0:  # the title was a link text: skip its destination
        rest = drop_destinations(closed, count=1)[1:]
    # a quoted title needs two quotes: most texts hold one (the title's own) or none
    quoted = _QUOTED_TITLE.match(rest) if rest.count('"') > 1 or "\u201c" in rest \
        or "\u201d" in rest else None
    if quoted:  # **Name**: "The Paper's Title", Venue, Year
        rest = rest[quoted.end():]
    cut = rest.find("[")
    region = rest if cut < 0 else rest[:cut]
    return drop_destinations(region) if "](" in region else region


def drop_destinations(text: str, count: int = 0) -> str:
    """``_DESTINATION.sub("]", text, count)``: each ``](...)`` becomes ``]``, in one pass
    (the pattern rescans to the end from every ``](`` that no ``)`` follows)."""
    out = []
    position = search = done = 0
    close = -2  # the first ")" after the last "](" looked at (-1: none)
    while not count or done < count:
        at = text.find("](", search)
        if at < 0:
            break
        if close != -1 and close < at + 2:
            close = text.find(")", at + 2)
        if close < 0:
            break
        out.append(text[position:at])
        out.append("]")
        position = search = close + 1
        done += 1
    if not out:
        return text
    out.append(text[position:])
    return "".join(out)


def paragraph_entries(doc: Document, table: VenueTable = DEFAULT_TABLE) -> Tuple[Entry, ...]:
    """Entries written as paragraphs that carry a venue: ``[Title](url), ICCV 2019,
    [[code]](u)``, ``**Title** \\`` with a venue line, a citation.

    The model finds paragraph entries itself now (:mod:`awesome_tools.model.entries`); this
    keeps the venue rule's view of them: those that name a venue the table knows.
    """
    return tuple(entry for entry in doc.entries
                 if entry.kind == "paragraph" and entry.venue and table.parse_tag(entry.venue))


# --------------------------------------------------------------------------- judging


@record(frozen=True)
class Problem:
    """One disagreement: how serious, what to say, and the tag a person could paste instead."""

    severity: str
    message: str
    suggestion: Optional[str] = None
    tag: Optional[VenueTag] = None


def _label(ev: Evidence) -> str:
    what = ev.venue or "a"
    if ev.year:
        what += f" {ev.year}"
    if ev.findings:
        what = "Findings of " + what
    if ev.workshop:
        what += " workshop"
    return what


def _tag_label(tag: VenueTag) -> str:
    return " ".join(tag.text.split())


def never_held(tag: VenueTag, table: VenueTable) -> Optional[str]:
    """Why ``tag``'s venue-year cannot exist (``ICCV is held in odd years``), else None."""
    return _never_held(table, tag.venue, tag.year)


@lru_cache(maxsize=1024)
def _never_held(table: VenueTable, name: str, year: Optional[int]) -> Optional[str]:
    """:func:`never_held` of a tag of venue ``name`` and ``year``, all it reads of the tag.
    Remembered: a list repeats its venue-years (2114 tags, 64 venue-years on
    Awesome-Transformer-Attention), and looking up each cost ~2% of venue-mismatch."""
    venue = table.find(name)
    if venue is None or year is None or venue.preprint:
        return None
    if venue.held_in(year) is not False:
        return None
    if year < venue.first_year:
        return f"the first {venue.name} was in {venue.first_year}"
    if venue.every == 2 and venue.parity is not None:
        return f"{venue.name} is held in {'odd' if venue.parity else 'even'} years"
    return None  # pragma: no cover - held_in is False only for the two cases above


def proceedings_problems(tags: Sequence[VenueTag], ev: Evidence,
                         table: VenueTable) -> List[Problem]:
    """A proceedings link against the entry's tags: one problem at most."""
    where = SOURCES.get(ev.source, ev.source)
    published = [tag for tag in tags if not tag.preprint]
    if not published:
        arxiv = [tag for tag in tags if tag.venue == "arXiv"]
        if ev.venue and arxiv:
            return [Problem("note", f"tagged '{_tag_label(arxiv[0])}', but the link is the "
                            f"{_label(ev)} paper ({where}): the tag could name the venue",
                            _label(ev), arxiv[0])]
        return []
    if ev.venue is None:
        if ev.source != "acl-anthology" or ev.year is None:
            return []
        if any(tag.year == ev.year for tag in published if tag.year):
            return []
        tag = published[0]
        return [Problem("error", f"tagged '{_tag_label(tag)}', but the link is a "
                        f"{ev.year} paper ({where})", None, tag)]
    same_venue = [tag for tag in published if table.find(tag.venue) is table.find(ev.venue)
                  or tag.venue == ev.venue]
    exact = [tag for tag in same_venue if tag.year is None or ev.year is None
             or tag.year == ev.year]
    if exact:
        return _track_problems(exact[0], ev, where)
    tag = same_venue[0] if same_venue else published[0]
    if not same_venue and ev.venue in JOURNALS_PRESENTED_AT_CONFERENCES:
        return [Problem("note", f"tagged '{_tag_label(tag)}', but the link is a {_label(ev)} "
                        f"paper ({where}); journal papers are often presented at a conference",
                        None, tag)]
    message = f"tagged '{_tag_label(tag)}', but the link is the {_label(ev)} paper ({where})"
    reason = never_held(tag, table)
    if reason:
        message += f"; there was no {tag.venue} {tag.year} ({reason})"
    return [Problem("error", message, _label(ev), tag)]


def _track_problems(tag: VenueTag, ev: Evidence, where: str) -> List[Problem]:
    """Same venue and year: only the track (main, workshop, Findings) can still differ."""
    if ev.findings and not tag.findings:
        return [Problem("note", f"tagged '{_tag_label(tag)}', but the link is a Findings of "
                        f"{ev.venue} paper ({where}), not the main conference",
                        _label(ev), tag)]
    if ev.workshop and not tag.workshop:
        return [Problem("note", f"tagged '{_tag_label(tag)}', but the link is a {ev.venue} "
                        f"workshop paper ({where})", _label(ev), tag)]
    return []


# arXiv numbers papers by announcement cycle: what is submitted after a month's last deadline
# gets the next month's YYMM (CLIP, submitted 26 Feb 2021, is 2103.00020). Those papers are
# the first few thousand of their month.
EARLY_IN_MONTH = 3000


def _announced_later(told: Tuple[int, int], actual: Tuple[int, int], ident: str) -> bool:
    """True when a tag one month before the ID's YYMM can be the real submission date.

    ``told`` is the tag's (year, month), month 0 when the tag has none; ``actual`` the ID's.
    """
    number = ident.rsplit(".", 1)[-1] if "." in ident else ident.rsplit("/", 1)[-1][4:]
    if not number.isdigit() or int(number) > EARLY_IN_MONTH:
        return False
    year, month = actual
    if told[1] == 0:  # year only: a late-December submission
        return month == 1 and told[0] == year - 1
    before = (year - 1, 12) if month == 1 else (year, month - 1)
    return told == before


def arxiv_problems(tags: Sequence[VenueTag], ev: Evidence, ident: str) -> List[Problem]:
    """An arXiv link's first-submission date against arXiv tags and conference years."""
    problems = []
    # an arXiv ID's evidence always has both (its YYMM); the format below needs them
    assert ev.year is not None and ev.month is not None, ev
    for tag in tags:
        if tag.year is None:
            continue
        if tag.venue == "arXiv":
            told = (tag.year, tag.month) if tag.month else (tag.year, 0)
            actual = (ev.year, ev.month) if tag.month else (ev.year, 0)
            if told == actual:
                continue  # the usual case: nothing to say, no message to format
            first = f"{ev.year}/{ev.month:02d}"
            if told < actual and _announced_later(told, (ev.year, ev.month), ident):
                continue
            if told < actual:
                problems.append(Problem(
                    "error", f"tagged '{_tag_label(tag)}', but arXiv:{ident} dates from "
                    f"{first}, later: the date or the link is wrong", f"arXiv {first}", tag))
            elif told > actual:
                problems.append(Problem(
                    "note", f"tagged '{_tag_label(tag)}', but arXiv:{ident} dates from {first}; "
                    "the tag is probably the date of a later version",
                    f"arXiv {first}", tag))
        # A conference year before the arXiv preprint is not reported: the labelled corpus
        # has papers posted one to twenty months after their conference, tagged right
        # (ICCV 2023 in January 2024, IJCAI 2019 in February 2021, ECCV 2024 in September
        # 2025), and wrong tags at the same distances: the dates cannot tell them apart.
    return problems


def _first_evidence(links: Iterable[Link]
                    ) -> Tuple[Optional[Evidence], Optional[Tuple[Link, Evidence]]]:
    """The evidence of the first proceedings link and the first arXiv link (with the link).

    Only these two are judged, so the links after them are not read."""
    proceedings: Optional[Evidence] = None
    paper: Optional[Tuple[Link, Evidence]] = None
    for link in links:
        ev = url_evidence(link.url)
        if ev is None:
            continue
        if ev.source == "arxiv":
            if paper is None:
                paper = (link, ev)
        elif proceedings is None:
            proceedings = ev
        if paper is not None and proceedings is not None:
            break
    return proceedings, paper


def entry_problems(tags: Sequence[VenueTag], links: Iterable[Link],
                   table: VenueTable = DEFAULT_TABLE) -> List[Problem]:
    """Every disagreement between an entry's tags and its links, errors first (``links`` is
    read once, up to the first proceedings and arXiv link)."""
    problems: List[Problem] = []
    proceedings, paper = _first_evidence(links)
    if proceedings is not None:
        problems.extend(proceedings_problems(tags, proceedings, table))
    if paper is not None and paper[1].year and paper[1].month:
        link, ev = paper
        problems.extend(arxiv_problems(tags, ev, arxiv_id(link.url) or ""))
    reported = {id(problem.tag) for problem in problems if problem.severity == "error"}
    for tag in tags:
        reason = never_held(tag, table)
        if reason and id(tag) not in reported:
            problems.append(Problem("error", f"there was no {tag.venue} {tag.year} ({reason})",
                                    None, tag))
    if len(problems) > 1:
        problems.sort(key=lambda problem: problem.severity != "error")
    return problems


# --------------------------------------------------------------------------- the rule


def column_of(doc: Document, entry: Entry, tag: Optional[VenueTag]) -> int:
    """Where the tag is written on the entry's first line, else the entry's column."""
    if tag is None:
        return entry.column
    begin = doc.line_starts[entry.line - 1]
    end = doc.text.find("\n", begin)
    at = doc.text[begin:end if end >= 0 else len(doc.text)].find(tag.text)
    return at + 1 if at >= 0 else entry.column


def entries_with_tags(doc: Document, table: VenueTable = DEFAULT_TABLE) -> Tuple[Entry, ...]:
    """The entries a venue rule looks at: all of the model's (items, headings, table rows,
    paragraphs, HTML items), in document order."""
    return doc.entries
