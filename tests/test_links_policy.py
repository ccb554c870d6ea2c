"""Network policy: defaults, config validation, host overrides, waits and classification."""
from __future__ import annotations

from email.utils import formatdate

import pytest

from awesome_tools.links import addresses
from awesome_tools.links.policy import (DEFAULT_USER_AGENT, Policy, PolicyError, build_policy,
                                        rate_limit_wait, retryable_status, same_origin,
                                        status_verdict, token_allowed)


def test_defaults_are_the_documented_ones():
    policy = Policy()
    assert (policy.concurrency, policy.per_host, policy.min_interval) == (64, 4, 0.025)
    assert (policy.connect_timeout, policy.read_timeout, policy.deadline) == (5.0, 10.0, 20.0)
    assert (policy.retries, policy.backoff, policy.max_wait, policy.max_redirects) == \
        (3, 1.0, 60.0, 10)
    assert policy.confirm_wait == 10.0 and policy.max_time is None
    assert policy.cache_ttl == 14 * 86400.0
    assert policy.setting("arxiv-interval") == 3.0
    assert policy.for_host("export.arxiv.org").per_host == 1
    assert policy.for_host("export.arxiv.org").min_interval == 3.0
    assert policy.for_host("api.github.com").per_host == 1
    assert policy.for_host("api2.openreview.net").per_host == 1


def test_cache_ttl_is_never_shortened_by_jitter():
    assert Policy(jitter=lambda: 0.0).ttl() == 14 * 86400.0
    assert Policy(jitter=lambda: 1.0).ttl() == 21 * 86400.0


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
    assert policy.setting("arxiv-api") == "http://127.0.0.1:9/api/query"
    assert policy.setting("github-api") == "http://127.0.0.1:8"
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


@pytest.mark.parametrize("address", [
    "127.0.0.5", "10.1.2.3", "172.16.0.1", "192.168.1.4", "100.64.0.1", "100.127.255.254",
    "::1", "[::1]", "fc00::1", "fd12:3456::1", "fec0::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1",
    "64:ff9b::a00:1", "2002:a00:1::", "198.18.0.1", "240.0.0.1",
])
def test_private_ranges_ipv4_and_ipv6(address):
    assert addresses.private(addresses.parse(address))
    assert addresses.refusal(address, exclude_private=True) is not None
    assert addresses.refusal(address, exclude_private=False) is None


@pytest.mark.parametrize("address", [
    "169.254.169.254", "169.254.1.1", "100.100.100.200", "168.63.129.16", "fd00:ec2::254",
    "fe80::1", "[fe80::1%eth0]", "0.0.0.0", "::", "224.0.0.1", "255.255.255.255",
    "::ffff:169.254.169.254",
])
def test_link_local_and_metadata_addresses_are_never_allowed(address):
    assert addresses.never(addresses.parse(address))
    reason = addresses.refusal(address, exclude_private=False)
    assert reason is not None and "never" in reason
    assert addresses.refusal(address, exclude_private=True, trusted=[address]) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111",
                                     "100.128.0.1", "100.63.255.255"])
def test_public_addresses_are_allowed(address):
    assert addresses.refusal(address, exclude_private=True) is None


def test_token_goes_only_over_https_or_to_loopback():
    assert token_allowed("https://api.github.com")
    assert token_allowed("http://127.0.0.9:8080/api") and token_allowed("http://[::1]:80/")
    assert not token_allowed("http://api.github.com")
    assert not token_allowed("http://10.0.0.1/") and not token_allowed("ftp://x/")
    assert same_origin("https://a.org/x", "https://a.org:443/y")
    assert not same_origin("http://127.0.0.1:80/x", "http://127.0.0.1:81/x")
    assert not same_origin("https://a.org/x", "http://a.org/x")


def test_user_agent_is_honest():
    assert DEFAULT_USER_AGENT.startswith("awesome-tools/") and "+https://" in DEFAULT_USER_AGENT
    assert "Mozilla" not in DEFAULT_USER_AGENT
    with pytest.raises(PolicyError) as error:
        build_policy({"user-agent": "Mozilla/5.0 (Windows NT 10.0)"}, {})
    assert error.value.key == "links.user-agent"


def test_host_settings_validate_and_env_beats_config():
    with pytest.raises(PolicyError) as error:
        build_policy({"arxiv-api": "ftp://x"}, {})
    assert error.value.key == "links.arxiv-api"
    with pytest.raises(PolicyError) as error:
        build_policy({"openreveiw-api": "https://x"}, {})
    assert "did you mean openreview-api" in str(error.value)
    policy = build_policy({"openreview-api": "https://or.example"},
                          {"AWESOME_TOOLS_OPENREVIEW_API": "http://127.0.0.3:9"})
    assert policy.setting("openreview-api") == "http://127.0.0.3:9"
    with pytest.raises(PolicyError) as error:
        build_policy({}, {"AWESOME_TOOLS_DOI_API": "not a url"})
    assert error.value.key == "AWESOME_TOOLS_DOI_API"
