"""The link cache: reuse, expiry, failures never stored, corruption survived."""
from __future__ import annotations

import json

import pytest

from awesome_tools.links import cached_arxiv_titles, cached_redirects
from awesome_tools.links.cache import LinkCache
from awesome_tools.links.types import LinkResult, Verdict, Why
from awesome_tools.links.run import check_targets
from awesome_tools.links.extract import targets_from_urls
from awesome_tools.links.policy import Policy, with_overrides
from linkservers import LinkServer, ok, redirect


pytestmark = pytest.mark.usefixtures("no_internet")


FAST = with_overrides(Policy(), min_interval=0.0, backoff=0.01, retries=1)


def test_second_run_uses_the_cache_for_successes_only(tmp_path):
    path = tmp_path / "c" / "links.json"
    with LinkServer("127.0.0.31") as server:
        server.routes.update({"/ok": ok(), "/dead": ok(404), "/moved": redirect("/ok")})
        urls = [server.url(p) for p in ("/ok", "/dead", "/moved")]
        for _ in range(2):
            cache = LinkCache(path).load()
            pairs, _ = check_targets(targets_from_urls(urls), FAST, cache)
            cache.save()
        assert server.count("/ok", "HEAD") == 2  # once for /ok, once as /moved's target
        assert server.count("/moved") == 1
        assert server.count("/dead", "GET") == 2  # failures are asked again
    cached = {target.url: result.cached for target, result in pairs}
    assert cached == {urls[0]: True, urls[1]: False, urls[2]: True}
    assert cached_redirects(str(path)) == {urls[2]: urls[0]}


def test_expired_entries_are_checked_again(tmp_path):
    path = tmp_path / "links.json"
    clock = [1000.0]
    cache = LinkCache(path, now=lambda: clock[0])
    cache.put(LinkResult("url:k", "http://127.0.0.1/x", Verdict.ALIVE, Why.OK, 200, None,
                         "HTTP 200", checked_at=1000.0), ttl=50.0)
    assert cache.get("url:k") is not None
    clock[0] = 1051.0
    assert cache.get("url:k") is None


def test_ttl_is_jittered_upwards_only_and_serves_a_weekly_job():
    """Changed by issue 13: the TTL was 7 days shortened by up to 25 %, so a weekly job
    reused almost nothing; now no entry expires sooner than 14 days (14 to 21)."""
    values = iter([0.0, 1.0])
    policy = with_overrides(Policy(), cache_ttl=100.0, jitter=lambda: next(values))
    assert (policy.ttl(), policy.ttl()) == (100.0, 150.0)
    day = 86400.0
    assert min(Policy(jitter=lambda j=j: j).ttl() for j in (0.0, 0.5, 1.0)) >= 10 * day
    assert (Policy(jitter=lambda: 0.0).ttl(), Policy(jitter=lambda: 1.0).ttl()) == \
        (14 * day, 21 * day)


@pytest.mark.parametrize("content", ["{not json", "[]", '{"version": 1, "links": {"k": 3}}',
                                     '{"version": 99}', "\x00\x01",
                                     '{"version": 1, "recheck": []}',
                                     '{"version": 1, "recheck": {"k": {"url": 1, "expires": 9}}}',
                                     '{"version": 1, "recheck": {"k": {"url": "u", '
                                     '"expires": 9, "paths": [["a"]]}}}',
                                     # wrong field types, deep nesting, a non-http URL
                                     '{"version": 2, "links": {"k": {"url": "https://a.org/", '
                                     '"verdict": "alive", "why": "ok", "status": "200", '
                                     '"expires": 9}}}',
                                     '{"version": 2, "links": {"k": {"url": "https://a.org/", '
                                     '"verdict": "redirected", "why": "moved", '
                                     '"final_url": "javascript:alert(1)", "expires": 9}}}',
                                     '{"version": 2, "recheck": {"k": {"url": "file:///etc/x", '
                                     '"expires": 9}}}',
                                     '{"version": 2, "hosts": {"h": {"probe": 3, "expires": 1}}}',
                                     '{"version": 2, "links": ' + "[" * 100000 + "]" * 100000
                                     + "}"])
def test_corrupt_cache_is_discarded_with_a_warning(tmp_path, content):
    path = tmp_path / "links.json"
    path.write_text(content)
    cache = LinkCache(path).load()
    assert cache.links == {} and len(cache.warnings) == 1
    assert "discarded" in cache.warnings[0]
    cache.save()
    assert json.loads(path.read_text())["version"] == 2  # replaced by a good file


def test_arxiv_titles_are_kept(tmp_path):
    path = tmp_path / "links.json"
    cache = LinkCache(path)
    cache.put(LinkResult("arxiv:2101.00001", "https://arxiv.org/abs/2101.00001",
                         Verdict.ALIVE, Why.API_FOUND, 200, None, "arXiv API: T",
                         checked_at=1.0e12, extra={"arxiv_id": "2101.00001", "title": "A Title"}),
              ttl=10.0)
    cache.save()
    assert cached_arxiv_titles(str(path)) == {"2101.00001": "A Title"}
    assert cached_arxiv_titles(str(tmp_path / "missing.json")) == {}


def test_cache_reading_never_imports_the_network_stack(tmp_path):
    """``check --online`` and ``fix --update-redirects`` read the cache: no requests import."""
    import subprocess
    import sys

    readme = tmp_path / "README.md"
    readme.write_text("# L\n\n- [x](https://arxiv.org/abs/2101.00001)\n", encoding="utf-8")
    code = ("import sys; from awesome_tools.cli import run; "
            f"run(['check', '--online', {str(readme)!r}]); "
            "from awesome_tools.links.cache import cached_redirects; cached_redirects(None); "
            "print('requests' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, check=False)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stdout + out.stderr


def test_only_real_moves_are_offered_to_fix(tmp_path):
    """Login pages and front pages are redirects too, but never written into a list."""
    path = tmp_path / "links.json"
    cache = LinkCache(path)
    for key, why, final in (("url:a", Why.MOVED, "https://a.org/new"),
                            ("url:b", Why.LOGIN, "https://b.org/login"),
                            ("url:c", Why.GENERIC, "https://c.org/"),
                            ("url:d", Why.SUCCESSOR, "https://huggingface.co/papers/1706.03762")):
        cache.put(LinkResult(key, f"https://{key[4:]}.org/old", Verdict.REDIRECTED, why, 301,
                             final, "moved", checked_at=cache.now()), ttl=100.0)
    cache.save()
    assert cached_redirects(str(path)) == {
        "https://a.org/old": "https://a.org/new",
        "https://d.org/old": "https://huggingface.co/papers/1706.03762"}


def test_a_cached_list_is_used_only_when_its_urls_are_in_the_text(tmp_path):
    """A crafted cache cannot add URLs: targets kept for a list are checked against its text."""
    from awesome_tools.links.run import list_targets
    from awesome_tools.links.targets import Location, Target

    text = "# L\n\n- [a](https://a.org/x)\n"
    cache = LinkCache(tmp_path / "links.json")
    from awesome_tools.links.run import _digest

    forged = [Target("url:evil.org/steal", "https://evil.org/steal", "page",
                     (Location("README.md", 3, 3),))]
    cache.keep_list("README.md", _digest(text), forged)
    targets = list_targets([("README.md", text)], cache)
    assert [t.url for t in targets] == ["https://a.org/x"]
