"""entry-format's ``papers`` profile on the new entry shapes (issue 11 Deliver 4): a table row
missing its link, a paragraph entry without a paper link, a venue tag in a non-standard form;
and a table without a venue column asks for no tag."""
from __future__ import annotations

from pathlib import Path

from awesome_tools.config import Config, load_config
from awesome_tools.model.parse import parse
from awesome_tools.rules import RuleContext
from awesome_tools.rules.entry_format import tag_form
from awesome_tools.runner import check_document, selected_rules


def papers(tmp_path: Path) -> Config:
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / ".awesome-tools.yaml").write_text("entry-format:\n  profile: papers\n")
    return load_config(None, tmp_path)


def found(text: str, config: Config):
    doc = parse(text, "README.md")
    ctx = RuleContext(Path("README.md"), config, Path("."))
    result = check_document(doc, ctx, selected_rules(config, ("entry-format",), ()))
    return [(f.line, f.message) for f in result.findings]


def test_a_table_row_without_its_link(tmp_path) -> None:
    text = ("# L\n\n## Datasets\n\n| Name | Venue | Paper |\n|------|-------|-------|\n"
            "| LRS2 | TPAMI 2018 | [paper](https://arxiv.org/abs/1611.05358) |\n"
            "| LRW | ACCV 2016 | |\n")
    assert found(text, papers(tmp_path)) == [(8, "table row has no link")]


def test_a_table_without_a_venue_column_asks_for_no_tag(tmp_path) -> None:
    text = ("# L\n\n## Serving\n\n|Date|Title|Paper|\n|---|---|---|\n"
            "|2023.12|PETALS: distributed inference|[[pdf]](https://arxiv.org/pdf/2312.08361)|\n"
            "|2024.06|Mooncake: KV-cache serving|[[pdf]](https://arxiv.org/pdf/2407.00079)|\n")
    assert found(text, papers(tmp_path)) == []


def test_a_paragraph_entry_without_a_paper_link(tmp_path) -> None:
    text = ("# L\n\n## Editing\n\n**Visual Anagrams: Multi-View Optical Illusions** \\\n"
            "[[CVPR 2024](https://arxiv.org/abs/2311.17919)]\n\n"
            "**LCM-LoRA: A Universal Acceleration Module** \\\n"
            "[[Project](https://latent-consistency-models.github.io/)] "
            "[[Code](https://github.com/luosiallen/latent-consistency-model)]\n")
    assert sorted(found(text, papers(tmp_path))) == [
        (8, "paper entry has no paper link (only project, code)"),
        (8, "paper entry has no venue tag (such as [CVPR 2021] or [arXiv 2020/03])")]


def test_venue_tags_in_a_non_standard_form(tmp_path) -> None:
    rows = "".join(f"| Paper {n} | ICLR 202{n % 6} | [paper](https://arxiv.org/abs/2101.0000{n})"
                   " |\n" for n in range(1, 10))
    text = ("# L\n\n## Papers\n\n| Title | Venue | Paper |\n|---|---|---|\n" + rows
            + "| Paper 6 | AAAI2020 DSTC8 workshop | [paper](https://arxiv.org/abs/2002.00006) |\n"
              "| Paper 7 | TPAMI | [paper](https://arxiv.org/abs/2003.00007) |\n")
    assert found(text, papers(tmp_path)) == [
        (16, "venue tag 'AAAI2020 DSTC8 workshop' is written unlike the list's other tags "
             "(such as CVPR 2021)"),
        (17, "venue tag 'TPAMI' has no year (such as CVPR 2021 or arXiv 2020/03)")]


def test_tag_forms() -> None:
    assert [tag_form(tag) for tag in ("CVPR 2021", "arXiv 2020/03", "NeurIPS 2024 Oral",
                                      "CVPR'21", "CVPR, 2021", "(ICLR 2021)", "TPAMI")] == [
        "V Y", "V Y", "V Y", "V'y", "V, Y", "(V Y", "?"]
