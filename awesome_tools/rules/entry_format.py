"""Every entry is written the way the list's profile says. The rule is on by default but does
nothing until a profile is on (`profiles: [papers]`, `profiles: [awesome]`, or
`entry-format: {profile: papers|awesome}` to check one shape only), because lists
legitimately differ and a style a list never chose is noise.

- `papers`: a paper entry has a title, a venue tag (`[CVPR 2021]`, `[arXiv 2020/03]`, or
  `"Title", ICCV, 2023` after an item's title) and a link to the paper (labelled `paper`,
  `pdf`, `arxiv` or `openreview`, or an arXiv, DOI, OpenReview, ACL Anthology or proceedings
  URL), first among its links, ahead of code and project pages. Entries in every shape the
  model reads are checked: paper headings, list items, table rows (a row without a link; a
  venue tag only where the table has a venue column; the link order is the table's),
  paragraph entries (`**Title**` with its link lines) and HTML items. A venue tag without a
  year, or written unlike the list's other tags (`AAAI2020` among `ICLR 2021`s), is reported
  too. A tag naming a venue the venue table does not know (`[Frobnicator Letters 2020]`,
  `(Frob'21)`) is a tag all the same; it gets a note `unknown venue NAME` that says which
  config key (`venues.extra.NAME.first-year`) teaches the table the venue.
- `awesome`: sindresorhus's `- [Name](https://url) - Description.`, held to the list's own
  convention: the separator most of its entries use between name and description (60 % of
  them, at least five). An entry that departs from it, or writes ` - ` with other spacing, is
  reported where it is; a convention other than ` - `, or none, is reported once, at its first
  entry; `-[Name](url)` (no space after the marker, so not a list item) always. Entries after
  the table of contents count; items without a description or that start with text are left
  alone, and awesome-lint's comments (`<!--lint disable awesome-list-item-->`, `enable`,
  `ignore`) are honoured. The description's casing and final period are `description-style`'s.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** no: the missing tag or
link, or the wording, takes a person.

Bad:

```markdown
<!-- config: entry-format: {profile: papers} -->

### Efficient Transformers

#### Linformer: Self-Attention with Linear Complexity

[[code]](https://github.com/tatp22/linformer-pytorch) [[paper]](https://arxiv.org/abs/2006.04768)

#### Reformer: The Efficient Transformer [ICLR 2020]

[[code]](https://github.com/google/trax/tree/master/trax/models/reformer)
```

Good:

```markdown
<!-- config: entry-format: {profile: papers} -->

### Efficient Transformers

#### Linformer: Self-Attention with Linear Complexity [arXiv 2020/06]

[[paper]](https://arxiv.org/abs/2006.04768) [[code]](https://github.com/tatp22/linformer-pytorch)

#### Reformer: The Efficient Transformer [ICLR 2020]

[[paper]](https://arxiv.org/abs/2001.04451) [[code]](https://github.com/google/trax/tree/master/trax/models/reformer)
```

Bad:

```markdown
<!-- config: entry-format: {profile: papers} -->

## Datasets

| Name | Venue | Paper |
|------|-------|-------|
| LRS2 | TPAMI 2018 | [paper](https://arxiv.org/abs/1611.05358) |
| LRW | ACCV | |
```

Good:

```markdown
<!-- config: entry-format: {profile: papers} -->

## Datasets

| Name | Venue | Paper |
|------|-------|-------|
| LRS2 | TPAMI 2018 | [paper](https://arxiv.org/abs/1611.05358) |
| LRW | ACCV 2016 | [paper](https://www.robots.ox.ac.uk/~vgg/publications/2016/Chung16/chung16.pdf) |
```

Bad:

```markdown
<!-- config: entry-format: {profile: awesome} -->

## Platforms

- [MMF](https://github.com/facebookresearch/mmf) a modular framework for vision and language research
- [LAVIS](https://github.com/salesforce/LAVIS) - a library for language-vision intelligence
```

Good:

```markdown
<!-- config: entry-format: {profile: awesome} -->

## Platforms

- [MMF](https://github.com/facebookresearch/mmf) - A modular framework for vision and language research.
- [LAVIS](https://github.com/salesforce/LAVIS) - A library for language-vision intelligence.
```
"""
from __future__ import annotations

# ``entry-format``: every entry written the way the list's profile says.
#
# Off unless a profile is on (``profiles: [...]`` or ``entry-format: {profile: ...}``), because
# lists legitimately differ and a style a list never chose is noise.
#
# ``awesome``
#     ``- [Name](https://url) - Description.``, held to the list's own separator convention
#     (rules/_awesome_items.py; description casing and period: description_style.py).
# ``papers``
#     a paper entry has a title, a venue tag (``[CVPR 2021]``, ``arXiv 2020/03``, ``"Title",
#     ICCV, 2023``) and a paper link, first among its links, ahead of code and project pages.

from typing import Any, Dict, Iterator, List, Sequence

from awesome_tools.lazyre import lazy
from awesome_tools.model import Document, Entry, Link
from awesome_tools.urls import acl_id, arxiv_id, doi, openreview_id
from awesome_tools.venues import apostrophe_tag, unknown_venue, url_evidence
from awesome_tools.config.schema import Option, Section, choice
from awesome_tools.rules import Problem, Rule, RuleContext, profiles_on
from awesome_tools.rules._awesome_items import check_awesome

NAME = "entry-format"
PROFILES = ("awesome", "papers")


