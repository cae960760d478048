"""Where the watcher may connect: public addresses only, unless the operator allows a network.

A feed is content someone else wrote: its item links (and every redirect) could point at
``http://127.0.0.1:8080/admin``, a router on ``192.168.1.1`` or the cloud metadata service on
``169.254.169.254``, and what the watcher fetched would become a searchable article.  So every
address a name resolves to is checked, and the connection is made to the checked address
(no second DNS lookup that could answer differently):

* blocked: loopback, private (RFC 1918, IPv6 ULA), link-local (the metadata service), shared
  (100.64.0.0/10), multicast, reserved, unspecified, and IPv6 forms that embed one of those
  (``::ffff:127.0.0.1``, 6to4, NAT64);
* allowed anyway: networks the operator names (``wirewatch watch --allow-network 10.0.0.0/8``
  or ``allow_networks = ["10.0.0.0/8"]`` on a ``[[source]]``).

:class:`GuardedBackend` does the check at connection time inside httpx (so redirects and pooled
clients cannot skip it); :func:`check_host` does it before a request, with a clear message.
The operator's own source URL is the one exemption (see ``Fetcher.get(trusted=True)``): its
first request goes wherever the operator pointed it; its redirects and links are checked.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore

from ..errors import ConfigError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
ANYWHERE: tuple[Network, ...] = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedAddress(Exception):
    """A name resolved to an address the watcher may not connect to."""


class NameNotResolved(Exception):
    """DNS gave no address for a name."""


def parse_networks(values: Iterable[str], where: str = "--allow-network") -> tuple[Network, ...]:
    """CIDR strings (``10.0.0.0/8``, ``127.0.0.1``) as networks; a bad one is a ConfigError."""
    out = []
    for v in values:
        try:
            out.append(ipaddress.ip_network(str(v).strip(), strict=False))
        except ValueError:
            raise ConfigError(f"{where}: {v!r} is not an IP network (want CIDR, e.g. 10.0.0.0/8)") from None
    return tuple(out)


def _embedded(a: Address) -> Address | None:
    if isinstance(a, ipaddress.IPv6Address):
        if a.ipv4_mapped is not None:
            return a.ipv4_mapped
        if a.sixtofour is not None:
            return a.sixtofour
        if a.teredo is not None:
            return a.teredo[1]
        if a in _NAT64:
            return ipaddress.IPv4Address(int(a) & 0xFFFFFFFF)
    return None


def is_public(a: Address) -> bool:
    """True for a globally routable unicast address (and whatever it embeds is one too)."""
    inner = _embedded(a)
    if inner is not None and not is_public(inner):
        return False
    return a.is_global and not a.is_multicast and not a.is_reserved and not a.is_unspecified


def permitted(a: Address, allowed: Iterable[Network]) -> bool:
    return is_public(a) or any(a.version == n.version and a in n for n in allowed)


def resolve(host: str, port: int) -> list[Address]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    name = host.strip("[]")
    try:
        infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise NameNotResolved(f"the name {name!r} does not resolve ({exc})") from exc
    out: list[Address] = []
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if addr not in out:
            out.append(addr)
    if not out:
        raise NameNotResolved(f"the name {name!r} resolves to no address")
    return out


def check_host(host: str, port: int, allowed: Iterable[Network]) -> Address:
    """The first address of ``host`` once every one of them is permitted; else BlockedAddress."""
    addrs = resolve(host, port)
    allowed = tuple(allowed)
    bad = [a for a in addrs if not permitted(a, allowed)]
    if bad:
        raise BlockedAddress(f"{host} resolves to {bad[0]}, a loopback, private, link-local or reserved"
                             " address; allow its network with --allow-network (or allow_networks in the"
                             " sources file) to fetch it")
    return addrs[0]


class _Scope(threading.local):
    allowed: tuple[Network, ...] | None = None


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to permitted addresses (checked after DNS)."""

    def __init__(self, default: tuple[Network, ...] = ()) -> None:
        self.default = default
        self._scope = _Scope()

    @contextmanager
    def allowing(self, allowed: tuple[Network, ...]) -> Iterator[None]:
        """Connections opened by this thread inside the block may also reach ``allowed``."""
        before = self._scope.allowed
        self._scope.allowed = allowed
        try:
            yield
        finally:
            self._scope.allowed = before

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        allowed = self._scope.allowed if self._scope.allowed is not None else self.default
        address = check_host(host, port, allowed)
        return super().connect_tcp(str(address), port, timeout=timeout, local_address=local_address,
                                   socket_options=socket_options)
