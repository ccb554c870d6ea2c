"""``awesome-tools export``: a list's entries as data (JSON, CSV or BibTeX).

A curated paper list is a small database written as Markdown. Exporting it lets people search
it, diff it and cite from it without scraping. Every format carries the same record per entry
(:func:`entry_record`), whatever shape the list writes it in (list item, paper heading, table
row, paragraph, HTML item): the section path, the title, the venue tag as written, the year,
the authors and the description as plain text, the links by label (``paper``, ``code``, a
repeated label numbered ``code2``...) and the lines the entry spans, so each value can be
traced back to the source.

Three fields identify the paper behind an entry: ``arxiv_id`` (from its arXiv link),
``doi`` (from a doi.org or publisher link, else from the arXiv record) and
``published_venue`` (``ICLR 2021``: where the paper appeared, as the cached OpenReview or arXiv
record says, else as the entry's own published tag or proceedings link says; None for a
paper known only as a preprint). The records come from the link checker's cache, never the
network.

BibTeX takes what it can from the link checker's cache (``awesome-tools links`` stores the
arXiv title of every arXiv link it checked, and authors when the cache has them): the paper's
own title beats the list's wording; else the authors the list wrote. The description goes to
``annote`` and the section path to ``keywords``. Keys are the first significant title word and
the year (``vilbert2019``); a key two different papers would share gets a suffix derived from the
title, so keys do not change when entries are added or moved.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from awesome_tools.formats.jsonlines import dumps_list
from awesome_tools.model import Document, Entry
from awesome_tools.model.entries import plain
from awesome_tools.urls import arxiv_id, is_external, normalize_url
from awesome_tools.venues import DEFAULT_TABLE, VenueTable, VenueTag, apostrophe_tag, arxiv_date, \
    unknown_venue, url_evidence

FORMATS = ("json", "csv", "bibtex")
FIXED_COLUMNS = ("section", "title", "venue", "year", "line", "end_line")
TEXT_COLUMNS = ("authors", "description")  # after the link columns
PAPER_COLUMNS = ("arxiv_id", "doi", "published_venue")  # between the links and the text


def export_text(doc: Document, config: object, fmt: str = "json") -> str:
    """The entries of ``doc`` in ``fmt`` (json, csv or bibtex)."""
    from awesome_tools.errors import InputError

    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    table = _table(config)
    arxiv, openreview = paper_metadata(config)
    records = export_records(doc, table, arxiv, openreview)
    if fmt == "json":
        return to_json(records)
    if fmt == "csv":
        return to_csv(records)
    return to_bibtex(doc, records, arxiv, table)


def records_of(doc: Document, config: object) -> List[Dict[str, Any]]:
    """The export records of ``doc`` (what :func:`export_text` writes as JSON or CSV)."""
    arxiv, openreview = paper_metadata(config)
    return list(export_records(doc, _table(config), arxiv, openreview))


def _table(config: Any) -> VenueTable:
    from awesome_tools.rules._venue import table_for_config

    return table_for_config(config)


# --------------------------------------------------------------------------- records


def labelled_links(entry: Entry) -> Dict[str, str]:
    """Label -> URL in entry order; a repeated label is numbered (``code``, ``code2``)."""
    links: Dict[str, str] = {}
    counts: Dict[str, int] = {}
    for label, link in entry.links:
        counts[label] = counts.get(label, 0) + 1
        key = label if counts[label] == 1 else f"{label}{counts[label]}"
        while key in links:  # a list that wrote both [[code]] twice and [[code2]]
            counts[label] += 1
            key = f"{label}{counts[label]}"
        links[key] = link.url
    return links


def entry_year(tags: Sequence[VenueTag], entry: Entry) -> Optional[int]:
    """The publication year: the last published venue's, else the preprint's, else the link's,
    else a submission's ("Under review of ICLR 2021" is not a 2021 paper yet)."""
    published = [tag.year for tag in tags if tag.year and not tag.preprint
                 and not tag.under_review]
    preprint = [tag.year for tag in tags if tag.year and tag.preprint and not tag.under_review]
    for years in (published, preprint):
        if years:
            return years[-1]
    if entry.year:
        return entry.year  # the entry's own date or year field
    for _, link in entry.links:
        evidence = url_evidence(link.url)
        if evidence is not None and evidence.year:
            return evidence.year
    submitted = [tag.year for tag in tags if tag.year]
    return submitted[-1] if submitted else None


