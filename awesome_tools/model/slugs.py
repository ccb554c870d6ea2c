"""GitHub heading anchors, exactly as GitHub renders them.

GitHub (and github-slugger, whose fixtures were produced by rendering on GitHub) lower-cases
the heading text, deletes every character in a "remove" set and turns each plain space into
``-``, with no trimming and no collapsing. Repeats get ``-1``, ``-2``... where the counter
belongs to the *base* slug and is bumped until the candidate is free, so a heading literally
named ``echo-1`` shifts later numbering (markdownlint and others get this wrong).

The remove set, by Unicode general category: punctuation except ``-`` and connector
punctuation (``_``); symbols except those with the Alphabetic property (circled and squared
letters); Other_Number; control, format, private-use, unassigned and surrogate code points;
separators other than U+0020. Letters, marks (so U+FE0F survives), Nd and Nl are kept.
"""
from __future__ import annotations

import unicodedata
from typing import Dict

from awesome_tools.lazyre import lazy

# Symbols (category So) that Unicode gives the Alphabetic property: kept by GitHub.
_ALPHABETIC_SYMBOLS = (
    (0x24B6, 0x24E9),  # circled Latin letters
    (0x1F130, 0x1F149),  # squared Latin capital letters
    (0x1F150, 0x1F169),  # negative circled Latin capital letters
    (0x1F170, 0x1F189),  # negative squared Latin capital letters
)
_REMOVED_CATEGORIES = frozenset(
    ("Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "Sc", "Sk", "Sm", "So", "No",
     "Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp", "Zs")
)
VS16 = "\ufe0f"
_keep_cache: Dict[str, bool] = {}


def _keep(char: str) -> bool:
    if char == " " or char == "-":
        return True
    category = unicodedata.category(char)
    if category == "Pc":
        return True
    if category not in _REMOVED_CATEGORIES:
        return True
    if category == "So":
        code = ord(char)
        return any(low <= code <= high for low, high in _ALPHABETIC_SYMBOLS)
    return False


_ASCII_REMOVED = lazy(r"[^a-z0-9 _-]")


def slugify(text: str) -> str:
    """The anchor GitHub derives from a heading's visible text, before repeat numbering."""
    if text.isascii():
        return _ASCII_REMOVED.sub("", text.lower()).replace(" ", "-")
    out = []
    for char in text.lower():
        if char.isascii():
            if char.isalnum() or char in "_-":
                out.append(char)
            elif char == " ":
                out.append("-")
            continue
        keep = _keep_cache.get(char)
        if keep is None:
            keep = _keep_cache[char] = _keep(char)
        if keep:
            out.append(char)
    return "".join(out)


class Slugger:
    """Numbers repeated slugs the way GitHub does, one instance per document."""

    def __init__(self) -> None:
        self._occurrences: Dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = slugify(text)
        result = base
        while result in self._occurrences:
            self._occurrences[base] += 1
            result = f"{base}-{self._occurrences[base]}"
        self._occurrences[result] = 0
        return result


def without_vs16(fragment: str) -> str:
    """A fragment with emoji variation selectors removed: both spellings occur in real lists."""
    return fragment.replace(VS16, "")
