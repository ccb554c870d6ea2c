"""CommonMark code spans found in a piece of inline text, without a parser: the TOC writer
needs to know which brackets of a heading sit inside code before it escapes the others."""
from __future__ import annotations

from typing import List, Tuple

Code = Tuple[int, int, str]  # start, end (offsets in the content), shown text


def code_spans(content: str) -> List[Code]:
    """CommonMark code spans as (start, end, shown text): a backtick run closes at the next
    run of the same length; a run with no closer is literal text."""
    spans: List[Code] = []
    if "`" not in content:
        return spans
    length = len(content)
    start = content.find("`")
    while start >= 0:
        opener_end = start
        while opener_end < length and content[opener_end] == "`":
            opener_end += 1
        run = opener_end - start
        close = content.find("`" * run, opener_end)
        while close >= 0:
            close_end = close
            while close_end < length and content[close_end] == "`":
                close_end += 1
            if close_end - close == run:
                break
            close = content.find("`" * run, close_end)
        if close < 0:
            start = content.find("`", opener_end)
            continue
        inner = content[opener_end:close].replace("\n", " ")
        if len(inner) > 2 and inner[0] == " " and inner[-1] == " " and inner.strip(" "):
            inner = inner[1:-1]
        spans.append((start, close_end, inner))
        start = content.find("`", close_end)
    return spans
