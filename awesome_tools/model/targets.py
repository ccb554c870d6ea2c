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

from typing import Dict, List, NamedTuple, Optional, Tuple
from urllib.parse import unquote

from awesome_tools.model import Document
from awesome_tools.model.slugs import without_vs16

CASE, VS16, CASE_AND_VS16 = "case", "vs16", "case+vs16"


class Target(NamedTuple):
    """What a fragment names: the anchor, its line, and the heading it stands for (if any)."""

    name: str
    line: int
    heading: Optional[int]  # index into Document.headings


def decode(fragment: str) -> str:
    return unquote(fragment) if "%" in fragment else fragment


class FragmentTargets:
    """Every fragment target of a document, resolved with browser semantics."""

    def __init__(self, doc: Document) -> None:
        by_line = {h.line: h.index for h in doc.headings}
        ids: List[Tuple[int, int, str, Optional[int]]] = []  # (line, order, name, heading)
        names: Dict[str, Target] = {}
        for heading in doc.headings:
            ids.append((heading.line, 1, heading.anchor, heading.index))
        for anchor in doc.anchors:
            near = next((by_line[line] for line in (anchor.line, anchor.line + 1,
                                                   anchor.line + 2, anchor.line - 1)
                         if line in by_line), None)
            if anchor.attribute == "id":
                ids.append((anchor.line, 0, anchor.name, near))
            else:
                names.setdefault(anchor.name, Target(anchor.name, anchor.line, near))
        ids.sort(key=lambda item: (item[0], item[1]))
        self.ids: Dict[str, Target] = {}
        for line, _, name, index in ids:
            self.ids.setdefault(name, Target(name, line, index))
        self.names = names
        self._folded: Optional[Dict[Tuple[str, str], List[Target]]] = None

    def resolve(self, fragment: str) -> Optional[Target]:
        """The target of ``fragment`` (as written, percent-encoding allowed), or None."""
        decoded = decode(fragment)
        found = self.ids.get(decoded)
        return found if found is not None else self.names.get(decoded)

    def near(self, fragment: str) -> Tuple[Optional[str], List[Target]]:
        """For a fragment that resolves nowhere: the targets it misses only by letter case,
        by U+FE0F, or by both, with which of the three it is (None, [] when none)."""
        if self._folded is None:
            folded: Dict[Tuple[str, str], List[Target]] = {}
            seen = set()
            for target in (*self.ids.values(), *self.names.values()):
                if target.name in seen:
                    continue
                seen.add(target.name)
                for kind, key in ((CASE, target.name.lower()),
                                  (VS16, without_vs16(target.name)),
                                  (CASE_AND_VS16, without_vs16(target.name).lower())):
                    folded.setdefault((kind, key), []).append(target)
            self._folded = folded
        decoded = decode(fragment)
        for kind, key in ((CASE, decoded.lower()), (VS16, without_vs16(decoded)),
                          (CASE_AND_VS16, without_vs16(decoded).lower())):
            found = self._folded.get((kind, key), [])
            if found:
                return kind, found
        return None, []

    def names_all(self) -> List[str]:
        """Every fragment that resolves, ids first."""
        return [*self.ids, *(name for name in self.names if name not in self.ids)]
