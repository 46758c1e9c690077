"""The address a request came from, seen through the site's own proxies."""

from django.conf import settings


def client_ip(request) -> str:
    """Return the client's IP address.

    Behind TRUSTED_PROXY_COUNT proxies (nginx: 1), each proxy appends the
    address it saw to X-Forwarded-For, so the client's is that many places
    from the right; anything further left was sent by the client and may be
    forged. Without proxies, X-Forwarded-For is ignored.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(addresses) >= count:
            return addresses[-count]
    return request.META.get("REMOTE_ADDR", "")
