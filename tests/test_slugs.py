"""GitHub heading anchors: the github-slugger fixtures (rendered on GitHub) and edge cases."""
from __future__ import annotations

import json

import pytest

from awesome_tools.model.slugs import Slugger, slugify, without_vs16


def test_github_slugger_fixtures_as_one_document(corpus_dir):
    cases = json.loads((corpus_dir / "reference" / "github-slugger" / "fixtures.json").read_text())
    slugger = Slugger()
    results = [(case["input"], slugger.slug(case["input"]), case["expected"]) for case in cases]
    wrong = [r for r in results if r[1] != r[2]]
    assert len(cases) == 78
    assert wrong == []


@pytest.mark.parametrize("text, expected", [
    (" a ", "-a-"),
    ("a - b", "a---b"),
    ("Image-Text Retrieval & Matching", "image-text-retrieval--matching"),
    (":smile: - a gemoji", "smile---a-gemoji"),
    ("⚙️ Core Concepts", "\ufe0f-core-concepts"),
    ("数据 Data", "数据-data"),
    ("Ⓐ circled", "ⓐ-circled"),
    ("x²", "x"),
    ("a\u00a0b", "ab"),
    ("snake_case", "snake_case"),
    ("en–dash", "endash"),
])
def test_slugify(text, expected):
    assert slugify(text) == expected


def test_repeats_bump_the_base_counter_past_taken_names():
    slugger = Slugger()
    got = [slugger.slug(t) for t in ["echo", "echo", "echo 1", "echo-1", "echo"]]
    assert got == ["echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2"]


def test_without_vs16():
    assert without_vs16("\ufe0f-core") == "-core"
