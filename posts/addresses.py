"""Addresses of the site's pages by name, worked out once per process.

A list page links every post, category and tag it shows, a post page its
neighbours and the menu: some hundred `reverse()` calls a page, at tens of
microseconds each. An address is a pure function of the URL name, its
arguments, the URL configuration and the script prefix, so the ones used
last are remembered: the menu's, the categories' and tags', the popular
posts'. A post read once is rarely linked again soon, and remembering every
post's address cost a worker 10 MB on a 10,000-post blog (#14) for no time
saved on pages no cache could help.

Django keeps the URL configuration and the script prefix in asgiref's
Local, and reading the two cost 6 µs: more than the remembered address
itself, and a millisecond of a list page's hundreds of links. While a
request is served (`serving`, which AddressScopeMiddleware wraps around
every request), they are read once, at its start.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

# Pages rendered as fast with 512 as with 16,384; after 3,000 posts not read
# before, a worker held 8 MB less than with 16,384 and 1 MB less than with
# 2,048 (most of what it gained from them).
REMEMBERED = 512


# (URL configuration, script prefix) of the request being served.
_request_scope: ContextVar[tuple[str | None, str]] = ContextVar("address_scope")


def address(name: str, **kwargs) -> str:
    """`reverse(name, kwargs=kwargs)`, remembered."""
    scope = _request_scope.get(None) or (get_urlconf(), get_script_prefix())
    return _address(name, tuple(kwargs.items()), *scope)


@contextmanager
def serving():
    """While a request is served: Django sets both before the first
    middleware runs, and nothing here changes them until its response."""
    token = _request_scope.set((get_urlconf(), get_script_prefix()))
    try:
        yield
    finally:
        _request_scope.reset(token)


@lru_cache(maxsize=REMEMBERED)
def _address(name, items, urlconf, script_prefix) -> str:
    return reverse(name, urlconf=urlconf, kwargs=dict(items) or None)
