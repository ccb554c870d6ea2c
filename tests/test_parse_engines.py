"""Both parse engines give equal Documents: every corpus list, the seed, generated text.

markdown-it-py is the reference; markdown-it-pyrs (``engine_rs`` builds the Document
straight from its node tree) is the fast engine. Equality is of whole Documents (headings, links with positions and destination
spans, anchors, entries, comments, TOC). Where the adapter cannot be exact it declines and
markdown-it-py parses; ``test_the_adapter_declines_only_what_it_must`` keeps those cases few
and named.
"""  # noqa: E501 (Markdown/XML test data, lines as written)
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_tools.model.parse import parse, reference_document

engine_rs = pytest.importorskip("awesome_tools.model.engine_rs")


def _both(text: str):
    return reference_document(text), engine_rs.build_document(text)


def _same(text: str) -> None:
    reference, fast = _both(text)
    if fast is not None:
        assert fast == reference, text


def _corpus_texts(corpus_dir):
    paths = sorted((corpus_dir / "lists").glob("*.md"))
    paths += sorted((corpus_dir / "lists").glob("_companions/*/*.md"))
    paths += sorted((corpus_dir / "lists2").glob("*.md"))
    return [(p.name, p.read_bytes().decode("utf-8-sig")) for p in paths]


def test_every_corpus_list_and_the_seed_give_equal_documents(corpus_dir, seed_text):
    declined = []
    texts = _corpus_texts(corpus_dir) + [("seed", seed_text)]
    assert len(texts) >= 40
    for name, text in texts:
        reference, fast = _both(text)
        if fast is None:
            declined.append(name)
            continue
        assert fast == reference, name
    # only tabs that indent text the fast builder would read (ritchieng__the-incredible-pytorch)
    assert len(declined) <= 1, declined


def test_links_made_by_the_fast_builder_are_the_models_links():
    import dataclasses
    import pickle

    from awesome_tools.model import Link, Span
    from awesome_tools.records import replace  # the model's records' dataclasses.replace

    args = ("link", "inline", "u", "t", 3, 4, Span(1, 2, 3, 5), "", ("S",))
    fast, made = engine_rs.new_link(*args), Link(*args)
    assert fast == made and hash(fast) == hash(made) and repr(fast) == repr(made)
    assert replace(fast, in_toc=True) == replace(made, in_toc=True)
    assert pickle.loads(pickle.dumps(fast)) == made and type(fast) is Link
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.url = "v"  # type: ignore[misc]


def test_items_and_headings_made_without_init_are_the_models():
    import dataclasses
    import pickle

    from awesome_tools import records  # the model's records' dataclasses.fields and replace
    from awesome_tools.model import Heading
    from awesome_tools.toc.find import ListItem

    args = (3, 5, "-", "", ("S",))
    fast, made = engine_rs._new_item(*args), ListItem(*args)
    assert vars(fast) == vars(made) and type(fast) is ListItem
    assert fast.children is not engine_rs._new_item(*args).children  # a list of its own
    for text in ("## A *b* [c](#d)\n", "Setext\n===\n"):
        for heading in (parse(text).headings[0], reference_document(text).headings[0]):
            real = Heading(*(getattr(heading, f.name) for f in records.fields(Heading)))
            assert vars(heading) == vars(real) and type(heading) is Heading
            assert heading == real and hash(heading) == hash(real) and repr(heading) == repr(real)
            assert pickle.loads(pickle.dumps(heading)) == real
            assert records.replace(heading, level=3) == records.replace(real, level=3)
            with pytest.raises(dataclasses.FrozenInstanceError):
                heading.text = "x"  # type: ignore[misc]


