"""The HTTP checker against real servers on 127.0.0.x: every verdict and every politeness rule."""
from __future__ import annotations

import tracemalloc

import pytest

from awesome_tools.links.http import classify_error
from awesome_tools.links.run import check_targets
from awesome_tools.links.extract import targets_from_urls
from awesome_tools.links.policy import Policy, with_overrides
from linkservers import (LinkServer, closed_port, drip, head_rejected, huge, ok, redirect,
                         sequence, slow)

# API bases on a closed loopback port: the "is the network down?" check asks them.
OFFLINE_APIS = {name: "http://127.0.0.250:9/api" for name in (
    "arxiv_api", "github_api", "doi_api", "openreview_api", "openreview_api_v1")}
FAST = with_overrides(Policy(), min_interval=0.0, backoff=0.01, retries=2, deadline=5.0,
                      connect_timeout=2.0, read_timeout=3.0, confirm_wait=0.0, **OFFLINE_APIS)


pytestmark = pytest.mark.usefixtures("no_internet")


def check(urls, policy=FAST):
    pairs, skipped = check_targets(targets_from_urls(urls), policy)
    return {target.url: result for target, result in pairs}


def test_alive_dead_gone_and_bot_walls():
    routes = {"/ok": ok(), "/missing": ok(404), "/gone": ok(410), "/forbidden": ok(403),
              "/auth": ok(401), "/linkedin": ok(999), "/teapot": ok(418)}
    with LinkServer("127.0.0.2", routes) as server:
        results = check([server.url(path) for path in routes])
    verdicts = {url.rsplit("/", 1)[1]: r.verdict for url, r in results.items()}
    assert verdicts == {"ok": "alive", "missing": "dead", "gone": "dead", "forbidden": "unknown",
                        "auth": "unknown", "linkedin": "unknown", "teapot": "unknown"}
    assert results[server.url("/missing")].status == 404


def test_dead_is_confirmed_with_get_and_head_only_rejections_are_alive():
    routes = {"/head405": head_rejected(405), "/head404": head_rejected(404),
              "/head403": head_rejected(403), "/missing": ok(404)}
    with LinkServer("127.0.0.2", routes) as server:
        results = check([server.url(path) for path in routes])
        assert server.count("/head404", "GET") == 1
        assert server.count("/missing", "HEAD") == 1 and server.count("/missing", "GET") == 1
    assert [results[server.url(p)].verdict for p in routes] == ["alive", "alive", "alive", "dead"]


def test_429_with_retry_after_pauses_then_succeeds():
    routes = {"/limited": sequence(ok(429, {"Retry-After": "1"}), ok())}
    with LinkServer("127.0.0.3", routes) as server:
        result = check([server.url("/limited")])[server.url("/limited")]
        assert server.count("/limited") == 2
    assert result.verdict == "alive"


def test_retry_after_longer_than_max_wait_is_unknown_without_waiting():
    routes = {"/limited": ok(429, {"Retry-After": "3600"})}
    with LinkServer("127.0.0.3", routes) as server:
        result = check([server.url("/limited")])[server.url("/limited")]
        assert server.count("/limited") == 1
    assert result.verdict == "unknown" and "3600" in result.reason


def test_503_then_200_is_alive_and_persistent_503_is_unknown():
    routes = {"/flaky": sequence(ok(503), ok(503), ok()), "/down": ok(503)}
    with LinkServer("127.0.0.3", routes) as server:
        results = check([server.url("/flaky"), server.url("/down")])
        assert server.count("/down", "GET") == 1 + FAST.retries
    assert results[server.url("/flaky")].verdict == "alive"
    assert results[server.url("/down")].verdict == "unknown"
    assert "retries" in results[server.url("/down")].reason


