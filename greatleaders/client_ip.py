"""The address a request came from, seen through the site's own proxies."""

import ipaddress

from django.conf import settings
from django.core.exceptions import BadRequest


def client_ip(request) -> str:
    """Return the client's IP address.

    Behind TRUSTED_PROXY_COUNT proxies (nginx: 1), each proxy appends the
    address it saw to X-Forwarded-For, so the client's is that many places
    from the right; anything further left was sent by the client and may be
    forged. Without proxies, X-Forwarded-For is ignored.

    Raise BadRequest (a 400) when that place holds no address: the request
    did not come through the proxies (they write addresses there), and
    counting it against the proxy's own address instead would let one
    sender lock everyone out of the log-in (issue #20).
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(addresses) >= count:
            return _address(addresses[-count])
    return request.META.get("REMOTE_ADDR", "")


def _address(text: str) -> str:
    """`text` as the database stores an address. One with a zone id
    ("fe80::1%eth0") is refused too: PostgreSQL's inet type takes none."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        address = None
    if address is None or getattr(address, "scope_id", None):
        raise BadRequest("X-Forwarded-For holds no address where the proxy writes it.")
    return str(address)
