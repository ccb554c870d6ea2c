"""Entries: what a list lists, in whatever shape the list writes them.

Lists write entries in many shapes, and mix them: list items (``- [Name](url) - Description.``),
a paper heading followed by its link line (``#### Title [Venue]`` then ``[[paper]](u)``), GFM
table rows (``| Title | Venue | Date | Code |``), paragraphs (``**Title** \\`` / ``*Authors* \\`` /
``Venue [[Paper](u)]``, citations, ``[Title](u), ICCV 2019``), bare URLs and HTML items (``<li>``,
``<tr>``, ``<br>``-separated lines). All of them become :class:`~awesome_tools.model.Entry`
with a title, a venue, labelled links and the section path, so rules (duplicates, venue
checks, entry format) and exports need not care which shape a list uses.

What is *not* an entry matters as much: TOC lines, badges, group labels whose sub-items are
the entries (``* [Company](home)`` over its assignments), field sub-bullets (``- Paper: u``
under a bold title, ``- Date: ...`` under an event), feature bullets that mention a link in
their prose, and dated news bullets. Strong shapes (an item that starts with its link, a bold
title with link lines, a row of a table of links) are always entries; weak ones (an item that
mentions a link in its text, a paragraph that is only a link) count only where they are the
majority of their list or section, so a list decides its format section by section.

Everything here runs on every ``check``: one pass over the parser's block records, a few
regular expressions per block, nothing quadratic.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from operator import attrgetter
from typing import (TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Optional, Sequence, Set,
                    Tuple)

from awesome_tools.model import Entry, Link, Toc
from awesome_tools.records import replace

if TYPE_CHECKING:
    from awesome_tools.model import Heading
    from awesome_tools.model.engine import Block
    from awesome_tools.model.parse import _Source
    from awesome_tools.toc.find import ListItem, MarkdownList

    # A field list's links under a bold title, and the line it ends on (_field_list).
    _Fields = Tuple[Tuple[Tuple[str, Link], ...], int]


class _Pattern:
    """A regular expression compiled on first use: most lists need a few of this module's
    shapes, and compiling all of them at import costs a plain ``check`` several milliseconds."""

    # The compiled pattern's methods as type checkers see them (annotations only, no class
    # attributes: the first use still goes through __getattr__).
    match: Callable[..., Optional[re.Match[str]]]
    search: Callable[..., Optional[re.Match[str]]]
    fullmatch: Callable[..., Optional[re.Match[str]]]
    sub: Callable[..., str]
    subn: Callable[..., Tuple[str, int]]
    findall: Callable[..., List[Any]]
    finditer: Callable[..., Iterator[re.Match[str]]]
    split: Callable[..., List[Any]]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(*self._args)
        for method in ("match", "search", "fullmatch", "sub", "subn", "findall", "finditer",
                       "split"):
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


# --------------------------------------------------------------------------- link labels

_KNOWN_LABELS = {
    "paper", "code", "pdf", "arxiv", "project", "blog", "video", "slides", "website", "github",
    "demo", "data", "dataset", "homepage", "page", "pytorch", "tensorflow", "official",
    "supp", "poster", "talk", "model", "models", "weights", "docs", "doc", "openreview",
}
# Label words in other languages, and a few spellings, mapped to the English label.
_LABEL_ALIASES = {
    "论文": "paper", "論文": "paper", "논문": "paper", "代码": "code", "源码": "code",
    "コード": "code", "코드": "code", "项目": "project", "项目主页": "project", "主页": "homepage",
    "数据集": "dataset", "视频": "video", "博客": "blog", "演示": "demo", "paper link": "paper",
}
_PAPER_LABELS = frozenset({"paper", "pdf", "arxiv"})
_LABEL_DIGITS = _Pattern(r"\d+$")
_FOUR_DIGITS = _Pattern(r"\d{4}")
_OPENING_QUOTE = _Pattern("[\"\u201c]")
_CLOSING_QUOTE = _Pattern("[\"\u201d]")
_BOLD_START = _Pattern(r"^(?:\*\*|__)(.+?)(?:\*\*|__)")
# A link text that is a venue tag (``[[CVPR 2025](arxiv)]``): the link is the paper.
_VENUE_TEXT = _Pattern(r"^[A-Za-z][\w&./+\- ]{0,30}['’ ]?(?:19|20)?\d{2}(?:\s+\w+)?$")


def link_label(link: Link) -> str:
    """``[[code2]](u)`` -> ``code``; ``[PDF](u)`` -> ``pdf``; anything else -> ``link``."""
    text = link.text
    label = _LABELS.get(text)
    if label is None:
        label = _label_of(text.strip())
        if len(_LABELS) < 65536:
            _LABELS[text] = label
    return label


_LABELS: Dict[str, str] = {}  # link text -> label: names and label words repeat a lot


def _label_of(text: str) -> str:
    if len(text) > 12 and text[:1] != "[":
        return "link"  # a name or a title, not a label word (most links: decided at once)
    bracketed = text[:1] == "[" and text[-1:] == "]"
    word = text.strip("[]").strip().lower() if bracketed else text.lower()
    base = (_LABEL_DIGITS.sub("", word).strip() or word) if word[-1:].isdigit() else word
    if bracketed and base:
        return _LABEL_ALIASES.get(base, base)
    if base in _KNOWN_LABELS:
        return base
    return _LABEL_ALIASES.get(base, "link")


def _is_entry_link(link: Link) -> bool:
    """A link that can identify an entry: not an in-page link, a definition, an e-mail address
    or a placeholder (``[[Paper](URL)]`` in a format example)."""
    url = link.url
    if not url or link.kind != "link":
        return False
    first = url[0]  # asked once: most URLs start with "h", and no test below needs a call
    syntax = link.syntax
    if first == "#" or syntax == "definition" or first == "m" and url.startswith("mailto:"):
        return False
    if len(url) <= 8 and url.strip(" .").casefold() in _PLACEHOLDERS:
        return False
    return syntax != "reference" or not link.label.startswith("^")  # a footnote


_PLACEHOLDERS = frozenset({"", "url", "link", "links", "href", "xxx", "todo", "tbd", "…",
                           "paper", "code", "project"})


def _primary(links: Sequence[Tuple[str, Link]]) -> Optional[Link]:
    for label, link in links:
        if label in _PAPER_LABELS:
            return link
    for label, link in links:
        if label != "badge":
            return link
    return None


def split_venue(title: str) -> Tuple[str, str]:
    """``Title [ICCV 2019]`` -> (``Title``, ``ICCV 2019``).

    The tag is the last bracketed or parenthesised group, holding no brackets itself and a
    four-digit number, with nothing but spaces after it. Found by scanning back from the end
    (a pattern searched from every ``(`` of a long title backtracks quadratically),
    so this is linear in the title.
    """
    body = title.rstrip()
    if body[-1:] not in ("]", ")"):
        return title.strip(), ""
    close = len(body) - 1
    opener = max(body.rfind(char, 0, close) for char in "[]()")
    if opener < 0 or body[opener] not in "[(":
        return title.strip(), ""
    tag = body[opener + 1:close]
    if _FOUR_DIGITS.search(tag) is None:
        return title.strip(), ""
    return body[:opener].strip(), tag.strip()


def first_quoted(text: str, minimum: int = 8) -> Optional[Tuple[int, int]]:
    """(start, end) of the text inside the first ``"..."`` or ``\u201c...\u201d`` quotation
    that holds at least ``minimum`` characters, or None (``_QUOTED.search``).

    Each opening quote is tried in turn against the next closing quote after it, which is
    searched for again only once the openers pass it: one pass over the text (the pattern is
    quadratic on a line of opening quotes).
    """
    closer = -1
    for opener in _OPENING_QUOTE.finditer(text):
        start = opener.start()
        if closer <= start:
            found = _CLOSING_QUOTE.search(text, start + 1)
            if found is None:
                return None
            closer = found.start()
        if closer - start - 1 >= minimum:
            return start + 1, closer
    return None


# --------------------------------------------------------------------------- text helpers

_IMAGE_MD = _Pattern(r"!\[[^\]]*\]\([^)]*\)")
_LINK_MD = _Pattern(r"\[([^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]"
                      r"\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
_REF_MD = _Pattern(r"\[([^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\[[^\]]*\]")
_TAG = _Pattern(r"<[^>]*>")
_EMPHASIS = _Pattern(r"\*\*|__|(?<![\w*])\*(?!\s)|(?<!\s)\*(?![\w*])|`")
_SPACES = _Pattern(r"\s+")
# A year not inside a longer number: ``(?<!\d)(?:19|20)\d{2}(?!\d)``, with the look-behind
# after the century (three characters back: the one before it) so that a search skips to
# each "1" or "2" instead of trying the look-behind at every character.
_YEAR = _Pattern(r"(?:19|20)(?<!\d..)\d{2}(?!\d)")
_SHORT_YEAR = _Pattern(r"'(\d{2})(?!\d)")
_HARD_BREAK = _Pattern(r"(?:\\|<br\s*/?>|\s{2,})\s*$", re.I)
_DESCRIPTION_SEP = _Pattern(r"\s[-\u2013\u2014]+\s|\s[-\u2013\u2014]+$|^\s*[-\u2013\u2014:：]\s*")


def plain(text: str) -> str:
    """The visible text of a bit of inline Markdown/HTML: link texts kept, images, tags and
    emphasis markers dropped, entities decoded, whitespace collapsed."""
    if "!" in text:
        text = _IMAGE_MD.sub("", text)
    if "](" in text:
        text = _LINK_MD.sub(r"\1", text)
    if "][" in text:
        text = _REF_MD.sub(r"\1", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        from html import unescape  # (html.entities' table: only where a text has an "&")

        text = unescape(text)
    text = _EMPHASIS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _year_of(text: str) -> Optional[int]:
    """The first year (``2019``, else ``'19``) in ``text``, or None.

    Each pattern is searched only when the text holds its literal part: a search of a
    description without a year tries the look-behind at every character (about 5 us on a
    typical description, against 0.1 us for the two substring tests).
    """
    if "19" in text or "20" in text:
        match = _YEAR.search(text)
        if match:
            return int(match.group())
    if "'" in text:
        short = _SHORT_YEAR.search(text)
        if short:
            return 2000 + int(short.group(1))
    return None


def _date_year(text: str) -> Optional[int]:
    """The year of a date cell: ``2023.12``, ``2019``, ``19-05-24`` (yy-mm-dd)."""
    found = _year_of(text)
    if found:
        return found
    short = re.match(r"\s*(\d{2})[-./]\d{1,2}(?:[-./]\d{1,2})?\s*$", text)
    if short:
        return 2000 + int(short.group(1))
    return None


# --------------------------------------------------------------------------- sections

# Headings of news and update logs: their bullets are announcements, not entries (a section of
# *software* named "News" is still a section of entries: only weak shapes are dropped there).
_NEWS = _Pattern(r"\b(?:news|updates?|update log|changelog|change log|release notes|"
                   r"what'?s new|announcements?)\b|更新|新闻|公告|お知らせ|ニュース|업데이트|뉴스",
                   re.I)
# A bullet that starts with a date (``[2024/05] ...``, ``🚩 2023/11/1: ...``) is news.
_DATED = _Pattern(r"^\W{0,6}(?:(?:19|20)?\d{2}[/.\-]\d{1,2}(?:[/.\-]\d{1,4})?|"
                    r"\d{4}年\d{1,2}月|(?:19|20)\d{2}\s*[-–:：\]])", re.U)
# <summary>...</summary> and <h2>...</h2> in HTML blocks, found as these patterns find them
# (reference: _SUMMARY and _HTML_HEADING) but in one pass: searched with the patterns, each
# tag that is never closed rescans the block to its end.
_SUMMARY = _Pattern(r"<summary[^>]*>(.*?)</summary>", re.I | re.S)
_HTML_HEADING = _Pattern(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.I | re.S)
_SUMMARY_OPEN = _Pattern(r"<summary", re.I)
_SUMMARY_CLOSE = _Pattern(r"</summary>", re.I)
_HEADING_OPEN = _Pattern(r"<h([1-6])\b", re.I)
_HEADING_CLOSES = tuple(_Pattern(rf"</h{level}\s*>", re.I) for level in range(7))
_TAG_END = _Pattern(r">")


class _Following:
    """The first match of a pattern at or after a position, for positions asked in
    increasing order: one search serves every position up to the match it found."""

    def __init__(self, pattern: _Pattern, text: str) -> None:
        self.pattern = pattern
        self.text = text
        self.asked = -1
        self.found: Optional["re.Match[str]"] = None
        self.searched = False

    def at(self, position: int) -> Optional["re.Match[str]"]:
        if not self.searched or position < self.asked or (
                self.found is not None and self.found.start() < position):
            self.found = self.pattern.search(self.text, position)
            self.searched = True
        self.asked = position
        return self.found


def _summaries(content: str) -> List[Tuple[int, int, str]]:
    """``[(m.start(), m.end(), m.group(1)) for m in _SUMMARY.finditer(content)]``."""
    found: List[Tuple[int, int, str]] = []
    tag_end, close = _Following(_TAG_END, content), _Following(_SUMMARY_CLOSE, content)
    position = 0
    for opening in _SUMMARY_OPEN.finditer(content):
        if opening.start() < position:
            continue
        end = tag_end.at(opening.end())
        closing = close.at(end.end()) if end is not None else None
        if closing is None or end is None:
            break  # no ">" or no "</summary>" after this tag: none after a later one either
        found.append((opening.start(), closing.end(), content[end.end():closing.start()]))
        position = closing.end()
    return found


def _html_headings(content: str) -> List[Tuple[int, int, str]]:
    """``[(m.start(), int(m.group(1)), m.group(2)) for m in _HTML_HEADING.finditer(content)]``."""
    found: List[Tuple[int, int, str]] = []
    tag_end = _Following(_TAG_END, content)
    closes: Dict[int, _Following] = {}
    position = 0
    for opening in _HEADING_OPEN.finditer(content):
        if opening.start() < position:
            continue
        level = int(opening.group(1))
        end = tag_end.at(opening.end())
        if end is None:
            break
        if level not in closes:
            closes[level] = _Following(_HEADING_CLOSES[level], content)
        closing = closes[level].at(end.end())
        if closing is None:
            continue  # another level may still close
        found.append((opening.start(), level, content[end.end():closing.start()]))
        position = closing.end()
    return found
_DETAILS_OPEN = _Pattern(r"<details\b", re.I)
_DETAILS_CLOSE = _Pattern(r"</details\s*>", re.I)


class _Sections:
    """The heading path and the enclosing ``<details>`` summaries, as the blocks go by."""

    def __init__(self) -> None:
        self.headings: List[Tuple[int, str]] = []
        self.details: List[List[Any]] = []  # [summary, heading level when it opened]
        self._path: Optional[Tuple[str, ...]] = ()
        self._news: Optional[bool] = False

    def heading(self, level: int, text: str) -> None:
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        # a <details> left open does not reach past a heading of its own level or above
        while self.details and self.details[-1][1] >= level:
            self.details.pop()
        self.headings.append((level, text))
        self._changed()

    def html(self, content: str) -> None:
        """``<details>``, ``<summary>`` and ``<h2>`` in an HTML block: sections for entries
        (the document's headings stay the Markdown ones)."""
        if "<details" not in content and "</details" not in content.lower() \
                and "<summary" not in content and "<h" not in content.lower():
            return
        # (offset, kind, value): None, a summary's text, or a heading's (level, inner HTML)
        events: List[Tuple[int, str, Any]] = [(m.start(), "open", None)
                                              for m in _DETAILS_OPEN.finditer(content)]
        events += [(m.start(), "close", None) for m in _DETAILS_CLOSE.finditer(content)]
        summaries = _summaries(content)
        events += [(start, "summary", value) for start, _, value in summaries]
        starts = [start for start, _, _ in summaries]
        for start, level_, inner in _html_headings(content):
            at = bisect_right(starts, start) - 1  # the summary that may hold it
            if at < 0 or not start < summaries[at][1]:
                events.append((start, "heading", (level_, inner)))
        level = self.headings[-1][0] if self.headings else 0
        for _, kind, value in sorted(events, key=lambda event: event[0]):
            if kind == "heading":
                text = plain(value[1])
                if text:
                    self.heading(value[0], text)
                    level = value[0]
            elif kind == "open":
                self.details.append(["", level])
            elif kind == "close":
                if self.details:
                    self.details.pop()
            elif self.details and not self.details[-1][0]:
                self.details[-1][0] = plain(value)
        self._changed()

    def _changed(self) -> None:
        self._path = None
        self._news = None

    @property
    def news(self) -> bool:
        """The current section is a news or update log (asked once per list, not per heading)."""
        if self._news is None:
            self._news = bool(self.headings) and _NEWS.search(self.headings[-1][1]) is not None
        return self._news

    def parent_path(self) -> Tuple[str, ...]:
        """The section the last heading sits in (its own path without itself)."""
        return tuple(text for _, text in self.headings[:-1]) + tuple(
            summary for summary, _ in self.details if summary)

    @property
    def path(self) -> Tuple[str, ...]:
        if self._path is None:
            self._path = tuple(text for _, text in self.headings) + tuple(
                summary for summary, _ in self.details if summary)
        return self._path


# --------------------------------------------------------------------------- candidates


class _Candidates:
    """Entries found so far; weak ones wait for their section's (or list's) majority.

    A strong entry is only appended: the counts the weak ones are judged by are taken in
    :meth:`result`, in one C-level pass, and only when there are weak ones (counting at each
    ``add`` was a tenth of the time of a list of items)."""

    def __init__(self) -> None:
        self.entries: List[Entry] = []
        self.weak: List[Tuple[Entry, str]] = []
        self.weak_count: Dict[Tuple[Tuple[str, ...], str], int] = {}
        self.named_items = 0

    def add(self, entry: Entry, weak: str = "") -> None:
        """``weak``: "" (an entry), ``section`` (an entry where its shape is the section's),
        ``named`` (a bold name and a description without a link: an entry in a list of
        entries)."""
        if weak:
            self.weak.append((entry, weak))
            key = (entry.section, entry.kind)
            self.weak_count[key] = self.weak_count.get(key, 0) + 1
            self.named_items += weak == "named"
        else:
            self.entries.append(entry)

    def add_items(self, entries: List[Entry], section: Tuple[str, ...]) -> None:
        """Strong item entries of one list, all in ``section`` (the usual items, in bulk)."""
        self.entries.extend(entries)

    def result(self) -> List[Entry]:
        """Strong entries; weak items where the section's items are mostly strong ones (named
        ones where the document's are); weak paragraphs and link headings where they are
        their section's shape (three at least)."""
        if not self.weak:
            return self.entries
        strong = Counter(map(_SECTION_KIND, self.entries))  # (section, kind) -> strong entries
        every = Counter(map(_SECTION, self.entries))  # section -> entries, weak ones too
        every.update(entry.section for entry, _ in self.weak)
        strong_items = sum(count for (_, kind), count in strong.items() if kind == "item")
        headings = [entry for entry, _ in self.weak if entry.kind == "heading"]
        first_at = _first_lines(self.entries + headings,
                                {_simple_url(entry) for entry in headings}) if headings else {}
        for entry, weak in self.weak:
            key = (entry.section, entry.kind)
            strong_count, weak_count = strong.get(key, 0), self.weak_count[key]
            if entry.kind == "heading" and first_at.get(_simple_url(entry)) != entry.line:
                continue  # ``### [Antigen](u)`` over how to install it: about an entry above
            if weak == "named":
                accept = strong_count > 0 and strong_items >= 10 and \
                    strong_items >= self.named_items
            elif entry.kind == "item":
                accept = strong_count >= weak_count
            else:
                mine = strong_count + weak_count
                accept = mine >= 3 and mine * 2 > every[entry.section]
            if accept:
                self.entries.append(entry)
        return self.entries


_SECTION = attrgetter("section")
_SECTION_KIND = attrgetter("section", "kind")


def _simple_url(entry: Entry) -> str:
    url = entry.primary.url.lower() if entry.primary is not None else ""
    at = url.find("//")
    if 0 <= at <= 6:
        url = url[at + 2:]
    if url.startswith("www."):
        url = url[4:]
    return url.rstrip("/")


def _first_lines(entries: List[Entry], wanted: Set[str]) -> Dict[str, int]:
    """The first line each (simply normalised) primary URL in ``wanted`` appears on."""
    first: Dict[str, int] = {}
    for entry in entries:
        url = _simple_url(entry)
        if url in wanted and (url not in first or entry.line < first[url]):
            first[url] = entry.line
    return first


# --------------------------------------------------------------------------- list items

_LEAD_NOISE = _Pattern(r"(?:\[[ xX]\]\s+|:[a-z0-9_+\-]+:\s*|[^\w\s\[\]<(*_\"“`~!\\]{1,3}\s*)*")
_BADGE_MD = _Pattern(r"(?:\[!\[[^\]]*\]\([^)\s]*\)\]\([^)\s]*\)|!\[[^\]]*\]\([^)\s]*\))\s*")
_LINK_START = _Pattern(r"\[[^\[\]\\]*(?:(?:\\.|\[[^\[\]]*\])[^\[\]\\]*)*\][(\[]")
_BOLD_LINK_START = _Pattern(r"(?:\*\*|__)\s*\[[^\[\]\\]*(?:(?:\\.|\[[^\[\]]*\])[^\[\]\\]*)*"
                              r"\][(\[]")
# Each run of spaces is read by one ``\s*`` only (after the part it follows): adjacent
# ``\s*`` around optional parts made a failing match try every split of a long run of
# spaces (polynomial backtracking: seconds on 250 spaces).
_ONLY_LINK = _Pattern(r"\s*(?:(?:\*\*|__)\s*)?\[[^\[\]\\]*(?:(?:\\.|\[[^\[\]]*\])[^\[\]\\]*)*\]"
                        r"(?:\([^()\s]*(?:\([^()]*\)[^()\s]*)?\)|\[[^\]]*\])")
_ONLY_TAIL = _Pattern(r"\s*(?:(?:\*\*|__)\s*)?(?:[:：]\s*)?(?:(?:[*_]+[^*_\[\]]{1,40}[*_]+|"
                        r"\([^()\[\]]{1,40}\))\s*)?\Z")


def _only_link(text: str) -> bool:
    """The item is one link (perhaps bold, with a short ``*(remark)*``): a label or a TOC line."""
    link = _ONLY_LINK.match(text)
    return link is not None and _ONLY_TAIL.match(text, link.end()) is not None
_QUOTED = _Pattern(r"[\"“]([^\"”]{8,})[\"”]")
_LEAD_VENUE = _Pattern(r"^[(\[]\s*\*{0,2}([^()\[\]]*\d{2}[^()\[\]]*?)\*{0,2}\s*[)\]]\s*")
_LEAD_OPEN = _Pattern(r"[(\[]\s*\*{0,2}")
_BRACKET = _Pattern(r"[()\[\]]")
_LAST_TWO_DIGITS = _Pattern(r".*\d{2}", re.S)
_SPACE_AFTER = _Pattern(r"\s*")


def _lead_venue(text: str) -> Optional[Tuple[str, int]]:
    """(group 1, end) of ``_LEAD_VENUE.match(text)``, in linear time.

    The group runs from after ``(`` (spaces, ``**``) to the first bracket; it must end at a
    ``)`` or ``]`` and hold two digits, and it stops at the last two digits or at the ``**``
    and spaces before the bracket, whichever is later. (The pattern tries every place for
    the digits and rescans the rest from each: quadratic on ``(1111...``.)
    """
    opening = _LEAD_OPEN.match(text)
    if opening is None:
        return None
    start = opening.end()
    bracket = _BRACKET.search(text, start)
    if bracket is None or bracket.group() not in ")]":
        return None
    close = bracket.start()
    digits = _LAST_TWO_DIGITS.match(text, start, close)
    if digits is None:
        return None
    tail = len(text[start:close].rstrip()) + start  # before the spaces ahead of the bracket
    stars = tail
    while stars > start and tail - stars < 2 and text[stars - 1] == "*":
        stars -= 1
    group_end = max(digits.end(), stars)
    return text[start:group_end], _SPACE_AFTER.match(text, close + 1).end()  # type: ignore[union-attr]
_AUTHOR_NAMES = _Pattern(r"\s*[A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){1,3}"
                           r"(?:,\s*[A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){1,3})+")


def _authors_like(text: str) -> bool:
    """``Jinlu Zhang et al.``, ``Ada Lovelace, Alan Turing``: a list of names."""
    return " et al" in text or _AUTHOR_NAMES.match(text) is not None


class _Item:
    """What one list item looks like: its start, title, links and whether it is an entry."""

    __slots__ = ("item", "start", "title", "venue", "links", "primary", "description",
                 "authors", "content", "only_link", "ordered", "year", "parent", "is_entry",
                 "group", "label")

    def __init__(self, item: ListItem, start: str, content: str) -> None:
        self.item = item
        self.start = start
        self.content = content
        self.title = ""
        self.venue = ""
        self.links: Tuple[Tuple[str, Link], ...] = ()
        self.primary: Optional[Link] = None
        self.description = ""
        self.authors = ""
        self.only_link = False
        self.ordered = False
        self.year: Optional[int] = None
        self.parent: Optional["_Item"] = None
        self.is_entry = False
        self.group: Tuple[str, ...] = ()
        self.label: Optional[Tuple[str, ...]] = None


def _badges(links: Sequence[Link]) -> Set[int]:
    """ids of links that wrap an image (badges): the image starts right after the ``[``."""
    images = {(link.line, link.column) for link in links if link.kind == "image"}
    if not images:
        return set()
    return {id(link) for link in links
            if link.kind == "link" and (link.line, link.column + 1) in images}


_PLAIN_STARTS = frozenset("[*_\"“<")


def _start_of(content: str) -> Tuple[str, str]:
    """(shape, text from the shape on) of an item's first paragraph."""
    text = content.lstrip()
    if text[:2] in ("**", "__"):  # a bold start (most items of paper lists): no noise,
        # strike-through or badge can come before it, so it is decided here, as below
        after = text[2:3]
        if not after.isalpha() and _dated(text):  # "**Name" has a letter, not a digit,
            return "date", text  # for its first word character: no date
        # _BOLD_LINK_START needs "[" or a space right after the "**"
        return ("link" if (after == "[" or after.isspace()) and _BOLD_LINK_START.match(text)
                else "bold"), text
    if text[:1] not in _PLAIN_STARTS or text[:3] in ("[ ]", "[x]", "[X]"):
        noise = _LEAD_NOISE.match(text)
        if noise and noise.end():
            text = text[noise.end():]
    if text.startswith("~~"):
        text = text[2:]
    if text.startswith("[!") or text.startswith("!["):
        while True:
            badge = _BADGE_MD.match(text)
            if not badge or not badge.end():
                break
            text = text[badge.end():]
    first = text[:1]
    if first == "[" and _LINK_START.match(text):
        return "link", text
    if _dated(text):
        return "date", text
    if first == "[":
        return "text", text
    if first in "*_" and text[:2] in ("**", "__"):  # after a noise or a badge
        return ("link" if _BOLD_LINK_START.match(text) else "bold"), text
    if first == "<":
        return ("html" if text[:3].lower() == "<a " else "text"), text
    if first == "h" and (text.startswith("http://") or text.startswith("https://")):
        return "bare", text
    if first == "w" and text.startswith("www."):
        return "bare", text
    if first in "\"“":
        return "quote", text
    labelled = _LABELLED_URL.match(text)
    if labelled:  # ``地址：https://...``, ``URL: https://...``: a bare URL under a field name
        return "bare", text[labelled.end():]
    return "text", text


def _dated(text: str) -> bool:
    """``_DATED.match(text)``, tried only when the first word character of the first seven is
    a digit (the pattern's ``\\W{0,6}`` then a digit): most items start with a letter, a
    link or ``**Name``, decided here without the pattern's backtracking over its three
    alternatives."""
    for char in text[:7]:
        if char.isalnum() or char == "_":  # \w; and \d is isdecimal
            return char.isdecimal() and _DATED.match(text) is not None
    return False


_LABELLED_URL = _Pattern(r"[^\s:：\[\]()]{1,12}\s?[:：]\s*(?=https?://\S+\s*\Z)")


# The usual item starts with ``[Name](url)``: read without the general path.
_USUAL_ITEM = _Pattern(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
def _usual_end(content: str, title: str, url: str) -> int:
    """Where ``_USUAL_ITEM.match(content)`` ends when its name is ``title`` (the first link's
    text), else 0.

    Most items write the link as the parser read it: ``[title](url)`` with a plain name and
    URL (no bracket, line break, space or parenthesis, ASCII), which then is the pattern's
    whole match; comparing that start costs half the pattern's run (5,500 instructions on
    a typical item, 12,700 items on a 3 MB list). Any other item is matched."""
    head = f"[{title}]({url})"
    if content.startswith(head) and title and url and "[" not in title and \
            "]" not in title and "\n" not in title and url.isascii() and url.isprintable() \
            and " " not in url and "(" not in url and ")" not in url:
        return len(head)
    match = _USUAL_ITEM.match(content)
    return match.end() if match is not None and match.group(1) == title else 0


def _usual_entry(item: ListItem, content: str, section: Tuple[str, ...]) -> Optional[Entry]:
    """The usual top-level item, ``[Name](url) - Description.`` (maybe with more links in the
    description), read straight into its entry; None for anything else (read by
    :func:`_read_item`)."""
    links = item.first_links
    if len(links) > 1 and "image" in map(_KIND, links):
        return None  # badges: the general path tells them from links (asked first, at once)
    link = links[0]
    title, url = link.text, link.url
    end = _usual_end(content, title, url)
    if not end:
        return None
    # _is_entry_link(link) for an inline link, without the call
    if link.kind != "link" or link.syntax != "inline" or not url or url[0] == "#" or \
            url.startswith("mailto:") or \
            len(url) <= 8 and url.strip(" .").casefold() in _PLACEHOLDERS:
        return None
    rest = content[end:].strip()
    if not rest or len(rest) <= 44 and _only_link(content):
        return None  # a link alone: perhaps a label over a group, or a TOC line
    if len(links) == 1:
        label = _LABELS.get(title)  # link_label(link), its usual case inline
        labelled: Tuple[Tuple[str, Link], ...] = (
            (label if label is not None else link_label(link), link),)
        primary = link
    else:
        labelled = tuple((link_label(other), other) for other in links if _is_entry_link(other))
        primary = _primary(labelled)  # type: ignore[assignment]  # links[0] is in labelled
    if rest[:1] in _SEPARATORS:
        rest = rest.lstrip("-\u2013\u2014:：").lstrip()
    title = title.strip()
    venue = ""
    year = None
    if title[-1:] in ")]":
        title, venue = split_venue(title)
        if venue:
            year = _year_of(venue)
    if year is None and len(rest) < 37 and rest[-1:] in "0123456789." and \
            _VENUE_TEXT.match(rest.rstrip(". ")):
        year = _year_of(rest)  # [Title](u) - IEEE Access 2019.
    if "*" in title or "_" in title or "`" in title:
        title = plain(title)
    return Entry.make("item", title, venue, labelled, item.line, primary.column, item.end_line,
                 section, primary, year, "", rest)


def _read_item(item: ListItem, badge_ids: Set[int], src: _Source) -> Optional[_Item]:
    token = item.first_inline
    if token is None:
        return None
    content = token.content
    start, text = _start_of(content)
    info = _Item(item, start, content)
    own: List[Link] = []
    pairs: List[Tuple[str, Link]] = []
    for link in item.first_links:
        if _is_entry_link(link):
            if badge_ids and id(link) in badge_ids:
                pairs.append(("badge", link))
            else:
                own.append(link)
                label = _LABELS.get(link.text)  # link_label(link), its usual case inline
                pairs.append((label if label is not None else link_label(link), link))
    labelled = tuple(pairs)
    info.links = labelled
    if start == "link":
        info.only_link = _only_link(text)
        title = own[0].text.strip() if own else ""
        info.primary = _primary(labelled) if own else None
        if own and title:
            rest = _after_title_link(text)
            info.description = _description(rest)
            described = info.description.rstrip(". ")
            if len(described) < 36 and _VENUE_TEXT.match(described):
                info.year = _year_of(described)  # [Title](u) - IEEE Access 2019.
    elif start == "bare":
        info.primary = _primary(labelled)
        title = _url_name(info.primary.url) if info.primary is not None else ""
    else:
        title = _text_title(text, info)
        info.primary = _own_primary(labelled, own, text, info, src, item)
    if title[-1:] in ")]":
        title, venue = split_venue(title)
        info.venue = info.venue or venue
    if "*" in title or "_" in title or "`" in title:
        title = plain(title)
    info.title = title
    if info.venue:
        info.year = _year_of(info.venue)
    return info


def _url_name(url: str) -> str:
    """A bare URL's entry is named by what the URL names: ``github.com/o/simple_GRPO`` ->
    ``simple_GRPO``; ``https://pytorch.kr/`` -> ``pytorch.kr``."""
    from awesome_tools.urls import resource_names

    names = resource_names(url, pages=False)
    path = url.split("//", 1)[-1].rstrip("/")
    host = path.split("/", 1)[0]
    if names and "/" in path and host.lower().replace("www.", "") in _NAMED_BY_PATH:
        return path.split("/")[2] if path.count("/") >= 2 else names[-1]
    return host[4:] if host.startswith("www.") else host


_NAMED_BY_PATH = frozenset({"github.com", "gitlab.com", "codeberg.org", "bitbucket.org",
                            "gitee.com", "huggingface.co"})


def _after_title_link(text: str) -> str:
    """The text after an item's leading ``[Title](url)`` (and badges right after it)."""
    match = _LINK_MD.match(text.lstrip("*_ ")) or _REF_MD.match(text.lstrip("*_ "))
    if not match:
        return ""
    rest = text.lstrip("*_ ")[match.end():].lstrip("*_")
    while True:
        badge = _BADGE_MD.match(rest.lstrip())
        if not badge or not badge.end():
            return rest
        rest = rest.lstrip()[badge.end():]


def _description(rest: str) -> str:
    """An item's description as written: what follows the title, without the separator."""
    rest = rest.strip()
    if rest[:1] in _SEPARATORS:
        rest = rest.lstrip("-\u2013\u2014:：").lstrip()
    return rest


_SEPARATORS = frozenset("-\u2013\u2014:：")


def _text_title(text: str, info: _Item) -> str:
    """The title of an item that does not start with its link: a bold name, a quoted title,
    or the text before the first link; a leading ``(Venue 2023)`` is the venue.

    Run on most items of paper lists (``**Name**: "Title", Venue, 2021 (*Org*). [[Paper]]``),
    so the usual steps are inline string searches where one decides what a pattern would
    (a pattern call costs as much as a dozen of them): the bold name's end, the authors'
    first-name test."""
    lead = _lead_venue(text) if text[:1] in "([" else None
    if lead:
        info.venue = lead[0].strip("*_ ")
        text = text[lead[1]:]
    # ``_BOLD_START``: the first ``**`` or ``__`` after one character or more, on one line
    close = -1
    if text[:2] in ("**", "__"):
        stars, unders = text.find("**", 3), text.find("__", 3)
        close = stars if unders < 0 or 0 <= stars < unders else unders
        if close >= 0 and text.find("\n", 2, close) >= 0:
            close = -1
    if close >= 0:
        title = text[2:close].strip().rstrip(":")
        rest = text[close + 2:]
    else:
        quoted = first_quoted(text)
        if quoted and quoted[0] - 1 < 40:
            title = text[quoted[0]:quoted[1]].strip().rstrip(",")
            rest = text[quoted[1] + 1:]
        else:
            head = text.split("[", 1)[0].split("](", 1)[0]
            title = head.strip(" -–—:|*").strip()
            rest = text[len(head):]
    region = rest.lstrip(" :*_")
    if region[:1] in "\"“":  # ``_QUOTED.match``: up to the first closing quote, if it
        # comes after eight characters or more (two searches cost half the pattern's run)
        straight, curly = region.find('"', 1), region.find("\u201d", 1)
        close = straight if curly < 0 or 0 <= straight < curly else curly
        if close >= 9:
            region = region[close + 1:]
    bracket = region.find("[")
    author_part = (region[:bracket] if bracket >= 0 else region).strip(" ,.;:*_")
    if author_part:
        # ``_AUTHOR_NAMES`` needs a space inside the text before the first comma (a name of
        # two words or more, then ``,``): ``CVPR, 2021`` is decided without it
        comma = author_part.find(",")
        if " et al" in author_part or comma > 0 and author_part.find(" ", 0, comma) >= 0 \
                and _AUTHOR_NAMES.match(author_part):
            info.authors = author_part
        elif len(author_part) < 80:
            info.year = _year_of(author_part)  # "Title", ICCV, 2023 (*Org*).
    rest = rest.strip()  # the description (_description, inline)
    if rest[:1] in _SEPARATORS:
        rest = rest.lstrip("-\u2013\u2014:：").lstrip()
    info.description = rest
    return title


def _own_primary(labelled: Sequence[Tuple[str, Link]], own: List[Link], text: str, info: _Item,
                 src: _Source, item: ListItem) -> Optional[Link]:
    """The identifying link of an item that does not start with one: a labelled link
    (``[[Paper](u)]``), else a link before the description; a link inside the description
    (``- **gulp-x** — A wrapper for [Bootlint](u)``) names something else."""
    for label, link in labelled:
        if label in _PAPER_LABELS:
            return link
    if not own:
        return None
    labels = [label for label, link in labelled if label not in ("link", "badge")]
    if labels:
        return next(link for label, link in labelled if label not in ("link", "badge"))
    line_text = src.line_text(item.line - 1)[1]
    cut = _description_column(line_text, text)
    if cut is None:
        return None
    for link in own:
        if link.line == item.line and link.column < cut:
            return link
    return None


def _description_column(line_text: str, text: str) -> Optional[int]:
    """1-based column where a text-first item's description starts on its first line: links
    before it are the item's own (``- **Name** [site](u) - ...``), links after it are
    mentions. None when what follows the name is prose (``- **zpm** works with [omz](u)``)."""
    anchor = text[:12]
    at = line_text.find(anchor) if anchor else -1
    if at < 0:
        return None
    bold = _BOLD_START.match(line_text[at:])
    begin = at + (bold.end() if bold else 0)
    sep = _DESCRIPTION_SEP.search(line_text, begin) if bold else \
        _TEXT_SEP.search(line_text, begin)
    first_link = line_text.find("[", begin)
    if first_link >= 0 and (sep is None or first_link < sep.start()) and \
            len(line_text[begin:first_link].strip(" :*_~")) > 3:
        return None  # prose runs from the name into the link
    if sep is None:
        return len(line_text) + 1 if first_link >= 0 else None
    return sep.start() + 1


_TEXT_SEP = _Pattern(r"\s[-\u2013\u2014]+\s|[:：]\s")


def _item_entries(md_list: MarkdownList, sections: _Sections, found: _Candidates,
                  toc_lines: range, src: _Source) -> None:
    """The entries of one top-level list (and its sub-lists)."""
    if md_list.line in toc_lines:
        return
    section = sections.path
    infos: List[_Item] = []
    usual: List[Entry] = []
    counts = [0, 0]  # strong items, link-only items that point into the page
    _read_tree(md_list, None, infos, usual, counts, src, section, toc_lines)
    if usual:
        found.add_items(usual, section)
        counts[0] += len(usual)
    if not infos:
        return
    total = len(infos) + len(usual)
    majority = counts[0] * 2 >= total
    # a list of in-page links (a TOC the finder did not take, or a chapter list) lists no
    # resources: its link-only items point at chapters
    toc_like = counts[1] * 2 >= total
    news = sections.news
    for info in infos:
        item = info.item
        parent = info.parent
        group: Tuple[str, ...] = ()
        if parent is not None:
            group = parent.group
            if not parent.is_entry and parent.title:
                if parent.label is None:
                    parent.label = group + (plain(parent.title),)  # a label over its group
                group = parent.label
            info.group = group
        if item.line in toc_lines or info.start == "date" or (toc_like and info.only_link):
            continue
        kind = _item_kind(info, parent, news)
        if kind is not None and info.ordered and info.only_link and _under_entry(parent):
            kind = None  # a numbered list of what an entry above contains or implements
        if kind is None or kind == "label":
            continue
        info.is_entry = True
        parent_line = parent.item.line if parent is not None and parent.is_entry else 0
        primary = info.primary
        column = primary.column if primary is not None else (
            info.links[0][1].column if info.links else _content_column(src, item.line))
        found.add(Entry.make("item", info.title, info.venue, info.links, item.line, column,
                        item.end_line, section + group if group else section, primary,
                        info.year, info.authors, info.description, parent_line),
                  weak="" if kind != "weak" or majority else (
                      "named" if info.start == "bold" and info.description else "section"))


def _under_entry(parent: Optional["_Item"]) -> bool:
    while parent is not None:
        if parent.is_entry:
            return True
        parent = parent.parent
    return False


def _read_tree(md_list: MarkdownList, parent: Optional[_Item], out: List[_Item],
               usual: List[Entry], counts: List[int], src: _Source, section: Tuple[str, ...],
               toc_lines: range) -> None:
    for item in md_list.items:
        links = item.first_links
        token = item.first_inline
        if parent is None and not item.children and links and token is not None \
                and token.content[:1] == "[" and item.line not in toc_lines:
            entry = _usual_entry(item, token.content, section)
            if entry is not None:
                usual.append(entry)  # a strong item: counted by _item_entries
                continue
        badge_ids = _badges(links) if len(links) > 1 and "image" in map(_KIND, links) \
            else _NO_BADGES
        info = _read_item(item, badge_ids, src)
        if info is not None:
            info.ordered = md_list.ordered
            info.parent = parent
            out.append(info)
            start = info.start
            if start in ("link", "bare", "html", "quote") or (
                    start == "bold" and info.primary is not None) or any(
                    label in _PAPER_LABELS for label, _ in info.links):
                counts[0] += 1
            if start == "link" and not info.links and "](#" in info.content:
                counts[1] += 1
        for child in item.children:
            _read_tree(child, info, out, usual, counts, src, section, toc_lines)


_KIND = attrgetter("kind")
_NO_BADGES: Set[int] = set()  # read only


def _item_kind(info: _Item, parent: Optional[_Item], news: bool) -> Optional[str]:
    """``entry``, ``weak`` (an entry where entries are the list's or section's majority),
    ``label`` (a group label over entries), or None (not an entry)."""
    start = info.start
    has_link = info.primary is not None or bool(info.links)
    if start == "link" and info.only_link:
        url = info.primary.url if info.primary is not None else ""
        if _is_navigation(url):
            return None  # a TOC line pointing into this or another Markdown file
        if info.item.children and _children_are_entries(info.item):
            return "label"
    if parent is not None and parent.is_entry:
        if start not in ("link", "bare", "html") and not any(
                label in _PAPER_LABELS for label, _ in info.links):
            return None  # a field of the entry above (``- Date: ...``, ``- 📚 Task``)
    if start in ("link", "bare", "html"):
        return "entry" if info.links else None
    if start in ("bold", "quote") and info.primary is not None:
        return "entry"  # (asked before the labels: most bold items, no pass over links)
    if any(label in _PAPER_LABELS for label, _ in info.links):
        return "entry"
    if news:
        return None
    if start == "bold" or (has_link and start in ("text", "quote")):
        return "weak" if info.title else None
    return None


def _children_are_entries(item: ListItem) -> bool:
    """Do the item's sub-items list entries (then a link-only item is their group's label)?
    A numbered list of bare links under it lists its parts instead (what a collection
    implements): then the item is the entry."""
    children = [(md_list, child) for md_list in item.children for child in md_list.items]
    if not children:
        return False
    linked = 0
    for md_list, child in children:
        token = child.first_inline
        if token is None:
            continue
        start, text = _start_of(token.content)
        if start in ("link", "bare") and not (md_list.ordered and _only_link(text)):
            linked += 1
    return linked * 2 > len(children)


_NAV_URL = _Pattern(r"(?:\.md|\.markdown|/readme|^\.?/?)(?:#[^#]*)$", re.I)


def _is_navigation(url: str) -> bool:
    """A link to a section of a Markdown file (``README-Part2.md#Go``, ``./#top``,
    ``github.com/o/r/blob/master/README.md#2014``): a TOC line, not a listed resource."""
    return "#" in url and _NAV_URL.search(url) is not None and not re.search(r"#[/!]", url)


def _content_column(src: _Source, line: int) -> int:
    text = src.line_text(line - 1)[1]
    match = re.match(r"\s*(?:[-*+]|\d{1,9}[.)])?\s*", text)
    return (match.end() if match else 0) + 1


# --------------------------------------------------------------------------- headings


def _heading_entry(heading: Heading, block: Block, sections: "_Sections") -> Optional[Entry]:
    token, links, in_list = block[3]
    if in_list:
        return None
    own = [link for link in links if _is_entry_link(link)]
    if not own:
        return None
    content = token.content.lstrip()
    if content.startswith("**") or content.startswith("__"):
        return None  # a bold title or a citation paragraph, not a link line
    labelled = [(link_label(link), link) for link in own]
    first_text = own[0].text.strip()
    looks_like = (first_text.startswith("[") and first_text.endswith("]")) \
        or labelled[0][0] != "link" or own[0].syntax == "bare"
    if not looks_like:
        return None
    lead = content.split("[", 1)[0].strip().rstrip(".")
    if len(lead) > 60:
        return None  # prose that mentions a link
    title, venue = split_venue(heading.text)
    if not venue and lead and re.search(r"\d{4}", lead):
        venue = lead
    return Entry.make("heading", title, venue, tuple(labelled), heading.line, heading.column,
                 block[2], sections.parent_path(), _primary(labelled),
                 _year_of(venue) if venue else None)


_ITALIC_LINE = _Pattern(r"^\s*([*_])(?!\1)(.+?)\1\s*$", re.S)


# --------------------------------------------------------------------------- paragraphs

_BOLD_WHOLE = _Pattern(r"^\s*(\*\*|__)(?!\s)(.+?)\1\s*[:：]?\s*$")
_INLINE_SPACES = _Pattern(r"[^\S\n]+")
_WHOLE_LINK = _Pattern(r"^\[[^\]]*\]\([^()\s]*\)$")


class _BoldLine:
    """``**Title**`` alone on a line (a bold link ``**[Title](u)**`` too, not bold prose that
    mentions a link): the title line of a paragraph entry."""

    @staticmethod
    def match(line: str) -> Optional[re.Match[str]]:
        # Runs of spaces and tabs count as one: the readers of the match (a truth value, and
        # the title through ``plain``) do not see the difference, and ``\s*[:：]?\s*`` after
        # each ``**`` would otherwise rescan a long run from each of its characters.
        found = _BOLD_WHOLE.match(_INLINE_SPACES.sub(" ", line) if "  " in line or "\t" in line
                                  else line)
        if found is None:
            return None
        inner = found.group(2)
        if "](" in inner and not _WHOLE_LINK.match(inner.strip()):
            return None
        return found


_BOLD_LINE = _BoldLine()
_CITE_START = _Pattern(r"^\s*(?:\*\*)?\[\d+\](?:\*\*)?\s")
_CITATION = _Pattern(r"^\s*(?:\*\*)?\[\d+\](?:\*\*)?\s*(.*?)[\"“]\s*(?:\*\*)?(.+?)(?:\*\*)?"
                       r"[.,]?\s*[\"”]\s*(.*)$")
_CITE_PREFIX = _Pattern(r"^\s*(?:\*\*)?\[\d+\](?:\*\*)?\s*")
_OPENING_QUOTES = _Pattern("[\"\u201c]")


def _citation(text: str) -> Optional["re.Match[str]"]:
    """``_CITATION.match`` of a paragraph, with what only whitespace changes (every reader of
    the groups collapses it) and without the searches that cannot succeed.

    The pattern takes the first quote after the number and needs a closing quote at least
    two characters later; if the first quote has none, no later one has. Checked first,
    that spares a rescan to the end from every quote; on collapsed whitespace, its ``\\s*``
    cannot rescan a long run from each of its characters either.
    """
    prefix = _CITE_PREFIX.match(text)
    if prefix is None:
        return None
    opening = _OPENING_QUOTES.search(text, prefix.end())
    if opening is None or max(text.rfind('"'), text.rfind("\u201d")) < opening.start() + 2:
        return None
    return _CITATION.match(_SPACES.sub(" ", text))


_TASK_PREFIX = _Pattern(r"^\s*(?:\*\*|__)([^*_]{1,40})(?:\*\*|__)\s*[:：,]\s*(?=\[)")
_FIELD_ITEM = _Pattern(r"^\s*(?:\*\*)?[\w\s/.\-()\u4e00-\u9fff]{1,24}(?:\*\*)?\s*[:：]")


def _paragraph_lines(content: str) -> List[str]:
    return [_strip_hard_break(line) for line in content.split("\n")]


_BREAK_TAG_END = _Pattern(r"<br\s*/?>\Z", re.I)


def _strip_hard_break(line: str) -> str:
    """``_HARD_BREAK.sub("", line)``: a trailing ``\\``, ``<br>`` or run of two or more
    spaces removed with the spaces after it. (The pattern, searched, takes time in the cube
    of a run of spaces inside the line.)"""
    body = line.rstrip()
    if body.endswith("\\"):
        return body[:-1]
    tag = _BREAK_TAG_END.search(body) if body.endswith(">") else None
    if tag is not None:
        return body[:tag.start()]
    return body if len(line) - len(body) >= 2 else line


def _links_by_line(links: Sequence[Link], first_line: int) -> Dict[int, List[Link]]:
    out: Dict[int, List[Link]] = {}
    for link in links:
        if _is_entry_link(link):
            out.setdefault(link.line - first_line, []).append(link)
    return out


# The first characters _may_be_entry can accept (after spaces or tabs): "" and prose starting
# with a letter other than h or w are decided without the call.
_ENTRY_FIRST = " \t*_[hw"


def _may_be_entry(content: str) -> bool:
    """Can a paragraph starting so be an entry? Prose and ``[[paper]](u)`` link lines (which
    belong to something above) cannot: most paragraphs are decided here."""
    first = content[:2]
    if first[:1] in " \t":
        first = content.lstrip()[:2]
    return (first in ("**", "__") or first[:1] in ("[", "h", "w")) and first != "[["


def _paragraph_entries(block: Block, section: Tuple[str, ...], found: _Candidates,
                       fields: Optional[_Fields] = None) -> bool:
    """Entries in one paragraph; True when it held any."""
    token, links, _in_list = block[3]
    content = token.content
    if not content or not _may_be_entry(content):
        return False
    lines = _paragraph_lines(content)
    by_line = _links_by_line(links, block[1])
    made = False
    if _BOLD_LINE.match(lines[0]) or _CITE_START.match(lines[0]):
        starts = [index for index, line in enumerate(lines)
                  if _BOLD_LINE.match(line) or _CITE_START.match(line)]
        for at, begin in enumerate(starts):
            end = starts[at + 1] if at + 1 < len(starts) else len(lines)
            entry = _titled_paragraph(lines[begin:end], by_line, begin, block, section,
                                      fields if end == len(lines) else None)
            if entry is not None:
                found.add(entry)
                made = True
        return made
    starts = [index for index, line in enumerate(lines)
              if (line.lstrip().startswith("[") and _LINK_START.match(line.lstrip()))
              or _TASK_PREFIX.match(line) or line.lstrip().startswith(("http://", "https://"))]
    if not starts or starts[0] != 0:
        return False
    badge_ids = _badges(links)  # once per paragraph, not once per entry in it
    for at, begin in enumerate(starts):
        end = starts[at + 1] if at + 1 < len(starts) else len(lines)
        entry, weak = _linked_paragraph(lines[begin:end], by_line, begin, block, section,
                                        badge_ids)
        if entry is not None:
            found.add(entry, weak="section" if weak else "")
            made = True
    return made


def _segment_links(by_line: Dict[int, List[Link]], begin: int, count: int) -> List[Link]:
    out: List[Link] = []
    for offset in range(begin, begin + count):
        out.extend(by_line.get(offset, ()))
    return out


def _label_paragraph_link(link: Link) -> Tuple[str, str]:
    """(label, venue): ``[CVPR 2025](arxiv)`` is the paper link and names the venue."""
    label = link_label(link)
    if label == "link":
        text = link.text.strip().strip("[]").strip()
        if _VENUE_TEXT.match(text) and _year_of(text):
            return "paper", text
    return label, ""


def _titled_paragraph(lines: List[str], by_line: Dict[int, List[Link]], begin: int,
                      block: Block, section: Tuple[str, ...], fields: Optional[_Fields]
                      ) -> Optional[Entry]:
    """``**Title** \\`` then author, venue and link lines; or a numbered citation with its
    title in quotes (``**[4]** Authors. "**Title**." Venue. [[pdf]](u)``)."""
    head = lines[0]
    links = _segment_links(by_line, begin, len(lines))
    authors = venue = description = ""
    bold = _BOLD_LINE.match(head)
    citation = _citation(" ".join(lines)) if not bold else None
    if citation and not bold:
        authors = plain(citation.group(1)).strip(" ,.")
        title = plain(citation.group(2)).strip(" .,")
        after = citation.group(3)
        venue = plain(after.split("[", 1)[0]).strip(" .,*")
        rest = []
    elif bold:
        title = plain(bold.group(2)).strip().rstrip(":")
        rest = lines[1:]
    else:
        return None
    labelled: List[Tuple[str, Link]] = []
    for link in links:
        label, tag = _label_paragraph_link(link)
        if tag and not venue:
            venue = tag
        labelled.append((label, link))
    for line in rest:
        text = line.strip()
        if not text:
            continue
        if "](" not in text and "http" not in text:
            italic = _ITALIC_LINE.match(text)
            if italic and not authors:
                authors = plain(italic.group(2))
            elif not venue and _year_of(text) and len(text) < 80:
                venue = plain(text)
            elif not authors and _authors_like(plain(text)):
                authors = plain(text)
            elif not description:
                description = text
        elif not venue:
            lead = text.split("[", 1)[0].strip(" ,.*_")
            if lead and _year_of(lead) and len(lead) < 60:
                venue = plain(lead)
    line = block[1] + begin
    end_line = block[1] + begin + len(lines) - 1
    if fields is not None and not links:
        labelled, end_line = fields  # type: ignore[assignment]  # a tuple: only read after
    if not labelled and not (citation and not bold):
        return None
    return Entry.make("paragraph", title, venue, tuple(labelled), line, 1, end_line, section,
                 _primary(labelled), _year_of(venue) if venue else None, authors, description)


def _linked_paragraph(lines: List[str], by_line: Dict[int, List[Link]], begin: int,
                      block: Block, section: Tuple[str, ...], badge_ids: Set[int]
                      ) -> Tuple[Optional[Entry], bool]:
    """``[Title](u), Venue 2020 [[code]](u)``, ``**Task**: [Title](u), Venue``, a bare URL.
    Strong with a venue after the title; weak (a link alone) otherwise. ``badge_ids``: the
    paragraph's badges (:func:`_badges`)."""
    links = _segment_links(by_line, begin, len(lines))
    if not links or id(links[0]) in badge_ids:
        return None, False  # a badge line is no entry
    if links[0].syntax != "bare" and link_label(links[0]) != "link":
        return None, False  # ``[[paper]](u) [[code]](u)``: the link line of something above
    head = lines[0]
    task = _TASK_PREFIX.match(head)
    text = head[task.end():] if task else head.lstrip()
    first = links[0]
    if first.syntax == "bare":
        title, rest = "", text[len(first.url):]
    else:
        title = first.text.strip()
        match = _LINK_MD.match(text) or _REF_MD.match(text)
        rest = text[match.end():] if match else text
    region = rest.split("[", 1)[0]
    venue = ""
    if _year_of(region) and len(region.strip(" ,;:-–—")) <= 60:
        venue = plain(region).strip(" ,;:-–—.")
    labelled = tuple((link_label(link), link) for link in links)
    line = block[1] + begin
    entry = Entry.make("paragraph", title, venue, labelled, line, first.column,
                  block[1] + begin + len(lines) - 1, section, first,
                  _year_of(venue) if venue else None, "",
                  _description(rest) if not venue else "")
    return entry, not venue


def _field_list(md_list: MarkdownList) -> Optional[_Fields]:
    """The links of a field list under a bold title (``- Paper: u`` / ``- Code: u``), or None
    when the list is not one."""
    links: List[Tuple[str, Link]] = []
    for item in md_list.items:
        token = item.first_inline
        if token is None or item.children or not _FIELD_ITEM.match(token.content):
            return None
        label = token.content.split(":", 1)[0].split("：", 1)[0].strip(" *_").lower()
        label = _LABEL_ALIASES.get(label, label)
        for link in item.first_links:
            if _is_entry_link(link):
                links.append((label if label in _KNOWN_LABELS else "link", link))
    if not links:
        return None
    return tuple(links), md_list.end_line


# --------------------------------------------------------------------------- tables

_ROLES = (
    ("index", _Pattern(r"^(?:#|no\.?|rank(?:ing)?|排名|序号|编号|순위|\d+)$")),
    ("authors", _Pattern(r"author|作者|著者|저자")),
    ("date", _Pattern(r"\bdate\b|\byear\b|\btime\b|日期|时间|年份|发布|公開年|年度|날짜|연도")),
    ("venue", _Pattern(r"venue|conference|journal|publication|\bpub\b|proceedings|会议|期刊|"
                         r"发表|会議|학회")),
    ("code", _Pattern(r"\bcode\b|github|代码|源码|implementation|코드|コード")),
    ("description", _Pattern(r"desc|描述|简介|说明|介绍|summary|\bnotes?\b|comments?|备注|備考|"
                               r"概要|説明|설명|활동|remarks?|abstract|tl;?dr|highlights?|内容")),
    ("title", _Pattern(r"\btitle\b|\bname\b|标题|题目|名称|名字|资源名|项目名|论文名|이름|제목|"
                         r"名前|タイトル")),
    ("link", _Pattern(r"\blinks?\b|\burl\b|链接|地址|网址|官网|主页|homepage|website|\bsite\b|"
                        r"링크|リンク|download")),
    ("paper", _Pattern(r"\bpapers?\b|论文|論文|논문|\bpdf\b|arxiv")),
    ("name", _Pattern(r"method|model|dataset|\btools?\b|project|repositor|\brepo\b|library|"
                        r"\bapi\b|\bapps?\b|resource|模型|项目|工具|数据集|框架|モデル|名")),
)
_LINK_ROLES = ("link", "code", "paper")


def _header_role(text: str) -> str:
    words = plain(text).casefold().strip(" :")
    for role, pattern in _ROLES:
        if pattern.search(words):
            return role
    return ""


class _Cell:
    __slots__ = ("content", "links")

    def __init__(self, content: str, links: Sequence[Link]) -> None:
        self.content = content
        self.links = [link for link in links if _is_entry_link(link)]


def _table_entries(rows: List[Tuple[int, List[_Cell], List[Link]]], section: Tuple[str, ...],
                   found: _Candidates) -> None:
    """Entries of one GFM table: its header names the columns (English and common Chinese,
    Japanese and Korean words), else their content does."""
    if len(rows) < 2:
        return
    header, body = rows[0][1], rows[1:]
    linked = [row for row in body if any(cell.links for cell in row[1])]
    every = [link for row in body for link in row[2] if link.kind == "link"]
    if every and sum(1 for link in every if link.url.startswith("#")) * 2 > len(every):
        return  # a table of contents
    width = len(header)
    columns = [[row[1][index] for row in body if index < len(row[1])] for index in range(width)]
    roles = [_content_role(_header_role(cell.content), column)
             for cell, column in zip(header, columns)]
    named = "title" in roles or "name" in roles
    if len(linked) * 2 < len(body) and not (named and any(r in _LINK_ROLES for r in roles)):
        return  # a table of numbers, settings or layout: no entries here
    title_at = _title_column(roles, columns)
    for line, cells, row_links in body:
        entry = _row_entry(line, cells, row_links, roles, title_at, section)
        if entry is not None:
            found.add(entry)


def _content_role(role: str, column: List[_Cell]) -> str:
    """Settle a header's role by the cells: a ``Paper`` column of links is the paper link, of
    text the title; an unnamed column of links is a link column."""
    cells = [cell for cell in column if cell.content.strip()]
    if not cells:
        return role
    linked = sum(1 for cell in cells if cell.links)
    if role == "paper":
        texts = sum(1 for cell in cells if cell.links and len(plain(cell.content)) > 40)
        return "paper" if linked * 2 > len(cells) and texts * 2 <= linked else "title"
    if role == "":
        if all(_date_year(plain(cell.content)) and len(plain(cell.content)) <= 12
               for cell in cells[:20]):
            return "date"
    return role


def _title_column(roles: List[str], columns: List[List[_Cell]]) -> Optional[int]:
    for wanted in ("title", "name"):
        if wanted in roles:
            return roles.index(wanted)
    for index, role in enumerate(roles):
        if role in ("", "link") and columns[index]:
            texts = [plain(cell.content) for cell in columns[index][:20]]
            if sum(1 for text in texts if text and not text.replace(".", "").isdigit()) * 2 \
                    > len(texts):
                return index
    return None


_ROW_NUMBER = _Pattern(r"^\s*\d{1,4}[).]\s*")
_TITLE_CUT = _Pattern(r"\s{2,}|<br\s*/?>|\s[-\u2013\u2014]\s", re.I)


def _cell_title(cell: _Cell) -> str:
    text = _ROW_NUMBER.sub("", cell.content)
    bold = re.match(r"\s*(?:\*\*|__)(.+?)(?:\*\*|__)", text)
    if bold and len(text) > bold.end() + 3:
        return plain(bold.group(1))
    cut = _TITLE_CUT.search(text)
    if cut and cut.start() > 3:
        text = text[:cut.start()]
    return plain(text)


def _row_entry(line: int, cells: List[_Cell], row_links: List[Link], roles: List[str],
               title_at: Optional[int], section: Tuple[str, ...]) -> Optional[Entry]:
    title = venue = authors = description = ""
    year: Optional[int] = None
    if title_at is not None and title_at < len(cells):
        title = _cell_title(cells[title_at])
    labelled: List[Tuple[str, Link]] = []
    mentions: Set[int] = set()  # links inside a description cell name something else
    badge_ids = _badges(row_links)
    title_link = None
    for index, cell in enumerate(cells):
        role = roles[index] if index < len(roles) else ""
        text = cell.content.strip()
        if role == "venue" and text:
            venue = plain(text)
        elif role == "date" and text and year is None:
            year = _date_year(plain(text))
        elif role == "authors":
            authors = plain(text)
        elif role == "description" and text:
            description = text
        for link in cell.links:
            if id(link) in badge_ids:
                labelled.append(("badge", link))
                continue
            label = link_label(link)
            if label == "link" and role in _LINK_ROLES:
                label = role
            if index == title_at and title_link is None:
                title_link = link
            if role == "description":
                mentions.add(id(link))
            labelled.append((label, link))
    if not title and not labelled:
        return None
    if not title and labelled:
        title = labelled[0][1].text.strip()
    primary = _row_primary([pair for pair in labelled if id(pair[1]) not in mentions]
                           or labelled, title_link)
    if year is None and venue:
        year = _year_of(venue)
    return Entry.make("row", title, venue, tuple(labelled), line, 1, line, section, primary, year,
                 authors, description)


def _row_primary(labelled: List[Tuple[str, Link]], title_link: Optional[Link]
                 ) -> Optional[Link]:
    """A row's identifying link: the paper link, else the title's own link, else an
    arXiv/DOI/OpenReview link, else the first link of a link column, else the first link."""
    from awesome_tools.urls import paper_key

    for label, link in labelled:
        if label in _PAPER_LABELS:
            return link
    if title_link is not None:
        return title_link
    for label, link in labelled:
        if label != "badge" and paper_key(link.url):
            return link
    for label, link in labelled:
        if label in ("link", "code", "homepage", "website", "project"):
            return link
    return _primary(labelled)


# --------------------------------------------------------------------------- HTML

_COMMENT = _Pattern(r"<!--.*?(?:-->|\Z)", re.S)
_HTML_LI = _Pattern(r"<li\b[^>]*>", re.I)
_HTML_TR = _Pattern(r"<tr\b[^>]*>", re.I)
_HTML_LINE_LEAD = _Pattern(r"^(?:\s|&nbsp;|&#160;|:[a-z0-9_+\-]+:|<(?:p|td|li|b|strong|div|span)"
                             r"\b[^>]*>|[*\-•·]\s)*", re.I)


def _html_entries(block: Block, sections: _Sections, found: _Candidates, src: _Source
                  ) -> None:
    """``<li><a href>Name</a> - ...``, ``<tr>`` rows with links, and ``<br>``-separated lines
    that start with ``<a href>`` (``&nbsp;&nbsp;<a href="u"><b>vi</b></a> - ...<br>``)."""
    links = [link for link in block[3][1] if _is_entry_link(link) and link.dest is not None]
    if not links:
        return
    start = src.starts[block[1] - 1]
    end = src.starts[block[2]] if block[2] < len(src.starts) else len(src.text)
    content = src.text[start:end]
    if "<!--" in content:  # commented-out markup holds no entries; keep the offsets
        content = _COMMENT.sub(lambda m: " " * len(m.group()), content)
    if _HTML_TR.search(content):
        pieces = _split_at(content, _HTML_TR)
        row = True
    elif _HTML_LI.search(content):
        pieces = _split_at(content, _HTML_LI)
        row = False
    elif _HTML_BREAK.search(content):  # ``... - description<br>`` items, maybe wrapped
        pieces = _split_after(content, _HTML_BREAK)
        row = False
    else:
        pieces = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", content)]
        row = False
    section = sections.path
    index = 0
    made: List[Entry] = []
    for offset, piece in pieces:
        begin, stop = start + offset, start + offset + len(piece)
        mine = []
        while index < len(links) and links[index].dest.start < stop:
            if links[index].dest.start >= begin:
                mine.append(links[index])
            index += 1
        if not mine:
            continue
        entry = _html_piece(piece, mine, row, section, src)
        if entry is not None:
            last = src.position(begin + len(piece.rstrip()) - 1)[0]
            if last > entry.end_line:
                entry = replace(entry, end_line=last)
            made.append(entry)
    if row or len(made) >= 2:  # one linked line in a block of HTML is a banner or a promo
        for entry in made:
            found.add(entry)


def is_external_url(url: str) -> bool:
    head = url[:8].lower()
    return head.startswith("http://") or head == "https://" or url.startswith("//")


_HTML_BREAK = _Pattern(r"<br\s*/?>|\n\s*\n|</?p\b[^>]*>", re.I)


def _split_after(content: str, pattern: _Pattern) -> List[Tuple[int, str]]:
    """Pieces of ``content`` that end at each match of ``pattern``."""
    pieces, start = [], 0
    for match in pattern.finditer(content):
        pieces.append((start, content[start:match.end()]))
        start = match.end()
    pieces.append((start, content[start:]))
    return [(at, piece) for at, piece in pieces if piece.strip()]


def _split_at(content: str, pattern: _Pattern) -> List[Tuple[int, str]]:
    marks = [m.start() for m in pattern.finditer(content)]
    return [(at, content[at:(marks[i + 1] if i + 1 < len(marks) else len(content))])
            for i, at in enumerate(marks)]


def _html_piece(piece: str, links: List[Link], row: bool, section: Tuple[str, ...],
                src: _Source) -> Optional[Entry]:
    if "<th" in piece.lower():
        return None
    named = [link for link in links if link.text.strip()]
    if not named:
        return None  # badges and logos: links around images only
    lead = _HTML_LINE_LEAD.match(piece)
    rest = piece[lead.end():] if lead else piece
    if row:
        if piece.lower().count("<img") >= 2 or len(links) > 4 or \
                not any(is_external_url(link.url) for link in links):
            return None  # an avatar gallery, a row of archive links, local navigation
        cells = re.split(r"<td\b[^>]*>", piece, flags=re.I)[1:]
        title = plain(cells[0]) if cells else plain(piece)
        if len(title) > 100:
            return None  # a layout table: prose that mentions a link
        description = plain(cells[-1]) if len(cells) > 1 else ""
    else:
        if not rest[:3].lower() == "<a ":
            return None  # prose that mentions a link
        title = named[0].text.strip()
        close = rest.lower().find("</a>")
        description = _description(plain(rest[close + 4:])) if close >= 0 else ""
    labelled = tuple((link_label(link), link) for link in links)
    first = links[0]
    from html import unescape  # (only for lists with HTML items)

    return Entry.make("html", unescape(title), "", labelled, first.line, first.column,
                 links[-1].line, section, _primary(labelled), None, "", description)


# --------------------------------------------------------------------------- the walk


def build_entries(blocks: Sequence[Block], lists: Sequence[MarkdownList], toc: Optional[Toc],
                  src: _Source) -> Tuple[Entry, ...]:
    """Every entry of the document, in document order.

    ``blocks`` are the parser's records in document order: ``heading``, ``inline`` (a
    paragraph or a table cell: token, links, inside a list item?), ``list``, ``html``,
    ``table`` and ``tr``.
    """
    toc_lines = range(toc.line, toc.end_line + 1) if toc is not None else range(0)
    sections = _Sections()
    found = _Candidates()
    list_end = 0  # paragraphs, tables and HTML inside a list item belong to the item
    used: Set[int] = set()  # paragraphs already read as a heading's link line
    count = len(blocks)
    index = 0
    while index < count:
        block = blocks[index]
        kind = block[0]
        if kind == "inline":  # asked first: most blocks outside lists are paragraphs
            if block[1] > list_end and not block[3][2] and \
                    block[3][0].content[:1] in _ENTRY_FIRST and \
                    _may_be_entry(block[3][0].content) and index not in used \
                    and block[1] not in toc_lines:
                fields = _following_fields(blocks, index, toc_lines)
                if _paragraph_entries(block, sections.path, found, fields) and \
                        fields is not None:
                    list_end = max(list_end, fields[1])
        elif kind == "heading":
            heading = block[3]
            sections.heading(heading.level, heading.text)
            if not _after_heading(blocks, index, heading, sections, found, used) \
                    and len(block) > 4 and block[4] and block[1] not in toc_lines:
                _link_heading(heading, block[4], sections.parent_path(), found)
        elif kind == "list":
            md_list = block[3]
            if md_list.depth == 0 and block[1] > list_end:
                list_end = block[2]
                _item_entries(md_list, sections, found, toc_lines, src)
            index = _past_list_blocks(blocks, index + 1, list_end)
            continue
        elif kind == "html":
            sections.html(_block_text(block, src))
            if block[1] > list_end and block[1] not in toc_lines:
                _html_entries(block, sections, found, src)
        elif kind == "table":
            index = _table(blocks, index, sections, found, list_end, toc_lines)
            continue
        index += 1
    entries = found.result()
    entries.sort(key=attrgetter("line", "column"))
    return tuple(entries)


def _past_list_blocks(blocks: Sequence[Block], index: int, list_end: int) -> int:
    """The first block from ``index`` on that is not a paragraph or a sub-list up to line
    ``list_end``: those belong to the list just read and the walk would do nothing with them
    (headings and HTML inside a list still open sections, so the skip stops there). One
    short test per block instead of the walk's dispatch: most blocks of a list are these."""
    count = len(blocks)
    while index < count:
        block = blocks[index]
        if block[1] > list_end or (block[0] != "inline" and block[0] != "list"):
            break
        index += 1
    return index


def _block_text(block: Block, src: _Source) -> str:
    start = src.starts[block[1] - 1]
    end = src.starts[block[2]] if block[2] < len(src.starts) else len(src.text)
    return src.text[start:end]


def _after_heading(blocks: Sequence[Block], index: int, heading: Heading, sections: _Sections,
                   found: _Candidates, used: Set[int]) -> bool:
    """A paper heading: its link line follows."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if following is None or following[0] != "inline":
        return False
    entry = _heading_entry(heading, following, sections)
    if entry is not None:
        found.add(entry)
        used.add(index + 1)
        return True
    return False


_HEADING_LINK = _Pattern(r"^\s*(?:\*\*|__)?\[[^\[\]\\]*(?:(?:\\.|\[[^\[\]]*\])[^\[\]\\]*)*\]"
                           r"\([^()\s]*\)"
                           r"(?:\*\*|__)?(?:\s*[-\u2013\u2014:]\s*(.*))?$")


def _link_heading(heading: Heading, links: Sequence[Link], parent: Tuple[str, ...],
                  found: _Candidates) -> None:
    """``### [alf](https://github.com/psyrendust/alf)``: a heading that is its entry's link.
    Weak: one such heading is a title; a section of them is a list of entries."""
    match = _HEADING_LINK.match(heading.raw)
    own = [link for link in links if _is_entry_link(link)]
    if match is None or not own:
        return
    labelled = ((link_label(own[0]), own[0]),)
    found.add(Entry.make("heading", heading.text.split(" - ")[0].strip() if match.group(1) else
                    heading.text.strip(), "", labelled, heading.line, heading.column,
                    heading.end_line, parent, own[0], None, "", (match.group(1) or "").strip()),
              weak="section")


def _following_fields(blocks: Sequence[Block], index: int, toc_lines: range
                      ) -> Optional[_Fields]:
    """For a paragraph that is only a bold title: the field list right after it, if any."""
    block = blocks[index]
    if block[3][1] or not _BOLD_LINE.match(block[3][0].content):
        return None
    nxt = blocks[index + 1] if index + 1 < len(blocks) else None
    if nxt is None or nxt[0] != "list" or nxt[3].depth != 0 or nxt[1] in toc_lines:
        return None
    return _field_list(nxt[3])


def _table(blocks: Sequence[Block], index: int, sections: _Sections, found: _Candidates,
           list_end: int, toc_lines: range) -> int:
    """Read one table's rows and cells; the index of the block after it."""
    table = blocks[index]
    rows: List[Tuple[int, List[_Cell], List[Link]]] = []
    index += 1
    while index < len(blocks) and blocks[index][0] in ("tr", "inline") \
            and blocks[index][1] <= table[2]:
        block = blocks[index]
        if block[0] == "tr":
            rows.append((block[1], [], []))
        elif rows:
            token, links, _ = block[3]
            rows[-1][1].append(_Cell(token.content, links))
            rows[-1][2].extend(links)
        index += 1
    if table[1] > list_end and table[1] not in toc_lines:
        _table_entries(rows, sections.path, found)
    return index
