"""The inline fast path gives exactly what markdown-it gives, or declines."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_tools.model import parse as document
from awesome_tools.model.fastinline import parse_simple

PIECES = st.sampled_from([
    "[", "]", "(", ")", "[a](https://x.example/a)", "[[paper]](u)", "[b](#b)", "text ", " - ",
    "\n", "!", "*", "_", "~", "`", "\\", "<", ">", "&amp;", "[c]", "(d)", "[e](f g)", "[](h)",
    "[i](j(k))", "[l](<m>)", "[n](javascript:x)", "[o](p \"t\")", "[q][r]", "http://y.example",
    "[[s](t)](u)", "  ", "[v]: w", "[x](#y)z", "数据", "⚙️", "][", "[[P](a)][[C](b)]",
    "`", "``", "` a `", "`[c](d)`", "<50", "<a>", "&", "&amp;", "& x;", "[`e`](f)",
    "![i](s.svg)", "[![b](s.svg)](u)", "![", "![x](y z)", "![a`b`](c)", "![](d)",
])


def _links(children):
    """(href, text) of each link, in order."""
    found, stack = [], []
    for child in children:
        if child.type == "link_open":
            stack.append((child.attrGet("href"), []))
        elif child.type == "link_close":
            href, parts = stack.pop()
            found.append((href, "".join(parts)))
        elif stack and child.type in ("text", "text_special", "softbreak"):
            stack[-1][1].append(child.content if child.type != "softbreak" else "\n")
    return found


def _images(children):
    """(src, alt) of every image, links' contents included."""
    return [(c.attrGet("src"), c.content) for c in children if c.type == "image"]


def _codes(children):
    return [c.content for c in children if c.type == "code_inline"]


def _reference(content):
    md = document._parser()
    document._REC.spans, document._REC.code, document._REC.dest_calls = [], [], []
    children = []
    md.inline.parse(content, md, {}, children)
    spans = sorted((kind, start, end) for kind, start, end, _ in document._REC.spans
                   if kind in ("link", "image"))
    return children, spans, list(document._REC.code)


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_fast_path_agrees_with_markdown_it(content):
    simple = parse_simple(content)
    if simple is None:
        return
    children, spans, code, _bare = simple
    reference_children, reference_spans, reference_code = _reference(content)
    assert _links(children) == _links(reference_children)
    assert sorted((k, s, e) for k, s, e, _ in spans) == reference_spans
    assert _images(children) == _images(reference_children)
    assert code == reference_code
    assert _codes(children) == _codes(reference_children)
    for kind, start, end, (token, (dstart, dend)) in spans:
        assert content[dstart:dend] == token.attrGet("href" if kind == "link" else "src")


def test_typical_items_take_the_fast_path():
    assert parse_simple("[Name](https://x.example) - A tool for [others](https://y.example).")
    assert parse_simple("[[paper]](https://arxiv.org/abs/1) [[code]](https://github.com/a/b)")
    assert parse_simple("[a](b \"title\")") is None
    assert parse_simple("[[Paper](https://arxiv.org/abs/1)][[Code](https://github.com/a/b)]")
    assert parse_simple("[x [a](b)](c)") is None
    assert parse_simple("`[a](b)`")[1] == []  # a code span, not a link
    assert parse_simple("[a](https://x) - no bare URL here")[3] is False
    assert parse_simple("[a](b) see https://y.example")[3] is True
    assert parse_simple("`https://z.example`")[3] is False
    assert parse_simple("[a](b`c`)") is None


SAFE = st.sampled_from(["[", "]", "(", ")", "[a](https://x.example/a)", "[[paper]](u)", "[b](#b)",
                        "`", "``", " ` ", "`x`", "<5", "& ", "![i](s)", "[![b](s)](u)", "![",
                        "text ", " - ", "\n", "*", "_", "[e](f g)", "[](h)", "[i](j(k))",
                        "[n](javascript:x)", "[[s](t)](u)", "[x](#y)z", "[c]", "[o](p \"t\")"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(SAFE, max_size=10).map("".join))
def test_fast_path_agrees_on_bracket_heavy_text(content):
    test_fast_path_agrees_with_markdown_it.hypothesis.inner_test(content)
