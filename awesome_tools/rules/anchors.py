"""``broken-anchor``: in-page fragments that point at nothing GitHub renders.

A fragment resolves when it equals a heading anchor or an HTML ``id``/``name`` (GitHub
compares exactly, so letter case matters), percent-decoded, with or without emoji
variation selectors. ``#top`` and line fragments (``#L10``) are handled by the browser and
GitHub. The fix repoints a link only when exactly one heading is plausibly meant.
"""
from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from typing import Dict, Iterator, List, Optional, Tuple
from urllib.parse import unquote

from awesome_tools.findings import Edit, Finding
from awesome_tools.model import Document, Link
from awesome_tools.model.slugs import without_vs16
from awesome_tools.rules import finding, rule

# "#top" scrolls to the top in every browser; GitHub line links are "#L10" and ranges
# "#L10-L20" / "#L10C2-L20C5" (exact case, as GitHub writes them).
_SPECIAL = re.compile(r"^(?:[Tt][Oo][Pp]|L\d+(?:C\d+)?-L\d+(?:C\d+)?|L\d+)$")
_SUFFIX = re.compile(r"^(.*)-(\d+)$")


class AnchorIndex:
    """Every fragment target of a document, with lookups that tolerate VS16 and case."""

    def __init__(self, doc: Document) -> None:
        self.exact: Dict[str, int] = {}
        for heading in doc.headings:
            self.exact.setdefault(heading.anchor, heading.line)
        for anchor in doc.anchors:
            self.exact.setdefault(anchor.name, anchor.line)
        self.loose: Dict[str, str] = {}
        self.lower: Dict[str, List[str]] = {}
        for name in self.exact:
            self.loose.setdefault(without_vs16(name), name)
            self.lower.setdefault(without_vs16(name).lower(), []).append(name)
        self.headings = _ByLength([h.anchor for h in doc.headings])
        self._exact_by_length: Optional[_ByLength] = None

    def resolves(self, fragment: str) -> bool:
        return fragment in self.exact or without_vs16(fragment) in self.loose

    def case_only(self, fragment: str) -> List[str]:
        return self.lower.get(without_vs16(fragment).lower(), [])

    def repair(self, fragment: str) -> Tuple[Optional[str], Optional[str]]:
        """(the one anchor plausibly meant, or None; the closest anchor for the message)."""
        same_case = self.case_only(fragment)
        if len(same_case) == 1:
            return same_case[0], same_case[0]
        suffix = _SUFFIX.match(fragment)
        if suffix and suffix.group(1) in self.exact:
            base = suffix.group(1)
            others = [name for name in self.exact if name.startswith(base + "-")
                      and _SUFFIX.match(name)]
            if not others:
                return base, base
        close = difflib.get_close_matches(fragment, self.headings.within_reach(fragment),
                                          n=2, cutoff=CUTOFF)
        if not close:
            if self._exact_by_length is None:
                self._exact_by_length = _ByLength(list(self.exact))
            close = difflib.get_close_matches(fragment,
                                              self._exact_by_length.within_reach(fragment),
                                              n=1, cutoff=CUTOFF)
        if not close:
            return None, None
        best = close[0]
        ratio = difflib.SequenceMatcher(None, fragment, best).ratio()
        second = difflib.SequenceMatcher(None, fragment, close[1]).ratio() if len(close) > 1 else 0
        if ratio >= 0.85 and ratio - second >= 0.1:
            return best, best
        return None, best


CUTOFF = 0.6


class _ByLength:
    """Names sorted by length, so the ones a similarity cutoff allows are one slice away.

    difflib's ratio is at most 2*min(a, b)/(a + b) for lengths a and b, so a name outside
    the slice could never reach ``CUTOFF``: dropping it changes no match, and a list with
    thousands of headings and dozens of broken fragments is not scanned once per fragment.
    (The order of candidates does not matter: get_close_matches ranks by score, then name.)
    """

    def __init__(self, names: List[str]) -> None:
        self.names = sorted(names, key=len)
        self.lengths = [len(name) for name in self.names]

    def within_reach(self, fragment: str) -> List[str]:
        size = len(fragment)
        low, high = size * CUTOFF / (2 - CUTOFF), size * (2 - CUTOFF) / CUTOFF
        return self.names[bisect_left(self.lengths, low):bisect_right(self.lengths, high)]


