r"""Network policy of the link checker, in one place: how hard, how often, how long, whom to skip.

Everything that decides how politely we talk to a server lives here as data (:class:`Policy`,
:class:`HostPolicy`) and small pure functions (status classification, retry waits,
``Retry-After`` and ``x-ratelimit-reset`` parsing). The scheduler and the tasks only carry
these decisions out, so a reviewer reads one file (and the host plugins' ``politeness``) to
know what we send.

Defaults and why
----------------
``concurrency`` 64 requests in flight overall
    Link checking is latency-bound; 64 threads keep a 2-core runner busy without piling up
    sockets (lychee uses 128 with async I/O; threads cost more each).
``per-host`` 4 in flight to one host, ``min-interval`` 0.025 s between request starts to it
    The in-flight limit bounds a server's load; the interval only spreads bursts and caps one
    host at 40 requests a second. lychee allows 10 in flight and 50 ms. A server that objects
    says so with 429/``Retry-After``, and then the whole host waits.
``connect-timeout`` 5 s, ``read-timeout`` 10 s, ``deadline`` 20 s per request
    A read timeout restarts with every byte, so a server dripping one byte a second would
    hold a worker forever; the deadline is enforced by closing the socket.
``retries`` 3 with waits doubling from ``backoff`` 1 s (plus up to 25 % jitter)
    For 408, 425, 429, 5xx (but 501/505/511), timeouts and resets: transient by nature.
``max-wait`` 60 s
    The longest ``Retry-After`` or rate-limit reset we honour; a longer ask ends the link as
    ``unknown`` instead of stalling the run (lychee caps its 429 backoff at 30 s).
``confirm-wait`` 10 s
    A name that does not resolve or a refused connection is asked again this long later in
    the run, and is ``dead`` only when it repeats (a resolver hiccup is not proof).
``max-time`` none
    An overall budget for the run (``--max-time``); what is unfinished then is ``unknown``
    with that reason, and the report is still written. The workflows set it below the job's
    timeout.
``max-redirects`` 10, loops detected.
``cache-ttl-days`` 14, each entry's lifetime lengthened by up to 50 % at random: no alive
    entry expires sooner than 14 days after its check, so a weekly job reuses last week's
    answers, and expiries spread over a week instead of landing in one run.
Host plugins add their own politeness (the arXiv API one connection 3 s apart, the GitHub API
one request at a time, github.com's pages 2 in flight 0.1 s apart, ...), before the user's
``hosts:`` overrides.

``links:`` config keys (``.awesome-tools.yaml``; the same under ``[tool.awesome-tools.links]``)
--------------------------------------------------------------------------------------------
The generic keys are the :data:`_NUMBERS`, :data:`_STRINGS` and the few others below; every
host plugin adds its own keys (``arxiv-api``, ``github-batch``, ...; see
:mod:`awesome_tools.links.hosts`). Unknown keys are errors with a "did you mean".

Environment: each host setting names its variable (``AWESOME_TOOLS_ARXIV_API``, ...), which
beats the config; ``GITHUB_TOKEN`` authenticates GitHub calls, is sent only to the configured
API origin over https (loopback allowed, for tests) and is never printed.
"""
from __future__ import annotations

import random
import re
import time
from email.utils import parsedate_to_datetime
from typing import (Any, Callable, Dict, Iterator, Mapping, Optional, Pattern, Sequence,
                    Tuple)
from urllib.parse import urlsplit

from awesome_tools import __version__
from awesome_tools.records import field, fields, record, replace

PROJECT_URL = "https://github.com/awesome-tools/awesome-tools"
DEFAULT_USER_AGENT = f"awesome-tools/{__version__} (link checker; +{PROJECT_URL})"
DEFAULT_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

DEAD_STATUSES = frozenset({404, 410})
# Statuses that say "try again later"; 501 (not implemented) and 505 will not change.
_NOT_TRANSIENT_5XX = frozenset({501, 505, 511})


@record(frozen=True)
class HostPolicy:
    """What one host gets: how many requests at once, how far apart, and extra headers."""

    per_host: int
    min_interval: float
    headers: Mapping[str, str] = field(default_factory=dict)
    deadline: Optional[float] = None  # overrides Policy.deadline for this host


def _default_settings() -> Dict[str, Any]:
    from awesome_tools.links.hosts import all_settings

    return {name: setting.default for name, setting in all_settings().items()}