def entry_record(doc: Document, entry: Entry, table: VenueTable = DEFAULT_TABLE,
                 arxiv: Optional[Mapping[str, Mapping[str, Any]]] = None,
                 openreview: Optional[Mapping[str, Mapping[str, Any]]] = None
                 ) -> Dict[str, Any]:
    """One entry as plain data (see the module docstring)."""
    from awesome_tools.rules._venue import entry_tags

    tags = entry_tags(doc, entry, table)
    venue = entry.venue or ", ".join(" ".join(tag.text.split()) for tag in tags)
    title, year = entry.title, entry_year(tags, entry)
    quoted = None if venue else apostrophe_tag(title)  # ``Title (Name'YY)``: a tag all the same
    if quoted is not None:
        title, venue, year = quoted[0], quoted[1], year or quoted[2]
    paper = paper_ids(entry, arxiv or {}, openreview or {}, tags, table)
    return {
        "section": list(entry.section),
        "title": title,
        "venue": venue,
        "year": year,
        "authors": plain(entry.authors),
        "description": plain(entry.description),
        "links": labelled_links(entry),
        "line": entry.line,
        "end_line": entry.end_line,
        "kind": entry.kind,
        "arxiv_id": paper["arxiv_id"],
        "doi": paper["doi"],
        "published_venue": paper["published_venue"],
        "_tags": tags,
        "_entry": entry,
    }


def export_records(doc: Document, table: VenueTable = DEFAULT_TABLE,
                   arxiv: Optional[Mapping[str, Mapping[str, Any]]] = None,
                   openreview: Optional[Mapping[str, Mapping[str, Any]]] = None
                   ) -> List[Dict[str, Any]]:
    from awesome_tools.rules._venue import entries_with_tags

    return [entry_record(doc, entry, table, arxiv, openreview)
            for entry in entries_with_tags(doc, table)]


def paper_ids(entry: Entry, arxiv: Mapping[str, Mapping[str, Any]],
              openreview: Mapping[str, Mapping[str, Any]], tags: Sequence[VenueTag],
              table: VenueTable = DEFAULT_TABLE) -> Dict[str, Optional[str]]:
    """``arxiv_id``, ``doi`` and ``published_venue`` of an entry (see the module docstring)."""
    from awesome_tools.papers import arxiv_venue, openreview_venue
    from awesome_tools.urls import openreview_id, paper_key

    ident = doi = None
    published = None
    links = ([entry.primary] if entry.primary is not None else []) + \
        [link for _, link in entry.links]
    for link in links:
        ident = ident or arxiv_id(link.url)
        key = paper_key(link.url) or ""
        if doi is None and key.startswith("doi:") and not key.lower().startswith(
                "doi:10.48550/"):
            doi = key[4:]
        note = openreview_id(link.url)
        if published is None and note and note in openreview:
            found = openreview_venue(openreview[note], table)
            if found is not None and found.decision == "accepted" and found.year:
                published = found.label
    record = arxiv.get(ident, {}) if ident else {}
    doi = doi or record.get("doi")
    if published is None and record:
        found = arxiv_venue(record, table)
        if found is not None and found.year:
            published = found.label
    if published is None:
        published = _published_tag(tags, links)
    return {"arxiv_id": ident, "doi": doi, "published_venue": published}


