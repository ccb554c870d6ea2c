"""``awesome-tools export``: JSON round-trips to the source, CSV columns, BibTeX from the cache."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from awesome_tools.cli import run
from awesome_tools.model.parse import parse
from awesome_tools.errors import InputError
from awesome_tools.commands.export import run_export
from awesome_tools.export import citation_key, labelled_links
from awesome_tools.links.cache import LinkCache
from awesome_tools.rules._venue import entries_with_tags


def export(capsys, path: Path, fmt: str) -> str:
    assert run(["export", str(path), "--format", fmt]) == 0
    return capsys.readouterr().out


@pytest.fixture
def seed_file(tmp_path, seed_text: str) -> Path:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "README.md"
    path.write_text(seed_text, encoding="utf-8")
    return path


def test_json_round_trips_to_the_source(capsys, seed_file: Path, seed_text: str) -> None:
    records = json.loads(export(capsys, seed_file, "json"))
    lines = seed_text.splitlines()
    assert len(records) == len(entries_with_tags(parse(seed_text))) > 50
    for record in records:
        span = "\n".join(lines[record["line"] - 1:record["end_line"]])
        assert record["title"] in lines[record["line"] - 1]
        assert record["links"], record
        for label, url in record["links"].items():
            assert url in span, (record["line"], label, url)
        if record["venue"]:
            assert record["venue"] in lines[record["line"] - 1] or record["venue"] in span
    vilbert = records[0]
    assert vilbert == {
        "section": ["Vision Language Models", "Vision-Language Pretraining"],
        "title": "ViLBERT: Pretraining Task-Agnostic Visiolinguistic Representations for "
                 "Vision-and-Language Tasks",
        "venue": "NeurIPS 2019", "year": 2019, "authors": "", "description": "",
        "links": {"paper": "https://arxiv.org/abs/1908.02265",
                  "code": "https://github.com/jiasenlu/vilbert_beta"},
        "line": vilbert["line"], "end_line": vilbert["end_line"], "kind": "heading",
        # issue 16: the paper behind the entry (no link cache here: the tag gives the venue)
        "arxiv_id": "1908.02265", "doi": None, "published_venue": "NeurIPS 2019"}
    by_title = {record["title"]: record for record in records}
    assert by_title["Image Transformer"]["links"] == {
        "paper": "https://arxiv.org/abs/1802.05751",
        "code": "https://github.com/sahajgarg/image_transformer",
        "code2": "https://github.com/tensorflow/tensor2tensor/"}
    assert by_title["Performer: Rethinking Attention with Performers"]["year"] == 2020
    assert by_title["VisualBERT: A Simple and Performant Baseline for Vision and Language"][
        "year"] == 2020  # ACL 2020, not the 2019 preprint


def test_item_entries_carry_the_venue_after_a_quoted_title(tmp_path, capsys) -> None:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "list.md"
    path.write_text("# L\n\n## Backbones\n\n* **SimPool**: \"Keep It SimPool: Who Said It?\", "
                    "ICCV, 2023 (*NTUA*). [[Paper](https://arxiv.org/abs/2309.06891)]"
                    "[[Code](https://github.com/x/y)]\n", encoding="utf-8")
    (record,) = json.loads(export(capsys, path, "json"))
    assert (record["venue"], record["year"], record["section"]) == ("ICCV, 2023", 2023,
                                                                    ["L", "Backbones"])
    assert record["links"] == {"paper": "https://arxiv.org/abs/2309.06891",
                               "code": "https://github.com/x/y"}


def test_csv_has_a_column_per_label(capsys, seed_file: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export(capsys, seed_file, "csv"))))
    records = json.loads(export(capsys, seed_file, "json"))
    assert len(rows) == len(records)
    header = list(rows[0])
    assert header[:7] == ["section", "title", "venue", "year", "line", "end_line", "paper"]
    assert {"code", "blog"} <= set(header)
    image = next(row for row in rows if row["title"] == "Image Transformer")
    assert image["code"] == ("https://github.com/sahajgarg/image_transformer "
                             "https://github.com/tensorflow/tensor2tensor/")
    assert rows[0]["section"] == "Vision Language Models > Vision-Language Pretraining"


def test_bibtex_uses_the_link_cache(tmp_path, capsys, seed_file: Path) -> None:
    cache_path = tmp_path / "cache.json"
    cache = LinkCache(cache_path)
    cache.arxiv = {
        "1908.02265": {"title": "ViLBERT: Pretraining Task-Agnostic Visiolinguistic "
                                "Representations for Vision-and-Language Tasks",
                       "checked": 1.0, "authors": ["Jiasen Lu", "Dhruv Batra"]},
        "1909.11740": {"title": "UNITER: UNiversal Image-TExt Representation Learning",
                       "checked": 1.0},
    }
    cache.save()
    (tmp_path / ".awesome-tools.yaml").write_text(f"links:\n  cache: {cache_path}\n")
    text = export(capsys, seed_file, "bibtex")
    entries = dict(re.findall(r"@\w+\{([^,]+),\n(.*?)\n\}", text, re.S))
    assert "author = {Jiasen Lu and Dhruv Batra}" in entries["vilbert2019"]
    assert "booktitle = {Conference on Neural Information Processing Systems}" in \
        entries["vilbert2019"]
    uniter = entries["uniter2020"]
    assert "title = {{UNITER: UNiversal Image-TExt Representation Learning}}" in uniter
    assert "eprint = {1909.11740}" in uniter
    # arXiv-only entries get @misc and the year of their ID
    assert text.count("@misc{longformer2020,") == 1
    # keys are unique; the survey listed twice is written once
    keys = re.findall(r"@\w+\{([^,]+),", text)
    assert len(keys) == len(set(keys))
    assert sum("2003.08271" in body for body in entries.values()) == 1
    # stable: the same list exports the same keys
    assert export(capsys, seed_file, "bibtex") == text


def test_bibtex_keys_do_not_depend_on_order(tmp_path, capsys) -> None:
    (tmp_path / ".git").mkdir()
    one = ("### A Survey on Contextual Embeddings [arXiv 2020/03]\n"
           "[[paper]](https://arxiv.org/abs/2003.07278)\n\n")
    two = ("### A Survey on Visual Transformer [arXiv 2020/12]\n"
           "[[paper]](https://arxiv.org/abs/2012.12556)\n\n")
    path = tmp_path / "a.md"
    path.write_text("# L\n\n" + one + two)
    first = set(re.findall(r"@\w+\{([^,]+),", export(capsys, path, "bibtex")))
    path.write_text("# L\n\n" + two + one)
    second = set(re.findall(r"@\w+\{([^,]+),", export(capsys, path, "bibtex")))
    assert first == second and len(first) == 2
    assert all(key.startswith("survey2020-") for key in first)


def test_citation_keys() -> None:
    assert citation_key("ViLBERT: Pretraining Task-Agnostic", 2019) == "vilbert2019"
    assert citation_key("VL-BERT: Pre-training", 2020) == "vlbert2020"
    assert citation_key("The Café of Things", None) == "cafe"
    assert citation_key("", 2020) == "entry2020"


def test_repeated_labels_are_numbered() -> None:
    doc = parse("# L\n\n- [A Paper](https://a.org) [[code]](https://b.org) "
                "[[code]](https://c.org)\n")
    assert labelled_links(doc.entries[0]) == {"link": "https://a.org", "code": "https://b.org",
                                              "code2": "https://c.org"}


def test_bad_input_exits_2(tmp_path, capsys) -> None:
    assert run(["export", str(tmp_path / "missing.md")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("awesome-tools: error: ") and err.count("\n") == 1
    assert run(["export", str(tmp_path), "--format", "yaml"]) == 2  # click's usage error
    assert "Traceback" not in capsys.readouterr().err
    # issue 17: a bad path is reported on one line and the run goes on (exit 2 at the end)
    assert run_export(str(tmp_path / "missing.md"), "json") == 2
    assert capsys.readouterr().err.endswith("missing.md: no such file\n")
    path = tmp_path / "x.md"
    path.write_text("# L\n")
    with pytest.raises(InputError):
        run_export(str(path), "yaml")


def test_bibtex_leaves_out_links_to_other_files(tmp_path, capsys) -> None:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "a.md"
    path.write_text("# L\n\n## More\n\n- [Medical Segmentation Papers](README_2.md) - More.\n"
                    "- [A Survey on Contextual Embeddings](https://arxiv.org/abs/2003.07278)\n"
                    "- [Medical Detection](README_2.md#medical-detection)\n")
    text = export(capsys, path, "bibtex")
    assert re.findall(r"@(\w+)\{([^,]+),", text) == [("misc", "survey2020")]
    # JSON keeps every entry; a bare link to a section of another file is a TOC line (issue 11)
    records = json.loads(export(capsys, path, "json"))
    assert [record["line"] for record in records] == [5, 6]


# --------------------------------------------------------------------------- every entry shape

SHAPES = """# Awesome Shapes

