"""Network policy: defaults, config validation, host overrides, waits and classification."""
from __future__ import annotations

from email.utils import formatdate

import pytest

from awesome_tools.linkcheck.policy import (Policy, PolicyError, build_policy, private_address,
                                            rate_limit_wait, retryable_status, status_verdict)


def test_defaults_are_the_documented_ones():
    policy = Policy()
    assert (policy.concurrency, policy.per_host, policy.min_interval) == (64, 4, 0.025)
    assert (policy.connect_timeout, policy.read_timeout, policy.deadline) == (5.0, 10.0, 20.0)
    assert (policy.retries, policy.backoff, policy.max_wait, policy.max_redirects) == \
        (3, 1.0, 60.0, 10)
    assert policy.arxiv_interval == 3.0 and policy.for_host("export.arxiv.org").per_host == 1


def test_retry_waits_double_with_bounded_jitter():
    policy = Policy(jitter=lambda: 1.0)
    assert [policy.retry_wait(n) for n in range(3)] == [1.25, 2.5, 5.0]
    assert Policy(jitter=lambda: 0.0).retry_wait(10) == 60.0  # capped at max-wait


def test_rate_limit_wait_reads_seconds_dates_and_github_reset():
    assert rate_limit_wait({"Retry-After": "7"}, now=0) == 7.0
    assert rate_limit_wait({"retry-after": formatdate(1030, usegmt=True)}, now=1000) == 30.0
    assert rate_limit_wait({"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1100"},
                           now=1000) == 101.0
    assert rate_limit_wait({"x-ratelimit-remaining": "5", "x-ratelimit-reset": "1100"}) is None
    assert rate_limit_wait({"Retry-After": "soon"}) is None


def test_statuses():
    assert [status_verdict(s) for s in (200, 204, 404, 410, 403, 429, 999, 500)] == \
        ["alive", "alive", "dead", "dead", "unknown", "unknown", "unknown", "unknown"]
    assert retryable_status(429) and retryable_status(503) and not retryable_status(501)
    assert not retryable_status(404)


def test_config_host_overrides_headers_and_env():
    policy = build_policy({"per-host": 2, "hosts": {".example.org": {"per-host": 1,
                                                                     "min-interval": 2}},
                           "headers": {"api.example.org": {"Accept": "application/json"}},
                           "user-agent": "bot/1"},
                          {"AWESOME_TOOLS_ARXIV_API": "http://127.0.0.1:9/api/query",
                           "AWESOME_TOOLS_GITHUB_API": "http://127.0.0.1:8/",
                           "GITHUB_TOKEN": "tok-SECRET"})
    host = policy.for_host("api.example.org")
    assert (host.per_host, host.min_interval) == (1, 2.0)
    assert policy.request_headers(host)["Accept"] == "application/json"
    assert policy.request_headers(host)["User-Agent"] == "bot/1"
    assert policy.for_host("other.net").per_host == 2
    assert policy.arxiv_api == "http://127.0.0.1:9/api/query"
    assert policy.github_graphql == "http://127.0.0.1:8/graphql"
    assert policy.github_token == "tok-SECRET" and "tok-SECRET" not in repr(policy)


@pytest.mark.parametrize("section, key", [
    ({"per-host": 0}, "links.per-host"), ({"deadline": "soon"}, "links.deadline"),
    ({"retires": 3}, "links.retires"), ({"exclude": ["("]}, "links.exclude"),
    ({"hosts": {"a.org": {"speed": 1}}}, "links.hosts.a.org.speed"),
])
def test_bad_config_names_the_key(section, key):
    with pytest.raises(PolicyError) as error:
        build_policy(section, {})
    assert error.value.key == key


def test_private_addresses():
    assert private_address("127.0.0.5") and private_address("10.1.2.3")
    assert private_address("169.254.1.1") and private_address("[::1]")
    assert private_address("localhost")
    assert not private_address("93.184.216.34")
    assert private_address("intranet.corp", resolve=lambda host: ["192.168.1.4"])
    assert not private_address("example.org", resolve=lambda host: ["93.184.216.34"])
