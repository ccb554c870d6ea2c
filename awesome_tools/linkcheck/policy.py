r"""Network policy of the link checker, in one place: how hard, how often, how long, whom to skip.

Everything that decides how politely we talk to a server lives here as data (:class:`Policy`,
:class:`HostPolicy`) and small pure functions (status classification, retry waits,
``Retry-After`` and ``x-ratelimit-reset`` parsing, exclusion). The scheduler and the probes
only carry these decisions out, so a reviewer reads one file to know what we send.

Defaults and why
----------------
``concurrency`` 64 requests in flight overall
    Link checking is latency-bound; 64 threads keep a 2-core runner busy without piling up
    sockets (lychee uses 128 with async I/O; threads cost more each).
``per-host`` 4 in flight to one host, ``min-interval`` 0.025 s between request starts to it
    The in-flight limit is what bounds a server's load; the interval only spreads bursts (the
    four free slots never fire at once) and caps one host at 40 requests a second. lychee
    allows 10 in flight and 50 ms; we allow fewer in flight, so a shorter gap gives about the
    same rate while a list with 100 links on one host still finishes in seconds. A server
    that objects says so with 429/``Retry-After``, and then the whole host waits.
``connect-timeout`` 5 s, ``read-timeout`` 10 s, ``deadline`` 20 s per request
    A read timeout restarts with every byte, so a server dripping one byte a second would
    hold a worker forever; the deadline is enforced by closing the socket.
``retries`` 3 with waits doubling from ``backoff`` 1 s (plus up to 25 % jitter)
    For 408, 429, 5xx (but 501/505), timeouts and resets: transient by nature.
``max-wait`` 60 s
    The longest ``Retry-After`` or rate-limit reset we honour; a longer ask ends the link
    as ``unknown`` instead of stalling the run (lychee caps its 429 backoff at 30 s).
``max-redirects`` 10, loops detected.
``cache-ttl-days`` 7, each entry's lifetime shortened by up to 25 % at random so that a
    list checked weekly does not re-check everything on the same day.
Known API hosts: the arXiv API gets one connection and ``arxiv-interval`` 3 s between
requests (arXiv's terms), the GitHub API one request at a time (GitHub asks for serial
requests), github.com's web pages 2 in flight and 0.1 s apart.

``links:`` config keys (``.awesome-tools.yaml``; the same under ``[tool.awesome-tools.links]``)
--------------------------------------------------------------------------------------------
::

    links:
      concurrency: 64            # requests in flight overall
      per-host: 4                # in flight to one host
      min-interval: 0.025        # seconds between request starts to one host
      connect-timeout: 5
      read-timeout: 10
      deadline: 20               # total seconds for one request, however slowly it trickles
      retries: 3
      backoff: 1.0               # first retry wait; doubles each retry
      max-wait: 60               # longest Retry-After / rate-limit pause honoured
      max-redirects: 10
      cache-ttl-days: 7
      user-agent: "my-list-bot/1.0 (+https://example.org)"
      exclude: ['^https://example\.com/private/']   # regexes searched in each URL
      exclude-private: false     # skip loopback, private and link-local addresses
      headers:                   # extra request headers per host
        api.example.com: {Accept: application/json}
      hosts:                     # per-host overrides; ".example.com" also matches subdomains
        slow.example.org: {per-host: 1, min-interval: 1.0, deadline: 60}
      arxiv-api: https://export.arxiv.org/api/query
      arxiv-interval: 3          # seconds between arXiv API requests
      arxiv-batch: 100           # ids per arXiv API request
      github-api: https://api.github.com
      github-graphql: https://api.github.com/graphql
      github-batch: 50           # repositories per GraphQL query (with GITHUB_TOKEN)
      doi-api: https://doi.org/api/handles
      fail-on: dead              # verdicts that fail the run
      cache: .awesome-tools-cache/links.json
      issue-repository: owner/name   # for --report-issue (default: $GITHUB_REPOSITORY)
      issue-title: Link check report

Environment: ``AWESOME_TOOLS_ARXIV_API``, ``AWESOME_TOOLS_GITHUB_API``,
``AWESOME_TOOLS_GITHUB_GRAPHQL``, ``AWESOME_TOOLS_DOI_API`` override the API base URLs (tests
point them at loopback); ``GITHUB_TOKEN`` authenticates GitHub calls and is never printed.
Command-line options beat the environment, which beats the config file.
"""
from __future__ import annotations

