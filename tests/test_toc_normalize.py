"""toc.align.normalize_text's fast paths give what its two regex substitutions give."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from awesome_tools.toc.align import _COUNT, _STRIP_TEXT, normalize_text


def _reference(text: str) -> str:
    return _STRIP_TEXT.sub(" ", _COUNT.sub("", text).casefold()).strip()


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="ab Zß_ -(1)[]\t\u00a0é\u0663\u3000x\n9\u2028🎵.", max_size=16))
def test_normalize_text_is_the_regex_reference(text):
    assert normalize_text(text) == _reference(text)


def test_examples():
    assert normalize_text("🎵 Audio (39)") == "audio"
    assert normalize_text("Tools [12]  ") == "tools"
    assert normalize_text("C++ / Rust_lang (v2)") == "c rust lang v2"
    assert normalize_text("(3)") == ""
    assert normalize_text("Straße") == "strasse"
