"""Entries: what a list lists, as items or as paper headings with a link line.

Two shapes are common. Awesome lists use items (``- [Name](url) - Description.``); paper
lists often use a heading per paper followed by ``[[paper]](url) [[code]](url)``. Both become
:class:`~awesome_tools.model.Entry` with a title, a venue tag and labelled links, so rules
(duplicates, venue checks) and exports need not care which shape a list uses.
"""
from __future__ import annotations

import re
from operator import attrgetter
from typing import List, Optional, Sequence, Tuple

from awesome_tools.model import Entry, Link, Toc

_KNOWN_LABELS = {
    "paper", "code", "pdf", "arxiv", "project", "blog", "video", "slides", "website", "github",
    "demo", "data", "dataset", "homepage", "page", "pytorch", "tensorflow", "official",
    "supp", "poster", "talk", "model", "models", "weights", "docs", "doc", "openreview",
}
_TRAILING_TAG = re.compile(r"\s*[\[(]([^\[\]()]*\d{4}[^\[\]()]*)[\])]\s*$")
_LABEL_DIGITS = re.compile(r"\d+$")
_BOLD_START = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)")


def link_label(link: Link) -> str:
    """``[[code2]](u)`` -> ``code``; ``[PDF](u)`` -> ``pdf``; anything else -> ``link``."""
    text = link.text.strip()
    bracketed = text.startswith("[") and text.endswith("]")
    word = text.strip("[]").strip().lower()
    base = _LABEL_DIGITS.sub("", word).strip() or word
    if bracketed and base:
        return base
    return base if base in _KNOWN_LABELS else "link"


def _is_entry_link(link: Link) -> bool:
    url = link.url
    return link.kind == "link" and link.syntax != "definition" and bool(url) \
        and not url.startswith("#")


def _primary(links: Sequence[Tuple[str, Link]]) -> Optional[Link]:
    for label, link in links:
        if label in ("paper", "pdf", "arxiv"):
            return link
    return links[0][1] if links else None


def split_venue(title: str) -> Tuple[str, str]:
    """``Title [ICCV 2019]`` -> (``Title``, ``ICCV 2019``)."""
    match = _TRAILING_TAG.search(title)
    if match:
        return title[: match.start()].strip(), match.group(1).strip()
    return title.strip(), ""


def _heading_entry(heading, block, section) -> Optional[Entry]:
    token, links, in_list = block[3]
    if in_list:
        return None
    own = [link for link in links if _is_entry_link(link)]
    if not own:
        return None
    labelled = [(link_label(link), link) for link in own]
    first_text = own[0].text.strip()
    looks_like = (first_text.startswith("[") and first_text.endswith("]")) \
        or labelled[0][0] != "link" or own[0].syntax == "bare"
    if not looks_like:
        return None
    title, venue = split_venue(heading.text)
    if not venue:
        lead = token.content.split("[", 1)[0].strip().rstrip(".")
        if lead and len(lead) <= 60 and re.search(r"\d{4}", lead):
            venue = lead
    return Entry("heading", title, venue, tuple(labelled), heading.line, heading.column,
                 block[2], section, _primary(labelled))


def _item_title(item, own: List[Link]) -> str:
    token = item.first_inline
    children = token.children or []
    if children and children[0].type == "link_open":
        return own[0].text.strip()
    text = token.content
    bold = _BOLD_START.match(text)
    if bold:
        return bold.group(1).strip().rstrip(":")
    quoted = re.search(r"[\"“]([^\"”]{8,})[\"”]", text)
    if quoted:
        return quoted.group(1).strip().rstrip(",")
    head = text.split("[", 1)[0].split("](", 1)[0]
    return head.strip(" -–—:|*").strip()


def _item_entries(lists, toc: Optional[Toc]) -> List[Entry]:
    toc_lines = range(toc.line, toc.end_line + 1) if toc is not None else range(0)
    entries = []
    for md_list in lists:
        if md_list.line in toc_lines:
            continue
        for item, _depth in md_list.walk():
            own = [link for link in item.first_links if _is_entry_link(link)]
            if not own or item.first_inline is None:
                continue
            labelled = tuple((link_label(link), link) for link in own)
            title = _item_title(item, own)
            title, venue = split_venue(title)
            entries.append(Entry("item", title, venue, labelled, item.line, own[0].column,
                                 item.end_line, item.section, _primary(labelled)))
    return entries


def build_entries(blocks: Sequence[tuple], lists, toc: Optional[Toc]) -> Tuple[Entry, ...]:
    """Every entry of the document, in document order."""
    entries: List[Entry] = []
    stack: List[Tuple[int, str]] = []  # enclosing headings (level, text)
    for index, block in enumerate(blocks):
        if block[0] != "heading":
            continue
        heading = block[3]
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        section = tuple(text for _, text in stack)
        stack.append((heading.level, heading.text))
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is None or following[0] != "inline":
            continue
        entry = _heading_entry(heading, following, section)
        if entry is not None:
            entries.append(entry)
    entries.extend(_item_entries(lists, toc))
    entries.sort(key=attrgetter("line", "column"))
    return tuple(entries)

