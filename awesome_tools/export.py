"""``awesome-tools export``: a list's entries as data (JSON, CSV or BibTeX).

A curated paper list is a small database written as Markdown. Exporting it lets people search
it, diff it and cite from it without scraping. Every format carries the same record per entry
(:func:`entry_record`), whatever shape the list writes it in (list item, paper heading, table
row, paragraph, HTML item): the section path, the title, the venue tag as written, the year,
the authors and the description as plain text, the links by label (``paper``, ``code``, a
repeated label numbered ``code2``...) and the lines the entry spans, so each value can be
traced back to the source.

BibTeX takes what it can from the link checker's cache (``awesome-tools links`` stores the
arXiv title of every arXiv link it checked, and authors when the cache has them): the paper's
own title beats the list's wording; else the authors the list wrote. The description goes to
``annote`` and the section path to ``keywords``. Keys are the first significant title word and the year
(``vilbert2019``); a key two different papers would share gets a suffix derived from the
title, so keys do not change when entries are added or moved.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from awesome_tools.formats.jsonlines import dumps_list
from awesome_tools.model import Document, Entry
from awesome_tools.model.entries import plain
from awesome_tools.urls import arxiv_id, is_external, normalize_url
from awesome_tools.venues import DEFAULT_TABLE, VenueTable, VenueTag, arxiv_date, url_evidence

FORMATS = ("json", "csv", "bibtex")
FIXED_COLUMNS = ("section", "title", "venue", "year", "line", "end_line")
TEXT_COLUMNS = ("authors", "description")  # after the link columns


def export_text(doc: Document, config: object, fmt: str = "json") -> str:
    """The entries of ``doc`` in ``fmt`` (json, csv or bibtex)."""
    from awesome_tools.errors import InputError

    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    records = export_records(doc, _table(config))
    if fmt == "json":
        return to_json(records)
    if fmt == "csv":
        return to_csv(records)
    return to_bibtex(doc, records, arxiv_metadata(config))


def _table(config) -> VenueTable:
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


def entry_record(doc: Document, entry: Entry, table: VenueTable = DEFAULT_TABLE
                 ) -> Dict[str, Any]:
    """One entry as plain data (see the module docstring)."""
    from awesome_tools.rules._venue import entry_tags

    tags = entry_tags(doc, entry, table)
    venue = entry.venue or ", ".join(" ".join(tag.text.split()) for tag in tags)
    return {
        "section": list(entry.section),
        "title": entry.title,
        "venue": venue,
        "year": entry_year(tags, entry),
        "authors": plain(entry.authors),
        "description": plain(entry.description),
        "links": labelled_links(entry),
        "line": entry.line,
        "end_line": entry.end_line,
        "kind": entry.kind,
        "_tags": tags,
        "_entry": entry,
    }


def export_records(doc: Document, table: VenueTable = DEFAULT_TABLE) -> List[Dict[str, Any]]:
    from awesome_tools.rules._venue import entries_with_tags

    return [entry_record(doc, entry, table) for entry in entries_with_tags(doc, table)]


def _public(record: Mapping[str, Any]) -> Dict[str, Any]:
    return {key: value for key, value in record.items() if not key.startswith("_")}


def to_json(records: Sequence[Mapping[str, Any]]) -> str:
    return dumps_list(_public(record) for record in records) + "\n"


def to_csv(records: Sequence[Mapping[str, Any]]) -> str:
    """One row per entry: fixed columns, then one column per link label (``paper`` first)."""
    labels: Dict[str, None] = {}
    for record in records:
        for key in record["links"]:
            labels.setdefault(re.sub(r"\d+$", "", key) or key, None)
    order = sorted(labels, key=lambda label: label != "paper")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIXED_COLUMNS + tuple(order) + TEXT_COLUMNS)
    for record in records:
        cells: Dict[str, List[str]] = {label: [] for label in order}
        for key, url in record["links"].items():
            cells[re.sub(r"\d+$", "", key) or key].append(url)
        writer.writerow([" > ".join(record["section"]), record["title"], record["venue"],
                         record["year"] or "", record["line"], record["end_line"]]
                        + [" ".join(cells[label]) for label in order]
                        + [record["authors"], record["description"]])
    return buffer.getvalue()


# --------------------------------------------------------------------------- BibTeX

_STOP = frozenset("a an the on of for in to and with via from towards toward is are do".split())
_SPECIAL = re.compile(r"([&%$#_])")


def arxiv_metadata(config) -> Dict[str, Dict[str, Any]]:
    """arXiv id -> cached metadata (``title``, ``authors`` when cached); {} without a cache."""
    from awesome_tools.rules._titles import link_cache_path

    path = link_cache_path(config)
    if not path.is_file():
        return {}
    from awesome_tools.links.cache import LinkCache  # no network stack; only when a cache exists

    return LinkCache(path).load().arxiv


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
    fields: Dict[str, str] = {"title": "{" + _escape(cached.get("title") or entry.title) + "}"}
    authors = _authors(cached.get("authors")) or _written_authors(record.get("authors", ""))
    if authors:
        fields["author"] = _escape(authors)
    kind = "misc"
    published = [tag for tag in tags if not tag.preprint and not tag.under_review]
    venue = table.find(published[-1].venue) if published else None
    if venue is not None:
        kind = "article" if venue.kind == "journal" else "inproceedings"
        fields["journal" if kind == "article" else "booktitle"] = _escape(venue.full_name)
    year = record["year"] or (arxiv_date(paper)[0] if paper and arxiv_date(paper) else None)
    if year:
        fields["year"] = str(year)
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
        chosen.append((citation_key(fields["title"].strip("{}"), record["year"]
                                    or _year(fields)), kind, fields, identity))
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
