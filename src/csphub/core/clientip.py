"""The client's address, as the trusted reverse proxy reports it (security review finding 9).

Behind a TLS-terminating proxy every request comes from the proxy's address, so a limit keyed on
``REMOTE_ADDR`` would make the whole public share one allowance. ``CSPHUB_TRUSTED_PROXIES`` lists the
proxies' addresses or networks (comma-separated, e.g. ``127.0.0.1,10.0.0.0/24``). Only when the
request arrives *from* one of them is ``X-Forwarded-For`` read, right to left, skipping the trusted
hops: the first address that is not a trusted proxy is the client. Anything a client writes further
left in the header is ignored, so it cannot be forged to escape the limit.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(s.strip(), strict=False) for s in spec if s.strip())


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR") or "unknown")
    networks = _networks(tuple(getattr(settings, "CSPHUB_TRUSTED_PROXIES", ())))
    if not networks or not _trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    for hop in reversed([p for p in forwarded if p]):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a malformed hop: fall back to the proxy, never to client text
    return remote
