"""The link cache: reuse, expiry, failures never stored, corruption survived."""
from __future__ import annotations

import json

import pytest

from awesome_tools.linkcheck import cached_arxiv_titles, cached_redirects
from awesome_tools.linkcheck.cache import LinkCache
from awesome_tools.linkcheck.checker import Result
from awesome_tools.linkcheck.command import check_targets
from awesome_tools.linkcheck.extract import targets_from_urls
from awesome_tools.linkcheck.policy import Policy, with_overrides
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
    cache.put(Result("url:k", "http://127.0.0.1/x", "alive", 200, None, "HTTP 200",
                     checked_at=1000.0), ttl=50.0)
    assert cache.get("url:k") is not None
    clock[0] = 1051.0
    assert cache.get("url:k") is None


def test_ttl_is_jittered_within_a_quarter():
    values = iter([0.0, 1.0])
    policy = with_overrides(Policy(), cache_ttl=100.0, jitter=lambda: next(values))
    assert (policy.ttl(), policy.ttl()) == (100.0, 75.0)


@pytest.mark.parametrize("content", ["{not json", "[]", '{"version": 1, "links": {"k": 3}}',
                                     '{"version": 99}', "\x00\x01",
                                     '{"version": 1, "recheck": []}',
                                     '{"version": 1, "recheck": {"k": {"url": 1, "expires": 9}}}',
                                     '{"version": 1, "recheck": {"k": {"url": "u", '
                                     '"expires": 9, "paths": [["a"]]}}}'])
def test_corrupt_cache_is_discarded_with_a_warning(tmp_path, content):
    path = tmp_path / "links.json"
    path.write_text(content)
    cache = LinkCache(path).load()
    assert cache.links == {} and len(cache.warnings) == 1
    assert "discarded" in cache.warnings[0]
    cache.save()
    assert json.loads(path.read_text())["version"] == 1  # replaced by a good file


def test_arxiv_titles_are_kept(tmp_path):
    path = tmp_path / "links.json"
    cache = LinkCache(path)
    cache.put(Result("arxiv:2101.00001", "https://arxiv.org/abs/2101.00001", "alive", 200,
                     None, "arXiv API: T", checked_at=1.0e12,
                     extra={"arxiv_id": "2101.00001", "title": "A Title"}), ttl=10.0)
    cache.save()
    assert cached_arxiv_titles(str(path)) == {"2101.00001": "A Title"}
    assert cached_arxiv_titles(str(tmp_path / "missing.json")) == {}
