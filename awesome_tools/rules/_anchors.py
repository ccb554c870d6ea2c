"""Fragment targets of a document and of other Markdown files, for the anchor rules.

A fragment resolves when it names an anchor exactly, percent-decoded, as a browser finds it
(see :mod:`awesome_tools.model.targets`). ``#top`` and line fragments (``#L10``) are handled
by the browser and GitHub. A repair is offered only when exactly one anchor is plausibly meant:
the same anchor but for letter case or U+FE0F, a stale ``-1`` suffix, or one close spelling.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple
from urllib.parse import quote

from awesome_tools.lazyre import lazy
from awesome_tools.model import Document, Link
from awesome_tools.model.targets import FragmentTargets, Target, decode

# "#top" scrolls to the top in every browser; GitHub line links are "#L10" and ranges
# "#L10-L20" / "#L10C2-L20C5" (exact case, as GitHub writes them).
SPECIAL = lazy(r"^(?:[Tt][Oo][Pp]|L\d+(?:C\d+)?-L\d+(?:C\d+)?|L\d+)$")
_SUFFIX = lazy(r"^(.*)-(\d+)$")


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
        self._sorted: Optional[List[str]] = None
        self._numbered: List[int] = []

    def resolves(self, fragment: str) -> bool:
        return self.targets.resolve(fragment) is not None

    def near(self, fragment: str) -> Tuple[Optional[str], List[Target]]:
        return self.targets.near(fragment)

    def repair(self, fragment: str, budget: Optional["SuggestionBudget"] = None
               ) -> Tuple[Optional[str], Optional[str]]:
        """(the one anchor plausibly meant, or None; the closest anchor for the message).

        With a ``budget`` (one per rule run), the similarity search stops offering anchors
        once the run has compared more than the budget allows, and the result is
        remembered per fragment: a crafted list of many headings and many broken links
        would otherwise cost their product. Real lists spend a small fraction of it.
        """
        if budget is not None:
            key = (id(self), fragment)
            if key not in budget.memo:
                budget.memo[key] = self._repair(fragment, budget)
            return budget.memo[key]
        return self._repair(fragment, None)

    def _repair(self, fragment: str, budget: Optional["SuggestionBudget"]
                ) -> Tuple[Optional[str], Optional[str]]:
        fragment = decode(fragment)
        kind, near = self.near(fragment)
        if len(near) == 1:
            return near[0].name, near[0].name
        suffix = _SUFFIX.match(fragment)
        if suffix and suffix.group(1) in self.exact:
            base = suffix.group(1)
            if not self._has_numbered(base):
                return base, base
        close = self._close(fragment, self.headings, 2, budget)
        if not close:
            if self._exact_by_length is None:
                self._exact_by_length = _ByLength(list(self.exact))
            close = self._close(fragment, self._exact_by_length, 1, budget)
        if not close:
            return None, None
        best = close[0]
        import difflib  # (only for a fragment that names nothing: not at start-up)

        ratio = difflib.SequenceMatcher(None, fragment, best).ratio()
        second = difflib.SequenceMatcher(None, fragment, close[1]).ratio() if len(close) > 1 else 0
        if ratio >= 0.85 and ratio - second >= 0.1:
            return best, best
        return None, best

    @staticmethod
    def _close(fragment: str, names: "_ByLength", count: int,
               budget: Optional["SuggestionBudget"]) -> List[str]:
        low, high = names.bounds(fragment)
        if budget is not None and (len(fragment) > MAX_FRAGMENT
                                   or not budget.spend(fragment, high - low)):
            return []
        import difflib  # (imported where a suggestion is sought: not at every check's start)

        return difflib.get_close_matches(fragment, names.names[low:high], n=count,
                                         cutoff=CUTOFF)

    def _has_numbered(self, base: str) -> bool:
        """Whether some anchor is ``base-...-N`` (a numbered repeat of ``base`` or of a longer
        anchor that starts like it): then a stale ``base-N`` cannot be pinned on ``base``.

        Anchors starting with ``base-`` are one slice of the sorted anchors, and a running
        count of those ending in ``-N`` answers for the slice in two bisections (a scan of
        every anchor per broken fragment costs their product on a crafted list).
        """
        if self._sorted is None:
            self._sorted = sorted(self.exact)
            counts = [0]
            for name in self._sorted:
                counts.append(counts[-1] + (1 if _SUFFIX.match(name) else 0))
            self._numbered = counts
        low = bisect_left(self._sorted, base + "-")
        high = bisect_left(self._sorted, base + ".")  # "." follows "-": past every "base-..."
        return self._numbered[high] - self._numbered[low] > 0


CUTOFF = 0.6
# Characters one rule run may compare while looking for the closest anchor: fragment length
# times the anchors of a similar length, summed over the broken fragments. The corpus lists
# spend at most 19,000 (awesome-machine-learning); a crafted list stops here instead of
# costing headings x broken links.
SUGGESTION_CHARS = 400_000
# A longer fragment is compared with nothing (similarity costs up to the square of the
# length); the longest heading anchors of the corpus are a few hundred characters.
MAX_FRAGMENT = 1000


class SuggestionBudget:
    """What one run of an anchor rule may spend on closest-match searches, and their results."""

    def __init__(self, chars: int = SUGGESTION_CHARS) -> None:
        self.left = chars
        self.memo: Dict[Tuple[int, str], Tuple[Optional[str], Optional[str]]] = {}

    def spend(self, fragment: str, candidates: int) -> bool:
        cost = candidates * max(len(fragment), 1)
        if cost > self.left:
            return False
        self.left -= cost
        return True


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

    def bounds(self, fragment: str) -> Tuple[int, int]:
        size = len(fragment)
        low, high = size * CUTOFF / (2 - CUTOFF), size * (2 - CUTOFF) / CUTOFF
        return bisect_left(self.lengths, low), bisect_right(self.lengths, high)

    def within_reach(self, fragment: str) -> List[str]:
        low, high = self.bounds(fragment)
        return self.names[low:high]


_README = lazy(r"^readme(?:\.(?:md|markdown))?$", re.I)


def in_page_fragments(doc: Document) -> Iterator[Tuple[Link, str]]:
    """Links to ``#fragment`` in this page: inline, HTML and definitions (not their uses).

    In a README, ``./#fragment`` is this page too (the directory's front page shows it)."""
    readme = bool(_README.match(doc.path.replace("\\", "/").rsplit("/", 1)[-1]))
    for link in doc.links:
        url = link.url  # most links are web links: the URL is asked first
        if url[:1] == "#":
            fragment = url[1:]
        elif readme and url.startswith("./#"):
            fragment = url[3:]
        else:
            continue
        if link.kind != "link" or link.syntax == "reference":
            continue
        if fragment and not SPECIAL.match(fragment):
            yield link, fragment


_OTHER_FILES: Dict[Tuple[Any, ...], Optional[AnchorIndex]] = {}


def index_of(path: Path) -> Optional[AnchorIndex]:
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