## Table

| Year | Title | Venue | Code | Description |
|------|-------|-------|------|-------------|
| 2024 | [EMO: Emote Portrait Alive](https://arxiv.org/abs/2402.17485) | ECCV 2024 | [Code](https://github.com/x/emo) | Audio to *video*. |

## Paragraphs

**The Art of Deception: Color Visual Illusions** \\
*Alex Gomez-Villa, Kai Wang* \\
[[CVPR 2025](https://arxiv.org/abs/2412.10122)]
[[Code](https://github.com/alviur/illusion)]

**Visual Anagrams: Multi-View Optical Illusions** \\
[[Website](https://arxiv.org/abs/2311.17919)]

## HTML

<p>
&nbsp;&nbsp; <a href="https://www.vim.org/"><b>vim</b></a> - is a highly configurable editor.<br>
&nbsp;&nbsp; <a href="https://neovim.io/"><b>neovim</b></a> - is an extensible editor.<br>
</p>

## Bare

1. https://github.com/lsdefine/simple_GRPO
2. https://github.com/hkust-nlp/simpleRL-reason
"""  # noqa: E501 (Markdown/XML test data, lines as written)


def _words(text: str) -> list:
    return re.findall(r"\w+", text.casefold())


def _round_trips(text: str, records) -> None:
    """Every record points back to its source: its links and its title's words are in the
    lines it spans."""
    lines = text.split("\n")
    for record in records:
        span = "\n".join(lines[record["line"] - 1:record["end_line"]])
        for label, url in record["links"].items():
            assert url in span, (record["line"], label, url)
        words = _words(span)
        assert all(word in words for word in _words(record["title"])), record


def test_every_entry_shape_round_trips(tmp_path, capsys) -> None:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "README.md"
    path.write_text(SHAPES, encoding="utf-8")
    records = json.loads(export(capsys, path, "json"))
    assert [(r["kind"], r["line"]) for r in records] == [
        ("row", 7), ("paragraph", 11), ("paragraph", 16), ("html", 22), ("html", 23),
        ("item", 28), ("item", 29)]
    _round_trips(SHAPES, records)
    row, paper, _, vim, _, _, _ = records
    assert (row["title"], row["venue"], row["year"], row["description"]) == (
        "EMO: Emote Portrait Alive", "ECCV 2024", 2024, "Audio to video.")
    assert row["section"] == ["Awesome Shapes", "Table"]
    assert (paper["authors"], paper["venue"], paper["links"]) == (
        "Alex Gomez-Villa, Kai Wang", "CVPR 2025",
        {"paper": "https://arxiv.org/abs/2412.10122", "code": "https://github.com/alviur/illusion"})
    assert vim["description"] == "is a highly configurable editor."


def test_csv_and_bibtex_carry_description_authors_and_section(tmp_path, capsys) -> None:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "README.md"
    path.write_text(SHAPES, encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(export(capsys, path, "csv"))))
    assert list(rows[0])[-2:] == ["authors", "description"]
    assert rows[0]["description"] == "Audio to video."
    assert rows[1]["authors"] == "Alex Gomez-Villa, Kai Wang"
    entries = dict(re.findall(r"@\w+\{([^,]+),\n(.*?)\n\}", export(capsys, path, "bibtex"), re.S))
    art = next(body for body in entries.values() if "2412.10122" in body)
    assert "author = {Alex Gomez-Villa and Kai Wang}" in art
    assert "keywords = {Awesome Shapes > Paragraphs}" in art
    emo = next(body for body in entries.values() if "2402.17485" in body)
    assert "annote = {Audio to video.}" in emo


@pytest.mark.parametrize("stem", ["Kedreamix__Awesome-Talking-Head-Synthesis",
                                  "wangkai930418__awesome-diffusion-categorized",
                                  "trimstray__the-book-of-secret-knowledge",
                                  "floodsung__Deep-Learning-Papers-Reading-Roadmap",
                                  "yuewang-cuhk__awesome-vision-language-pretraining-papers",
                                  "llm-jp__awesome-japanese-llm"])
def test_corpus_lists_round_trip(corpus_dir, stem: str) -> None:
    path = next((corpus_dir / d / f"{stem}.md" for d in ("lists", "lists2")
                 if (corpus_dir / d / f"{stem}.md").is_file()))
    text = path.read_text(encoding="utf-8")
    from awesome_tools.export import export_records

    records = export_records(parse(text, str(path)))
    assert len(records) > 50
    _round_trips(text, [{key: value for key, value in record.items()
                         if not key.startswith("_")} for record in records])
