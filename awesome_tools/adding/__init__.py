"""``awesome-tools add``: a paper into a list, written the way the list writes its papers.

The pieces: :mod:`.lookup` (what the argument names and what the sources of truth say about
it, through the link checker's clients and cache) and :mod:`.write` (the list's sections,
shapes, templates, table rows). This module puts them together:

1. the paper must not be listed already (the same paper under any URL form: arXiv abs, pdf or
   versions, DOI, OpenReview, ACL id; or a long title written the same way);
2. the entry is drafted from a template of the section (:func:`draft`) and placed in the
   section's order (:func:`place`);
3. the table of contents follows when the list puts entries in it: the TOC rules' fixes run
   through the fix pipeline, restricted to what the new entry caused (a TOC problem the list
   already had is not touched), and the guard's checks are applied: nothing new reported by
   any rule, the TOC's structure kept. Otherwise nothing is written.

Nothing here prints or prompts; :mod:`awesome_tools.commands.add` does.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Dict, List, Optional, Sequence, Tuple

from awesome_tools.adding.lookup import Paper
from awesome_tools.adding.write import (Draft, Section, Table, droppable, entry_region,
                                        paper_like, papers_of, render, render_row, shape_of, shaped,
                                        skeleton, table_of, template_fields, values_for)
from awesome_tools.errors import InputError
from awesome_tools.model import Document, Entry
from awesome_tools.papers import TagStyle
from awesome_tools.records import record
from awesome_tools.venues import DEFAULT_TABLE, VenueTable


@record(frozen=True)
class Added:
    """The result: the new text, the entry's first line in it, the section, whether the TOC
    changed."""

    text: str
    line: int
    section: Section
    toc_updated: bool
    entry_text: str


# --------------------------------------------------------------------------- already listed


def listed_as(doc: Document, paper: Paper) -> Optional[Entry]:
    """The entry that already lists ``paper``: one of its links is the same paper (any URL
    form), or its title is the paper's (six words or more, compared ignoring case and
    punctuation: shorter titles are shared by different papers)."""
    from awesome_tools.rules._titles import _variants, listed_titles
    from awesome_tools.urls import paper_key

    keys = set(paper.keys) | ({f"arxiv:{paper.arxiv}"} if paper.arxiv else set())
    for entry in doc.entries:
        for _, link in entry.links:
            key = paper_key(link.url)
            if key and (key in keys or key.lower() in keys):
                return entry
    wanted = {variant for variant in _variants(paper.title) if len(variant.split()) >= 6}
    if not wanted:
        return None
    for entry in doc.entries:
        if any(variant in wanted for title in listed_titles(doc, entry)
               for variant in _variants(title)):
            return entry
    return None


# --------------------------------------------------------------------------- order


def _arxiv_key(entry: Entry) -> Optional[Tuple[int, int]]:
    from awesome_tools.rules._titles import paper_link

    pair = paper_link(entry)
    return arxiv_sort_key(pair[1]) if pair else None


def arxiv_sort_key(ident: Optional[str]) -> Optional[Tuple[int, int]]:
    """``2103.14030`` -> (2103, 14030); old ids by their year and month."""
    import re

    from awesome_tools.venues import arxiv_date

    if not ident:
        return None
    match = re.match(r"(\d{4})\.(\d{4,5})", ident)
    if match:
        return int(match.group(1)), int(match.group(2))
    date = arxiv_date(ident)
    return ((date[0] % 100) * 100 + date[1], 0) if date else None


def _year_key(doc: Document, entry: Entry, table: VenueTable) -> Optional[int]:
    from awesome_tools.export import entry_year
    from awesome_tools.rules._venue import entry_tags

    return entry_year(entry_tags(doc, entry, table), entry)


def order_of(doc: Document, entries: Sequence[Entry], table: VenueTable
             ) -> Optional[Tuple[str, int, List[Any]]]:
    """(key name, +1 ascending or -1 descending, the entries' keys) of the order the entries
    mostly follow (four in five comparable neighbours agree, three pairs at least); None when
    they follow none."""
    keys: Dict[str, List[Any]] = {
        "arxiv": [_arxiv_key(entry) for entry in entries],
        "year": [_year_key(doc, entry, table) for entry in entries],
        "title": [entry.title.casefold() for entry in entries]}
    best: Optional[Tuple[float, int, str, int]] = None
    for rank, (name, values) in enumerate(keys.items()):
        known = [value for value in values if value is not None]
        pairs = [(a, b) for a, b in zip(known, known[1:]) if a != b]
        if len(pairs) < 3:
            continue
        up = sum(1 for a, b in pairs if a < b)
        ratio = max(up, len(pairs) - up) / len(pairs)
        if ratio >= 0.8 and (best is None or (ratio, -rank) > (best[0], -best[1])):
            best = (ratio, rank, name, 1 if up * 2 >= len(pairs) else -1)
    if best is None:
        return None
    return best[2], best[3], keys[best[2]]


def insertion_index(keys: Sequence[Any], new: Any, direction: int) -> int:
    """Where ``new`` breaks the order least (fewest entries on the wrong side of it); among
    equals, after its equals in an ascending order and before them in a descending one."""
    count = len(keys)
    before_wrong = [0] * (count + 1)  # entries before i that should come after new
    for index, key in enumerate(keys):
        wrong = key is not None and (key > new if direction > 0 else key < new)
        before_wrong[index + 1] = before_wrong[index] + wrong
    after_wrong = [0] * (count + 1)
    for index in range(count - 1, -1, -1):
        key = keys[index]
        wrong = key is not None and (key < new if direction > 0 else key > new)
        after_wrong[index] = after_wrong[index + 1] + wrong
    costs = [before_wrong[i] + after_wrong[i] for i in range(count + 1)]
    lowest = min(costs)
    places = [i for i, cost in enumerate(costs) if cost == lowest]
    return places[-1] if direction > 0 else places[0]


def _new_key(name: str, paper: Paper) -> Any:
    if name == "arxiv":
        return arxiv_sort_key(paper.arxiv)
    if name == "year":
        return paper.sort_year
    return paper.title.casefold()


# --------------------------------------------------------------------------- drafting


def _extent_end(doc: Document, entry: Entry, following: Optional[Entry]) -> int:
    """The last line of an entry with everything under it (a paper heading's notes), before
    the blank lines and thematic break that close it."""
    import re

    if entry.kind != "heading":
        last = entry.end_line
        while last > entry.line and not doc.line(last).strip():
            last -= 1
        return last
    stop = following.line if following is not None else None
    for heading in doc.headings:
        if heading.line > entry.line and (stop is None or heading.line < stop):
            stop = heading.line
            break
    last = (stop - 1) if stop is not None else len(doc.line_starts)
    while last > entry.end_line and (not doc.line(last).strip() or re.match(
            r"\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})\Z", doc.line(last))):
        last -= 1
    return last


def _gap(doc: Document, entries: Sequence[Entry], shape: str) -> int:
    """Blank lines between two entries of the section (the most common count)."""
    counts: Counter[int] = Counter()
    for entry, following in zip(entries, entries[1:]):
        end = _extent_end(doc, entry, following)
        blank = 0
        for number in range(end + 1, following.line):
            if doc.line(number).strip():
                break
            blank += 1
        counts[blank] += 1
    if counts:
        return counts.most_common(1)[0][0]
    return 1 if shape in ("heading", "paragraph") else 0


def _line_start(doc: Document, line: int) -> int:
    return doc.line_starts[line - 1] if line <= len(doc.line_starts) else len(doc.text)


def _newline(doc: Document) -> str:
    return "\r\n" if "\r\n" in doc.text[:4096] else "\n"


def draft(doc: Document, section: Section, paper: Paper, style: TagStyle,
          table: VenueTable = DEFAULT_TABLE, fallback: Sequence[Entry] = (),
          description: str = "") -> Draft:
    """The new entry's text and offset in ``section`` (see the module docstring).
    ``fallback``: entries of other sections that may serve as templates for an empty one."""
    own = list(section.entries)
    pool = own or list(fallback)
    if not pool:
        raise InputError(f"add: there is no entry in '{section.label}' or elsewhere in the "
                         "list to take its form from")
    shape = shape_of(Section(section.heading, section.path, tuple(pool), section.shown))
    entries = shaped(own, shape)
    templates = papers_of(section, entries) if entries else papers_of(
        section, shaped(pool, shape))
    index = _index(doc, entries, paper, table)
    if shape == "row":
        if not entries:
            raise InputError(f"add: '{section.label}' has no table to add a row to")
        text, template = _row_draft(doc, entries, templates, paper, style, index, description)
    else:
        try:
            text, template = _entry_draft(doc, templates, paper, style, index, table,
                                          description)
        except InputError:
            # none of the section's entries can serve (each names what this paper lacks):
            # an entry of the same shape elsewhere in the list can
            others = [entry for entry in shaped(fallback, shape) if entry not in templates]
            if not others:
                raise
            text, template = _entry_draft(doc, [e for e in others if paper_like(e)], paper,
                                          style, len(others), table, description)
    return _placed(doc, section, entries, shape, index, text, template)


def _index(doc: Document, entries: Sequence[Entry], paper: Paper, table: VenueTable) -> int:
    order = order_of(doc, entries, table)
    if order is not None:
        name, direction, keys = order
        new = _new_key(name, paper)
        if new is not None:
            return insertion_index(keys, new, direction)
    return len(entries)


def _tags_span(doc: Document, entry: Entry, table: VenueTable) -> Optional[Tuple[int, int]]:
    from awesome_tools.rules._venue import entry_tags
    from awesome_tools.rules.venue_outdated import BARE_PREPRINT, Candidate, tag_span

    tags = entry_tags(doc, entry, table)
    if tags:
        return tag_span(doc, Candidate(entry, tuple(tags)))
    if entry.venue and BARE_PREPRINT.match(entry.venue):
        return tag_span(doc, Candidate(entry, (), entry.venue))
    return None


def _entry_draft(doc: Document, pool: Sequence[Entry], paper: Paper, style: TagStyle,
                 index: int, table: VenueTable = DEFAULT_TABLE, description: str = ""
                 ) -> Tuple[str, Entry]:
    """The new entry rendered from the best template of ``pool``."""
    candidates = []
    for position, entry in enumerate(pool):
        fields = template_fields(doc, entry, _tags_span(doc, entry, table))
        if fields is None:
            continue
        region = entry_region(doc, entry)
        kinds = {field.kind for field in fields}
        has_venue = "venue" in kinds
        values = values_for(paper, style, has_venue, _authors_separator(doc, entry),
                            description)
        dropped = ["other", "note"] + (["code"] if not values.code else []) + \
            (["description"] if not values.description else []) + \
            (["venue"] if not values.venue else []) + \
            (["authors"] if not values.authors else []) + \
            (["name"] if not values.name else [])
        if not droppable(doc, fields, region, dropped):
            continue
        form = skeleton(doc, fields, region, bool(values.code), bool(values.venue),
                        bool(values.authors), bool(values.description))
        wants = (("code" in kinds) == bool(paper.code), has_venue,
                 ("description" in kinds) == bool(description))
        candidates.append((wants, form, abs(position - index), entry, fields, region, values))
    if not candidates:
        raise InputError("add: no entry of this section has a form add can follow (each "
                         "needs an inline paper link; a venue tag when the list tags papers)")
    forms = Counter(item[1] for item in candidates)
    candidates.sort(key=lambda item: (not item[0][0], not item[0][1], not item[0][2],
                                      -forms[item[1]], item[2]))
    _, _, _, template, fields, region, values = candidates[0]
    return render(doc, fields, region, values), template


def _authors_separator(doc: Document, entry: Entry) -> str:
    return "; " if entry.authors and ";" in entry.authors else ", "


def _row_draft(doc: Document, entries: Sequence[Entry], templates: Sequence[Entry],
               paper: Paper, style: TagStyle, index: int, description: str = ""
               ) -> Tuple[str, Entry]:
    usable = {entry.line for entry in templates}
    order = sorted((i for i in range(len(entries)) if entries[i].line in usable),
                   key=lambda i: (not _has_code(entries[i]) == bool(paper.code),
                                  abs(i - index)))
    for position in order:
        template = entries[position]
        found: Optional[Table] = table_of(doc, template.line)
        if found is None:
            continue
        has_venue = "venue" in found.roles
        values = values_for(paper, style, has_venue, ", ", description)
        row = render_row(doc, template, found, values, paper, entries)
        if row is not None:
            return row, template
    raise InputError("add: no row of this table has a form add can follow")


def _has_code(entry: Entry) -> bool:
    return any(label == "code" for label, _ in entry.links)


def _placed(doc: Document, section: Section, entries: Sequence[Entry], shape: str,
            index: int, text: str, template: Entry) -> Draft:
    newline = _newline(doc)
    text = text.replace("\r\n", "\n").replace("\n", newline)
    gap = _gap(doc, entries, shape) if shape != "row" else 0
    if shape == "row":
        entries = [entry for entry in entries
                   if table_of(doc, entry.line) == table_of(doc, template.line)]
        index = min(index, len(entries))
    if entries and index < len(entries):
        offset = _line_start(doc, entries[index].line)
        return Draft(text + newline + newline * gap, offset, shape, template)
    if entries:
        last = entries[-1]
        end = _extent_end(doc, last, None)
    else:
        end = _section_end(doc, section)
    offset = _line_start(doc, end + 1)
    lead = newline if offset == len(doc.text) and doc.text and not doc.text.endswith("\n") \
        else ""
    blank = newline * (gap if entries else 1)
    return Draft(lead + blank + text + newline, offset, shape, template)


def _section_end(doc: Document, section: Section) -> int:
    """The last line of a section's own text (before its first subsection or the next
    section, without the blank lines and thematic break at its end)."""
    import re

    stop = None
    for heading in doc.headings:
        if heading.line > section.heading.line:
            stop = heading.line
            break
    last = (stop - 1) if stop is not None else len(doc.line_starts)
    while last > section.heading.line and (not doc.line(last).strip() or re.match(
            r"\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})\Z", doc.line(last))):
        last -= 1
    return last


# --------------------------------------------------------------------------- the whole change


def add_paper(doc: Document, ctx: Any, paper: Paper, section: Section,
              table: VenueTable = DEFAULT_TABLE, description: str = "") -> Added:
    """The list with ``paper`` added to ``section``, its TOC updated when the list lists
    entries there; InputError (nothing written) when the result would not be clean."""
    from awesome_tools.rules.venue_outdated import list_style
    from awesome_tools.adding.write import sections as all_sections

    style = list_style(doc, table)
    fallback = [entry for other in all_sections(doc) for entry in other.entries]
    planned = draft(doc, section, paper, style, table, fallback, description)
    text = doc.text[:planned.offset] + planned.text + doc.text[planned.offset:]
    fixed, toc_updated = follow_toc(doc, text, ctx)
    line = doc.position(planned.offset)[0] if planned.offset < len(doc.text) else \
        len(doc.line_starts) + 1
    line += planned.text[:len(planned.text) - len(planned.text.lstrip("\r\n"))].count("\n")
    if toc_updated and doc.toc is not None and doc.toc.line < line:
        line += fixed.count("\n") - text.count("\n")
    return Added(fixed, line, section, toc_updated, planned.text.strip("\r\n"))


def follow_toc(before: Document, text: str, ctx: Any, rounds: int = 3) -> Tuple[str, bool]:
    """``text`` with the TOC fixes for what it newly has (the pipeline's rules and edits,
    only for findings ``before`` did not have), checked as the fix guard checks a fix."""
    from awesome_tools.fixes import edits as edit_ops
    from awesome_tools.fixes.guard import _new, _reparented
    from awesome_tools.fixes.pipeline import fixable_rules
    from awesome_tools.model.parse import parse
    from awesome_tools.rules import all_rules
    from awesome_tools.runner import check_document, selected_rules

    path = before.path
    toc_names = tuple(name for name, rule in all_rules().items() if "toc" in rule.tags)
    toc_rules = fixable_rules(ctx.config, toc_names, ())
    everything = selected_rules(ctx.config, (), (), online=False)
    everything.update(toc_rules)
    old = check_document(before, ctx, everything).findings
    current = text
    for _ in range(rounds):
        doc = parse(current, path)
        found = check_document(doc, ctx, toc_rules).findings
        fresh = [item for item in _new(before, old, doc, found) if item.fix]
        if not fresh:
            break
        changed = edit_ops.apply(current, [edit for item in fresh for edit in item.fix])
        if changed == current:
            break
        current = changed
    after = parse(current, path)
    new_findings = check_document(after, ctx, everything).findings
    added = _new(before, old, after, new_findings)
    if added:
        first = added[0]
        raise InputError(f"add: the new entry would make `check` report {first.rule} at line "
                         f"{first.line}: {first.message}; nothing was written")
    moved = _reparented(before, after, ctx, old)
    if moved:
        raise InputError(f"add: {moved}; nothing was written")
    return current, current != text


__all__: Sequence[str] = ("Added", "add_paper", "listed_as", "draft", "order_of",
                          "insertion_index", "follow_toc")
