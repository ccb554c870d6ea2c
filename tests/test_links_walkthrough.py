"""CONTRIBUTING.md's "Adding a link host" walkthrough, run as written: its module, put where
the registry looks, is found without touching any other file, claims its URLs, owns a config
key and checks records against a fake API on loopback."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from awesome_tools.links import hosts
from awesome_tools.links.extract import classify, targets_from_urls
from awesome_tools.links.policy import Policy, PolicyError, build_policy, with_overrides
from awesome_tools.links.run import check_links
from linkservers import LinkServer, ok

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def zenodo(tmp_path, monkeypatch):
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Adding a link host", 1)[1]
    code = re.search(r"```python\n(.*?)\n```", section, re.S).group(1)
    (tmp_path / "zenodo.py").write_text(code + "\n", encoding="utf-8")
    monkeypatch.setattr(hosts, "__path__", [*hosts.__path__, str(tmp_path)])
    monkeypatch.setattr(hosts, "_REGISTRY", {})
    yield
    hosts._REGISTRY.clear()
    import sys

    sys.modules.pop("awesome_tools.links.hosts.zenodo", None)


def test_a_new_host_module_is_found_and_works(zenodo):
    assert "zenodo" in hosts.all_hosts()
    assert classify("https://zenodo.org/records/123")[:2] == ("zenodo:123", "zenodo")
    assert classify("https://zenodo.org/record/123")[0] == "zenodo:123"
    with pytest.raises(PolicyError, match="did you mean zenodo-api"):
        build_policy({"zenodo-apy": "https://x"}, {})
    assert build_policy({}, {"AWESOME_TOOLS_ZENODO_API": "http://127.0.0.9:1/api"}
                        ).setting("zenodo-api") == "http://127.0.0.9:1/api"
    with LinkServer("127.0.0.91", {"/api/records/123": ok(), "/api/records/456": ok(410)}) as api:
        policy = with_overrides(Policy(), zenodo_api=api.url("/api").rstrip("/"),
                                min_interval=0.0, backoff=0.01, retries=1)
        assert policy.for_host("127.0.0.91").per_host == 2
        checked = check_links(targets_from_urls(["https://zenodo.org/records/123",
                                                 "https://zenodo.org/record/456"]), policy)
    verdicts = {t.url: (r.verdict, r.reason) for t, r in checked.pairs}
    assert verdicts == {"https://zenodo.org/records/123": ("alive", "Zenodo API: record found"),
                        "https://zenodo.org/record/456": ("dead", "Zenodo API: no such record")}
