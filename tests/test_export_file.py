"""Issue 17: several lists exported as one JSON array or CSV table say which list each entry
came from (``file``, the name as given); one list's output keeps its shape."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Tuple

import pytest

from awesome_tools.cli import run

A = "# A\n\n## Papers\n\n- [Alpha](https://alpha.example) - First.\n"
B = "# B\n\n## Tools\n\n- [Beta](https://beta.example) - Second.\n" \
    "- [Gamma](https://gamma.example) - Third.\n"


@pytest.fixture()
def lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text(A, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "tools.md").write_text(B, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(capsys: pytest.CaptureFixture, *args: str) -> Tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_of_several_lists_names_each_entry_s_file(lists, capsys) -> None:
    code, out, err = cli(capsys, "export", "README.md", "docs")
    assert (code, err) == (0, "")
    records = json.loads(out)
    assert [(record["file"], record["title"]) for record in records] == [
        ("README.md", "Alpha"), ("docs/tools.md", "Beta"), ("docs/tools.md", "Gamma")]
    assert all(next(iter(record)) == "file" for record in records)


def test_csv_of_several_lists_has_a_file_column_first(lists, capsys) -> None:
    _, out, _ = cli(capsys, "export", "README.md", "docs/tools.md", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["file", "section", "title"]
    assert [row[:3] for row in rows[1:]] == [["README.md", "A > Papers", "Alpha"],
                                             ["docs/tools.md", "B > Tools", "Beta"],
                                             ["docs/tools.md", "B > Tools", "Gamma"]]
    assert all(len(row) == len(rows[0]) for row in rows)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_one_list_keeps_its_shape(lists, capsys, fmt) -> None:
    _, alone, _ = cli(capsys, "export", "docs/tools.md", "--format", fmt)
    _, directory, _ = cli(capsys, "export", "docs", "--format", fmt)
    assert alone == directory
    assert '"file"' not in alone and not alone.startswith("file,")
    _, merged, _ = cli(capsys, "export", "README.md", "docs/tools.md", "--format", fmt)
    if fmt == "json":  # the merged records are the single records with a file added
        tools = [{key: value for key, value in record.items() if key != "file"}
                 for record in json.loads(merged) if record["file"] == "docs/tools.md"]
        assert tools == json.loads(alone)


def test_standard_input_is_named_as_in_messages(lists, capsys, monkeypatch) -> None:
    for name, expected in ((None, "<stdin>"), ("list.md", "list.md")):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(B.encode())))
        extra = ("--stdin-name", name) if name else ()
        _, out, _ = cli(capsys, "export", "-", "README.md", *extra)
        assert [record["file"] for record in json.loads(out)] == [expected] * 2 + ["README.md"]


def test_a_file_name_with_control_characters_stays_inert(lists, capsys) -> None:
    evil = "e\x1b[2J\u202e.md"
    (lists / evil).write_text(A, encoding="utf-8")
    _, out, _ = cli(capsys, "export", "README.md", evil)
    assert "\x1b" not in out and "\u202e" not in out
    assert json.loads(out)[1]["file"] == evil  # JSON decodes to the exact name
    _, table, _ = cli(capsys, "export", "README.md", evil, "--format", "csv")
    assert "\ne\\x1b[2J\\u202e.md,A > Papers,Alpha," in table
    assert "\x1b" not in table and "\u202e" not in table