def test_permanent_redirect_chain_reports_the_final_url():
    with LinkServer("127.0.0.4") as server:
        server.routes.update({"/old": redirect(server.url("/mid"), 301),
                              "/mid": redirect("/new", 308), "/new": ok(),
                              "/temp": redirect("/new", 302),
                              "/perm-then-temp": redirect("/t2", 301), "/t2": redirect("/new", 302),
                              "/to-dead": redirect("/nothing", 301)})
        results = check([server.url(p) for p in ("/old", "/temp", "/perm-then-temp", "/to-dead")])
    old = results[server.url("/old")]
    assert (old.verdict, old.final_url, old.status) == ("redirected", server.url("/new"), 200)
    temp = results[server.url("/temp")]
    assert (temp.verdict, temp.final_url) == ("alive", server.url("/new"))
    mixed = results[server.url("/perm-then-temp")]
    assert (mixed.verdict, mixed.final_url) == ("redirected", server.url("/t2"))
    dead = results[server.url("/to-dead")]
    assert (dead.verdict, dead.status, dead.final_url) == ("dead", 404, server.url("/nothing"))


def test_redirect_loop_and_too_many_redirects_are_unknown():
    with LinkServer("127.0.0.4") as server:
        server.routes.update({"/a": redirect("/b"), "/b": redirect("/a")})
        for n in range(15):
            server.routes[f"/hop{n}"] = redirect(f"/hop{n + 1}", 302)
        results = check([server.url("/a"), server.url("/hop0")])
        assert server.count("/a") == 1 and server.count("/b") == 1
    assert results[server.url("/a")].verdict == "unknown"
    assert "loop" in results[server.url("/a")].reason
    assert results[server.url("/hop0")].verdict == "unknown"
    assert "more than 10 redirects" in results[server.url("/hop0")].reason


def test_drip_feeding_server_hits_the_deadline_and_frees_the_worker():
    policy = with_overrides(FAST, deadline=1.5, retries=0, concurrency=1)
    with LinkServer("127.0.0.5") as server, LinkServer("127.0.0.6", {"/ok": ok()}) as other:
        server.routes["/drip"] = drip(server)
        results = check([server.url("/drip"), other.url("/ok")], policy)
        assert other.count("/ok") == 1  # the single worker went on to the next link
    drip_result = results[server.url("/drip")]
    assert drip_result.verdict == "unknown" and "deadline" in drip_result.reason
    assert results[other.url("/ok")].verdict == "alive"


def test_huge_body_is_never_downloaded():
    with LinkServer("127.0.0.5") as server:
        server.routes["/huge"] = huge(server)
        tracemalloc.start()
        try:
            result = check([server.url("/huge")])[server.url("/huge")]
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert result.verdict == "alive"
    assert peak < 20 * 1024 * 1024
    assert server.notes.get("huge_sent", 0) < 64 * 1024 * 1024  # of 10 GiB offered


def test_closed_port_is_dead_twice_and_invalid_host_is_dead_without_lookup():
    port = closed_port("127.0.0.7")
    with LinkServer("127.0.0.8", {"/ok": ok()}) as server:  # the network is up
        results = check([f"http://127.0.0.7:{port}/x", "https://paper.example.invalid/x",
                         server.url("/ok")])
    refused = results[f"http://127.0.0.7:{port}/x"]
    assert (refused.verdict, refused.why) == ("dead", "refused")
    assert refused.reason.startswith("connection refused (twice")
    invalid = results["https://paper.example.invalid/x"]
    assert invalid.verdict == "dead" and "host name not found" in invalid.reason


def test_name_errors_are_classified():
    import socket

    import requests

    def wrapped(cause):
        error = requests.exceptions.ConnectionError("failed")
        error.__context__ = cause
        return classify_error(error)

    assert wrapped(socket.gaierror(socket.EAI_NONAME, "Name or service not known")).kind == "dns"
    assert wrapped(socket.gaierror(socket.EAI_AGAIN, "Temporary failure")).kind == "dns-temp"
    assert wrapped(ConnectionRefusedError(111, "refused")).kind == "refused"


def test_timeouts_are_retried_then_unknown():
    policy = with_overrides(FAST, read_timeout=0.3, retries=1)
    routes = {"/slow": slow(2.0), "/slow-once": sequence(slow(2.0), ok())}
    with LinkServer("127.0.0.8", routes) as server:
        results = check([server.url("/slow"), server.url("/slow-once")], policy)
        assert server.count("/slow") == 2
    assert results[server.url("/slow")].verdict == "unknown"
    assert results[server.url("/slow-once")].verdict == "alive"