def test_parse_uses_the_fast_engine_where_it_can():
    for text in ("- [a](#b)\n  - [c](#d)\n\n> q\n\n| a | b |\n|---|---|\n",
                 "-\t[a](#b)\n",  # a tab after a one-line item's marker
                 "<div>\n\t<img src=\"i.png\">\n</div>\n",  # tabs in a top-level HTML block
                 "| a |\n|---|\n| [b \\| c](u) \\| [d](v) |\n"):  # escaped pipes in a cell
        assert engine_rs.build_document(text) is not None, text
        assert parse(text) == engine_rs.build_document(text) == reference_document(text)
    for declined in ("- a\n\tb [c](d)\n", "| a \\| b |\n|---|\n"):
        assert engine_rs.build_document(declined) is None
        assert parse(declined) == reference_document(declined)


def test_the_fast_builder_declines_only_what_it_must():
    assert engine_rs.build_document("- a\n\tb\n") is None  # a tab indenting a text line
    assert engine_rs.build_document("a\tb [c](d)\n") is not None  # a tab inside a line is text
    assert engine_rs.build_document("[a](b)\x1c\n") is None  # trimmed differently by 3.x
    assert engine_rs.build_document("![![b](s)](u)\n") is None  # image in an image
    assert engine_rs.build_document("> a\n- b\n") is not None  # a list after a quote
    assert engine_rs.build_document("> a\n2. b\n") is None  # a list marker on a lazy line
    assert engine_rs.build_document("> a\n| b | c |\n|---|---|\n") is None  # a lazy table
    assert engine_rs.build_document("| a |\n|---|\n2) b\n") is None  # a list ends a table
    assert engine_rs.build_document("x [r](\n\n[r]: /u\n") is None  # ``[label](`` alone
    assert engine_rs.build_document("- `a` [b `c\n") is None  # would panic the port
    assert engine_rs.build_document("``` [``a`b``[a `]` b](c)\n") is None  # missed span
    assert engine_rs.build_document("| a \\| b |\n|---|\n") is None  # escaped header pipe


def _port_raises(text: str) -> bool:
    """Whether markdown-it-pyrs raises on ``text`` (a Rust panic is pyo3's PanicException, a
    BaseException; its message goes to the captured stderr)."""
    try:
        engine_rs._MD.tree(text)
    except BaseException:  # noqa: B036 - the panic
        return True
    return False


# Texts on which the port panics (an index out of bounds in its code-span cache: a backtick run
# with no closer in its inline text, inside a ``[`` whose label scan meets it twice), each
# missed by a guard that paired backtick runs per line or took ``\\[`` for an escaped bracket.
PANICS = (
    "_)\\*;\\\\[`\\",  # ``\\[``: an escaped backslash, then an open bracket
    "b&]<|`\n|+&`;b.[`;",  # the first line's backtick closes on the second: its last one is open
    "数1`\n.<`[b数\\* :&数1>*`",
    "<`&a\na数._|&=*<<`[数+`>|\n&(=.\t!b",
    "`x\n- a `b\n  c` [d `",  # a span across the lines of a list item, not of the paragraph
    "- [`a\n- `b",  # a list item ends the inline text: the second item's backtick closes nothing
    "<a b=\">`\">[`",  # a tag takes the first backtick (quoted ``>``): the last one is open
    "[a](u`) [`",  # a link's destination takes the first backtick
    "[a](u \"`\") [`",  # so does its title
    "[`a` ``",  # an open run after a span: the span's opener is met again, its length unseen
)


@pytest.mark.parametrize("text", PANICS)
def test_texts_that_panic_the_port_are_declined(text):
    assert _port_raises(text), "the port no longer panics on this text"
    assert engine_rs.declines(text)
    assert engine_rs.build_document(text) is None
    assert parse(text) == reference_document(text)


@pytest.mark.parametrize("text", [
    "- [`tool`](https://x.example) - A tool.\n- [b](c) - `d` and `e`.\n",
    "a `b\nc` [d `e` f](g)\n",  # a span across lines: the next line's spans pair after it
    "- `a [b](c)\n- d` e\n",  # each item its own inline text
    "| [`a`](b) | `c` |\n|---|---|\n",
    "<img src=\"a.png\"> [`b`](c) `d`\n",
    "[a `\\` b](c)\n",  # a backslash in a span escapes nothing
])
def test_paired_backticks_stay_on_the_fast_path(text):
    assert not engine_rs.declines(text)
    assert engine_rs.build_document(text) == reference_document(text)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="[]`\\ ab\n", max_size=60))
