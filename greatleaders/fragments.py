"""The fragment cache: parts of pages kept rendered in the shared cache.

The page cache serves whole pages to anonymous visitors only. Fragments serve
everyone, each page being put together for its visitor from parts that are
the same for all: a post's article, its comments, the menu. A page whose
parts are cached is still rendered for each request, with what is the
visitor's own (their form, their held comments, their CSRF token).

Fragments are kept under the current content generation (see
`content_generation`), as cached pages are: a change to any public content
retires them all at once, on every app server. FRAGMENT_CACHE_SECONDS = 0
turns the cache off; so does an unreachable shared cache, as fragments are
then computed for each request.

As a fragment's key names its generation, each process keeps the fragments
it used last in its own memory too (see `recently_used`): a request then
asks the shared cache only for the generation.
"""

import hashlib

from django.conf import settings

from greatleaders import content_generation, shared_cache


def key(name: str, vary_on) -> str | None:
    """The cache key of fragment `name` for the values in `vary_on`, or None
    when fragments are not being kept."""
    if not settings.FRAGMENT_CACHE_SECONDS:
        return None
    generation = content_generation.current()
    if not generation:
        return None
    values = "\x1f".join(str(value) for value in vary_on)
    digest = hashlib.md5(values.encode(), usedforsecurity=False).hexdigest()
    return f"fragment:{content_generation.key_format()}:{generation}:{name}:{digest}"


def get_or_compute(name: str, vary_on, compute):
    """Return fragment `name` for `vary_on` from the cache, or `compute()` it
    and keep it for the other requests of this generation."""
    fragment_key = key(name, vary_on)
    if fragment_key is None:
        return compute()
    value = shared_cache.get_kept(fragment_key)
    if value is None:
        value = compute()
        shared_cache.set_kept(fragment_key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value
