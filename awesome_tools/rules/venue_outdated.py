"""An entry still tagged as a preprint (`arXiv 2020/09`, `Under review of ICLR 2021`,
`OpenAI papers 2021/01`, a bare `ArXiv` in a venue column) for a paper that has since been
published: its arXiv record now carries a journal reference or a comment that announces the
acceptance ("Accepted to CVPR 2021", "Published as a conference paper at ICLR 2021", "ICCV
2021 camera-ready version"), or its OpenReview note shows the decision (`ICLR 2021 Poster`).
Paper lists age this way: a tag that was right when the paper was added stays for years. The
message names the venue and the evidence.

The rule makes no request of its own: `awesome-tools links` asks the arXiv and OpenReview APIs
about every paper link anyway (in the same batched calls) and keeps what they say in its
cache; this rule reads that cache (`$AWESOME_TOOLS_LINK_CACHE`, else `links.cache` from the
config, else `.awesome-tools-cache/links.json`). It is on by default but, being an online
rule, runs only with `check --online` (or when selected with `--select`).

A comment is free text, so only a clause that announces an acceptance counts: "Extended
version of our CVPR 2020 paper", "Submitted to NeurIPS 2020" or "1st place in the CVPR 2021
challenge" say nothing about where this paper appeared. Venue names are normalised with the
venue table (`venues` in the config adds to it), so "Proceedings of the IEEE/CVF International
Conference on Computer Vision (ICCV), 2021" is ICCV 2021. A comment that names no year ("ICLR
camera-ready version") takes the year of the entry's own `Under review of ICLR 2021` tag; with
no such tag, a workshop paper, or an OpenReview rejection, the finding is a note and nothing
is rewritten. A paper whose record shows no publication is never reported.

**On by default:** yes · **Severity:** warning · **Fixed by `fix`:** yes, opt-in: with
`fix --update-venues` or `fix --select venue-outdated`, the tag is rewritten in the list's
own tag style (how it writes venues and years, NIPS or NeurIPS, and whether published papers
keep their `arXiv` date beside the venue). For a paper heading, the table-of-contents line
and every in-page link to the heading follow its new anchor.

Bad:

```markdown
### Efficient Transformers

#### Performer: Rethinking Attention with Performers [arXiv 2020/09, Under review of ICLR 2021]

[[paper]](https://arxiv.org/abs/2009.14794) [[code]](https://github.com/lucidrains/performer-pytorch)

#### Reformer: The Efficient Transformer [ICLR 2020]

[[paper]](https://arxiv.org/abs/2001.04451)

<!-- arxiv-comment 2009.14794: Published as a conference paper + oral presentation at ICLR 2021. 38 pages. -->
```

Good:

```markdown
### Efficient Transformers

#### Performer: Rethinking Attention with Performers [ICLR 2021]

[[paper]](https://arxiv.org/abs/2009.14794) [[code]](https://github.com/lucidrains/performer-pytorch)

#### Reformer: The Efficient Transformer [ICLR 2020]

[[paper]](https://arxiv.org/abs/2001.04451)

<!-- arxiv-comment 2009.14794: Published as a conference paper + oral presentation at ICLR 2021. 38 pages. -->
```
"""
from __future__ import annotations

import re
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

from awesome_tools.lazyre import lazy
from awesome_tools.findings import Edit
from awesome_tools.model import Document, Entry, Heading
from awesome_tools.papers import (Published, TagStyle, arxiv_venue, cached_metadata,
                                  openreview_venue, tag_style)
from awesome_tools.records import record
from awesome_tools.rules import Problem, Rule, RuleContext
from awesome_tools.urls import openreview_id
from awesome_tools.venues import VenueTable, VenueTag

RULE = Rule("venue-outdated", "An entry tagged as a preprint or under review for a paper "
            "that has been published (online: arXiv and OpenReview records from the `links` "
            "cache).", severity="warning", fix="opt-in", online=True,
            tags=("papers", "venues"), docs=__doc__)

# A venue cell or tag with no year that says "preprint": ``ArXiv``, ``Preprint``.
BARE_PREPRINT = lazy(r"\s*(?:arxiv(?:\s+preprint)?|preprint|under\s+review|"
                           r"submitted|in\s+submission)\s*\Z", re.I)
_GAP = lazy(r"[\s,;/&+|]*(?:and\s+)?\Z")


