"""Property-based tests of `fix`: for generated Markdown lists, fix is idempotent, keeps line
endings and the final newline, and changes only lines that `check` reports as fixable or
that belong to the table of contents."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_tools.rules import RuleContext
from awesome_tools.runner import check_document
from awesome_tools.config import Config
from awesome_tools.model.parse import parse
from awesome_tools.fixes.pipeline import MAX_ROUNDS, fix_text, fixable_rules

WORDS = st.sampled_from(["Tools", "Data", "Sets", "Survey", "A", "Go", "数据", "⚙️ Core",
                         "C++", "Image-Text & More", "Zinit", "zinit", "Echo 1", "echo"])
TITLE = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)


@st.composite
def documents(draw):
    """A list: headings, a TOC (maybe stale), entries, images, code, comments."""
    headings = draw(st.lists(st.tuples(st.integers(2, 4), TITLE), min_size=1, max_size=8))
    blocks = []
    for level, title in headings:
        blocks.append("#" * level + " " + title)
        kind = draw(st.sampled_from(["entry", "image", "code", "comment", "link", "none"]))
        if kind == "entry":
            blocks.append(f"[[paper]](https://arxiv.org/{draw(st.sampled_from(['abs', 'pdf']))}"
                          f"/2004.0{draw(st.integers(1000, 1005))})")
        elif kind == "image":
            sep = draw(st.sampled_from(["/", "\\"]))
            blocks.append(f'<img src="images{sep}x.png" alt="x" />')
        elif kind == "code":
            blocks.append("```\n[not](#a-link)\n```")
        elif kind == "comment":
            blocks.append("<!-- [hidden](#nothing) -->")
        elif kind == "link":
            target = draw(st.sampled_from(["#tools", "#Tools", "#data-set", "#survey-1", "#"]))
            blocks.append(f"See [there]({target}).")
    toc_titles = draw(st.lists(TITLE, max_size=6))
    toc = [f"{'  ' * draw(st.integers(0, 1))}- [{t}](#{t.lower().replace(' ', '-')})"
           for t in toc_titles]
    if draw(st.booleans()):
        from awesome_tools.model.slugs import Slugger
        slugger = Slugger()
        toc = [f"{'  ' * (level - 2)}- [{title}](#{slugger.slug(title)})"
               for level, title in headings]
    body = "\n\n".join(["# List"] + (["\n".join(toc)] if toc else []) + blocks)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    body = body.replace("\n", newline)
    if draw(st.booleans()):
        body += newline
    return body


def _context(tmp: Path) -> RuleContext:
    return RuleContext(tmp / "README.md", Config(), tmp)


def _rules():
    return fixable_rules(Config(), (), (), ("canonical-url",))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(documents())
def test_fix_is_idempotent_and_keeps_layout(tmp_path, text):
    ctx = _context(tmp_path)
    fixed, _ = fix_text(text, ctx, _rules())
    again, _ = fix_text(fixed, ctx, _rules())
    assert again == fixed
    assert ("\r\n" in fixed) == ("\r\n" in text) or "\r\n" not in text
    if "\r\n" not in text:
        assert "\r" not in fixed
    assert fixed.endswith(("\n", "\r")) == text.endswith(("\n", "\r"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(documents())
def test_fix_changes_only_the_spans_its_findings_report(tmp_path, text):
    """Round by round (as `fix` repeats until nothing changes), the text outside the edit
    spans of the findings `check` reports on that round's text is kept byte for byte and in
    order; only the spans change."""
    from awesome_tools.fixes.edits import merge

    ctx = _context(tmp_path)
    current = text
    for _ in range(MAX_ROUNDS):
        doc = parse(current)
        findings = [f for f in check_document(doc, ctx, _rules()).findings if f.fix]
        if not findings:
            break
        taken, _ = merge([e for f in findings for e in f.fix])
        following = fix_text(current, ctx, _rules(), rounds=1)[0]
        outside, position = [], 0
        for edit in taken:
            outside.append(current[position:edit.start])
            position = edit.end
        outside.append(current[position:])
        cursor = 0
        for segment in outside:
            found = following.find(segment, cursor)
            assert found >= 0, (segment, current)
            cursor = found + len(segment)
        assert len(following) == sum(map(len, outside)) + sum(len(e.replacement) for e in taken)
        if following == current:
            break
        current = following
    assert current == fix_text(text, ctx, _rules())[0]
