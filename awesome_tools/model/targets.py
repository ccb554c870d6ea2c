"""Where an in-page ``#fragment`` lands, the way a browser on github.com finds it.

A browser looks for the first element whose ``id`` is the (percent-decoded) fragment, and only
then for the first ``<a name>`` with it. On GitHub, heading anchors and ``id=`` attributes are
ids, in document order; ``<a name>`` anchors are names. So one fragment has exactly one target,
even when a list repeats ``<a name="x">`` or names an anchor like a heading elsewhere.

An HTML anchor placed on a heading's line, just above it (``<a name="tools"></a>`` then
``## Tools``) or on the line right after it (``<div id="mla"></div>``) stands for that
heading: TOCs link to such anchors as often as to slugs.

github.com's page script also tries the lower-cased fragment, so a link that differs from an
anchor only in letter case still scrolls there on github.com, but not in other renderers,
editors' previews or TOC viewers. The invisible emoji variation selector U+FE0F is part of a
heading's anchor (GitHub keeps marks, and U+FE0F is one), so a link without it lands nowhere.
:meth:`FragmentTargets.near` says which of these near-misses a broken fragment is.
"""
from __future__ import annotations

from operator import itemgetter
from typing import Dict, List, NamedTuple, Optional, Tuple
from urllib.parse import unquote

from awesome_tools.model import Document
from awesome_tools.model.slugs import VS16 as VS16_MARK, without_vs16

CASE, VS16, CASE_AND_VS16 = "case", "vs16", "case+vs16"
_KINDS = (CASE, VS16, CASE_AND_VS16)


class Target(NamedTuple):
    """What a fragment names: the anchor, its line, and the heading it stands for (if any)."""

    name: str
    line: int
    heading: Optional[int]  # index into Document.headings


def decode(fragment: str) -> str:
    return unquote(fragment) if "%" in fragment else fragment


_Folded = Tuple[Dict[str, List["Target"]], Optional[Dict[str, List["Target"]]],
                Optional[Dict[str, List["Target"]]]]


def _file(folded: Dict[str, List[Target]], key: str, target: Target) -> None:
    bucket = folded.get(key)
    if bucket is None:
        folded[key] = [target]
    else:
        bucket.append(target)


class FragmentTargets:
    """Every fragment target of a document, resolved with browser semantics."""

    def __init__(self, doc: Document) -> None:
        ids: List[Tuple[int, int, str, Optional[int]]] = [
            (heading.line, 1, heading.anchor, heading.index) for heading in doc.headings]
        names: Dict[str, Target] = {}
        if doc.anchors:  # (line, order, name, heading)
            by_line = {h.line: h.index for h in doc.headings}
            for anchor in doc.anchors:
                near = next((by_line[line] for line in (anchor.line, anchor.line + 1,
                                                       anchor.line + 2, anchor.line - 1)
                             if line in by_line), None)
                if anchor.attribute == "id":
                    ids.append((anchor.line, 0, anchor.name, near))
                else:
                    names.setdefault(anchor.name, Target(anchor.name, anchor.line, near))
        ids.sort(key=itemgetter(0, 1))  # in line order, an anchor before a heading's slug
        self.ids: Dict[str, Target] = {}
        for line, _, name, index in ids:
            if name not in self.ids:
                self.ids[name] = Target(name, line, index)
        self.names = names
        self._folded: Optional[_Folded] = None

    def resolve(self, fragment: str) -> Optional[Target]:
        """The target of ``fragment`` (as written, percent-encoding allowed), or None."""
        decoded = decode(fragment)
        found = self.ids.get(decoded)
        return found if found is not None else self.names.get(decoded)

    def near(self, fragment: str) -> Tuple[Optional[str], List[Target]]:
        """For a fragment that resolves nowhere: the targets it misses only by letter case,
        by U+FE0F, or by both, with which of the three it is (None, [] when none)."""
        if self._folded is None:
            self._folded = self._fold()
        decoded = decode(fragment)
        lower, plain = decoded.lower(), without_vs16(decoded)
        case, vs16, both = self._folded
        found = case.get(lower)
        if found:
            return CASE, found
        if vs16 is None:  # no anchor holds U+FE0F: an anchor is its own key without it
            target = self.resolve_exact(plain)
            if target is not None:
                return VS16, [target]
            found = case.get(plain.lower())
            return (CASE_AND_VS16, found) if found else (None, [])
        found = vs16.get(plain)
        if found:
            return VS16, found
        found = both.get(plain.lower()) if both is not None else None
        return (CASE_AND_VS16, found) if found else (None, [])

    def resolve_exact(self, name: str) -> Optional[Target]:
        """The target of a decoded fragment: the first id, else the first name."""
        found = self.ids.get(name)
        return found if found is not None else self.names.get(name)

    def _fold(self) -> _Folded:
        """Targets by lower-cased name, by name without U+FE0F, and by both: one dictionary
        per kind of near-miss, keyed by the string. When no anchor holds U+FE0F (most lists)
        the second is the anchors themselves and the third is the first, so only the first
        is built (a third of the work; the fold was a large part of broken-anchor's own
        time on a list of 5,000 headings)."""
        ids = self.ids
        targets = [*ids.values(), *(t for name, t in self.names.items() if name not in ids)]
        case: Dict[str, List[Target]] = {}
        if VS16_MARK not in "".join(ids) and VS16_MARK not in "".join(self.names):
            for target in targets:
                key = target.name.lower()
                bucket = case.get(key)
                if bucket is None:
                    case[key] = [target]
                else:
                    bucket.append(target)
            return case, None, None
        vs16: Dict[str, List[Target]] = {}
        both: Dict[str, List[Target]] = {}
        for target in targets:
            name = target.name
            plain = without_vs16(name)
            _file(case, name.lower(), target)
            _file(vs16, plain, target)
            _file(both, plain.lower(), target)
        return case, vs16, both

    def names_all(self) -> List[str]:
        """Every fragment that resolves, ids first."""
        return [*self.ids, *(name for name in self.names if name not in self.ids)]
