"""Fragment targets of a document and of other Markdown files, for the anchor rules.

A fragment resolves when it equals a heading anchor or an HTML ``id``/``name`` (GitHub
compares exactly, so letter case matters), percent-decoded, with or without emoji
variation selectors. ``#top`` and line fragments (``#L10``) are handled by the browser and
GitHub. A repair is offered only when exactly one heading is plausibly meant.
"""
from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from typing import Dict, Iterator, List, Optional, Tuple
from urllib.parse import unquote

from awesome_tools.model import Document, Link
from awesome_tools.model.slugs import without_vs16

# "#top" scrolls to the top in every browser; GitHub line links are "#L10" and ranges
# "#L10-L20" / "#L10C2-L20C5" (exact case, as GitHub writes them).
SPECIAL = re.compile(r"^(?:[Tt][Oo][Pp]|L\d+(?:C\d+)?-L\d+(?:C\d+)?|L\d+)$")
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
        if fragment and not SPECIAL.match(fragment):
            yield link, fragment


_OTHER_FILES: Dict[tuple, Optional[AnchorIndex]] = {}


def index_of(path) -> Optional[AnchorIndex]:
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