@record(frozen=True)
class Candidate:
    """An entry whose tags all say preprint or under review (``tags`` empty and ``bare`` set
    for a bare ``ArXiv``)."""

    entry: Entry
    tags: Tuple[VenueTag, ...]
    bare: str = ""

    @property
    def written(self) -> str:
        return ", ".join(" ".join(tag.text.split()) for tag in self.tags) or self.bare.strip()


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    from awesome_tools.rules._venue import venue_table

    table = venue_table(ctx)
    candidates = list(preprint_entries(doc, table))
    if not candidates:
        return
    arxiv, openreview = cached_metadata(ctx)
    if not arxiv and not openreview:
        yield Problem(1, 1, "no arXiv or OpenReview records cached: run `awesome-tools links` "
                      "first", severity="note")
        return
    style = list_style(doc, table)
    anchors = _Anchors(doc)
    for candidate in candidates:
        found = evidence(candidate, arxiv, openreview, table)
        if found is not None:
            yield problem(doc, candidate, found[0], found[1], style, anchors)


# --------------------------------------------------------------------------- candidates


def preprint_entries(doc: Document, table: VenueTable) -> Iterator[Candidate]:
    """Entries whose tags are all preprints or submissions (or a bare ``ArXiv``)."""
    from awesome_tools.rules._venue import entry_tags

    for entry in doc.entries:
        tags = entry_tags(doc, entry, table)
        if tags:
            if all(tag.preprint or tag.under_review for tag in tags):
                yield Candidate(entry, tuple(tags))
        elif entry.venue and BARE_PREPRINT.match(entry.venue):
            yield Candidate(entry, (), entry.venue)


def list_style(doc: Document, table: VenueTable) -> TagStyle:
    """How this list writes its tags (from every entry's tags)."""
    from awesome_tools.rules._venue import entry_tags

    tag_lists = [entry_tags(doc, entry, table) for entry in doc.entries]
    bare = [entry.venue for entry in doc.entries
            if entry.venue and BARE_PREPRINT.match(entry.venue)]
    return tag_style(tag_lists, bare, table)


# --------------------------------------------------------------------------- evidence


def evidence(candidate: Candidate, arxiv: Dict[str, Dict[str, Any]],
             openreview: Dict[str, Dict[str, Any]],
             table: VenueTable) -> Optional[Tuple[Published, str]]:
    """(what the records say, which record says it) for a published paper, else None.

    OpenReview (the venue's own decision) first, then the arXiv journal reference and
    comment. A venue-year that never existed is not evidence."""
    from awesome_tools.rules._titles import paper_link

    entry = candidate.entry
    for _, link in entry.links:
        note = openreview_id(link.url)
        if note and note in openreview:
            found = openreview_venue(openreview[note], table)
            if found is not None and _plausible(found, table):
                return found, f"OpenReview note {note}"
    pair = paper_link(entry)
    if pair is not None and pair[1] in arxiv:
        found = arxiv_venue(arxiv[pair[1]], table)
        if found is not None and _plausible(found, table):
            return _dated(found, candidate), f"arXiv:{pair[1]}"
    return None


def _plausible(found: Published, table: VenueTable) -> bool:
    venue = table.find(found.venue)
    return venue is not None and (found.year is None or venue.held_in(found.year) is not False)


def _dated(found: Published, candidate: Candidate) -> Published:
    """A comment without a year ("ICLR camera-ready version") takes the year of the entry's
    own ``Under review of ICLR 2021`` tag for that venue."""
    if found.year is not None:
        return found
    years = {tag.year for tag in candidate.tags if tag.under_review and tag.venue == found.venue
             and tag.year}
    if len(years) == 1:
        return Published(found.venue, years.pop(), found.source, found.quote, found.workshop,
                         found.decision, found.findings)
    return found


def _quote(found: Published, where: str) -> str:
    text = found.quote if len(found.quote) <= 100 else found.quote[:99] + "…"
    if found.source == "journal_ref":
        return f"{where}'s journal reference is '{text}'"
    if found.source == "comment":
        return f"{where}'s comment says '{text}'"
    return f"{where} is listed as '{text}'"


# --------------------------------------------------------------------------- the finding


def problem(doc: Document, candidate: Candidate, found: Published, where: str,
            style: TagStyle, anchors: "_Anchors") -> Problem:
    entry = candidate.entry
    said = f"tagged '{candidate.written}'"
    if found.decision != "accepted":
        return Problem(entry.line, entry.column,
                       f"{said}, but {_quote(found, where)}: the submission was "
                       f"{found.decision}", severity="note")
    if found.year is None or found.workshop:
        what = f"a workshop of {found.label[:-len(' Workshop')]}" if found.workshop \
            else found.label
        why = "" if found.year else " (no year given)"
        return Problem(entry.line, entry.column,
                       f"{said}, but the paper appeared at {what}{why}: {_quote(found, where)}",
                       severity="note")
    new = _new_tag(candidate, found, style)
    edits = fix_edits(doc, candidate, new, anchors)
    return Problem(entry.line, entry.column,
                   f"{said}, but the paper was published at {found.label}: "
                   f"{_quote(found, where)}", suggestion=new, fix=edits)