def _published_tag(tags: Sequence[VenueTag], links: Sequence[Any]) -> Optional[str]:
    """The entry's own word: its last published tag, else a proceedings link's venue."""
    for tag in reversed(tags):
        if not tag.preprint and not tag.under_review and tag.year:
            name = f"{tag.venue} {tag.year}"
            return f"Findings of {name}" if tag.findings else (
                f"{name} Workshop" if tag.workshop else name)
    for link in links:
        evidence = url_evidence(link.url)
        if evidence is not None and evidence.venue and evidence.year and \
                evidence.source not in ("arxiv", "conference-site"):
            return f"{evidence.venue} {evidence.year}"
    return None


def _public(record: Mapping[str, Any]) -> Dict[str, Any]:
    return {key: value for key, value in record.items() if not key.startswith("_")}


def to_json(records: Sequence[Mapping[str, Any]]) -> str:
    return dumps_list(_public(record) for record in records) + "\n"


def to_csv(records: Sequence[Mapping[str, Any]]) -> str:
    """One row per entry: fixed columns, then one column per link label (``paper`` first).
    Records merged from several lists carry ``file``: it is then the first column."""
    labels: Dict[str, None] = {}
    for record in records:
        for key in record["links"]:
            labels.setdefault(re.sub(r"\d+$", "", key) or key, None)
    order = sorted(labels, key=lambda label: label != "paper")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    lead = ("file",) if any("file" in record for record in records) else ()
    writer.writerow(lead + FIXED_COLUMNS + tuple(order) + PAPER_COLUMNS + TEXT_COLUMNS)
    for record in records:
        cells: Dict[str, List[str]] = {label: [] for label in order}
        for key, url in record["links"].items():
            cells[re.sub(r"\d+$", "", key) or key].append(url)
        writer.writerow([record.get("file", "") for _ in lead]
                        + [" > ".join(record["section"]), record["title"], record["venue"],
                         record["year"] or "", record["line"], record["end_line"]]
                        + [" ".join(cells[label]) for label in order]
                        + [record.get(name) or "" for name in PAPER_COLUMNS]
                        + [record["authors"], record["description"]])
    return buffer.getvalue()


# --------------------------------------------------------------------------- BibTeX

_STOP = frozenset("a an the on of for in to and with via from towards toward is are do".split())
_SPECIAL = re.compile(r"([&%$#_])")


def arxiv_metadata(config: Any) -> Dict[str, Dict[str, Any]]:
    """arXiv id -> cached metadata (``title``, ``authors`` when cached); {} without a cache."""
    return paper_metadata(config)[0]


def paper_metadata(config: Any) -> Tuple[Dict[str, Dict[str, Any]], Dict[str, Dict[str, Any]]]:
    """(arXiv id -> cached record, OpenReview id -> cached record); empty without a cache."""
    from awesome_tools.rules._titles import link_cache_path

    path = link_cache_path(config)
    if not path.is_file():
        return {}, {}
    from awesome_tools.links.cache import LinkCache  # no network stack; only when a cache exists

    cache = LinkCache(path).load()
    return cache.arxiv, cache.openreview


def citation_key(title: str, year: Optional[int]) -> str:
    """``ViLBERT: Pretraining ...`` + 2019 -> ``vilbert2019``; ``VL-BERT: ...`` -> ``vlbert``."""
    words = [re.sub(r"[^a-z0-9]", "", word) for word in _ascii(title).lower().split()]
    words = [word for word in words if word]
    word = next((w for w in words if w not in _STOP), words[0] if words else "entry")
    return f"{word}{year or ''}"


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _authors(value: Any) -> Optional[str]:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, list) and value:
        return " and ".join(str(name).strip() for name in value if str(name).strip())
    return None


