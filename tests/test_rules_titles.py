"""``title-mismatch``: fuzzy title comparison, the cache path, and the rule end to end.

End to end, the real ``awesome-tools links`` asks a fake arXiv API on 127.0.0.x (Atom feeds
shaped like export.arxiv.org's) about the seed's arXiv links and fills its cache; then
``check --online`` reads the titles from that cache.
"""
from __future__ import annotations

import json

import pytest

from awesome_tools.cli import run
from awesome_tools.config import Config, load_config
from awesome_tools.rules._titles import (
    ENV_CACHE,
    DEFAULT_CACHE,
    link_cache_path,
    normalize_title,
    similarity,
    titles_match,
)
from linkservers import LinkServer, arxiv_api

# The arXiv titles of the seed's arxiv.org links, as the arXiv API gives them today (several
# differ from the list's wording: UNITER, ETC, the vision transformer survey, the short names).
SEED_TITLES = {
    "1705.09406": "Multimodal Machine Learning: A Survey and Taxonomy",
    "1801.10198": "Generating Wikipedia by Summarizing Long Sequences",
    "1802.05751": "Image Transformer",
    "1809.08895": "Neural Speech Synthesis with Transformer Network",
    "1901.02860": "Transformer-XL: Attentive Language Models Beyond a Fixed-Length Context",
    "1904.10509": "Generating Long Sequences with Sparse Transformers",
    "1907.09358": "Trends in Integration of Vision and Language Research: A Survey of Tasks, "
                  "Datasets, and Methods",
    "1908.02265": "ViLBERT: Pretraining Task-Agnostic Visiolinguistic Representations for "
                  "Vision-and-Language Tasks",
    "1908.03557": "VisualBERT: A Simple and Performant Baseline for Vision and Language",
    "1908.06066": "Unicoder-VL: A Universal Encoder for Vision and Language by Cross-modal "
                  "Pre-training",
    "1908.07490": "LXMERT: Learning Cross-Modality Encoder Representations from Transformers",
    "1908.08530": "VL-BERT: Pre-training of Generic Visual-Linguistic Representations",
    "1909.11740": "UNITER: UNiversal Image-TExt Representation Learning",
    "1911.02972": "Blockwise Self-Attention for Long Document Understanding",
    "1912.02315": "12-in-1: Multi-Task Vision and Language Representation Learning",
    "1912.12180": "Axial Attention in Multidimensional Transformers",
    "2001.07966": "ImageBERT: Cross-modal Pre-training with Large-scale Weak-supervised "
                  "Image-Text Data",
    "2002.06353": "UniVL: A Unified Video and Language Pre-Training Model for Multimodal "
                  "Understanding and Generation",
    "2002.11296": "Sparse Sinkhorn Attention",
    "2003.05997": "Efficient Content-Based Sparse Attention with Routing Transformers",
    "2003.07278": "A Survey on Contextual Embeddings",
    "2003.08271": "Pre-trained Models for Natural Language Processing: A Survey",
    "2004.05150": "Longformer: The Long-Document Transformer",
    "2004.06165": "Oscar: Object-Semantics Aligned Pre-training for Vision-Language Tasks",
    "2004.08483": "ETC: Encoding Long and Structured Inputs in Transformers",
    "2004.08744": "Are we pretraining it right? Digging deeper into visio-linguistic "
                  "pretraining",
    "2005.07310": "Behind the Scene: Revealing the Secrets of Pre-trained "
                  "Vision-and-Language Models",
    "2005.07486": "Adaptive Transformers for Learning Multimodal Representations",
    "2006.04768": "Linformer: Self-Attention with Linear Complexity",
    "2006.16236": "Transformers are RNNs: Fast Autoregressive Transformers with Linear "
                  "Attention",
    "2007.10639": "Multi-modal Transformer for Video Retrieval",
    "2009.14794": "Rethinking Attention with Performers",
    "2010.11929": "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale",
    "2012.09838": "Transformer Interpretability Beyond Attention Visualization",
    "2012.12556": "A Survey on Vision Transformer",
    "2103.05247": "Pretrained Transformers as Universal Computation Engines",
    "2103.14030": "Swin Transformer: Hierarchical Vision Transformer using Shifted Windows",
    "2103.16553": "Thinking Fast and Slow: Efficient Text-to-Visual Retrieval with Transformers",
}
ONLY_ARXIV = r"^(?!https?://(?:www\.)?arxiv\.org/)"