def test_per_host_in_flight_never_exceeds_the_limit():
    policy = with_overrides(FAST, per_host=3, concurrency=32)
    routes = {f"/p{n}": slow(0.05) for n in range(40)}  # other paths (the probe): 404
    with LinkServer("127.0.0.9", routes) as one, LinkServer("127.0.0.10", routes) as two:
        urls = [one.url(f"/p{n}") for n in range(40)] + [two.url(f"/p{n}") for n in range(40)]
        results = check(urls, policy)
        assert one.max_in_flight <= 3 and two.max_in_flight <= 3
        assert one.max_in_flight >= 2  # the limit is used, not just obeyed
    assert len(results) == 80 and all(r.verdict == "alive" for r in results.values())


def test_per_host_override_from_config_is_obeyed():
    from awesome_tools.links.policy import build_policy

    policy = build_policy({"hosts": {"127.0.0.11": {"per-host": 1, "min-interval": 0}},
                           "backoff": 0.01}, {})
    with LinkServer("127.0.0.11", {"*": slow(0.03)}) as server:
        check([server.url(f"/p{n}") for n in range(12)], policy)
        assert server.max_in_flight == 1


def test_exclude_private_skips_loopback_and_exclude_patterns_skip_urls():
    from awesome_tools.links.policy import build_policy

    with LinkServer("127.0.0.12", {"*": ok()}) as server:
        policy = build_policy({}, {}, exclude_private=True)
        pairs, skipped = check_targets(targets_from_urls([server.url("/a")]), policy)
        assert (pairs, skipped) == ([], 1) and server.requests == []


def test_fragments_are_not_fetched_and_one_request_per_url():
    with LinkServer("127.0.0.13", {"/page": ok()}) as server:
        targets = targets_from_urls([server.url("/page#a"), server.url("/page#b"),
                                     server.url("/page")])
        pairs, _ = check_targets(targets, FAST)
        assert server.asked() == [("HEAD", "/page")]
    assert len(pairs) == 1 and len(pairs[0][0].locations) == 3


@pytest.mark.parametrize("status", [500, 502, 504])
def test_head_5xx_falls_back_to_get(status):
    with LinkServer("127.0.0.14", {"/x": head_rejected(status)}) as server:
        result = check([server.url("/x")])[server.url("/x")]
    assert result.verdict == "alive"


def test_proxy_variables_are_read_once_and_still_honoured(monkeypatch):
    """requests is told not to read the environment per request; the Context reads it once,
    so HTTP_PROXY still carries a request and NO_PROXY still bypasses the proxy."""
    with LinkServer("127.0.0.2", {"/paper": ok()}) as proxy, \
            LinkServer("127.0.0.3", {"/direct": ok()}) as direct:
        monkeypatch.setenv("HTTP_PROXY", proxy.url(""))
        monkeypatch.setenv("NO_PROXY", "127.0.0.3")
        results = check(["http://papers.proxied-host.org/paper", direct.url("/direct")])
    assert {r.verdict for r in results.values()} == {"alive"}
    assert proxy.asked() == [("HEAD", "http://papers.proxied-host.org/paper")]
    assert direct.asked() == [("HEAD", "/direct")]


def test_netrc_passwords_never_go_to_a_lists_hosts(monkeypatch, tmp_path):
    seen = []

    def record(handler):
        seen.append(handler.headers.get("Authorization"))
        handler.reply(200)

    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.2 login me password secret\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    with LinkServer("127.0.0.2", {"/page": record}) as server:
        assert check([server.url("/page")])[server.url("/page")].verdict == "alive"
    assert seen == [None]


def test_a_host_that_asked_us_to_wait_is_asked_more_slowly():
    from awesome_tools.links.policy import HostPolicy
    from awesome_tools.links.scheduler import slower

    policy = HostPolicy(per_host=2, min_interval=0.1)
    once = slower(policy, 2.0, 60.0)
    assert once.min_interval == 0.7 and once.per_host == 2
    assert slower(once, 2.0, 60.0).min_interval == 1.9
    assert slower(slower(once, 2.0, 60.0), 2.0, 60.0).min_interval == 2.0  # what it asked
    assert slower(HostPolicy(1, 50.0), 600.0, 60.0).min_interval == 60.0
    assert slower(HostPolicy(1, 5.0), 1.0, 60.0).min_interval == 5.0  # never faster
