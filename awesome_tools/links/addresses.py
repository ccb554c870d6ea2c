"""Which network addresses the link checker may connect to.

Two tiers, both decided on the address a socket is about to connect to (see
:mod:`awesome_tools.links.http`), never on a separate lookup of the name, so a name that
resolves to a public address once and a private one a moment later (DNS rebinding) gains
nothing, and a redirect is checked like the first request:

- **never**: link-local addresses (169.254.0.0/16, fe80::/10), which is where cloud metadata
  services live (169.254.169.254 on AWS, GCP, Azure, Oracle), the other known metadata and
  host-agent addresses (100.100.100.200 on Alibaba Cloud, fd00:ec2::254 on AWS, Azure's
  168.63.129.16), unspecified (0.0.0.0, ::, which reach the local host), multicast and
  broadcast. No list has a reason to link there and a verdict about them would tell a public
  issue what the runner can reach.
- **private** (refused with ``--exclude-private``, which the workflows ``init`` writes turn
  on): loopback, RFC 1918, carrier-grade NAT (100.64.0.0/10), unique-local (fc00::/7),
  site-local (fec0::/10), benchmarking, reserved and "this network" ranges, for IPv4 and IPv6,
  including IPv4 addresses embedded in IPv6 (``::ffff:10.0.0.1``, NAT64 ``64:ff9b::/96``,
  6to4 ``2002::/16``).
"""
from __future__ import annotations

import ipaddress
from typing import Iterable, Optional, Union

Address = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]

_NEVER_V4 = tuple(ipaddress.ip_network(net) for net in (
    "169.254.0.0/16", "0.0.0.0/8", "224.0.0.0/4", "255.255.255.255/32",
    "100.100.100.200/32", "168.63.129.16/32",
))
_NEVER_V6 = tuple(ipaddress.ip_network(net) for net in (
    "fe80::/10", "::/128", "ff00::/8", "fd00:ec2::254/128",
))
_PRIVATE_V4 = tuple(ipaddress.ip_network(net) for net in (
    "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
    "192.0.0.0/24", "198.18.0.0/15", "240.0.0.0/4", "192.0.2.0/24", "198.51.100.0/24",
    "203.0.113.0/24",
))
_PRIVATE_V6 = tuple(ipaddress.ip_network(net) for net in (
    "::1/128", "fc00::/7", "fec0::/10", "100::/64", "2001:db8::/32", "2001:2::/48",
))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def parse(text: str) -> Optional[Address]:
    """The address written in ``text`` (brackets and a zone id allowed), or None."""
    try:
        return ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def _embedded_v4(address: ipaddress.IPv6Address) -> Optional[ipaddress.IPv4Address]:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def never(address: Address) -> bool:
    """Link-local, metadata, unspecified, multicast or broadcast: never connected to."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_v4(address)
        if inner is not None:
            return never(inner)
        return any(address in net for net in _NEVER_V6)
    return any(address in net for net in _NEVER_V4)


def private(address: Address) -> bool:
    """Loopback, private, CGNAT, unique-local and the other non-public ranges (or ``never``)."""
    if never(address):
        return True
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_v4(address)
        if inner is not None:
            return private(inner)
        return any(address in net for net in _PRIVATE_V6)
    return any(address in net for net in _PRIVATE_V4)


def refusal(text: str, exclude_private: bool, trusted: Iterable[str] = ()) -> Optional[str]:
    """Why connecting to the address ``text`` is refused, or None when it is allowed.

    ``trusted`` addresses count as public (a library caller's escape hatch, used by the tests
    to stand a loopback server in for a public host); ``never`` addresses are refused anyway.
    """
    address = parse(text)
    if address is None:
        return None
    if never(address):
        return f"{address} is a link-local, metadata or non-unicast address (never fetched)"
    if exclude_private and private(address) and str(address) not in set(trusted):
        return f"{address} is a private, loopback or otherwise non-public address"
    return None