# --------------------------------------------------------------------------- comparing


@pytest.mark.parametrize("listed, actual", [
    ("ViLBERT: Pretraining Task-Agnostic Visiolinguistic Representations for Vision-and-"
     "Language Tasks", SEED_TITLES["1908.02265"]),
    ("Linear Transformer: Transformers are RNNs: Fast Autoregressive Transformers with Linear "
     "Attention", SEED_TITLES["2006.16236"]),
    ("Memory Compressed: Generating Wikipedia by Summarizing Long Sequences",
     SEED_TITLES["1801.10198"]),
    ("UNITER: Learning Universal Image-text Representations", SEED_TITLES["1909.11740"]),
    ("Etc: Encoding long and structured data in transformers", SEED_TITLES["2004.08483"]),
    ("A Survey on Visual Transformer", SEED_TITLES["2012.12556"]),
    ("pre-trained models for natural language processing - a survey",
     SEED_TITLES["2003.08271"]),
    ("Transformers are RNNs: Fast Autoregressive Transformers with Linear Attention",
     "Linear Transformer: Transformers are RNNs: Fast Autoregressive Transformers with Linear "
     "Attention"),  # the short name may be on the paper's side too
    ("Ünicode Àccents in a Title Here", "Unicode Accents in a Title Here"),
])
def test_titles_that_name_the_same_paper_match(listed: str, actual: str) -> None:
    assert titles_match(listed, actual), similarity(listed, actual)


@pytest.mark.parametrize("listed, actual", [
    ("Reformer: The Efficient Transformer", SEED_TITLES["2004.05150"]),
    ("Linformer: Self-Attention with Linear Complexity", SEED_TITLES["2006.16236"]),
    ("VisualBERT: A Simple and Performant Baseline for Vision and Language",
     SEED_TITLES["1908.07490"]),
    ("Masked Autoencoders Are Scalable Vision Learners",
     "Masked Autoencoders As Spatiotemporal Learners"),
    ("Swin Transformer: Hierarchical Vision Transformer using Shifted Windows",
     "Swin Transformer V2: Scaling Up Capacity and Resolution"),
    # a long prefix is part of the title, not a short name to drop
    ("A Study of Many Things in Vision: Generating Long Sequences with Sparse Transformers",
     SEED_TITLES["1904.10509"]),
])
def test_titles_of_other_papers_do_not_match(listed: str, actual: str) -> None:
    assert not titles_match(listed, actual), similarity(listed, actual)


def test_normalize_title() -> None:
    assert normalize_title("  Pre-Training: BERT's \u201cBest\u201d Idea!  ") == \
        "pre training bert s best idea"
    assert normalize_title("Café") == "cafe"


# --------------------------------------------------------------------------- the cache path


