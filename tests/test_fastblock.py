"""The one-line paragraph rule pushes exactly the tokens markdown-it would, or declines.

Each test parses the same text twice, with the rule and with markdown-it's own rules alone,
and compares every block token field.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_tools.model.parse import _parser


def _fields(token):
    return (token.type, token.tag, token.nesting, token.map, token.level, token.content,
            token.markup, token.info, token.hidden, token.block, token.attrs, token.children)


def _tokens(text, fast=True):
    parser = _parser(None)
    if not fast:
        parser.block.ruler.disable("one_line_paragraph")
    try:
        tokens = []
        parser.block.parse(text, parser, {}, tokens)
        return [_fields(t) for t in tokens]
    finally:
        parser.block.ruler.enable("one_line_paragraph")


def _same(text):
    assert _tokens(text) == _tokens(text, fast=False), text


LINES = [
    "- [name](https://x.example) - what it is", "* item", "+ item", "-", "- ", "-\tx",
    "  - nested [a](#b)", "    - deeper", "     - fifth", "      code-ish", "1. one", "2) two",
    "text", "  text", "lazy continuation", "> quote", "> - in quote", ">text", "# H", "#nope",
    "Title", "===", "---", "- - -", "* * *", "___", "| a | b |", "|---|---|", "a | b",
    "[ref]: https://x.example", "[ref]:", "[a] [b]: c", "```", "~~~", "    code", "\tcode",
    "<div>", "</div>", "<!-- c -->", "", "", "", "- [ ] task", "- [x] done", " - one space",
    "   - three", "\u3000wide space", "\u00a0nbsp", "-  two spaces", "-      far code",
    "2020 was a year", "=not setext", "  > q", "* [x](y) | pipe", "plain [x](y) text",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=16), st.sampled_from(["\n", "\r\n"]))
def test_generated_text_gives_the_same_tokens(lines, newline):
    _same(newline.join(lines) + newline)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=" \t-*+>#[]:|`~<=_1.)\nab", max_size=12), max_size=8))
def test_random_punctuation_gives_the_same_tokens(pieces):
    _same("\n".join(pieces))


def test_real_lists_give_the_same_tokens(corpus_dir, seed_text):
    texts = [seed_text] + [p.read_text(encoding="utf-8-sig")
                           for p in sorted((corpus_dir / "lists").glob("*.md"))]
    for text in texts:
        _same(text)


def test_the_rule_is_used_for_list_items():
    """Not a test that cannot fail: the rule really takes the usual item."""
    parser = _parser(None)
    calls = []
    rule = parser.block.ruler.getRules("")[0]
    assert rule.__name__ == "one_line_paragraph"

    def spy(state, start, end, silent):
        taken = rule(state, start, end, silent)
        calls.append(taken)
        return taken

    parser.block.ruler.at("one_line_paragraph", spy)
    try:
        parser.block.parse("- [a](#b) - one\n- [c](#d) - two\n\ntext\n", parser, {}, [])
    finally:
        parser.block.ruler.at("one_line_paragraph", rule)
    assert calls.count(True) == 3