import ipaddress
import random
import re
import socket
import time
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Dict, Iterator, Mapping, Optional, Pattern, Sequence, Tuple
from urllib.parse import urlsplit

from awesome_tools import __version__

VERDICTS = ("alive", "redirected", "dead", "unknown")
DEFAULT_USER_AGENT = f"awesome-tools/{__version__} (link checker)"
DEFAULT_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ARXIV_API = "https://export.arxiv.org/api/query"
GITHUB_API = "https://api.github.com"
DOI_API = "https://doi.org/api/handles"
ENV_ARXIV_API = "AWESOME_TOOLS_ARXIV_API"
ENV_GITHUB_API = "AWESOME_TOOLS_GITHUB_API"
ENV_GITHUB_GRAPHQL = "AWESOME_TOOLS_GITHUB_GRAPHQL"
ENV_DOI_API = "AWESOME_TOOLS_DOI_API"

DEAD_STATUSES = frozenset({404, 410})
# Statuses that say "try again later"; 501 (not implemented) and 505 will not change.
_NOT_TRANSIENT_5XX = frozenset({501, 505, 511})


@dataclass(frozen=True)
class HostPolicy:
    """What one host gets: how many requests at once, how far apart, and extra headers."""

    per_host: int
    min_interval: float
    headers: Mapping[str, str] = field(default_factory=dict)
    deadline: Optional[float] = None  # overrides Policy.deadline for this host


@dataclass(frozen=True)
class Policy:
    """All the knobs, with the documented defaults (see the module docstring)."""

    concurrency: int = 64
    per_host: int = 4
    min_interval: float = 0.025
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 60.0
    max_redirects: int = 10
    cache_ttl: float = 7 * 24 * 3600.0
    user_agent: str = DEFAULT_USER_AGENT
    headers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    hosts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    exclude: Tuple[Pattern, ...] = ()
    exclude_private: bool = False
    arxiv_api: str = ARXIV_API
    arxiv_interval: float = 3.0
    arxiv_batch: int = 100
    github_api: str = GITHUB_API
    github_graphql: str = GITHUB_API + "/graphql"
    github_batch: int = 50
    doi_api: str = DOI_API
    github_token: Optional[str] = field(default=None, repr=False)
    jitter: Callable[[], float] = field(default=random.random, repr=False, compare=False)

    # --- per host -------------------------------------------------------------------------

    def for_host(self, host: str) -> HostPolicy:
        """The policy for ``host``: built-in API rules, then the user's ``hosts:`` overrides."""
        per_host, interval, deadline = self.per_host, self.min_interval, None
        if host == _host(self.arxiv_api):
            per_host, interval = 1, self.arxiv_interval
        elif host in (_host(self.github_api), _host(self.github_graphql)):
            per_host = 1
        elif host in ("github.com", "www.github.com"):
            per_host, interval = min(per_host, 2), max(interval, 0.1)
        override = _match_host(self.hosts, host) or {}
        per_host = int(override.get("per-host", per_host))
        interval = float(override.get("min-interval", interval))
        if "deadline" in override:
            deadline = float(override["deadline"])
        headers = dict(_match_host(self.headers, host) or {})
        headers.update(override.get("headers") or {})
        return HostPolicy(max(1, per_host), max(0.0, interval), headers, deadline)

    def request_headers(self, host_policy: HostPolicy) -> Dict[str, str]:
        headers = {"User-Agent": self.user_agent, "Accept": DEFAULT_ACCEPT}
        headers.update(host_policy.headers)
        return headers

    def timeouts(self) -> Tuple[float, float]:
        return (self.connect_timeout, self.read_timeout)

    # --- retries --------------------------------------------------------------------------

    def retry_wait(self, retry: int) -> float:
        """Wait before retry number ``retry`` (0-based): doubling from ``backoff``, +0-25 %."""
        base = self.backoff * (2 ** retry)
        return min(base * (1.0 + 0.25 * self.jitter()), self.max_wait)

    def ttl(self) -> float:
        """A cache entry's lifetime: the TTL shortened by up to 25 % so expiries spread out."""
        return self.cache_ttl * (1.0 - 0.25 * self.jitter())

    # --- exclusion ------------------------------------------------------------------------

    def excluded(self, url: str) -> Optional[str]:
        """Why ``url`` is skipped by a pattern, or None. Address checks come later (DNS)."""
        for pattern in self.exclude:
            if pattern.search(url):
                return f"excluded by pattern {pattern.pattern!r}"
        return None


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _match_host(table: Mapping[str, Any], host: str) -> Optional[Any]:
    """The value for ``host``: exact key, else the longest ``.suffix`` / ``*.suffix`` key."""
    if host in table:
        return table[host]
    best, best_len = None, -1
    for key, value in table.items():
        suffix = key[1:] if key.startswith("*.") else key
        if suffix.startswith(".") and (host.endswith(suffix) or host == suffix[1:]):
            if len(suffix) > best_len:
                best, best_len = value, len(suffix)
    return best


