"""Addresses of the site's pages by name, worked out once per process.

A list page links every post, category and tag it shows, a post page its
neighbours and the menu: some hundred `reverse()` calls a page, at tens of
microseconds each. An address is a pure function of the URL name, its
arguments, the URL configuration and the script prefix, so the ones used
last are remembered: the menu's, the categories' and tags', the popular
posts'. A post read once is rarely linked again soon, and remembering every
post's address cost a worker 10 MB on a 10,000-post blog (#14) for no time
saved on pages no cache could help.
"""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

# Posts not read before rendered as fast with 2,048 as with 16,384 (4.2 ms
# each, in-process), and the worker held 7 MB less after 3,000 of them.
REMEMBERED = 2_048


def address(name: str, **kwargs) -> str:
    """`reverse(name, kwargs=kwargs)`, remembered."""
    return _address(name, tuple(kwargs.items()), get_urlconf(), get_script_prefix())


@lru_cache(maxsize=REMEMBERED)
def _address(name, items, urlconf, script_prefix) -> str:
    return reverse(name, urlconf=urlconf, kwargs=dict(items) or None)