def test_cache_path_env_then_config_then_default(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(ENV_CACHE, raising=False)
    assert link_cache_path(Config()) == DEFAULT_CACHE
    (tmp_path / ".git").mkdir()
    (tmp_path / ".awesome-tools.yaml").write_text("links:\n  cache: here/links.json\n")
    config = load_config(None, tmp_path)
    assert str(link_cache_path(config)) == "here/links.json"
    monkeypatch.setenv(ENV_CACHE, str(tmp_path / "env.json"))
    assert link_cache_path(config) == tmp_path / "env.json"


# --------------------------------------------------------------------------- end to end

WRONG = """
### Reformer: The Efficient Transformer [ICLR 2020]
[[paper]](https://arxiv.org/abs/2004.05150) [[code]](https://github.com/lucidrains/reformer-pytorch)
"""


@pytest.fixture
def arxiv_server():
    with LinkServer("127.0.0.61") as server:
        server.routes["/api/query"] = arxiv_api(server, SEED_TITLES)
        yield server


def _project(tmp_path, seed_text: str, api_url: str, cache_in_config: bool = True):
    (tmp_path / ".git").mkdir()
    cache = tmp_path / "cache" / "links.json"
    lines = ["links:", f"  arxiv-api: {api_url}", "  arxiv-interval: 0", "  min-interval: 0",
             "  retries: 1", "  backoff: 0.01"]
    if cache_in_config:
        lines.append(f"  cache: {cache}")
    (tmp_path / ".awesome-tools.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    good = tmp_path / "README.md"
    good.write_text(seed_text, encoding="utf-8")
    wrong = tmp_path / "wrong.md"
    wrong.write_text(seed_text + WRONG, encoding="utf-8")
    return good, wrong, cache


def _findings(capsys, *argv: str):
    code = run(["check", *argv, "--format", "json"])
    out = capsys.readouterr().out
    data = json.loads(out) if out.strip() else []
    findings = data if isinstance(data, list) else data.get("findings", [])
    return code, findings


def test_links_fill_the_cache_then_check_online_flags_the_wrong_paper(
        tmp_path, seed_text, arxiv_server, no_internet, capsys) -> None:
    good, wrong, cache = _project(tmp_path, seed_text, arxiv_server.url("/api/query"))
    assert run(["links", str(wrong), "--exclude", ONLY_ARXIV, "--format", "json"]) == 0
    capsys.readouterr()
    stored = json.loads(cache.read_text(encoding="utf-8"))["arxiv"]
    assert set(stored) == set(SEED_TITLES)  # every seed paper (and Longformer) asked once
    asked = [paper for batch in arxiv_server.notes["arxiv_batches"] for paper in batch]
    assert sorted(asked) == sorted(SEED_TITLES)

    code, findings = _findings(capsys, str(good), "--online", "--select", "title-mismatch")
    assert (code, findings) == (0, [])  # every correct seed entry passes

    code, findings = _findings(capsys, str(wrong), "--online", "--select", "title-mismatch")
    assert code == 1
    (only,) = findings
    line = seed_text.count("\n") + 3  # the [[paper]] line of the appended entry
    assert (only["rule"], only["line"], only["column"]) == ("title-mismatch", line, 1)
    assert "arXiv:2004.05150" in only["message"] and "Longformer" in only["message"]
    assert only["severity"] == "error"


def test_cache_from_the_environment_and_offline_runs_skip_the_rule(
        tmp_path, seed_text, arxiv_server, no_internet, capsys, monkeypatch) -> None:
    good, wrong, _ = _project(tmp_path, seed_text, arxiv_server.url("/api/query"),
                              cache_in_config=False)
    cache = tmp_path / "elsewhere.json"
    assert run(["links", str(wrong), "--exclude", ONLY_ARXIV, "--cache", str(cache)]) == 0
    capsys.readouterr()
    monkeypatch.setenv(ENV_CACHE, str(cache))
    code, findings = _findings(capsys, str(wrong), "--online", "--select", "title-mismatch")
    assert code == 1 and [f["rule"] for f in findings] == ["title-mismatch"]
    # without --online the rule does not run, even though the cache is there
    _, findings = _findings(capsys, str(wrong))
    assert "title-mismatch" not in {f["rule"] for f in findings}


def test_missing_cache_is_a_note_not_a_failure(tmp_path, seed_text, capsys,
                                               monkeypatch) -> None:
    monkeypatch.setenv(ENV_CACHE, str(tmp_path / "absent.json"))
    path = tmp_path / "README.md"
    path.write_text(seed_text, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    code, findings = _findings(capsys, str(path), "--online", "--select", "title-mismatch")
    assert code == 0
    assert [(f["severity"], f["line"]) for f in findings] == [("note", 1)]
    assert "awesome-tools links" in findings[0]["message"]


def test_a_cache_named_by_the_command_wins(tmp_path, monkeypatch) -> None:
    from pathlib import Path

    from awesome_tools.rules import RuleContext
    from awesome_tools.runner import check_document, selected_rules
    from awesome_tools.model.parse import parse
    from awesome_tools.links.cache import LinkCache

    cache = LinkCache(tmp_path / "named.json")
    cache.arxiv = {"2004.05150": {"title": SEED_TITLES["2004.05150"], "checked": 1.0}}
    cache.save()
    monkeypatch.setenv(ENV_CACHE, str(tmp_path / "absent.json"))
    doc = parse("# L" + WRONG)
    rules = selected_rules(Config(), ("title-mismatch",), ())
    ctx = RuleContext(Path("README.md"), Config(), tmp_path, online=True,
                  link_cache=str(tmp_path / "named.json"))
    (found,) = check_document(doc, ctx, rules).findings
    assert (found.severity, found.line) == ("error", 3)  # the [[paper]] line
    ctx = RuleContext(Path("README.md"), Config(), tmp_path, online=True)
    (found,) = check_document(doc, ctx, rules).findings
    assert found.severity == "note"  # the environment's cache does not exist
