"""The reference engine: markdown-it-py, with positions recorded by wrapped inline rules.

markdown-it-py gives block tokens line maps but no columns, and inline tokens no positions
at all. A few inline rules (link, image, autolink, html_inline, backticks) are wrapped through
the Ruler so each records where in the inline source it matched; the reference rule records
the lines of each definition. Everything recorded goes into the parse's own ``env`` (the
per-parse dictionary markdown-it-py passes to every rule), so two threads can parse at once:
the two parsers below are built once and never changed afterwards.

Emphasis only changes what a heading's text is (``_x_`` shows as ``x``); elsewhere it costs
a sixth of the parse and changes no link, so the document parser leaves it out and heading
text goes through a second parser that has it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

from markdown_it import MarkdownIt
from markdown_it.rules_block import reference as _reference_rule
from markdown_it.rules_inline import autolink as _autolink
from markdown_it.rules_inline import backtick as _backtick
from markdown_it.rules_inline import html_inline as _html_inline
from markdown_it.rules_inline import image as _image
from markdown_it.rules_inline import link as _link

from awesome_tools.model.engine import LightToken, Parsed, destination_span

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

    from awesome_tools.model.engine import InlineSpan

    InlineRule = Callable[[StateInline, bool], bool]

_SPANS = "awesome_tools.spans"  # env key: the current inline token's recorded spans
_CODE = "awesome_tools.code"
_REFERENCES = "awesome_tools.references"  # env key: definition line ranges of this parse


def _wrap(kind: str, original: InlineRule) -> InlineRule:
    """An inline rule that runs ``original`` and records its span, first non-text token and
    (for links and images) the destination's span, all in ``state.env``."""

    def rule(state: StateInline, silent: bool) -> bool:
        start = state.pos
        first_token = len(state.tokens)
        spans = None if silent else state.env.get(_SPANS)
        if kind == "image" and spans is not None:
            recorded = len(spans), len(state.env[_CODE])
        if not original(state, silent):
            return False
        if spans is not None:
            if kind == "image":
                # An image's label is its alt text, parsed on its own: whatever that parse
                # recorded (at offsets into the label) is no link, tag or code on the page.
                del spans[recorded[0]:]
                del state.env[_CODE][recorded[1]:]
            token = next((t for t in state.tokens[first_token:] if t.type != "text"), None)
            dest = None
            if kind in ("link", "image"):
                opener = start + 1 if kind == "image" else start
                label_end = state.md.helpers.parseLinkLabel(state, opener, kind == "link")
                dest = destination_span(state.src, label_end, state.pos)
            spans.append((kind, start, state.pos, (token, dest)))
        return True

    return rule


def _code_rule(state: StateInline, silent: bool) -> bool:
    start = state.pos
    count = len(state.tokens)
    ok = _backtick(state, silent)
    code = None if silent else state.env.get(_CODE)
    if ok and code is not None and len(state.tokens) > count and \
            state.tokens[-1].type == "code_inline":  # an unclosed run is only text
        code.append((start, state.pos))
    return ok


def _reference_rule_recorded(state: StateBlock, start_line: int, end_line: int,
                             silent: bool) -> bool:
    ok = _reference_rule(state, start_line, end_line, silent)
    if ok and not silent:
        state.env[_REFERENCES].append((start_line, state.line))
    return ok


def _keep_url(url: str) -> str:
    return url


def _make_parser(emphasis: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"store_labels": True}).enable(["table", "strikethrough"])
    # We keep destinations as written (the source span), so skip markdown-it's
    # percent-encoding and punycode pass over every URL: a fifth of the parse time.
    md.normalizeLink = _keep_url  # type: ignore[method-assign]
    md.normalizeLinkText = _keep_url  # type: ignore[method-assign,assignment]
    md.inline.ruler.at("link", _wrap("link", _link))
    md.inline.ruler.at("image", _wrap("image", _image))
    md.inline.ruler.at("autolink", _wrap("autolink", _autolink))
    md.inline.ruler.at("html_inline", _wrap("html_inline", _html_inline))
    md.inline.ruler.at("backticks", _code_rule)
    md.block.ruler.at("reference", _reference_rule_recorded)
    md.core.ruler.at("inline", _core_inline)
    # text_join only merges escaped characters (text_special) into neighbouring text; every
    # reader of inline tokens here takes both kinds, so the pass over all tokens is skipped.
    md.core.ruler.disable(["text_join"])
    if not emphasis:
        md.inline.ruler.disable(["emphasis", "strikethrough"])
        md.inline.ruler2.disable(["emphasis", "strikethrough"])
    return md


def _core_inline(state: StateCore) -> None:
    """Parse each inline token, keeping what the wrapped rules recorded in its meta."""
    previous = None
    env = state.env
    for token in state.tokens:
        if token.type != "inline":
            previous = token
            continue
        heading = previous is not None and previous.type == "heading_open"
        previous = token
        if token.children is None:
            token.children = []
        md = _HEADING if heading else _DOCUMENT
        spans: List[InlineSpan] = []
        code: List[Tuple[int, int]] = []
        env[_SPANS], env[_CODE] = spans, code
        md.inline.parse(token.content, md, env, token.children)
        if spans or code:
            token.meta = dict(token.meta or {}, spans=spans, code=code)
    env.pop(_SPANS, None)
    env.pop(_CODE, None)


_DOCUMENT = _make_parser(emphasis=False)
_HEADING = _make_parser(emphasis=True)


def parse_tokens(text: str) -> Parsed:
    """markdown-it-py's block tokens for ``text`` with recorded positions (see module doc)."""
    env: Dict[str, Any] = {_REFERENCES: []}
    tokens = _DOCUMENT.parse(text, env)
    return Parsed(tokens, env[_REFERENCES], "markdown-it-py")


def inline_children(content: str, heading: bool = False,
                    references: Optional[Dict[str, str]] = None
                    ) -> Tuple[List[Token], List[InlineSpan], List[Tuple[int, int]]]:
    """(children, link/image spans, code spans) of one inline text, with ``references``
    (normalized label -> destination) for its reference links."""
    md = _HEADING if heading else _DOCUMENT
    spans: List[InlineSpan] = []
    code: List[Tuple[int, int]] = []
    children: List[Token] = []
    env = {_SPANS: spans, _CODE: code,
           "references": {label: {"href": href, "title": ""}
                          for label, href in (references or {}).items()}}
    md.inline.parse(content, md, env, children)
    return children, spans, code


__all__ = ["parse_tokens", "inline_children", "LightToken"]
