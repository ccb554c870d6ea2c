"""Link hosts as plugins: hosts that have a source of truth better than their web pages.

A host module in this package declares one :class:`LinkHost` and says, next to its code:

- **which URLs it claims** (``@HOST.claims``: ``(url, host) -> Claim | None``; the claim's
  key deduplicates, so a paper's forum and pdf links are asked once);
- **how to build tasks** for the claimed targets (``@HOST.builds``: ``(ctx, targets) ->
  [Task]``, batched or one per target; tasks make one request per run, see
  :mod:`awesome_tools.links.types`);
- **its politeness** (``@HOST.politeness``: ``settings -> {network host: Limits}``, e.g. one
  connection 3 s apart for the arXiv API);
- **its config keys** (``settings=(Setting(...), ...)``: ``links.<name>`` in the config, an
  environment variable that overrides it, a default; validated at config load for every
  command and listed in the guide).

The registry imports every module of this package whose name does not start with ``_`` and
fails loudly, like the rule registry: a module that declares no host, two hosts with one
name or a claim key without its prefix is an error, never a silently missing host. Adding a
host touches two files: its module here and its test (see CONTRIBUTING.md, "Adding a link
host"). URLs no host claims are checked as web pages (:class:`~..tasks.PageTask`).

Nothing here imports ``requests``: config validation reads the settings without the network.
"""
from __future__ import annotations

import importlib
import pkgutil
from typing import (TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Sequence,
                    Tuple)

from awesome_tools.records import field, record

if TYPE_CHECKING:  # pragma: no cover
    from awesome_tools.links.context import LinkContext
    from awesome_tools.links.targets import Target
    from awesome_tools.links.types import Task


@record(frozen=True)
class Claim:
    """A host's hold on a URL: its dedupe ``key`` (``<host name>:...``) and what the API needs."""

    key: str
    ident: Tuple[str, ...] = ()


@record(frozen=True)
class Limits:
    """Politeness towards one network host: requests in flight and seconds between starts."""

    per_host: int
    min_interval: float


SETTING_KINDS = ("url", "number", "integer", "string")


@record(frozen=True)
class Setting:
    """One ``links:`` key a host owns. ``env`` names the environment variable that beats the
    config (tests point API bases at loopback servers with it)."""

    name: str
    kind: str
    default: Any
    help: str
    env: Optional[str] = None
    minimum: float = 0

    def __post_init__(self) -> None:
        if self.kind not in SETTING_KINDS:
            raise ValueError(f"setting {self.name}: kind must be one of {SETTING_KINDS}")


ClaimFn = Callable[[str, str], Optional[Claim]]
BuildFn = Callable[["LinkContext", Sequence["Target"]], List["Task"]]
LimitsFn = Callable[[Mapping[str, Any]], Mapping[str, Limits]]


@record
class LinkHost:
    """A host plugin; see the module docstring. ``priority``: lower claims first."""

    name: str
    summary: str
    settings: Tuple[Setting, ...] = ()
    priority: int = 50
    _claim: Optional[ClaimFn] = field(default=None, repr=False)
    _build: Optional[BuildFn] = field(default=None, repr=False)
    _limits: Optional[LimitsFn] = field(default=None, repr=False)
    module: str = ""

    def claims(self, function: ClaimFn) -> ClaimFn:
        """Decorator: ``(url, host) -> Claim | None``; ``host`` is lower-case, no port."""
        self._claim = function
        self.module = function.__module__
        return function

    def builds(self, function: BuildFn) -> BuildFn:
        """Decorator: ``(ctx, targets) -> [Task]`` for the targets this host claimed."""
        self._build = function
        return function

    def politeness(self, function: LimitsFn) -> LimitsFn:
        """Decorator: ``settings -> {network host: Limits}`` (built-in, before user overrides)."""
        self._limits = function
        return function

    def claim(self, url: str, host: str) -> Optional[Claim]:
        assert self._claim is not None
        found = self._claim(url, host)
        if found is not None and not found.key.startswith(self.name + ":"):
            raise RuntimeError(f"link host {self.name}: claim key {found.key!r} must start "
                               f"with '{self.name}:'")
        return found

    def tasks(self, ctx: "LinkContext", targets: Sequence["Target"]) -> List["Task"]:
        assert self._build is not None
        return self._build(ctx, targets)

    def limits(self, settings: Mapping[str, Any]) -> Mapping[str, Limits]:
        return self._limits(settings) if self._limits is not None else {}


_REGISTRY: Dict[str, LinkHost] = {}


def _load() -> Dict[str, LinkHost]:
    if _REGISTRY:
        return _REGISTRY
    found: Dict[str, LinkHost] = {}
    settings: Dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        hosts = [value for value in vars(module).values() if isinstance(value, LinkHost)]
        if len(hosts) != 1:
            raise RuntimeError(f"links/hosts/{info.name}.py must declare exactly one LinkHost "
                               f"(found {len(hosts)})")
        host = hosts[0]
        if host.name in found:
            raise RuntimeError(f"link host {host.name} is declared twice")
        if host._claim is None or host._build is None:
            raise RuntimeError(f"link host {host.name} ({info.name}.py) needs @claims and "
                               "@builds")
        for setting in host.settings:
            if setting.name in settings:
                raise RuntimeError(f"links.{setting.name} is declared by both "
                                   f"{settings[setting.name]} and {host.name}")
            settings[setting.name] = host.name
        found[host.name] = host
    _REGISTRY.update(sorted(found.items(), key=lambda item: (item[1].priority, item[0])))
    return _REGISTRY


def all_hosts() -> Dict[str, LinkHost]:
    """Every host plugin by name, in claim order (a copy)."""
    return dict(_load())


def all_settings() -> Dict[str, Setting]:
    """Every host-owned ``links:`` key by name."""
    return {setting.name: setting for host in _load().values() for setting in host.settings}


def claim(url: str, host: str) -> Optional[Tuple[str, Claim]]:
    """(host plugin name, claim) of the first plugin that claims ``url``, or None."""
    for plugin in _load().values():
        found = plugin.claim(url, host)
        if found is not None:
            return plugin.name, found
    return None


def builtin_limits(settings: Mapping[str, Any]) -> Dict[str, Limits]:
    """Network host -> Limits, from every plugin's politeness."""
    table: Dict[str, Limits] = {}
    for plugin in _load().values():
        table.update(plugin.limits(settings))
    return table