def test_texts_the_guard_lets_through_do_not_panic_the_port(text):
    """The guard's reason to be: the port's panic prints a backtrace to the user's stderr
    before Python sees it, so every text it may panic on must be declined. (The alphabet
    of brackets, backticks and escapes finds the old per-line guard's gaps within ~300
    examples.)"""
    if not engine_rs.declines(text):
        assert not _port_raises(text), text


# The one-line texts the fast builder reads in one pass over their nodes (the usual link read
# by one match of the source, URLs between links looked for in what lies between them), each
# on an ASCII line and on a line with other characters (offsets there are bytes, not
# characters), in a document with and without reference definitions.
ONE_LINE_SHAPES = (
    "- [Name](https://github.com/o/r) - A tool.",
    '* "A Title", arXiv, 2023 (*Org*). [[Paper](https://arxiv.org/abs/1)][[Code](https://g.example/c)]',
    "[[paper]](https://arxiv.org/abs/2) [[code]](https://github.com/o/r) [[project]](https://p.example)",
    "- [Name](https://x.example) [![Stars](https://img.example/s.svg)](https://x.example) - Badge.",
    "- **[Bold](https://x.example)** - _see_ https://y.example/z. and www.w.example",
    "- [a ![r] c](https://u.example) - a defined image in a label",
    "- [x [y] z](https://u.example) and [r] and [s][r]",
    "- `code` [a](https://b.example) <https://auto.example> <b>tag</b> <img src=\"i.png\">",
    "- [a](https://b.example?x=1&amp;y=2) http://bare.example/(x) [e](f g)",
    "*Authors, et al.*",
    "- ![Last commit](https://i.example/a.svg?x=1&amp;y=2) ![*Stars*](https://i.example/s.svg)"
    " [![A _b_](https://i.example/b.svg)](https://x.example/?a&amp;b) [![](s)](u) - Badges.",
)


@pytest.mark.parametrize("line", ONE_LINE_SHAPES)
@pytest.mark.parametrize("other", ["", " é 数据 ⚙️"])
@pytest.mark.parametrize("definitions", ["", "\n[r]: https://def.example/r.png\n"])
def test_one_line_texts_give_equal_documents(line, other, definitions):
    text = f"# T\n\n{line}{other}\n- {line.lstrip('-* ')}{other}\n\n{line}\n{definitions}"
    fast = engine_rs.build_document(text)
    assert fast is not None, text
    assert fast == reference_document(text), text


def test_a_defined_image_in_a_links_label_is_found():
    """``[a ![r] c](u)``: where ``r`` is defined, the label holds an image (the usual-link
    match once read the label as plain text)."""
    text = "- [a ![r] c](https://u.example)\n\n[r]: https://img.example/r.png\n"
    links = [(link.kind, link.syntax, link.url) for link in engine_rs.build_document(text).links]
    assert ("image", "reference", "https://img.example/r.png") in links
    assert engine_rs.build_document(text) == reference_document(text)


