"""``duplicate-entry``: the same paper or resource listed twice.

Two entries are the same when their identifying URLs normalise to the same key (arXiv
abs/pdf/version/mirror, OpenReview forum/pdf, DOI forms, GitHub case, scheme, ``www.``,
trailing slash) or when their titles match after case and punctuation are ignored. Only each
entry's primary link counts (the paper link, else the first link), so a description that
mentions another project, a TOC link or a "back to top" link never makes a duplicate. The
finding sits at the later entry and names the first.
"""
from __future__ import annotations

import re
from typing import Dict, Iterator, Tuple

from awesome_tools.findings import Finding
from awesome_tools.model import Document
from awesome_tools.urls import normalize_url
from awesome_tools.rules import finding, rule

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MIN_TITLE_WORDS = 4  # shorter titles ("Other", "Tools") are names, not identities


def title_key(title: str) -> str:
    if title.count(" ") < MIN_TITLE_WORDS - 1:
        return ""  # fewer spaces than words needed: a name, not a title (and no regex spent)
    words = _WORD.findall(title.casefold())
    return " ".join(words) if len(words) >= MIN_TITLE_WORDS else ""


def _allowed(ctx) -> frozenset:
    config = getattr(ctx, "config", None)
    allow = getattr(config, "duplicates_allow", ()) or ()
    return frozenset(normalize_url(url) for url in allow)


@rule("duplicate-entry", "The same paper or resource is listed twice.")
def duplicate_entry(doc: Document, ctx) -> Iterator[Finding]:
    allowed = _allowed(ctx)
    by_url: Dict[str, Tuple[int, str]] = {}
    by_title: Dict[str, Tuple[int, str]] = {}
    for entry in doc.entries:
        url_key = ""
        if entry.primary is not None and not entry.primary.url.startswith("#"):
            url_key = normalize_url(entry.primary.url)
            if url_key in allowed:
                url_key = ""
        key_title = title_key(entry.title)
        first = by_url.get(url_key) if url_key else None
        how = "links the same resource"
        if first is None and key_title:
            first = by_title.get(key_title)
            how = "has the same title"
        if first is not None:
            line, title = first
            yield finding(entry.line, entry.column, "duplicate-entry",
                          f"'{_short(entry.title)}' {how} as the entry at line {line} "
                          f"('{_short(title)}')", related=("", line))
            continue
        if url_key:
            by_url.setdefault(url_key, (entry.line, entry.title))
        if key_title:
            by_title.setdefault(key_title, (entry.line, entry.title))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