@record(frozen=True)
class Policy:
    """All the knobs, with the documented defaults (see the module docstring).

    ``settings`` holds the host plugins' keys (``arxiv-api`` ...). ``resolve`` and
    ``trusted_addresses`` are for library callers and tests only (no config key): a name
    resolver to use instead of the system's, and addresses to count as public.
    """

    concurrency: int = 64
    per_host: int = 4
    min_interval: float = 0.025
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 60.0
    confirm_wait: float = 10.0
    max_time: Optional[float] = None
    max_redirects: int = 10
    cache_ttl: float = 14 * 24 * 3600.0
    user_agent: str = DEFAULT_USER_AGENT
    headers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    hosts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    exclude: Tuple[Pattern[str], ...] = ()
    exclude_private: bool = False
    settings: Mapping[str, Any] = field(default_factory=_default_settings)
    github_token: Optional[str] = field(default=None, repr=False)
    jitter: Callable[[], float] = field(default=random.random, repr=False, compare=False)
    resolve: Optional[Callable[..., Any]] = field(default=None, repr=False, compare=False)
    trusted_addresses: Tuple[str, ...] = ()

    def setting(self, name: str) -> Any:
        """A host plugin's setting (its default when unset)."""
        if name in self.settings:
            return self.settings[name]
        return _default_settings()[name]

    # --- per host -------------------------------------------------------------------------

    def builtin_limits(self) -> Mapping[str, Any]:
        from awesome_tools.links.hosts import builtin_limits

        return builtin_limits(self.settings)

    def for_host(self, host: str, builtin: Optional[Mapping[str, Any]] = None) -> HostPolicy:
        """The policy for ``host``: the host plugins' limits, then the user's ``hosts:``."""
        per_host, interval, deadline = self.per_host, self.min_interval, None
        limits = (builtin if builtin is not None else self.builtin_limits()).get(host)
        if limits is not None:
            per_host = min(per_host, limits.per_host)
            interval = max(interval, limits.min_interval)
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

    # --- retries and the cache --------------------------------------------------------------

    def retry_wait(self, retry: int) -> float:
        """Wait before retry number ``retry`` (0-based): doubling from ``backoff``, +0-25 %."""
        base = self.backoff * (2 ** retry)
        return float(min(base * (1.0 + 0.25 * self.jitter()), self.max_wait))

    def ttl(self) -> float:
        """A cache entry's lifetime: the TTL lengthened by up to 50 %, never shortened, so
        expiries spread out and none comes before ``cache-ttl-days``."""
        return self.cache_ttl * (1.0 + 0.5 * self.jitter())

    # --- exclusion ------------------------------------------------------------------------

    def excluded(self, url: str) -> Optional[str]:
        """Why ``url`` is skipped by a pattern, or None. Address checks happen on connect."""
        for pattern in self.exclude:
            if pattern.search(url):
                return f"excluded by pattern {pattern.pattern!r}"
        return None


def host_of(url: str) -> str:
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


# --- status classification -----------------------------------------------------------------

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
    """A HEAD answer that a GET may contradict (servers that reject or mishandle HEAD, and
    202, which a GET shows to be a challenge or a page)."""
    return (status >= 400 and status not in (408, 429)) or status == 202


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


RESERVED_TLDS = ("invalid",)  # RFC 6761: guaranteed never to resolve; no lookup needed


def reserved_name(host: str) -> bool:
    return host.rstrip(".").rsplit(".", 1)[-1].lower() in RESERVED_TLDS


def token_allowed(url: str) -> bool:
    """May ``GITHUB_TOKEN`` go to ``url``? Only over https, or to a loopback address (tests)."""
    from awesome_tools.links.addresses import parse

    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return False
    if parts.scheme == "https" and host:
        return True
    address = parse(host)
    return parts.scheme == "http" and address is not None and address.is_loopback


def same_origin(first: str, second: str) -> bool:
    """Scheme, host and port all equal (the default port spelled or not)."""
    try:
        a, b = urlsplit(first), urlsplit(second)
        return (a.scheme.lower(), (a.hostname or "").lower(), _port(a)) == \
            (b.scheme.lower(), (b.hostname or "").lower(), _port(b))
    except ValueError:
        return False


