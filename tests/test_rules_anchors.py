"""broken-anchor and broken-file-anchor on small files and on a real multi-file list."""
from __future__ import annotations

import json
import shutil

from awesome_tools.cli import run


def _findings(capsys, path, rules):
    run(["check", str(path), "--format", "json", "--select", rules])
    return json.loads(capsys.readouterr().out)


def test_fragments_that_resolve(tmp_path, capsys):
    path = tmp_path / "a.md"
    path.write_text('# ⚙️ Core\n\n<a name="x"></a> <span id="Y">y</span>\n\n'
                    "[a](#️-core) [c](#x) [d](#Y) [e](#top) [f](#L10-L20) "
                    "[g](#%EF%B8%8F-core)\n", encoding="utf-8")
    assert _findings(capsys, path, "broken-anchor") == []


def test_near_misses_are_warnings_with_a_fix(tmp_path, capsys):
    """GitHub keeps U+FE0F in `# ⚙️ Core`'s anchor: `#-core` lands nowhere (the issue's
    evidence: markdownlint's MD051 files and the corpus's arthurspk index). A case-only
    fragment works on github.com only through its page script."""
    path = tmp_path / "a.md"
    path.write_text("# ⚙️ Core\n\n## Tools\n\n[b](#-core) [t](#Tools)\n", encoding="utf-8")
    found = _findings(capsys, path, "broken-anchor")
    assert [(f["column"], f["severity"]) for f in found] == [(1, "warning"), (13, "warning")]
    assert "lacks the invisible emoji variation selector U+FE0F" in found[0]["message"]
    assert "#%EF%B8%8F-core" in found[0]["message"]
    assert "github.com's page script finds it by lower-casing" in found[1]["message"]
    run(["fix", str(path)])
    capsys.readouterr()
    assert path.read_text(encoding="utf-8").endswith("[b](#%EF%B8%8F-core) [t](#tools)\n")
    assert _findings(capsys, path, "broken-anchor") == []


def test_fragments_that_do_not(tmp_path, capsys):
    path = tmp_path / "a.md"
    path.write_text("# Tools\n\n[a](#y) [b](#L10C2) [c](#TOOLS)\n\n[r]: #nowhere\n")
    found = [(f["line"], f["column"]) for f in _findings(capsys, path, "broken-anchor")]
    assert found == [(3, 1), (3, 9), (3, 21), (5, 1)]


def test_cross_file_fragments(tmp_path, capsys):
    (tmp_path / "other.md").write_text("# Other List\n\n## Vision Transformers\n")
    path = tmp_path / "README.md"
    path.write_text("[ok](other.md#vision-transformers) [bad](other.md#vision-transformer) "
                    "[top](other.md#top) [none](missing.md#x)\n")
    found = _findings(capsys, path, "broken-file-anchor")
    assert [(f["column"], f["message"]) for f in found] == [
        (36, "other.md has no anchor #vision-transformer (did you mean #vision-transformers?)")]
    run(["fix", str(path)])
    capsys.readouterr()
    assert "(other.md#vision-transformers) [bad](other.md#vision-transformers)" in path.read_text()


def test_cmhungsteve_companion_fragments_all_resolve(tmp_path, corpus_dir, capsys):
    name = "cmhungsteve__Awesome-Transformer-Attention"
    shutil.copyfile(corpus_dir / "lists" / f"{name}.md", tmp_path / "README.md")
    for companion in (corpus_dir / "lists" / "_companions" / name).glob("*.md"):
        shutil.copyfile(companion, tmp_path / companion.name)
    found = _findings(capsys, tmp_path / "README.md", "broken-file-anchor,missing-file")
    assert found == []