SECTION = Section("entry-format", (
    Option("profile", choice(*PROFILES), None, "awesome or papers"),
))
RULE = Rule(NAME, "Entries follow the configured profile: `awesome` (`- [Name](url) - "
            "Description.`) or `papers` (title, venue tag, paper link first).",
            section=SECTION, tags=("entries",), docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    # `entry-format.profile` names one shape; else the shapes of the profiles that are on.
    chosen = ctx.options.get("profile")
    shapes = (chosen,) if chosen else profiles_on(ctx.config, ctx.path)
    if "papers" in shapes:
        yield from check_papers(doc, ctx)
    if "awesome" in shapes:
        yield from check_awesome(doc, ctx)


# --------------------------------------------------------------------------- papers

PAPER_LABELS = ("paper", "pdf", "arxiv", "openreview")


def is_paper_link(label: str, link: Link) -> bool:
    """A link to the paper itself: labelled so, or an arXiv, DOI, OpenReview, ACL or
    proceedings URL."""
    url = link.url
    return label in PAPER_LABELS or bool(
        arxiv_id(url) or doi(url) or openreview_id(url) or acl_id(url) or url_evidence(url))


def paper_problems(entry: Entry, has_tag: bool, tag_wanted: bool = True) -> List[str]:
    """What a `papers`-profile entry lacks, in reading order. A table row's links sit in its
    columns, so their order is the table's, not the row's choice."""
    problems = []
    if not entry.title.strip():
        problems.append("paper entry has no title")
    if not has_tag and tag_wanted:
        problems.append("paper entry has no venue tag (such as [CVPR 2021] or [arXiv 2020/03])")
    links = [(label, link) for label, link in entry.links if label != "badge"]
    papers = [index for index, (label, link) in enumerate(links) if is_paper_link(label, link)]
    if not links:
        problems.append("table row has no link" if entry.kind == "row"
                        else "paper entry has no link")
    elif not papers:
        found = ", ".join(dict.fromkeys(label for label, _ in links))
        problems.append(f"paper entry has no paper link (only {found})")
    elif papers[0] != 0 and entry.kind != "row":
        problems.append(f"the paper link should come first, before [{links[0][0]}]")
    return problems


# The written form of a venue tag, to compare an entry's tag with the list's usual form:
# ``CVPR 2021`` and ``arXiv 2020/03`` are ``V Y``; ``CVPR'21`` is ``V'y``; ``CVPR, 2021`` is
# ``V, Y``; ``(ICLR 2021)`` is ``(V Y``. Only the first tag counts, up to its year.
_TAG_YEAR = lazy(r"(?:19|20)\d\d(?:[/.\-]\d{1,2})?|'\d\d\b")
_TAG_WORD = lazy(r"[A-Za-z][A-Za-z&+.\-]*")
_TAG_WORDS = lazy(r"V(?:\s+V)+")


def tag_form(venue: str) -> str:
    """The shape of a tag as written (``V Y``, ``V'y``, ``V, Y``), ``?`` without a year."""
    text = venue.strip()
    year = _TAG_YEAR.search(text)
    if year is None:
        return "?"
    head = _TAG_WORDS.sub("V", _TAG_WORD.sub("V", text[:year.start()]))
    return head + ("'y" if year.group().startswith("'") else "Y")


def check_papers(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    from awesome_tools.rules._venue import entries_with_tags, entry_tags, venue_table

    table = venue_table(ctx)
    entries = entries_with_tags(doc, table)
    tagged_sections = {entry.section for entry in entries if entry.venue}
    usual = _usual_forms(entries)
    for entry in entries:
        # a tag with a year is a tag, whether or not the venue table knows the venue; a
        # table without a venue column asks for no tag in its rows
        tags = entry_tags(doc, entry, table)
        quoted = None if entry.venue or tags else apostrophe_tag(entry.title)  # (Name'YY)
        has_tag = bool(entry.venue) or bool(tags) or quoted is not None
        wanted = entry.kind != "row" or entry.section in tagged_sections
        for message in paper_problems(entry, has_tag, wanted):
            yield Problem(entry.line, entry.column, message)
        unknown = unknown_venue(entry.venue or (quoted[1] if quoted else ""), table)
        if unknown:  # a tag all the same: the table cannot check it until it learns the venue
            yield Problem(entry.line, entry.column,
                          f"unknown venue {unknown!r}: add it to the config as "
                          f"venues.extra.{unknown}.first-year to have it checked",
                          severity="note")
        message = _tag_form_problem(entry, usual)
        if message:
            yield Problem(entry.line, entry.column, message)


def _usual_forms(entries: Sequence[Entry]) -> Dict[str, Any]:
    """Per entry shape, the tag form most of its tagged entries use, when most of them (four
    in five, five at least) agree."""
    forms: Dict[str, Any] = {}
    for entry in entries:
        if entry.venue and len(entry.venue) <= 40:  # a citation's venue is no tag
            forms.setdefault(entry.kind, []).append(tag_form(entry.venue))
    usual = {}
    for kind, seen in forms.items():
        best = max(set(seen), key=seen.count)
        if len(seen) >= 5 and seen.count(best) * 5 >= len(seen) * 4:
            usual[kind] = best
    return usual


def _tag_form_problem(entry: Entry, usual: Dict[str, Any]) -> str:
    """A venue tag without a year, or written unlike the list's other tags of its shape."""
    if not entry.venue or len(entry.venue) > 40:
        return ""
    form = tag_form(entry.venue)
    if form == "?":
        return f"venue tag '{entry.venue}' has no year (such as CVPR 2021 or arXiv 2020/03)"
    expected = usual.get(entry.kind)
    if expected and form != expected:
        return (f"venue tag '{entry.venue}' is written unlike the list's other tags "
                f"({_FORM_EXAMPLES.get(expected, expected)})")
    return ""


_FORM_EXAMPLES = {"V Y": "such as CVPR 2021", "V'y": "such as CVPR'21",
                  "V, Y": "such as CVPR, 2021", "(V Y": "such as (CVPR 2021)",
                  "[V Y": "such as [CVPR 2021]"}