def _port(parts: Any) -> Optional[int]:
    port: Optional[int] = parts.port
    if port is None:
        return {"http": 80, "https": 443}.get(parts.scheme.lower())
    return port


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
    "confirm-wait": ("confirm_wait", float, 0),
    "max-time": ("max_time", float, 1),
    "max-redirects": ("max_redirects", int, 0),
}
_OTHER_KEYS = ("cache-ttl-days", "user-agent", "exclude", "exclude-private", "headers", "hosts",
               "fail-on", "cache", "issue-repository", "issue-title", "issue-api")
_HOST_KEYS = ("per-host", "min-interval", "deadline", "headers")


def known_keys() -> Tuple[str, ...]:
    from awesome_tools.links.hosts import all_settings

    return tuple(_NUMBERS) + _OTHER_KEYS + tuple(all_settings())


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

    yield Section("links", help="the link checker's policy, its hosts' settings and report",
                  validate=_validate_section)


def build_policy(section: Mapping[str, Any], env: Mapping[str, str], *,
                 exclude: Sequence[str] = (), exclude_private: bool = False,
                 max_time: Optional[float] = None) -> Policy:
    """The policy from the ``links:`` config section, the environment and command-line options.

    Raises :class:`PolicyError` naming the offending key for a bad value.
    """
    from awesome_tools.links.hosts import all_settings

    host_settings = all_settings()
    known = known_keys()
    for key in section:
        if key not in known:
            import difflib

            close = difflib.get_close_matches(str(key), known, n=1)
            raise PolicyError(f"links.{key}", "unknown key"
                              + (f" (did you mean {close[0]}?)" if close else ""))
    values: Dict[str, Any] = {}
    for key, (name, kind, minimum) in _NUMBERS.items():
        if key in section:
            values[name] = _number(f"links.{key}", section[key], kind, minimum)
    if "user-agent" in section:
        values["user_agent"] = _user_agent(section["user-agent"])
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
    for key in ("fail-on", "issue-repository", "issue-title", "issue-api"):
        if key in section:
            _string(f"links.{key}", section[key])
    if "cache" in section:
        _string("links.cache", section["cache"])
    settings = {name: setting.default for name, setting in host_settings.items()}
    for name, setting in host_settings.items():
        if name in section:
            settings[name] = _setting(setting, section[name])
        if setting.env and env.get(setting.env):
            settings[name] = _setting(setting, env[setting.env], source=setting.env)
    values["settings"] = settings
    if max_time is not None:
        values["max_time"] = _number("--max-time", max_time, float, 1)
    values["github_token"] = env.get("GITHUB_TOKEN") or None
    return Policy(**values)


def _setting(setting: Any, value: Any, source: Optional[str] = None) -> Any:
    key = source or f"links.{setting.name}"
    if setting.kind == "url":
        text = _string(key, value).rstrip("/")
        try:
            parts = urlsplit(text)
        except ValueError:
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise PolicyError(key, f"expected an http(s) URL, got {value!r}")
        return text
    if setting.kind == "string":
        return _string(key, value)
    kind = int if setting.kind == "integer" else float
    if source is not None:
        try:
            value = kind(value)
        except ValueError:
            raise PolicyError(key, f"expected a number, got {value!r}") from None
    return _number(key, value, kind, setting.minimum)


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


def _user_agent(value: Any) -> str:
    """An honest User-Agent: it must name the bot, not pretend to be a browser."""
    text = _string("links.user-agent", value)
    if text.lower().startswith("mozilla/") or any(ord(char) < 32 for char in text):
        raise PolicyError("links.user-agent", "must name your bot (not a browser's "
                          "Mozilla/... string, no control characters)")
    return text


def _string_list(key: str, value: Any) -> Tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise PolicyError(key, "expected a list of strings")
    return tuple(value)


def _regex(pattern: str) -> Pattern[str]:
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
    """A copy with some fields changed (tests and the benchmark use small intervals).

    Host settings are given with underscores (``arxiv_api=...`` for ``arxiv-api``).
    """
    names = {item.name for item in fields(Policy)}
    settings = dict(policy.settings)
    direct = {}
    for name, value in changes.items():
        if name in names:
            direct[name] = value
        else:
            key = name.replace("_", "-")
            if key not in settings:
                raise TypeError(f"no policy field or host setting {name!r}")
            settings[key] = value
    if "settings" not in direct:
        direct["settings"] = settings
    return replace(policy, **direct)