# --- status and error classification -------------------------------------------------------

def retryable_status(status: int) -> bool:
    """408, 425, 429 and 5xx except 501/505/511: the server may answer differently later."""
    return status in (408, 425, 429) or (500 <= status <= 599 and status not in _NOT_TRANSIENT_5XX)


def status_verdict(status: int) -> str:
    """The verdict of a final (non-redirect) status after retries and the GET fallback.

    Only 404 and 410 are dead: 401/403/429/999 are bot walls and rate limits, and other 4xx
    are too often a server refusing robots to call the link broken.
    """
    if 200 <= status < 400:
        return "alive"
    if status in DEAD_STATUSES:
        return "dead"
    return "unknown"


def head_failed(status: int) -> bool:
    """A HEAD answer that a GET may contradict (servers that reject or mishandle HEAD)."""
    return status >= 400 and status not in (408, 429)


def rate_limit_wait(headers: Mapping[str, str], now: Optional[float] = None) -> Optional[float]:
    """Seconds the server asks us to wait, from ``Retry-After`` or an exhausted rate limit.

    ``Retry-After`` is either seconds or an HTTP date; ``x-ratelimit-remaining: 0`` with
    ``x-ratelimit-reset`` (epoch seconds, GitHub's convention) means wait until the reset.
    """
    now = time.time() if now is None else now
    value = _header(headers, "retry-after")
    if value is not None:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            when = None
        if when is not None and when.tzinfo is not None:
            return max(0.0, when.timestamp() - now)
    if (_header(headers, "x-ratelimit-remaining") or "").strip() == "0":
        reset = (_header(headers, "x-ratelimit-reset") or "").strip()
        if reset.isdigit():
            return max(0.0, float(reset) - now + 1.0)
    return None


def _header(headers: Mapping[str, str], name: str) -> Optional[str]:
    value = headers.get(name)
    if value is None:
        for key, item in headers.items():
            if key.lower() == name:
                return item
    return value


# --- private addresses ---------------------------------------------------------------------