def in_page_fragments(doc: Document) -> Iterator[Tuple[Link, str]]:
    """Links to ``#fragment`` in this page: inline, HTML and definitions (not their uses)."""
    for link in doc.links:
        url = link.url
        if link.kind != "link" or not url.startswith("#") or link.syntax == "reference":
            continue
        fragment = url[1:]
        if fragment and not _SPECIAL.match(fragment):
            yield link, fragment


@rule("broken-anchor", "An in-page #fragment matches no heading anchor or HTML anchor.",
      fixable=True)
def broken_anchor(doc: Document, ctx) -> Iterator[Finding]:
    index = AnchorIndex(doc)
    toc_repairs = {}
    if doc.toc is not None:
        from awesome_tools.toc.align import plan_for, repairs
        from awesome_tools.rules.toc import toc_settings

        toc_repairs = repairs(plan_for(doc, toc_settings(ctx)))
    for link, fragment in in_page_fragments(doc):
        decoded = unquote(fragment) if "%" in fragment else fragment
        if index.resolves(decoded):
            continue
        meant, closest = index.repair(decoded)
        if link.in_toc and doc.toc is not None:
            # The TOC alignment knows which heading an entry lists; an entry that lists
            # none is toc-extra's to remove, not ours to repoint.
            meant = toc_repairs.get((link.line, link.column))
            closest = meant or closest
        case = index.case_only(decoded)
        if len(case) == 1:
            message = (f"link fragment #{fragment} differs only in letter case from the anchor "
                       f"#{case[0]} (GitHub anchors are case-sensitive)")
        else:
            message = f"link fragment #{fragment} matches no heading or anchor"
            if closest:
                message += f" (did you mean #{closest}?)"
        fix = ()
        if meant is not None and link.dest is not None:
            fix = (Edit(link.dest.start, link.dest.end, "#" + meant),)
        yield finding(link.line, link.column, "broken-anchor", message,
                      suggestion=f"#{closest}" if closest else None, fix=fix)


_OTHER_FILES: Dict[tuple, Optional[AnchorIndex]] = {}


def _index_of(path) -> Optional[AnchorIndex]:
    """The anchors of another Markdown file of the repository (parsed once per version)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _OTHER_FILES:
        from awesome_tools.model.parse import parse
        from awesome_tools.errors import InputError
        from awesome_tools.textio import read_source

        try:
            source = read_source(path)
        except InputError:
            _OTHER_FILES[key] = None
        else:
            _OTHER_FILES[key] = AnchorIndex(parse(source.text, key[0]))
    return _OTHER_FILES[key]


@rule("broken-file-anchor", "A link to another Markdown file of the repository names a "
      "#fragment that file does not have.", fixable=True)
def broken_file_anchor(doc: Document, ctx) -> Iterator[Finding]:
    """``README_2.md#vision`` must match a heading of README_2.md, as GitHub renders it."""
    from awesome_tools.rules.files import local_target, resolve

    for link in doc.links:
        if link.kind != "link" or link.syntax == "reference" or "#" not in link.url:
            continue
        target = local_target(link.url)
        if not target or not target.lower().endswith((".md", ".markdown")):
            continue
        exists, _ = resolve(target, ctx.base_dir, ctx.root)
        if not exists:
            continue  # missing-file reports it
        fragment = link.url.split("#", 1)[1]
        if not fragment or _SPECIAL.match(fragment):
            continue
        base = ctx.root if target.startswith("/") else ctx.base_dir
        index = _index_of((base / target.lstrip("/")).resolve())
        decoded = unquote(fragment) if "%" in fragment else fragment
        if index is None or index.resolves(decoded):
            continue
        meant, closest = index.repair(decoded)
        message = f"{target} has no anchor #{fragment}"
        if closest:
            message += f" (did you mean #{closest}?)"
        fix = ()
        if meant is not None and link.dest is not None:
            raw = doc.text[link.dest.start:link.dest.end]
            fix = (Edit(link.dest.start, link.dest.end, raw.split("#", 1)[0] + "#" + meant),)
        yield finding(link.line, link.column, "broken-file-anchor", message,
                      suggestion=f"#{closest}" if closest else None, fix=fix)
