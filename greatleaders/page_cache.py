"""The page cache: public pages rendered once for every anonymous visitor.

Pages are kept in the shared cache under the current content generation
(see `content_generation`), so a change to the content shows at once on
every app server. A visitor is served from the cache, and their page stored
for others, only when nothing about the page can be theirs alone:

- no session cookie (logged-in users, anonymous visitors with a session);
- no private-visitor cookie (see `mark_visitor_private`) nor any cookie
  named in PAGE_CACHE_PRIVATE_COOKIES;
- a GET or HEAD whose query string holds nothing but `page`, or, for
  search results, `q` and `page` (each search is kept under its own words);
- an answer of 200 that sets no cookie, used no CSRF token (forms on shared
  pages use the placeholder of `shared_csrf`) or CSP nonce,
  and was not marked private, no-cache or no-store by its view.

Every page carries an ETag and a Last-Modified date, so a browser that has
it gets a 304 (from the page cache for its own pages, from Django's
ConditionalGetMiddleware for the rest); it must ask again each time
(`max-age=0`), which costs a cache read and no rendering.
"""

import hashlib
import time

from django.conf import settings
from django.http import HttpResponse
from django.middleware import http
from django.middleware.csp import get_nonce
from django.urls import reverse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from greatleaders import content_generation, shared_cache

# The hook for views: a visitor carrying this cookie never gets a cached page
# and never has theirs stored, e.g. someone whose comment awaits moderation
# and who must see it under the post.
PRIVATE_VISITOR_COOKIE = "greatleaders_private"

CACHED_QUERY_PARAMETERS = {"page"}
# Search results are kept for each search, as the fragment cache keeps their
# list: a popular search is then served like any other page. The words are
# read only by the search page, so elsewhere `q` is a stranger like any other.
SEARCH_QUERY_PARAMETERS = {"q", "page"}
STATUS_HEADER = "X-Page-Cache"
CONDITIONAL_HEADERS = {
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
}
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}
PRIVATE_CACHE_CONTROL = {"private": True, "no_cache": True}


def mark_visitor_private(response, *, max_age):
    """Keep the visitor who gets `response` out of the page cache for
    `max_age` seconds (a number or a timedelta): every page they open is
    rendered for them alone, and none of theirs is shown to others."""
    response.set_cookie(
        PRIVATE_VISITOR_COOKIE,
        "1",
        max_age=max_age,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def unmark_visitor_private(response):
    """Let the visitor who gets `response` have cached pages again."""
    response.delete_cookie(PRIVATE_VISITOR_COOKIE, samesite="Lax")


def is_shareable_request(request) -> bool:
    """Whether the answer to `request` may be the same as anyone else's."""
    return (
        request.method in {"GET", "HEAD"}
        and has_cached_query_parameters(request)
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not private_cookies() & request.COOKIES.keys()
    )


def has_cached_query_parameters(request) -> bool:
    parameters = request.GET.keys()
    if parameters <= CACHED_QUERY_PARAMETERS:
        return True
    return parameters <= SEARCH_QUERY_PARAMETERS and request.path_info == reverse(
        "posts:search"
    )


def private_cookies() -> set[str]:
    return {PRIVATE_VISITOR_COOKIE, *settings.PAGE_CACHE_PRIVATE_COOKIES}


def is_shareable_response(request, response) -> bool:
    """Whether `response` holds nothing that belongs to this visitor alone."""
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in response.get("Cache-Control", "").split(",")
    }
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The page used a CSRF token of its own, not the shared placeholder
        # (see shared_csrf): Django flags the request when a token is taken.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not get_nonce(request)
        and not cache_control & {"private", "no-cache", "no-store"}
    )


def page_key(request, generation: str) -> str:
    address = hashlib.md5(
        request.build_absolute_uri().encode(), usedforsecurity=False
    ).hexdigest()
    return f"page-cache:page:{content_generation.key_format()}:{generation}:{address}"


def kept_copy(response) -> HttpResponse:
    """What is kept of a rendered page: its content and headers, as a plain
    response that comes back from the cache ready to send."""
    copy = HttpResponse(response.content)
    for name, value in response.items():
        copy.headers[name] = value
    return copy


def set_validators(response):
    """Give a page its ETag and Last-Modified date, from the content and
    the time it was rendered."""
    # SHA-256 rather than Django's MD5: current server processors hash it in
    # hardware, at twice MD5's speed, and a page is tens of kilobytes.
    digest = hashlib.sha256(response.content).hexdigest()[:32]
    response.headers["ETag"] = quote_etag(digest)
    response.headers["Last-Modified"] = http_date(time.time())


def answer_conditionally(request, response):
    """A 304 for a browser that holds the current page, as Django's
    ConditionalGetMiddleware answers for other pages; a request that asks
    nothing of the kind costs one look at its headers."""
    if request.method != "GET" or not CONDITIONAL_HEADERS & request.META.keys():
        return response
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=parse_http_date_safe(response["Last-Modified"]),
        response=response,
    )


class ConditionalGetMiddleware(http.ConditionalGetMiddleware):
    """Django's, for every answer but the page cache's own."""

    def process_response(self, request, response):
        if response.headers.get(STATUS_HEADER) == "hit":
            return response
        return super().process_response(request, response)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_shareable_request(request):
            response = self.get_response(request)
            return self.process_private(request, response)

        generation = settings.PAGE_CACHE_SECONDS and content_generation.current()
        if not generation:
            response = self.get_response(request)
            return self.process_shared(request, response, key=None)

        key = page_key(request, generation)
        response = shared_cache.get_kept(key)
        if response is not None:
            response.headers[STATUS_HEADER] = "hit"
            return answer_conditionally(request, response)
        response = self.get_response(request)
        return self.process_shared(request, response, key=key)

    def process_shared(self, request, response, *, key):
        if not is_shareable_response(request, response):
            return self.process_private(request, response)
        patch_vary_headers(response, ["Cookie"])
        patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
        set_validators(response)
        if key and request.method == "GET":
            shared_cache.set_kept(key, kept_copy(response), settings.PAGE_CACHE_SECONDS)
            response.headers[STATUS_HEADER] = "miss"
        return response

    def process_private(self, request, response):
        if (
            request.method in {"GET", "HEAD"}
            and response.status_code == 200
            and not response.has_header("Cache-Control")
        ):
            patch_vary_headers(response, ["Cookie"])
            patch_cache_control(response, **PRIVATE_CACHE_CONTROL)
        if self.is_staff_write(request, response):
            # Bulk changes in the admin (`QuerySet.update()`) send no signal;
            # any successful write by staff starts a new generation instead.
            content_generation.content_changed()
        return response

    @staticmethod
    def is_staff_write(request, response):
        return (
            request.method == "POST"
            and response.status_code < 400
            and getattr(request, "user", None) is not None
            and request.user.is_staff
        )