def bibtex_fields(record: Mapping[str, Any], metadata: Mapping[str, Dict[str, Any]],
                  table: VenueTable = DEFAULT_TABLE) -> Tuple[str, Dict[str, str]]:
    """The BibTeX entry type and fields of one record."""
    entry: Entry = record["_entry"]
    tags: Sequence[VenueTag] = record["_tags"]
    paper = next((ident for ident in (arxiv_id(link.url) for _, link in entry.links) if ident),
                 None)
    cached = metadata.get(paper, {}) if paper else {}
    title = cached.get("title") or record.get("title") or entry.title
    fields: Dict[str, str] = {"title": "{" + _escape(title) + "}"}
    authors = _authors(cached.get("authors")) or _written_authors(record.get("authors", ""))
    if authors:
        fields["author"] = _escape(authors)
    kind = "misc"
    published = [tag for tag in tags if not tag.preprint and not tag.under_review]
    venue = table.find(published[-1].venue) if published else None
    first = arxiv_date(paper) if paper else None
    year = record["year"] or (first[0] if first else None)
    if venue is None and cached:
        from awesome_tools.papers import arxiv_venue

        found = arxiv_venue(cached, table)  # the record says where the preprint appeared
        if found is not None and found.year and not found.workshop:
            venue, year = table.find(found.venue), found.year
    if venue is not None:
        kind = "article" if venue.kind == "journal" else "inproceedings"
        fields["journal" if kind == "article" else "booktitle"] = _escape(venue.full_name)
    else:
        unknown = unknown_venue(str(record.get("venue") or ""), table)
        if unknown:  # a venue the table does not know yet: kept as written
            fields["howpublished"] = _escape(unknown)
    if year:
        fields["year"] = str(year)
    if record.get("doi"):
        fields["doi"] = _escape(str(record["doi"]))
    if paper:
        fields["eprint"] = paper
        fields["archiveprefix"] = "arXiv"
    if entry.primary is not None:
        fields["url"] = entry.primary.url
    if record.get("description"):
        fields["annote"] = _escape(record["description"])
    if record.get("section"):
        fields["keywords"] = _escape(" > ".join(record["section"]))
    return kind, fields


def _written_authors(text: str) -> Optional[str]:
    """The list's own ``A, B, and C`` / ``A et al.`` as BibTeX's ``A and B and C`` /
    ``A and others``."""
    text = text.strip().rstrip(".")
    if not text:
        return None
    others = re.search(r",?\s+et\s+al\.?$", text)
    if others:
        text = text[:others.start()]
    names = [name.strip() for name in re.split(r",\s*(?:and\s+)?|\s+and\s+|;\s*", text)
             if name.strip()]
    if others:
        names.append("others")
    return " and ".join(names) if names else None


def to_bibtex(doc: Document, records: Sequence[Mapping[str, Any]],
              metadata: Mapping[str, Dict[str, Any]],
              table: VenueTable = DEFAULT_TABLE) -> str:
    """One BibTeX entry per paper (an entry listed twice is written once; entries without a
    title or an external link are left out)."""
    seen_papers = set()
    chosen = []
    for record in records:
        entry: Entry = record["_entry"]
        if not entry.title or entry.primary is None or not is_external(entry.primary.url):
            continue  # a table-of-contents or cross-file link is no paper
        identity = normalize_url(entry.primary.url)
        if identity in seen_papers:
            continue
        seen_papers.add(identity)
        kind, fields = bibtex_fields(record, metadata, table)
        chosen.append((citation_key(fields["title"].strip("{}"), _year(fields)
                                    or record["year"]), kind, fields, identity))
    counts: Dict[str, int] = {}
    for key, _, _, _ in chosen:
        counts[key] = counts.get(key, 0) + 1
    blocks = []
    for key, kind, fields, identity in chosen:
        if counts[key] > 1:  # two papers would share it: a suffix from the paper itself
            key += "-" + hashlib.sha1(identity.encode("utf-8")).hexdigest()[:4]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        blocks.append(f"@{kind}{{{key},\n{body}\n}}\n")
    return "\n".join(blocks)


def _year(fields: Mapping[str, str]) -> Optional[int]:
    value = fields.get("year")
    return int(value) if value and value.isdigit() else None
