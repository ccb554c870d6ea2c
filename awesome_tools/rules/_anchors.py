"""Fragment targets of a document and of other Markdown files, for the anchor rules.

A fragment resolves when it names an anchor exactly, percent-decoded, as a browser finds it
(see :mod:`awesome_tools.model.targets`). ``#top`` and line fragments (``#L10``) are handled
by the browser and GitHub. A repair is offered only when exactly one anchor is plausibly meant:
the same anchor but for letter case or U+FE0F, a stale ``-1`` suffix, or one close spelling.
"""
from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from typing import Dict, Iterator, List, Optional, Tuple
from urllib.parse import quote

from awesome_tools.model import Document, Link
from awesome_tools.model.targets import CASE, FragmentTargets, Target, decode

# "#top" scrolls to the top in every browser; GitHub line links are "#L10" and ranges
# "#L10-L20" / "#L10C2-L20C5" (exact case, as GitHub writes them).
SPECIAL = re.compile(r"^(?:[Tt][Oo][Pp]|L\d+(?:C\d+)?-L\d+(?:C\d+)?|L\d+)$")
_SUFFIX = re.compile(r"^(.*)-(\d+)$")


def written(anchor: str) -> str:
    """An anchor as a link should spell it: U+FE0F and other invisible marks percent-encoded,
    so the fix and the message show what is there."""
    if all(ch.isprintable() and ch not in "\ufe0f\u200d" for ch in anchor):
        return anchor
    return "".join(quote(ch, safe="") if ch in "\ufe0f\u200d" or not ch.isprintable() else ch
                   for ch in anchor)


class AnchorIndex:
    """Every fragment target of a document, with the near-miss lookups a repair needs."""

    def __init__(self, doc: Document) -> None:
        self.targets = FragmentTargets(doc)
        self.exact = {name: 0 for name in self.targets.names_all()}
        self.headings = _ByLength([h.anchor for h in doc.headings])
        self._exact_by_length: Optional[_ByLength] = None

    def resolves(self, fragment: str) -> bool:
        return self.targets.resolve(fragment) is not None

    def near(self, fragment: str) -> Tuple[Optional[str], List[Target]]:
        return self.targets.near(fragment)

    def repair(self, fragment: str) -> Tuple[Optional[str], Optional[str]]:
        """(the one anchor plausibly meant, or None; the closest anchor for the message)."""
        fragment = decode(fragment)
        kind, near = self.near(fragment)
        if len(near) == 1:
            return near[0].name, near[0].name
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


_README = re.compile(r"^readme(?:\.(?:md|markdown))?$", re.I)


def in_page_fragments(doc: Document) -> Iterator[Tuple[Link, str]]:
    """Links to ``#fragment`` in this page: inline, HTML and definitions (not their uses).

    In a README, ``./#fragment`` is this page too (the directory's front page shows it)."""
    readme = bool(_README.match(doc.path.replace("\\", "/").rsplit("/", 1)[-1]))
    for link in doc.links:
        url = link.url
        if link.kind != "link" or link.syntax == "reference":
            continue
        if url.startswith("#"):
            fragment = url[1:]
        elif readme and url.startswith("./#"):
            fragment = url[3:]
        else:
            continue
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


