"""Paper metadata and what it says about venues: shared by ``venue-outdated``, ``add``,
``duplicate-entry --online`` and ``export``.

The link checker keeps what the arXiv and OpenReview APIs say of every paper a list links
(:mod:`awesome_tools.links.cache`): titles, authors, dates, an arXiv ``journal_ref`` and
comment, an OpenReview venue and decision. This module reads that data (never the network)
and turns it into facts a rule can trust:

- :func:`arxiv_venue`: where an arXiv record says the paper was published, from its journal
  reference (``Proceedings of ... (ICCV), 2021``) or from a comment that says so ("Accepted
  to CVPR 2021", "Published as a conference paper at ICLR 2021", "ICLR camera-ready
  version"). A comment is free text, so only a clause that announces an acceptance counts:
  "Extended version of our CVPR 2020 paper", "Submitted to NeurIPS", "Winner of the CVPR
  2021 challenge" and "Workshop on ... at ICCV" do not make a paper a CVPR, NeurIPS or ICCV
  paper.
- :func:`openreview_venue`: the decision an OpenReview note records (``ICLR 2021 Poster``,
  ``.../Rejected_Submission``).
- :class:`TagStyle`: how a list writes its tags (``ICLR 2021`` or ``ICLR'21``, ``arXiv
  2020/06`` or ``ArXiv 2020``, NIPS or NeurIPS), so a rewritten or new tag looks like its
  neighbours'.

Venue names come from :mod:`awesome_tools.venues` (the table a list's config extends), so
"IEEE/CVF International Conference on Computer Vision" and "ICCV" are one venue.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.records import record
from awesome_tools.venues import DEFAULT_TABLE, Venue, VenueTable, VenueTag

Metadata = Mapping[str, Any]


@record(frozen=True)
class Published:
    """Where a record says a paper appeared. ``year`` may be None (a comment such as "ICLR
    camera-ready" names no year); ``source`` is ``journal_ref``, ``comment`` or
    ``openreview``; ``quote`` is the text that says so; ``decision`` is ``accepted``, or
    ``rejected`` / ``withdrawn`` for an OpenReview submission that was not."""

    venue: str
    year: Optional[int]
    source: str
    quote: str
    workshop: bool = False
    decision: str = "accepted"
    findings: bool = False

    @property
    def label(self) -> str:
        name = f"{self.venue} {self.year}" if self.year else self.venue
        if self.findings:
            return f"Findings of {name}"
        return f"{name} Workshop" if self.workshop else name


# --------------------------------------------------------------------------- reading records

_YEAR = lazy(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_WORKSHOP = lazy(r"\bworkshops?\b", re.I)
_FINDINGS = lazy(r"\bfindings\b", re.I)
# A clause of a comment that announces an acceptance.
_ACCEPTED = lazy(
    r"\b(?:accepted|accept|to appear|appears? (?:in|at)|appeared|published|camera[- ]?ready|"
    r"final version|in proceedings|proceedings of|(?:oral|spotlight|poster)(?: presentation| "
    r"paper)?|presented at|main conference|conference paper)\b", re.I)
# A clause that names a venue for another reason than this paper's acceptance there.
_NOT_ACCEPTED = lazy(
    r"\b(?:submitted|submission|under review|in review|reviewing|rejected|withdrawn|"
    r"extended|extension|extends|journal version of|preliminary|earlier|previous|prior|based on|"
    r"builds? (?:up)?on|winner|winning|won|challenge|competition|place|solution|"
    r"technical report for|tutorial|invited talk|keynote|supersedes?|superseded|"
    r"version of (?:our|the|a|an)|companion|follow[- ]up|see also|appendix of|supplementary "
    r"(?:material )?(?:of|for|to)|cite|citing)\b", re.I)
_CLAUSE = lazy(r"(?<=[.;!?])\s+|\s*[\n|]\s*|(?<=\))\s*,\s*(?=[A-Z])")
_LEAD = lazy(r"^[\s(\[\"'*_:~-]*")


def _clauses(text: str) -> List[str]:
    return [part.strip() for part in _CLAUSE.split(text) if part and part.strip()]


def _published_tags(text: str, table: VenueTable) -> List[VenueTag]:
    return [tag for tag in table.parse_tag(text) if not tag.preprint and not tag.under_review]


def _named_venues(text: str, table: VenueTable) -> List[Tuple[Venue, int]]:
    """Published venues named in ``text`` by full name or by a name or alias written as a
    word (acronyms in their own case: ``ACL`` is a venue, "acl" in a URL is not), with where
    they were found; the longest name wins where two overlap."""
    found: List[Tuple[Venue, int, int]] = []
    folded = text.casefold()
    for venue in table.venues:
        if venue.preprint:
            continue
        for name in (venue.full_name, venue.name) + venue.aliases:
            if len(name) < 2:
                continue
            if name == venue.full_name and len(name.split()) >= 3:
                at = folded.find(name.casefold())
                if at >= 0:
                    found.append((venue, at, len(name)))
                continue
            flags = 0 if name.isupper() or any(ch.isdigit() for ch in name) else re.I
            match = re.search(r"(?<![\w/.-])" + re.escape(name) + r"(?![\w-])", text, flags)
            if match:
                found.append((venue, match.start(), len(name)))
    found.sort(key=lambda item: (-item[2], item[1]))
    kept: List[Tuple[Venue, int, int]] = []
    for venue, at, size in found:
        if all(at + size <= other_at or other_at + other_size <= at
               for _, other_at, other_size in kept):
            kept.append((venue, at, size))
    return [(venue, at) for venue, at, _ in sorted(kept, key=lambda item: item[1])]


def _one_year(text: str) -> Optional[int]:
    years = {int(year) for year in _YEAR.findall(text)}
    return years.pop() if len(years) == 1 else None


def journal_ref_venue(journal_ref: str, table: VenueTable = DEFAULT_TABLE
                      ) -> Optional[Published]:
    """The venue of an arXiv journal reference: a tag (``CVPR 2021``), else one venue named
    in full or by acronym (``Proceedings of the IEEE/CVF International Conference on Computer
    Vision (ICCV), 2021, pp. 10012-10022``) with the one year the reference gives."""
    text = " ".join(journal_ref.split())
    if not text:
        return None
    workshop = bool(_WORKSHOP.search(text))
    findings = bool(_FINDINGS.search(text))
    tags = _published_tags(text, table)
    venues = {tag.venue for tag in tags}
    if len(venues) == 1:
        tag = tags[0]
        return Published(tag.venue, tag.year, "journal_ref", text, workshop or tag.workshop,
                         findings=findings or tag.findings)
    named = {venue.name for venue, _ in _named_venues(text, table)}
    year = _one_year(text)
    if len(named) == 1 and year is not None and not venues:
        return Published(named.pop(), year, "journal_ref", text, workshop, findings=findings)
    return None


def comment_venue(comment: str, table: VenueTable = DEFAULT_TABLE) -> Optional[Published]:
    """The venue a comment says the paper was accepted at, or None.

    Each clause is read on its own. It counts when it announces an acceptance ("accepted",
    "to appear", "published", "camera-ready", "oral", ...) or starts with the venue (``CVPR
    2021 (Oral)``), names exactly one published venue, and says nothing that makes the
    venue someone else's (submitted, extended version of, challenge, based on, ...).
    """
    found: List[Published] = []
    for clause in _clauses(" ".join(comment.split())):
        if _NOT_ACCEPTED.search(clause):
            continue
        tags = _published_tags(clause, table)
        named_here = _named_venues(clause, table)
        leads = (bool(tags) and not clause[:tags[0].start].strip(" \t([\"'*_:~-")) or (
            bool(named_here) and not clause[:named_here[0][1]].strip(" \t([\"'*_:~-")
            and _one_year(clause) is not None)
        if not _ACCEPTED.search(clause) and not leads:
            continue
        workshop = bool(_WORKSHOP.search(clause)) or any(tag.workshop for tag in tags)
        findings = bool(_FINDINGS.search(clause)) or any(tag.findings for tag in tags)
        if len({tag.venue for tag in tags}) == 1:
            found.append(Published(tags[0].venue, tags[0].year, "comment", clause, workshop,
                                   findings=findings))
            continue
        if tags:
            continue  # two venues in one clause: not a statement about one acceptance
        named = {venue.name for venue, _ in named_here}
        if len(named) == 1:
            found.append(Published(named.pop(), _one_year(clause), "comment", clause,
                                   workshop, findings=findings))
    venues = {(item.venue, item.year) for item in found}
    if len({venue for venue, _ in venues}) != 1:
        return None  # nothing, or two venues: the comment does not say one thing
    dated = [item for item in found if item.year]
    return dated[0] if dated else found[0]


def arxiv_venue(meta: Metadata, table: VenueTable = DEFAULT_TABLE) -> Optional[Published]:
    """Where an arXiv record says its paper was published: the journal reference, else the
    comment. None for a paper the record still shows as a preprint."""
    ref = meta.get("journal_ref")
    if isinstance(ref, str):
        found = journal_ref_venue(ref, table)
        if found is not None:
            return found
    comment = meta.get("comment")
    if isinstance(comment, str):
        return comment_venue(comment, table)
    return None


_VENUEID = lazy(r"^(?P<host>[\w.-]+?)(?:\.cc|\.org|\.com)?/(?P<year>(?:19|20)\d{2})/"
                      r"(?P<rest>.*)$")
_REJECTED = lazy(r"reject", re.I)
_PENDING = lazy(r"\bsubmi(?:tted|ssions?)\b|\bunder review\b", re.I)
_WITHDRAWN = lazy(r"withdr[ae]wn", re.I)


def openreview_venue(meta: Metadata, table: VenueTable = DEFAULT_TABLE) -> Optional[Published]:
    """The decision an OpenReview note records, or None while it has none.

    ``venue`` "ICLR 2021 Poster" / "NeurIPS 2023 oral" / "Accepted by TMLR" is an acceptance;
    "Submitted to ICLR 2021" is not a decision; a ``venueid`` ending in
    ``Rejected_Submission`` or ``Withdrawn_Submission`` (or a venue that says so) is a
    rejection or a withdrawal."""
    venue_text = str(meta.get("venue") or "")
    venueid = str(meta.get("venueid") or "")
    quote = venue_text or venueid
    match = _VENUEID.match(venueid)
    id_venue = table.find(match.group("host")) if match else None
    id_year = int(match.group("year")) if match else None
    for pattern, decision in ((_WITHDRAWN, "withdrawn"), (_REJECTED, "rejected")):
        if pattern.search(venueid) or pattern.search(venue_text):
            tags = table.parse_tag(venue_text)
            name = tags[0].venue if tags else (id_venue.name if id_venue else "")
            year = tags[0].year if tags else id_year
            return Published(name, year, "openreview", quote, decision=decision) if name \
                else None
    tags = table.parse_tag(venue_text)
    if any(tag.under_review for tag in tags) or _PENDING.search(venue_text) or \
            venueid.rstrip("/").endswith("/Submission"):
        return None
    accepted = [tag for tag in tags if not tag.preprint]
    if accepted:
        tag = accepted[0]
        return Published(tag.venue, tag.year, "openreview", quote, tag.workshop or bool(
            _WORKSHOP.search(venue_text)), findings=tag.findings)
    named = [venue for venue, _ in _named_venues(venue_text, table)] if venue_text else []
    if len(named) == 1:
        year = _one_year(venue_text) or _year_of(meta.get("published")) or id_year
        return Published(named[0].name, year, "openreview", quote,
                         bool(_WORKSHOP.search(venue_text)))
    if id_venue is not None and match and match.group("rest").lower() in ("conference",
                                                                         "conference/"):
        return Published(id_venue.name, id_year, "openreview", quote)
    return None


def _year_of(value: Any) -> Optional[int]:
    if isinstance(value, str) and _YEAR.match(value):
        return int(value[:4])
    return None


def first_version(meta: Metadata) -> Optional[Tuple[int, int]]:
    """(year, month) of an arXiv record's first version (its ``published`` date)."""
    value = meta.get("published")
    if isinstance(value, str) and re.match(r"(?:19|20)\d{2}-[01]\d", value):
        return int(value[:4]), int(value[5:7])
    return None


# --------------------------------------------------------------------------- the cache


def cached_metadata(ctx: Any) -> Tuple[Dict[str, Dict[str, Any]], Dict[str, Dict[str, Any]]]:
    """(arXiv id -> metadata, OpenReview id -> metadata) from the link cache of a rule's
    context, loaded once per document run (``ctx.remember``)."""

    def load() -> Tuple[Dict[str, Dict[str, Any]], Dict[str, Dict[str, Any]]]:
        from awesome_tools.links.cache import cached_metadata as read  # no network stack
        from awesome_tools.rules._titles import cache_for

        return read(str(cache_for(ctx)))

    remember = getattr(ctx, "remember", None)
    return remember(("papers", "metadata"), load) if remember else load()


# --------------------------------------------------------------------------- tag style

_ARXIV_NAMES = ("arXiv", "ArXiv", "Arxiv", "arxiv", "ARXIV")
_PREPRINT_DATE = lazy(r"((?:19|20)\d{2})(?:\s*([/.-])\s*(\d{1,2}))?")


@record(frozen=True)
class TagStyle:
    """How a list writes venue tags, learnt from its own tags.

    ``names``: the spelling it uses for a venue (NIPS for NeurIPS, ``ACM MM``);
    ``year_form``: ``space`` (``ICLR 2021``), ``none`` (``ICLR2021``), ``comma`` (``ICLR,
    2021``) or ``apostrophe`` (``ICLR'21``); ``arxiv``: how it spells arXiv, and
    ``arxiv_date``: ``month`` with its separator (``2020/06``), ``year`` (``2020``) or
    ``none`` (a bare ``ArXiv``); ``combined``: whether published papers keep their preprint
    tag beside the venue (``arXiv 2020/04, ECCV 2020``).
    """

    names: Tuple[Tuple[str, str], ...] = ()
    year_form: str = "space"
    arxiv: str = "arXiv"
    arxiv_date: str = "month"
    date_separator: str = "/"
    combined: bool = False
    arxiv_year_form: str = "space"

    def venue_name(self, venue: str) -> str:
        return dict(self.names).get(venue, venue)

    def published(self, venue: str, year: Optional[int], findings: bool = False) -> str:
        """``ICLR 2021`` in this list's way of writing it (``Findings of EMNLP 2020``)."""
        name = self.venue_name(venue)
        if year is None:
            text = name
        elif self.year_form == "apostrophe":
            text = f"{name}'{year % 100:02d}"
        elif self.year_form == "comma":
            text = f"{name}, {year}"
        elif self.year_form == "none":
            text = f"{name}{year}"
        else:
            text = f"{name} {year}"
        return f"Findings of {text}" if findings else text

    def preprint(self, date: Optional[Tuple[int, int]]) -> str:
        """``arXiv 2020/06`` in this list's way of writing it (``arXiv, 2020``)."""
        if date is None or self.arxiv_date == "none":
            return self.arxiv
        year, month = date
        if self.arxiv_date == "year":
            return {"comma": f"{self.arxiv}, {year}", "none": f"{self.arxiv}{year}",
                    "apostrophe": f"{self.arxiv}'{year % 100:02d}"}.get(
                        self.arxiv_year_form, f"{self.arxiv} {year}")
        return f"{self.arxiv} {year}{self.date_separator}{month:02d}"


def tag_style(tag_lists: Sequence[Sequence[VenueTag]], bare: Sequence[str] = (),
              table: VenueTable = DEFAULT_TABLE) -> TagStyle:
    """The style of a list from the tags of its entries (one sequence of tags per entry) and
    its bare preprint words (a venue column's ``ArXiv``)."""
    spellings: Dict[str, Counter[str]] = {}
    years: Counter[str] = Counter()
    arxiv_names: Counter[str] = Counter()
    arxiv_forms: Counter[str] = Counter()
    dates: Counter[str] = Counter()
    separators: Counter[str] = Counter()
    combined: Counter[bool] = Counter()
    for tags in tag_lists:
        published = [tag for tag in tags if not tag.preprint and not tag.under_review]
        if published:
            combined[any(tag.preprint and tag.venue == "arXiv" for tag in tags)] += 1
        for tag in tags:
            name, form = _written(tag, table)
            if tag.venue == "arXiv":
                arxiv_names[name or "arXiv"] += 1
                date = _PREPRINT_DATE.search(tag.text)
                if date and date.group(3):
                    dates["month"] += 1
                    separators[date.group(2)] += 1
                else:
                    dates["year"] += 1
                    arxiv_forms[form] += 1
            elif not tag.preprint and not tag.under_review and name:
                spellings.setdefault(tag.venue, Counter())[name] += 1
                years[form] += 1
    for word in bare:
        if word.strip().casefold() == "arxiv":
            arxiv_names[word.strip()] += 1
            dates["none"] += 1
    names = tuple((venue, counts.most_common(1)[0][0]) for venue, counts in spellings.items()
                  if counts.most_common(1)[0][0] != venue)
    return TagStyle(
        names=names,
        year_form=years.most_common(1)[0][0] if years else "space",
        arxiv=arxiv_names.most_common(1)[0][0] if arxiv_names else "arXiv",
        arxiv_date=dates.most_common(1)[0][0] if dates else "month",
        date_separator=separators.most_common(1)[0][0] if separators else "/",
        combined=combined[True] > combined[False],
        arxiv_year_form=arxiv_forms.most_common(1)[0][0] if arxiv_forms else "space")


def _written(tag: VenueTag, table: VenueTable) -> Tuple[str, str]:
    """(the venue's name as the tag writes it, the year form) of one tag."""
    text = tag.text
    match = re.search(r"['\u2019]\d{2}\b|,\s*(?:19|20)\d{2}|(?:19|20)\d{2}", text)
    if match is None:
        return "", "space"
    head = text[:match.start()]
    form = "apostrophe" if match.group(0)[0] in "'\u2019" else (
        "comma" if match.group(0).startswith(",") else (
            "none" if head and not head[-1].isspace() and head[-1] != "-" else "space"))
    head = re.sub(r"^(?:under\s+review\s+(?:of|at|for|in|by)|submitted\s+to|workshops?\s+"
                  r"(?:at|of|@)|findings\s+of)\s+(?:the\s+)?", "", head.strip(" ,-"), flags=re.I)
    head = re.sub(r"\s+(?:papers?|blog|preprint|workshops?|findings|conference)$", "", head,
                  flags=re.I).strip(" ,-")
    found = table.find(head)
    if found is None or found.name != tag.venue:
        return "", form
    return " ".join(head.split()), form
