"""One-line paragraphs without trying every block rule first: nearly every list item.

At each block, markdown-it tries its rules in turn (table, indented code, fence, blockquote,
rule, list, reference definition, HTML, heading, setext heading) before it settles on a
paragraph, and the paragraph then asks five rules whether the next line ends it. In an
awesome list nearly every block is one line of text, ``[name](url) - what it is``, inside a
list item, followed by the next item or a blank line: thousands of times per list.

:func:`one_line_paragraph`, tried before all the others, recognises exactly that case from
the first character of the line and the shape of the next one, and pushes the tokens
markdown-it's paragraph rule would push. Whatever it is not sure about, it declines, and the
usual rules run. ``tests/test_fastblock.py`` compares the two token streams on generated
text and on real lists.
"""
from __future__ import annotations

import re

try:  # markdown-it-py 4 trims the CommonMark whitespace set; 3 used str.strip()
    from markdown_it.common.utils import mdTrim as _trim
except ImportError:  # pragma: no cover - markdown-it-py 3
    _trim = str.strip

# A line starting with one of these may open another kind of block (heading, quote, rule or
# list, setext underline, fence, HTML, table, ordered list), so the usual rules decide.
_MAY_OPEN_BLOCK = frozenset("#>*-+_=~`<|0123456789")
# A next line that surely ends the paragraph: a bullet item with some text after its marker.
# (A list item or a thematic break, whichever rule sees it first, both end it.)
_NEXT_ITEM = re.compile(r"[-*+][ \t]+\S")


def one_line_paragraph(state, start_line: int, end_line: int, silent: bool) -> bool:
    """Push ``paragraph_open``, ``inline``, ``paragraph_close`` for a plain one-line paragraph.

    Declines (returns False) unless every other block rule would have declined this line and
    the paragraph would have ended after it: the line starts with an ordinary character,
    holds no ``|`` (table) and no ``]:`` after a leading ``[`` (definition), is not indented
    code, and the next line is missing, blank, or a bullet item that ends a paragraph here.
    """
    if silent:
        return False
    src = state.src
    begin = state.bMarks[start_line]
    start = begin + state.tShift[start_line]
    end = state.eMarks[start_line]
    if start >= end or src[start] in _MAY_OPEN_BLOCK:
        return False
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    line = src[start:end]
    if "|" in line or (line[0] == "[" and "]:" in line) or "\t" in src[begin:start]:
        return False
    following = start_line + 1
    if following < state.lineMax and not state.isEmpty(following):
        if not _ends_paragraph(state, following):
            return False
    state.line = following
    token = state.push("paragraph_open", "p", 1)
    token.map = [start_line, following]
    token = state.push("inline", "", 0)
    token.content = _trim(line)
    token.map = [start_line, following]
    token.children = []
    state.push("paragraph_close", "p", -1)
    return True


def _ends_paragraph(state, line: int) -> bool:
    """True when ``line`` (not blank) surely ends a paragraph above it, as a list item.

    The checks of markdown-it's paragraph and list rules in that situation: not lazy
    continuation text indented four or more past the block (or a blockquote quirk), not the
    "fifth nested marker" special case, and a bullet marker followed by text.
    """
    count = state.sCount[line]
    if count < 0 or count - state.blkIndent > 3:
        return False
    if state.listIndent >= 0 and count - state.listIndent >= 4 and count < state.blkIndent:
        return False
    position = state.bMarks[line] + state.tShift[line]
    return _NEXT_ITEM.match(state.src, position, state.eMarks[line]) is not None
