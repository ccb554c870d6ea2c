"""Issue 17: venue tags the table does not know are tags: a note naming the venue and the
config key, never "no venue tag"; the table knows common journals and new conferences; export
keeps their year and venue; this repository's own README is clean with the papers profile."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from awesome_tools.cli import run
from awesome_tools.venues import apostrophe_tag, find_venue, parse_venue_tag, unknown_venue

ROOT = Path(__file__).resolve().parents[1]


def _paper(title: str, tag: str, url: str) -> str:
    return f"#### {title} {tag}\n\n[[paper]]({url})\n\n"


LIST = ("# Papers\n\n## Models\n\n"
        + _paper("Alpha: A Model", "[IEEE Access 2019]", "https://ieeexplore.ieee.org/document/1")
        + _paper("Beta: A Model", "[Nature 2021]", "https://www.nature.com/articles/x")
        + _paper("Gamma: A Model", "[COLM 2024]", "https://openreview.net/forum?id=a")
        + _paper("Delta: A Model", "[Frobnicator Letters 2020]", "https://example.org/d")
        + _paper("Epsilon: A Model", "(Frob'21)", "https://example.org/e")
        + _paper("Zeta: A Model", "(CVPR'21)", "https://example.org/z")
        + _paper("Eta: A Model", "[Science 2022]", "https://example.org/s"))


@pytest.fixture()
def papers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".awesome-tools.yaml").write_text("profiles: [papers]\n", encoding="utf-8")
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _findings(capsys: pytest.CaptureFixture, *args: str) -> list:
    capsys.readouterr()
    code = run(["check", "README.md", "--format", "json", *args])
    assert code in (0, 1)
    return json.loads(capsys.readouterr().out)


def test_the_table_knows_common_journals_and_new_conferences() -> None:
    for name in ("IEEE Access", "Nature", "Science", "TMLR", "COLM", "Nature Machine "
                 "Intelligence", "PNAS", "ACM Computing Surveys", "TNNLS", "Neurocomputing"):
        assert find_venue(name) is not None, name
    assert [t.venue for t in parse_venue_tag("IEEE Access 2019")] == ["IEEE Access"]
    assert [t.venue for t in parse_venue_tag("COLM 2024")] == ["COLM"]


def test_unknown_venue_like_tags() -> None:
    assert unknown_venue("Frobnicator Letters 2020") == "Frobnicator Letters"
    assert unknown_venue("Frob'21") == "Frob"
    assert unknown_venue("CVPR 2021") is None  # known
    assert unknown_venue("2020") is None and unknown_venue("Oral 2021") is None  # no venue
    assert unknown_venue("Under Review") is None  # no year
    assert apostrophe_tag("Epsilon: A Model (Frob'21)") == ("Epsilon: A Model", "Frob'21", 2021)
    assert apostrophe_tag("Kernels (in 2021)") is None


def test_unknown_venues_are_notes_never_missing_tags(papers, capsys) -> None:
    found = _findings(capsys)
    assert not any("no venue tag" in f["message"] for f in found)
    notes = [(f["line"], f["severity"], f["message"]) for f in found]
    assert notes == [
        (17, "note", "unknown venue 'Frobnicator Letters': add it to the config as "
                     "venues.extra.Frobnicator Letters.first-year to have it checked"),
        (21, "note", "unknown venue 'Frob': add it to the config as venues.extra.Frob."
                     "first-year to have it checked")]
    capsys.readouterr()
    assert run(["check", "README.md"]) == 0  # notes do not fail the run


def test_the_config_key_named_silences_the_note(papers, capsys) -> None:
    (papers / ".awesome-tools.yaml").write_text(
        "profiles: [papers]\nvenues:\n  extra:\n    Frobnicator Letters:\n      first-year: 1999\n"
        "      kind: journal\n    Frob:\n      first-year: 2001\n", encoding="utf-8")
    assert _findings(capsys) == []


def test_a_missing_tag_is_still_reported(papers, capsys) -> None:
    (papers / "README.md").write_text(LIST + _paper("Theta: No Tag", "", "https://x.org/t"),
                                      encoding="utf-8")
    found = _findings(capsys, "--select", "entry-format")
    assert [f["line"] for f in found if "no venue tag" in f["message"]] == [33]


def test_export_keeps_year_and_venue(papers, capsys) -> None:
    capsys.readouterr()
    assert run(["export"]) == 0
    records = {r["title"]: (r["venue"], r["year"]) for r in json.loads(capsys.readouterr().out)}
    assert records["Alpha: A Model"] == ("IEEE Access 2019", 2019)
    assert records["Gamma: A Model"] == ("COLM 2024", 2024)
    assert records["Delta: A Model"] == ("Frobnicator Letters 2020", 2020)
    assert records["Epsilon: A Model"] == ("Frob'21", 2021)
    assert run(["export", "--format", "bibtex"]) == 0
    bib = capsys.readouterr().out
    assert re.search(r"@article\{alpha2019,\n  title = \{\{Alpha: A Model\}\},\n"
                     r"  journal = \{IEEE Access\},\n  year = \{2019\}", bib)
    assert "@inproceedings{gamma2024" in bib and "booktitle = {Conference on Language Modeling}" \
        in bib
    assert re.search(r"@misc\{delta2020,\n.*\n  howpublished = \{Frobnicator Letters\},\n"
                     r"  year = \{2020\}", bib)
    assert "@misc{epsilon2021,\n  title = {{Epsilon: A Model}}" in bib


def test_this_repository_readme_has_no_venue_finding(capsys, monkeypatch) -> None:
    """The README with the papers profile on (this repository's config turns it on)."""
    monkeypatch.chdir(ROOT)
    capsys.readouterr()
    code = run(["check", "README.md", "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert [f for f in found if "venue" in f["message"] or f["rule"].startswith("venue")] == []
    assert code == 0
