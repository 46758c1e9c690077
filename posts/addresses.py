"""Addresses of the site's pages by name, worked out once per process.

A list page links every post, category and tag it shows, a post page its
neighbours and the menu: some hundred `reverse()` calls a page, at tens of
microseconds each. An address is a pure function of the URL name, its
arguments, the URL configuration and the script prefix, so the ones used
last are remembered.
"""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

# Every post, category, tag and series of a large blog, and then some.
REMEMBERED = 16_384


def address(name: str, **kwargs) -> str:
    """`reverse(name, kwargs=kwargs)`, remembered."""
    return _address(name, tuple(kwargs.items()), get_urlconf(), get_script_prefix())


@lru_cache(maxsize=REMEMBERED)
def _address(name, items, urlconf, script_prefix) -> str:
    return reverse(name, urlconf=urlconf, kwargs=dict(items) or None)