def _new_tag(candidate: Candidate, found: Published, style: TagStyle) -> str:
    """The tag in the list's style: the venue, after the arXiv date where the list keeps it."""
    venue = style.published(found.venue, found.year, found.findings)
    kept = [" ".join(tag.text.split()) for tag in candidate.tags
            if tag.venue == "arXiv" and not tag.under_review]
    if style.combined and kept:
        return ", ".join(kept + [venue])
    return venue


# --------------------------------------------------------------------------- the fix


def tag_span(doc: Document, candidate: Candidate) -> Optional[Tuple[int, int]]:
    """Offsets of the tag text in the source: from the first tag to the last, with only
    separators between them, after the entry's title on its own lines."""
    entry = candidate.entry
    starts = doc.line_starts
    begin = starts[entry.line - 1]
    last = entry.line if entry.kind in ("heading", "row") else entry.end_line
    end = starts[last] if last < len(starts) else len(doc.text)
    text = doc.text
    title_at = text.find(entry.title, begin, end) if entry.title else -1
    position = title_at + len(entry.title) if title_at >= 0 else begin
    pieces = [tag.text for tag in candidate.tags] or [candidate.bare.strip()]
    first = text.find(pieces[0], position, end)
    if first < 0 and title_at > begin:  # ``- (*NeurIPS'23*) Title [[paper](u)]``
        first = text.find(pieces[0], begin, title_at)
    if first < 0:
        return None
    cursor = first + len(pieces[0])
    for piece in pieces[1:]:
        found = text.find(piece, cursor, end)
        if found < 0 or not _GAP.match(text[cursor:found]):
            return None
        cursor = found + len(piece)
    return first, cursor


def fix_edits(doc: Document, candidate: Candidate, new: str, anchors: "_Anchors"
              ) -> Tuple[Edit, ...]:
    """The tag's edit, and for a paper heading the edits of every in-page link to it (its
    anchor changes with its text); nothing when any of it cannot be done exactly."""
    span = tag_span(doc, candidate)
    if span is None:
        return ()
    old = doc.text[span[0]:span[1]]
    edits = [Edit(span[0], span[1], new)]
    if candidate.entry.kind != "heading":
        return tuple(edits)
    heading = anchors.heading_at(candidate.entry.line)
    if heading is None or old not in heading.text:
        return ()
    followers = anchors.repoint(heading, heading.text.replace(old, new, 1), old, new)
    if followers is None:
        return ()
    return tuple(edits + followers)


class _Anchors:
    """The document's headings and in-page links, for moving links with a renamed heading."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.by_line = {heading.line: heading for heading in doc.headings}

    def heading_at(self, line: int) -> Optional[Heading]:
        return self.by_line.get(line)

    def repoint(self, heading: Heading, new_text: str, old_tag: str, new_tag: str
                ) -> Optional[List[Edit]]:
        """Edits that keep links to ``heading`` working once its text is ``new_text``: the
        fragment of each in-page link to it, and the tag in a TOC line's text. None when
        renaming it would move another heading's anchor."""
        from awesome_tools.model.slugs import Slugger

        slugger = Slugger()
        new_anchor = ""
        for other in self.doc.headings:
            anchor = slugger.slug(new_text if other is heading else other.text)
            if other is heading:
                new_anchor = anchor
            elif anchor != other.anchor:
                return None
        if new_anchor == heading.anchor:
            return []
        edits: List[Edit] = []
        for link in self.doc.links:
            if link.kind != "link" or link.dest is None or link.url != "#" + heading.anchor:
                continue
            edits.append(Edit(link.dest.start, link.dest.end, "#" + new_anchor))
            start = self.doc.line_starts[link.line - 1] + link.column - 1
            label = self.doc.text[start:link.dest.start]
            if label.count(old_tag) == 1:
                at = start + label.index(old_tag)
                edits.append(Edit(at, at + len(old_tag), new_tag))
        return edits


__all__: Sequence[str] = ("RULE", "preprint_entries", "evidence", "list_style", "tag_span")