def private_address(host: str, resolve: Callable[[str], Sequence[str]] = None) -> bool:
    """True when ``host`` is, or resolves to, a loopback, private, link-local or reserved address.

    IP literals and ``localhost`` need no lookup; names are resolved (``resolve`` for tests).
    A name that does not resolve is not private: the checker will report it as dead.
    """
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return _is_private(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        addresses = (resolve or _resolve)(host)
    except OSError:
        return False
    return any(_is_private(ipaddress.ip_address(address)) for address in addresses)


def _is_private(address: Any) -> bool:
    return (address.is_loopback or address.is_private or address.is_link_local
            or address.is_reserved or address.is_unspecified or address.is_multicast)


def _resolve(host: str) -> Sequence[str]:
    return [info[4][0].split("%")[0] for info in socket.getaddrinfo(host, None)]


RESERVED_TLDS = ("invalid",)  # RFC 6761: guaranteed never to resolve; no lookup needed


def reserved_name(host: str) -> bool:
    return host.rstrip(".").rsplit(".", 1)[-1].lower() in RESERVED_TLDS


# --- building the policy from config, environment and options ------------------------------

_NUMBERS: Dict[str, Tuple[str, type, float]] = {
    # config key: (field, type, minimum)
    "concurrency": ("concurrency", int, 1),
    "per-host": ("per_host", int, 1),
    "min-interval": ("min_interval", float, 0),
    "connect-timeout": ("connect_timeout", float, 0.001),
    "read-timeout": ("read_timeout", float, 0.001),
    "deadline": ("deadline", float, 0.001),
    "retries": ("retries", int, 0),
    "backoff": ("backoff", float, 0),
    "max-wait": ("max_wait", float, 0),
    "max-redirects": ("max_redirects", int, 0),
    "arxiv-interval": ("arxiv_interval", float, 0),
    "arxiv-batch": ("arxiv_batch", int, 1),
    "github-batch": ("github_batch", int, 1),
}
_STRINGS = {"user-agent": "user_agent", "arxiv-api": "arxiv_api", "github-api": "github_api",
            "github-graphql": "github_graphql", "doi-api": "doi_api"}
_OTHER_KEYS = ("cache-ttl-days", "exclude", "exclude-private", "headers", "hosts", "fail-on",
               "cache", "issue-repository", "issue-title", "issue-api")
KNOWN_KEYS = tuple(_NUMBERS) + tuple(_STRINGS) + _OTHER_KEYS
_HOST_KEYS = ("per-host", "min-interval", "deadline", "headers")


class PolicyError(ValueError):
    """A bad ``links:`` value; ``key`` is the dotted config key it came from."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _validate_section(section: Dict[str, Any], fail: Callable[[Tuple[str, ...], str],
                                                                Exception]) -> Dict[str, Any]:
    """Check the ``links:`` section at config load, for every command (no environment)."""
    try:
        build_policy(section, {})
    except PolicyError as error:
        raise fail(tuple(error.key.split(".")), str(error)) from None
    return section


def config_sections() -> Iterator[Any]:
    """The ``links`` section of the config schema (validated by :func:`build_policy`)."""
    from awesome_tools.config.schema import Section

    yield Section("links", help="the link checker's policy and report",
                  validate=_validate_section)


def build_policy(section: Mapping[str, Any], env: Mapping[str, str], *,
                 exclude: Sequence[str] = (), exclude_private: bool = False) -> Policy:
    """The policy from the ``links:`` config section, the environment and command-line options.

    Raises :class:`PolicyError` naming the offending key for a bad value.
    """
    values: Dict[str, Any] = {}
    for key, value in section.items():
        if key not in KNOWN_KEYS:
            import difflib

            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1)
            raise PolicyError(f"links.{key}", "unknown key"
                              + (f" (did you mean {close[0]}?)" if close else ""))
    for key, (name, kind, minimum) in _NUMBERS.items():
        if key in section:
            values[name] = _number(f"links.{key}", section[key], kind, minimum)
    for key, name in _STRINGS.items():
        if key in section:
            values[name] = _string(f"links.{key}", section[key])
    if "cache-ttl-days" in section:
        values["cache_ttl"] = _number("links.cache-ttl-days", section["cache-ttl-days"],
                                      float, 0) * 86400.0
    patterns = list(_string_list("links.exclude", section.get("exclude", []))) + list(exclude)
    values["exclude"] = tuple(_regex(pattern) for pattern in patterns)
    private = section.get("exclude-private", False)
    if not isinstance(private, bool):
        raise PolicyError("links.exclude-private", "expected true or false")
    values["exclude_private"] = private or exclude_private
    values["headers"] = _headers_table("links.headers", section.get("headers", {}))
    values["hosts"] = _hosts_table(section.get("hosts", {}))
    if "github-api" in section and "github-graphql" not in section:
        values["github_graphql"] = values["github_api"].rstrip("/") + "/graphql"
    _apply_env(values, env)
    values["github_token"] = env.get("GITHUB_TOKEN") or None
    return Policy(**values)


def _apply_env(values: Dict[str, Any], env: Mapping[str, str]) -> None:
    if env.get(ENV_ARXIV_API):
        values["arxiv_api"] = env[ENV_ARXIV_API]
    if env.get(ENV_GITHUB_API):
        values["github_api"] = env[ENV_GITHUB_API].rstrip("/")
        values["github_graphql"] = values["github_api"] + "/graphql"
    if env.get(ENV_GITHUB_GRAPHQL):
        values["github_graphql"] = env[ENV_GITHUB_GRAPHQL]
    if env.get(ENV_DOI_API):
        values["doi_api"] = env[ENV_DOI_API].rstrip("/")


def _number(key: str, value: Any, kind: type, minimum: float) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PolicyError(key, f"expected a number, got {value!r}")
    if kind is int and value != int(value):
        raise PolicyError(key, f"expected a whole number, got {value!r}")
    if value < minimum:
        raise PolicyError(key, f"must be at least {minimum:g}, got {value!r}")
    return kind(value)


def _string(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(key, f"expected a non-empty string, got {value!r}")
    return value.strip()


def _string_list(key: str, value: Any) -> Tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise PolicyError(key, "expected a list of strings")
    return tuple(value)


def _regex(pattern: str) -> Pattern:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise PolicyError("links.exclude", f"bad regular expression {pattern!r}: {error}") \
            from None


def _headers_table(key: str, value: Any) -> Dict[str, Dict[str, str]]:
    if not isinstance(value, dict):
        raise PolicyError(key, "expected a mapping of host to headers")
    table = {}
    for host, headers in value.items():
        table[str(host).lower()] = _header_map(f"{key}.{host}", headers)
    return table


def _header_map(key: str, value: Any) -> Dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, (str, int)) for v in value.values()):
        raise PolicyError(key, "expected a mapping of header names to strings")
    return {str(name): str(item) for name, item in value.items()}


def _hosts_table(value: Any) -> Dict[str, Dict[str, Any]]:
    if not isinstance(value, dict):
        raise PolicyError("links.hosts", "expected a mapping of host to settings")
    table: Dict[str, Dict[str, Any]] = {}
    for host, settings in value.items():
        key = f"links.hosts.{host}"
        if not isinstance(settings, dict):
            raise PolicyError(key, "expected a mapping")
        checked: Dict[str, Any] = {}
        for name, item in settings.items():
            if name not in _HOST_KEYS:
                raise PolicyError(f"{key}.{name}", f"unknown key; expected one of "
                                  f"{', '.join(_HOST_KEYS)}")
            if name == "headers":
                checked[name] = _header_map(f"{key}.{name}", item)
            else:
                kind = int if name == "per-host" else float
                checked[name] = _number(f"{key}.{name}", item, kind, 1 if kind is int else 0)
        table[str(host).lower()] = checked
    return table


def with_overrides(policy: Policy, **changes: Any) -> Policy:
    """A copy with some fields changed (tests and the benchmark use small intervals)."""
    return replace(policy, **changes)
