"""Text from a list, made inert before it reaches a terminal, a CI log or a viewer.

A list is content anyone can propose, and our outputs quote it: headings, link texts, URLs,
file names. Printed raw, an ANSI CSI sequence recolours or erases a log, an OSC sequence sets
a terminal's title or plants a hyperlink, a lone carriage return overwrites the line shown,
and the Unicode bidi embeddings, overrides and isolates reorder what a reader sees
("Trojan Source"). Every command output that quotes a list goes through one of these:

- :func:`visible` for text: each such character becomes a visible escape, ``\\x1b`` (C0,
  DEL, C1) or ``\\u202e`` (bidi controls); tabs stay, and so do line breaks where the
  output is multi-line (``keep_lines``), a CR only when it ends a line (CRLF files);
- :func:`json_safe` for JSON text: the characters JSON leaves raw (DEL, C1, bidi controls)
  become ``\\u`` escapes, so the JSON decodes to exactly the same data.

Letters, marks (including the left-to-right and right-to-left marks) and everything else are
left alone, so lists in any script read as written.
"""
from __future__ import annotations

import re

from awesome_tools.lazyre import lazy

_BIDI = "\u202a-\u202e\u2066-\u2069"
# One-line outputs: every C0 but tab, DEL, C1, bidi controls.
_ONE_LINE = lazy(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI}]")
# Multi-line outputs: line feeds stay, and a carriage return that ends a line.
_MULTI_LINE = lazy(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]|\r(?!\n)")
_JSON_RAW = lazy(f"[\x7f-\x9f{_BIDI}]")


def _escape(match: "re.Match[str]") -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escape(match: "re.Match[str]") -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(text: str, keep_lines: bool = False) -> str:
    """``text`` with terminal and bidi control characters shown as escapes."""
    pattern = _MULTI_LINE if keep_lines else _ONE_LINE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def json_safe(text: str) -> str:
    """JSON ``text`` (as written with ``ensure_ascii=False``) without raw DEL, C1 or bidi
    control characters; decoding it gives the same values."""
    return _JSON_RAW.sub(_json_escape, text) if _JSON_RAW.search(text) else text


__all__ = ["visible", "json_safe"]
