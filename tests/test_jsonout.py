"""jsonout writes valid JSON, one record per line, and keeps non-ASCII text as written."""
import json

from hypothesis import given
from hypothesis import strategies as st

from awesome_tools.formats.jsonlines import dumps_list, dumps_object

_SCALARS = st.none() | st.booleans() | st.integers() | st.text() | \
    st.floats(allow_nan=False, allow_infinity=False)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(), inner, max_size=3), max_leaves=8)


@given(st.lists(_VALUES, max_size=6))
def test_list_round_trips(items):
    assert json.loads(dumps_list(items)) == items


@given(st.dictionaries(st.text(), _VALUES, max_size=6))
def test_object_round_trips(mapping):
    assert json.loads(dumps_object(mapping)) == mapping


def test_one_record_per_line_and_text_kept():
    text = dumps_list([{"url": "https://例え.jp/", "n": 1}, {"url": "b"}])
    assert text.splitlines() == ['[', '  {"url": "https://例え.jp/", "n": 1},',
                                 '  {"url": "b"}', ']']
    assert dumps_list([]) == "[]" and dumps_object({}) == "{}"


def test_object_keys_sorted_inside_and_out():
    text = dumps_object({"b": {"z": 1, "a": 2}, "a": 0})
    assert text.splitlines() == ['{', '  "a": 0,', '  "b": {"a": 2, "z": 1}', '}']