# The guards' and the usual link's patterns as first written: their rewrites (a literal first
# character, runs instead of an alternation per character) must accept exactly the same.
_OLD_OPEN_BRACKETS = re.compile(r"(?:\[[^\[\]]*){%d}\]" % engine_rs.MAX_NESTING)
_OLD_LONG_PREFIX = re.compile(r"^[ \t>*+\-0-9.)]{%d,}" % (engine_rs.TEXT_NESTING // 4), re.M)
_OLD_SIMPLE_LINK = re.compile(
    r"\[((?:[^\\&`<\[\]\n\r]|(?<!!)\[[^\\&`<\[\]\n\r]*\](?![(\[]))*)\]\(([^\x00-\x20\x7f()<\\]+)\)")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[[[[]x", max_size=80))
def test_open_brackets_is_the_pattern_it_replaces(text):
    assert (engine_rs._OPEN_BRACKETS.search(text) is None) == \
        (_OLD_OPEN_BRACKETS.search(text) is None)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t>-*1.)\nx", max_size=200))
def test_long_prefixes_are_the_lines_the_pattern_found(text):
    starts = [0] if engine_rs._LONG_PREFIX.match(text) else []
    starts.extend(m.start() + 1 for m in engine_rs._LONG_PREFIX_AFTER_BREAK.finditer(text))
    assert starts == [m.start() for m in _OLD_LONG_PREFIX.finditer(text)]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab[]()!\\&`< \n:/", max_size=16))
def test_the_usual_link_is_the_pattern_it_replaces(text):
    for start in range(min(3, len(text) + 1)):
        new, old = engine_rs._SIMPLE_LINK.match(text, start), _OLD_SIMPLE_LINK.match(text, start)
        assert (new and (new.span(), new.groups(), new.span(2))) == \
            (old and (old.span(), old.groups(), old.span(2)))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="![]x", max_size=30))
def test_image_in_image_is_the_pattern_it_replaces(text):
    assert engine_rs._image_in_image(text) == bool(re.search(r"!\[[^\]]*!\[", text))


def _names(node) -> set:
    names, stack = set(), [node]
    while stack:
        node = stack.pop()
        names.add(node.name)
        stack.extend(node.children)
    return names


def test_the_port_reads_emphasis_delimiters_as_text():
    """The port parses without emphasis and strikethrough, as engine_py's document parser
    does: its tree has no em, strong or s node to unwrap, nor to nest deep."""
    names = _names(engine_rs._MD.tree("*a* **b** _c_ __d__ ~~e~~ [**f**](g) # *h*\n\n# *i*\n"))
    assert names.isdisjoint({"em", "strong", "s", "strikethrough"}), names
    assert "link" in names and "heading" in names


@pytest.mark.parametrize("text", [
    "- " + "*a " * 150 + "b" + " a*" * 150 + "\n",  # nested 150 deep if it were emphasis
    "# " + "**[x](y) " * 40 + "\n\n" + "_" * 500 + "\n",
    "Text ~~" + "~" * 300 + " [a](b)\n",
])
def test_many_delimiters_are_built_by_the_port_and_equal(text):
    assert engine_rs.build_document(text) is not None
    _same(text)


def test_emphasis_deep_enough_to_overflow_a_stack_is_only_text_to_the_port():
    """Once a guard declined such a text (nested emphasis overflowed the Rust stack); with
    emphasis off, it is plain text to the port and the builder."""
    text = "- " + "*a " * 30000 + "[b](https://b.example)" + " a*" * 30000 + "\n"
    doc = engine_rs.build_document(text)
    assert doc is not None
    assert [(link.url, link.line, link.column) for link in doc.links] == [
        ("https://b.example", 1, 3 + len("*a ") * 30000)]


INLINE = st.sampled_from([
    "[a](https://x.example/a)", "[[paper]](u)", "[b](#b)", "[](h)", "[a]()", "[a](<>)",
    "[e](f g)", "[i](j(k))", "[l](<m n>)", "[n](javascript:x)", "[o](p \"t\")", "[q][r]",
    "[r]", "[r][]", "[s][R]", "[x ![r] z](w)", "![i](s.svg)", "[![b](s.svg)](u)", "[![b](s.svg)]()",
    "![a *b*](c)", "[x [y] z](w)", "[a `]` b](c)", "[a\\]b](c)", "<http://auto.example>",
    "<b>bold</b>", "<br>", '<a href="h">x</a>', '<img src="i.png">', "<!-- c -->",
    "`code`", "``a`b``", "` [c](d) `", "&amp;", "&copy;", "&#35;", "\\*", "\\[", "\\|",
    "*em*", "**strong**", "_u_", "~~s~~", "http://bare.example/x.", "www.w.example",
    "数据", "⚙️", "😀", "\u3000", "é", " ", " - ", "text", "  ", "!", "[", "]", "(", ")",
])
LINES = st.sampled_from([
    "# H", "## H [a](#b)", "### ![i](s) `c` *e*", "#", "## a ##", "Title", "===", "---",
    "- - -", "***", "* item", "- item", "+ item", "1. one", "2) two", "   - nested",
    "  - two", "    - four", "      - six", "> quote", "> - in quote", ">> deep", "> > deeper",
    "| a | b |", "|---|---|", "| c | d |", "a | b", "[r]: https://def.example", "[R]: <u v>",
    "```", "~~~", "    code", "<div>", "</div>", "<details>", "", "", "", "text",
    "  lazy", "- [ ] task", "\u3000wide", "- ", "-", "10. ten",
    # the shapes real lists are made of, which the fast builder reads on its shortest paths
    "- [Name](https://github.com/o/r) - A tool.", "* [Name](https://x.example/a?b=1&c=2) - Té.",
    "- [Name](https://x.example) - See http://y.example too.", "- [A](u) [B](v) - Both.",
    "[[paper]](https://arxiv.org/abs/2101.00001) [[code]](https://github.com/o/r)",
    "- [Name](#name)", "  - [Sub](#sub)", "#### A Paper Title [ICCV 2019]", "## Tools [x]",
    "- [![b](https://img.example/b.svg)](https://x.example) - Badge.", "- `code` [a](b) `c`",
    "- **[Bold](https://x.example)** - d", "1. [One](https://one.example) - 数据 ⚙️",
])


@st.composite
def documents(draw):
    lines = []
    for _ in range(draw(st.integers(0, 14))):
        line = draw(LINES)
        if draw(st.booleans()):
            line += " " + "".join(draw(st.lists(INLINE, max_size=6)))
        lines.append(line)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    end = draw(st.sampled_from([newline, "", "  ", newline + "  "]))
    return newline.join(lines) + end


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_are_equal(text):
    _same(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t-*+>#[]()!:|`~<=_1.)\\\n&;ab数", max_size=60))
def test_random_punctuation_gives_equal_documents(text):
    _same(text)


def test_a_built_document_leaves_no_cyclic_garbage():
    """The fast builder's lazy tokens point back at it; once the Document is built those
    cycles are broken, so dropping the Document frees it at once. Left to the collector's
    oldest generation (seldom reached while models are built with it paused) they kept every
    checked list's model in memory: 15 MB a list on a check of 40 lists."""
    import gc

    text = "# T\n\n## Contents\n\n- [A](#a)\n  - [B](#b)\n\n## A\n\n" + "".join(
        f"- [Tool {i}](https://x.example/{i}) - A tool `{i}`.\n  - [Sub](https://y.example/{i})\n"
        for i in range(50)) + "\n## B\n\n| a | b |\n|---|---|\n| [c](d) | e |\n"
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        doc = engine_rs.build_document(text)
        assert doc is not None and doc.toc is not None and len(doc.entries) >= 50
        del doc
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()


@pytest.mark.parametrize("text", ["[1]:\\", "[1]: a\\", "[1]: a\\\n\n", "[1]:\n  a\\",
                                  "x\n\n[1]: a\\", "[1]: a\\\n>", "[1]: a\\\r\n"])
def test_a_definition_ending_in_a_backslash_is_left_to_the_reference(text):
    """The port reads no definition where markdown-it-py reads ``[1]: a\\`` (its destination
    ending the line, the text ending after it): such texts are declined, and parse gives the
    reference's Document with the definition."""
    assert engine_rs.declines(text)
    assert parse(text) == reference_document(text)
    assert parse(text).references == {"1": "a\\" if "a" in text else "\\"}


@pytest.mark.parametrize("text", ["[1]: a\\b", "a\\\n[1]: b", "[1]: a\\b\n\nc\\"])
def test_a_backslash_elsewhere_keeps_the_fast_path(text):
    assert not engine_rs.declines(text)
    _same(text)
