"""What a running task may use: :class:`LinkContext` (policy, network, shared per-run state).

One context per run. It counts what the run learned about the network (how many requests got
any answer, which hosts failed below HTTP), so the run can tell "these links are dead" from
"the network is down"; it holds the host plugins' per-run state (``shared``: an API budget,
the soft-404 fingerprints of hosts) and the warnings the command prints at the end (the
library itself never prints).
"""
from __future__ import annotations

import threading
from typing import Any, Dict, List, Mapping, Optional, Set
from urllib.parse import urlsplit

from awesome_tools.links.http import Network
from awesome_tools.links.policy import HostPolicy, Policy, token_allowed
from awesome_tools.links.types import Outcome

# Failures that say nothing about the link, only about the path to it.
NETWORK_KINDS = frozenset({"dns", "dns-temp", "refused", "timeout", "unreachable"})
# This many hosts failing below HTTP with not one answer anywhere: the network is down.
DOWN_AFTER_HOSTS = 8


class LinkContext:
    """The policy, the network, host limits and shared state of one run."""

    def __init__(self, policy: Policy, network: Optional[Network] = None) -> None:
        self.policy = policy
        self.network = network or Network(concurrency=policy.concurrency,
                                          exclude_private=policy.exclude_private,
                                          trusted=policy.trusted_addresses,
                                          resolve=policy.resolve)
        self._builtin = policy.builtin_limits()
        self._host_policies: Dict[str, HostPolicy] = {}
        self._lock = threading.Lock()
        self.shared: Dict[str, Any] = {}
        self.warnings: List[str] = []
        self.requests = 0
        self.answered = 0
        self.failed_hosts: Set[str] = set()
        self._canary_lock = threading.Lock()
        self._offline: Optional[bool] = None

    def setting(self, name: str) -> Any:
        return self.policy.setting(name)

    def host_policy(self, host: str) -> HostPolicy:
        found = self._host_policies.get(host)
        if found is None:
            found = self._host_policies[host] = self.policy.for_host(host, self._builtin)
        return found

    def fetch(self, method: str, url: str, host: str, *,
              headers: Optional[Mapping[str, str]] = None,
              read_limit: int = 0, peek: int = 0, json_body: Optional[object] = None) -> Outcome:
        """One request to ``url`` with the policy's headers, timeouts and deadline."""
        host_policy = self.host_policy(host)
        merged = self.policy.request_headers(host_policy)
        if headers:
            merged.update(headers)
        with self._lock:
            self.requests += 1
        outcome = self.network.fetch(method, url, headers=merged,
                                     timeouts=self.policy.timeouts(),
                                     deadline=host_policy.deadline or self.policy.deadline,
                                     read_limit=read_limit, peek=peek, json_body=json_body)
        with self._lock:
            if outcome.status is not None:
                self.answered += 1
            elif outcome.kind in NETWORK_KINDS:
                self.failed_hosts.add(host)
        return outcome

    def token_for(self, url: str) -> Optional[str]:
        """``GITHUB_TOKEN`` for a request to ``url``: only over https or to loopback."""
        token = self.policy.github_token
        if not token:
            return None
        if token_allowed(url):
            return token
        self.warn(f"GITHUB_TOKEN is not sent to {url.split('?')[0]}: the GitHub API must be "
                  "reached over https")
        return None

    def take(self, counter: str, limit: int) -> bool:
        """Count one use of ``counter`` in ``shared`` if fewer than ``limit`` were used."""
        with self._lock:
            used = self.shared.get(counter, 0)
            if used >= limit:
                return False
            self.shared[counter] = used + 1
            return True

    def warn(self, message: str) -> None:
        """A warning for the command to print once at the end."""
        with self._lock:
            if message not in self.warnings:
                self.warnings.append(message)

    def network_down(self, final: bool = False) -> bool:
        """No request got any answer while hosts failed below HTTP, and the well-known API
        hosts do not answer either: the network is down.

        During the run this is asked only once several hosts have failed; at the end, one is
        enough. The API hosts (the host plugins' URL settings) are asked once per run, so a
        list whose few unchecked links all sit on dead hosts is not taken for an outage.
        """
        with self._lock:
            if self.answered or not self.failed_hosts:
                return False
            if not final and len(self.failed_hosts) < DOWN_AFTER_HOSTS:
                return False
        with self._canary_lock:
            if self._offline is None:
                self._offline = not any(self._answers(url) for url in self.canaries())
            return self._offline

    def canaries(self) -> List[str]:
        """The origins of the host plugins' API settings (at most three)."""
        from awesome_tools.links.hosts import all_settings

        seen: List[str] = []
        for name, setting in all_settings().items():
            value = self.policy.settings.get(name)
            if setting.kind == "url" and isinstance(value, str):
                parts = urlsplit(value)
                origin = f"{parts.scheme}://{parts.netloc}/"
                if origin not in seen:
                    seen.append(origin)
        return seen[:3]

    def _answers(self, url: str) -> bool:
        outcome = self.network.fetch("HEAD", url, headers=self.policy.request_headers(
            self.host_policy(urlsplit(url).hostname or "")), timeouts=self.policy.timeouts(),
            deadline=min(self.policy.deadline, 10.0))
        return outcome.status is not None

    def close(self) -> None:
        self.network.close()
