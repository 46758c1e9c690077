"""The page cache: the one caching layer of the site.

A page for an anonymous visitor without a session is the same, byte for
byte, for every such visitor: it carries no CSRF token, no time stamp and
nothing else of the visitor's (the comment form fetches its stamp when the
reader starts typing; see posts.comments_stamp). Such a page is *shared*:

- it says so to any HTTP cache in front (`Cache-Control: public` with a
  shared lifetime, `stale-while-revalidate`, `ETag`, `Last-Modified`,
  `Vary: Cookie, Accept-Encoding`), so nginx, Varnish or a CDN can keep it;
- it is kept here too, in Django's cache (Redis, or files on one machine),
  so that every app server serves it without rendering it again.

Everything else is private (`Cache-Control: private, no-cache`): requests
with a session or one of the cookies of PRIVATE_COOKIES, POSTs, query
strings other than `?page=` (and `?q=` on search results), and answers
other than a plain 200 (an error, a redirect, a cookie set, a view's own
`private` or `no-cache`).

**What a change expires.** A view names what its page shows with
`shows(request, *tags)`: "posts" (which posts are published, in which order
and under which names), `post_tag(pk)` for each post whose text or comments
it shows, and so on (posts.cache_tags says which change expires which tag).
Each tag has a version in the cache; a kept page records the versions of its
tags when it was rendered and is served only while they are all unchanged.
`expire(*tags)` gives the tags new versions: the pages showing them are
rendered again at their next request, on every app server, and nothing else
is. Every page also shows SITE, expired by `manage.py expire_pages`. A
release with other templates, code or settings keeps its pages under other
keys by itself (see `release()`).

**Reading fewer versions.** Each expiry also counts itself (CHANGES, read
with every page) and records its tags under its number for a day. A
process remembers the count at which it last found each page current; for
a page it found current at an earlier count, the records since then say
whether any of its tags changed, and only if one did (or a record is
missing) are its versions read again. So a comment approved on one post
makes each process read again the versions of the pages showing that post,
not of every page it serves.

A tag's version may carry a deadline (a scheduled post going live changes
the lists without a write): see `set_deadline`.

A change committed while a page renders could leave the page rendered from
the old rows with the new versions; such a page is served but not kept
(see `PageCacheMiddleware._keep`).

**Faults.** When the cache cannot be reached, pages are rendered for every
request (see `_call`). New versions the cache cannot take (it is away,
frozen, read-only or full) are written to the database as MissedExpiry
rows: every process looks for them at most every
PAGE_CACHE_FAULT_CHECK_SECONDS, serves no kept page while any wait, and
gives them to the cache as soon as it takes them. So a change made during a
fault never leaves an old page behind it.

**Answering before Django.** Through the app server, a kept page answered
by the middleware cost twice what WhiteNoise's static file does: Django
made a request, ran every middleware above this one both ways and built a
response. `answer_kept_pages`, around the WSGI application, answers a plain
GET of a current kept page before Django does any of that, with the same
bytes and headers; anything else (HEAD, a conditional request, a request
the middleware would refuse, a miss) goes on to Django, where the
middleware finds the page's key and the cache's answer already read.

**What is kept.** Only the site's own addresses: the Host as ALLOWED_HOSTS
or SITE_URL write it, query strings as the site writes them, and at most
SEARCHES_KEPT_PER_MINUTE new searches a minute; other spellings of an
address are served but not kept, so that nobody can fill the cache with
variants of one page and push the real ones out.
"""

import gzip
import hashlib
import logging
import sqlite3
import sys
import threading
import time
import uuid
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache as shared
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.core.signals import setting_changed
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.gzip import re_accepts_gzip
from django.middleware.security import SecurityMiddleware
from django.urls import set_script_prefix
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag

from greatleaders.malformed_requests import refusal
from greatleaders.models import MissedExpiry
from greatleaders.unavailable import database_known_down, note_database_failure
from posts.addresses import address

logger = logging.getLogger(__name__)

SITE = "site"
# Every change expires this tag too: a page that names nothing it shows is
# taken to show everything.
ANY = "any"
# The count of expiries, and where each one's tags are recorded.
CHANGES = "page-cache:changes"
CHANGE_KEPT_SECONDS = 24 * 3600
# A process further behind than this many changes reads versions again.
CHANGES_READ_AT_ONCE = 100
STATUS_HEADER = "X-Page-Cache"
# Where a request's environ holds its page's key and what the cache held.
LOOKED_UP = "greatleaders.page_cache.looked_up"
# Cookies that make a visitor's pages their own, besides the session's:
# saved comment details that fill in the form, and comments of theirs still
# awaiting moderation (see posts.comments.cookies). The nginx configuration
# in the README names the same.
PRIVATE_COOKIES = ("comment_author", "comment_held")
SHARED_QUERY_PARAMETERS = frozenset({"page"})
SEARCH_QUERY_PARAMETERS = frozenset({"q", "page"})
# Seconds without trying the cache after it failed.
RETRY_AFTER = 5.0
# What `_call` answers for an operation that failed.
FAILED = object()
# Missed expiries given to the cache at once, at most.
MISSED_AT_ONCE = 500
# New search pages kept a minute, at most: with pages kept ten minutes,
# some 600 searches in the cache at any time.
SEARCHES_KEPT_PER_MINUTE = 60
# The count of changes at which this process last found each kept page
# current, by key: only keys and numbers, never a page. (Each key with its
# own copy of a version made a worker 0.6 MB larger.)
CHECKED_PAGES = 5_000
_checked: dict[str, int] = {}
_count_noted: int | None = None
# The tags of the changes this process has read, by number.
KNOWN_CHANGES = 1_000
_changes: dict[int, frozenset[str]] = {}
# What the release digest reads: a change to any of these files changes
# what pages look like.
RELEASE_FOLDERS = ("templates", "static", "posts", "greatleaders")
RELEASE_SUFFIXES = {".html", ".txt", ".py", ".css", ".js", ".svg", ".json"}
# Settings pages show or are shaped by.
SETTINGS_PAGES_SHOW = (
    "SITE_URL",
    "SITE_TITLE",
    "SITE_TAGLINE",
    "POSTS_PER_PAGE",
    "POSTS_PER_FEED",
    "COMMENTS_PER_PAGE",
    "COMMENTS_THREAD_DEPTH",
    "COMMENTS_CLOSE_AFTER_DAYS",
    "STORAGES",
)

_deadlines: dict[str, Callable[[], float]] = {}


def post_tag(pk) -> str:
    return f"post:{pk}"


# Declaring what a page shows, and expiring it


def shows(request, *tags: str) -> None:
    """Say that the page answering `request` shows what `tags` name."""
    shown = getattr(request, "page_tags", None)
    if shown is not None:
        shown.update(tags)


def expire(*tags: str) -> None:
    """Give `tags` new versions: every kept page showing them is stale. What
    the cache cannot take waits in the database until it can."""
    if not _give_new_versions(tags):
        _remember_missed(tags)


def _give_new_versions(tags) -> bool:
    tags = {*tags, ANY}
    versions = {_version_key(tag): _new_version(tag) for tag in tags}
    if _call("set_many", versions, None, default=FAILED):
        return False
    # Counted after the new versions are made: whoever reads the new count
    # reads them. A process that reads the count before the record is made
    # finds no record, and reads the versions.
    number = _count_change()
    if number is None:
        return False
    recorded = _call(
        "set", _change_key(number), tuple(tags), CHANGE_KEPT_SECONDS, default=FAILED
    )
    return recorded is not FAILED


def _count_change() -> int | None:
    """The number of a new change; None if the cache cannot count it."""
    _start_count()
    try:
        return _call("incr", CHANGES)
    except ValueError:  # Lost between the two calls.
        return None


def _start_count() -> None:
    # From the time it starts, in microseconds: a count started again after
    # its key was lost never gives a number whose record may be left.
    _call("add", CHANGES, time.time_ns() // 1000, None)


def _change_key(number: int) -> str:
    return f"page-cache:change:{number}"


def expire_on_commit(*tags: str) -> None:
    """`expire` once the change is committed. Inside a transaction, also at
    once: pages kept before the change stop being served now, and a page
    rendered meanwhile from the rows as they were is not served after."""
    if connection.in_atomic_block:
        expire(*tags)
    transaction.on_commit(lambda: expire(*tags), robust=True)


def set_deadline(tag: str, deadline: Callable[[], float]) -> None:
    """Make `tag`'s versions end by themselves at the time `deadline()`
    returns (a timestamp) when the version is made."""
    _deadlines[tag] = deadline


def _new_version(tag: str) -> tuple[str, float]:
    deadline = _deadlines.get(tag)
    return (uuid.uuid4().hex, deadline() if deadline else float("inf"))


def _version_key(tag: str) -> str:
    return f"page-cache:version:{tag}"


def _current_versions(tags, *, also=()) -> dict | None:
    """The current version of each tag, made for those that have none or
    whose deadline has passed; None when the cache cannot be reached. The
    keys `also` are read in the same call, and returned as they are."""
    keys = [_version_key(tag) for tag in tags]
    found = _call("get_many", [*keys, *also])
    if found is None:
        return None
    now = time.time()
    for tag, key in zip(tags, keys, strict=True):
        version = found.get(key)
        if version is None or version[1] <= now:
            # Whoever comes first makes it; the others read theirs.
            made = _new_version(tag)
            if version is None and not _call("add", key, made, None):
                made = _call("get", key) or made
            elif version is not None:
                _call("set", key, made, None)
            found[key] = made
    versions = {tag: found[key] for tag, key in zip(tags, keys, strict=True)}
    return {**versions, **{key: found.get(key) for key in also}}


# Which requests and answers are shared


def is_shareable_request(request) -> bool:
    """Whether the answer to `request` may be the same as anyone else's."""
    cookies = request.COOKIES
    return (
        request.method in {"GET", "HEAD"}
        and _has_shared_query(request)
        and _is_canonical_address(request)
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in cookies
        and not any(name in cookies for name in PRIVATE_COOKIES)
    )


def _has_shared_query(request) -> bool:
    parameters = request.GET.keys()
    if parameters <= SHARED_QUERY_PARAMETERS:
        return True
    # Each search is kept under its own words; elsewhere `q` is a stranger.
    return _is_search(request)


def _is_search(request) -> bool:
    # The address remembered (reverse() took a sixth of the time of
    # answering a kept search), below the request's script prefix.
    return request.GET.keys() <= SEARCH_QUERY_PARAMETERS and (
        request.path == address("posts:search")
    )


def _is_canonical_address(request) -> bool:
    """Whether `request` names its page as the site does: a host of
    ALLOWED_HOSTS or SITE_URL in small letters, with no port or the site's
    or server's own; each parameter once, encoded as the site encodes it; a
    page number without leading zeros."""
    query = request.META.get("QUERY_STRING", "")
    return _is_canonical_host(
        request.get_host(),
        request.get_port(),
        tuple(settings.ALLOWED_HOSTS),
        settings.SITE_URL,
    ) and (not query or _is_canonical_query(request.GET, query))


@lru_cache(maxsize=64)
def _is_canonical_host(host, server_port, allowed_hosts, site_url) -> bool:
    address, site = urlsplit(f"//{host}"), urlsplit(site_url)
    named = [name for name in allowed_hosts if name[:1] not in {"*", "."}]
    known = {urlsplit(f"//{name}").hostname for name in named} | {site.hostname}
    return (
        host == host.lower()
        and address.hostname in known
        and (address.port in {None, site.port} or str(address.port) == server_port)
    )


def _is_canonical_query(parameters, query: str) -> bool:
    page = parameters.get("page", "2")
    return (
        all(len(values) == 1 for _, values in parameters.lists())
        and query == parameters.urlencode()
        and page.isascii()
        and page.isdigit()
        and not page.startswith("0")
    )


def _is_shareable_response(request, response) -> bool:
    directives = {
        directive.split("=")[0].strip().lower()
        for directive in response.get("Cache-Control", "").split(",")
    }
    return (
        response.status_code == 200
        and not response.streaming
        # A CSRF token, a session or a message: something of the visitor's.
        and not response.cookies
        # A nonce must be new for every answer.
        and not get_nonce(request)
        and not directives & {"private", "no-cache", "no-store"}
    )


# Keys


@cache
def release() -> str:
    """A digest of the site's templates, static files, code and the settings
    its pages show, worked out once per process: a deploy that changes any
    of them keeps its pages apart from the last release's, with nothing to
    run or bump by hand."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder in RELEASE_FOLDERS:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and "migrations" not in path.parts:
                digest.update(path.relative_to(base).as_posix().encode())
                digest.update(path.read_bytes())
    values = [getattr(settings, name, None) for name in SETTINGS_PAGES_SHOW]
    digest.update(repr(values).encode())
    return digest.hexdigest()[:16]


def _settings_changed(setting, **kwargs):
    _security_headers_by_scheme.clear()
    if setting in SETTINGS_PAGES_SHOW:
        release.cache_clear()


setting_changed.connect(_settings_changed)


def _page_key(request) -> str:
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page-cache:page:{release()}:{address[:32]}"


# Headers


def _share(response, rendered_at: float) -> None:
    # Accept-Encoding: a kept page is sent gzipped to whoever accepts it.
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.HTTP_CACHE_SECONDS,
        stale_while_revalidate=settings.HTTP_CACHE_SECONDS,
    )
    # SHA-256 rather than Django's MD5: processors hash it in hardware.
    response.headers["ETag"] = quote_etag(
        hashlib.sha256(response.content).hexdigest()[:32]
    )
    response.headers["Last-Modified"] = http_date(rendered_at)


def _keep_private(request, response) -> None:
    if (
        request.method in {"GET", "HEAD"}
        and response.status_code == 200
        and not response.has_header("Cache-Control")
    ):
        patch_vary_headers(response, ["Cookie"])
        patch_cache_control(response, private=True, no_cache=True)


class PageCacheMiddleware:
    """Serves kept pages, keeps shared ones, and labels every answer for the
    caches in front. It sits above the CSRF and session middleware, whose
    cookies then tell it which answers are the visitor's own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_shareable_request(request):
            response = self.get_response(request)
            _keep_private(request, response)
            return response

        request.page_tags = set()
        key, found = _look_up(request)
        if kept := _current_page(key, found):
            return _answer(kept, request)

        rendered_at = time.time()
        response = self.get_response(request)
        if not _is_shareable_response(request, response):
            _keep_private(request, response)
            return response
        _share(response, rendered_at)
        if found is not None and request.method == "GET":
            kept = self._keep(key, request, response, before=found.get(CHANGES))
            if kept is not None and _accepts_gzip(request):
                _send_gzipped(response, kept.gzipped[0])
        return response

    @staticmethod
    def _keep(key, request, response, *, before) -> "KeptPage | None":
        tags = sorted({SITE, *(request.page_tags or {ANY})})
        versions = _current_versions(tags, also=[CHANGES])
        if versions is None or versions.pop(CHANGES) != before:
            return None
        if _is_search(request) and not _search_may_be_kept():
            return None
        if before is None:
            # Nothing has been counted yet on this site: the count starts.
            _start_count()
            before = _call("get", CHANGES)
        kept = KeptPage(response, versions)
        _note_checked(key, before)
        _call("set", key, kept, settings.PAGE_CACHE_SECONDS)
        response.headers[STATUS_HEADER] = "miss"
        return kept


def _look_up(request) -> tuple[str | None, dict | None]:
    """The key of the page answering `request` (None while pages are not
    kept) and the cache's answer for it: the page if kept, and the count of
    changes before it is rendered again (a change made meanwhile keeps the
    new rendering out of the cache). Read once a request, by whichever comes
    first of `answer_kept_pages` and the middleware."""
    if LOOKED_UP not in request.META:
        key = _page_key(request) if settings.PAGE_CACHE_SECONDS else None
        found = _call("get_many", [key, CHANGES]) if key else None
        request.META[LOOKED_UP] = (key, found)
    return request.META[LOOKED_UP]


def _current_page(key, found) -> "KeptPage | None":
    """The page kept under `key`, if `found` holds one that is current."""
    kept = found and found.get(key)
    if kept and not _missed_expiries_wait() and _is_current(key, kept, found):
        return kept
    return None


def _is_current(key, kept: "KeptPage", found) -> bool:
    """Whether the versions `kept` recorded are still those of its tags.
    When this process found them so before, and no change since then has
    touched its tags, that is known without reading them."""
    count, checked = found.get(CHANGES), _checked.get(key)
    known = count is not None and checked is not None
    if known and _untouched(kept.versions, since=checked, until=count):
        _note_checked(key, count)
        return time.time() < kept.valid_until
    if _current_versions(list(kept.versions)) != kept.versions:
        return False
    _note_checked(key, count)
    return True


def _untouched(tags, *, since: int, until: int) -> bool:
    """Whether the changes numbered after `since` up to `until` are known,
    and none of them touched `tags`."""
    if until == since:
        return True
    if not 0 < until - since <= CHANGES_READ_AT_ONCE:
        return False
    numbers = range(since + 1, until + 1)
    if len(_changes) >= KNOWN_CHANGES:
        _changes.clear()
    unknown = [number for number in numbers if number not in _changes]
    if unknown:
        found = _call("get_many", [_change_key(number) for number in unknown])
        if found is None or len(found) < len(unknown):
            return False
        for number in unknown:
            _changes[number] = frozenset(found[_change_key(number)])
    return all(_changes[number].isdisjoint(tags) for number in numbers)


def _answer(kept: "KeptPage", request) -> HttpResponse:
    response = kept.response(gzipped=_accepts_gzip(request))
    response.headers[STATUS_HEADER] = "hit"
    return response


def _note_checked(key: str, count: int | None) -> None:
    """Remember that the page under `key` was current at the count of
    changes `count` (None: nothing has been counted yet)."""
    global _count_noted
    if count is None:
        return
    if len(_checked) >= CHECKED_PAGES:
        _checked.clear()
    # One number shared by the keys noted at it: each read from the cache is
    # an object of its own (150 KiB for 5,000 keys).
    if count != _count_noted:
        _count_noted = count
    _checked[key] = _count_noted


class KeptPage:
    """A rendered page as the cache keeps it: its bytes and headers, plain
    and gzipped, the versions of the tags it showed and when the first of
    them ends by itself."""

    __slots__ = ("gzipped", "plain", "valid_until", "versions")

    def __init__(self, response, versions: dict):
        # Kept plain, for inflating a 50 kB page took 0.1 ms of every hit (a
        # third of it), and gzipped once, for browsers: compressing it took
        # 0.5–0.9 ms, more than the hit itself. Without a random header the
        # gzipped bytes are the same for every reader, as the page is.
        self.plain = (response.content, list(response.items()))
        gzipped = self.response()
        _send_gzipped(gzipped, _gzip(response.content))
        self.gzipped = (gzipped.content, list(gzipped.items()))
        self.versions = versions
        self.valid_until = min(version[1] for version in versions.values())

    def sent(self, *, gzipped: bool) -> tuple[bytes, list]:
        """The bytes and headers to send."""
        return self.gzipped if gzipped else self.plain

    def response(self, *, gzipped: bool = False) -> HttpResponse:
        content, headers = self.sent(gzipped=gzipped)
        response = HttpResponse(content)
        for name, value in headers:
            response.headers[name] = value
        return response


def _gzip(content: bytes) -> bytes:
    # Level 4, not Django's 6: every miss compresses its page before it is
    # sent, and 6 took 1.1 ms of a 53 kB post page where 4 takes 0.65 ms,
    # for 2% more bytes (13.6 kB against 13.3).
    return gzip.compress(content, compresslevel=4, mtime=0)


def _accepts_gzip(request) -> bool:
    # From META: a kept page's answer builds no `request.headers` for it.
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _send_gzipped(response, gzipped: bytes) -> None:
    """`response` sent as the kept `gzipped` bytes, marked as Django's gzip
    middleware marks what it compresses (which then leaves it alone)."""
    response.content = gzipped
    response.headers["Content-Encoding"] = "gzip"
    response.headers["Content-Length"] = str(len(gzipped))
    patch_vary_headers(response, ["Accept-Encoding"])
    # Another representation of the page: its tag is weak, as gzip's are.
    etag = response.headers.get("ETag", "")
    if etag.startswith('"'):
        response.headers["ETag"] = "W/" + etag


# Answering before Django


def answer_kept_pages(application):
    """The WSGI `application`, with plain GETs of current kept pages
    answered before it is called (see "Answering before Django" above)."""

    def call(environ, start_response):
        try:
            request = _plain_get(environ)
            kept = request and _current_page(*_look_up(request))
        except Exception:
            # Django logs it and answers with the site's own error page (a
            # kept page that cannot be read fails there too).
            kept = None
        if not kept:
            return application(environ, start_response)
        content, headers = kept.sent(gzipped=_accepts_gzip(request))
        headers = [*headers, (STATUS_HEADER, "hit"), *_security_headers(request)]
        start_response("200 OK", headers)
        return [content]

    return call


def _security_headers(request) -> list:
    """The headers the middleware above this one adds to a kept page: those
    of Django's SecurityMiddleware, the same for every page of a scheme. (The
    others leave it as it is: GZip finds Accept-Encoding in Vary already,
    ConditionalGet has nothing to do for an unconditional GET.)"""
    secure = request.is_secure()
    if secure not in _security_headers_by_scheme:
        middleware = SecurityMiddleware(lambda request: HttpResponse())
        added = middleware.process_response(request, HttpResponse()).items()
        _security_headers_by_scheme[secure] = [
            (name, value) for name, value in added if name != "Content-Type"
        ]
    return _security_headers_by_scheme[secure]


_security_headers_by_scheme: dict[bool, list] = {}


def _plain_get(environ) -> WSGIRequest | None:
    """A request for `environ` when it is one the middleware would answer
    from the cache as it stands, unchanged by a conditional header or HEAD,
    and when no look for missed expiries is due (it reads the database,
    which is for Django to connect to). Django answers the rest."""
    if not (
        environ.get("REQUEST_METHOD") == "GET"
        and settings.PAGE_CACHE_SECONDS
        and "HTTP_IF_NONE_MATCH" not in environ
        and "HTTP_IF_MODIFIED_SINCE" not in environ
        and not environ.get("PATH_INFO", "").startswith(settings.STATIC_URL)
        and time.monotonic() < _next_look
    ):
        return None
    # As Django's handler does, for the search page's address.
    set_script_prefix(get_script_name(environ))
    request = WSGIRequest(environ)
    try:
        answerable = refusal(request) is None and is_shareable_request(request)
    except SuspiciousOperation:  # A host not allowed: Django answers it.
        return None
    return request if answerable else None


# Outages: when the cache cannot be reached, every call answers as a miss
# would, one warning is logged, and the cache is left alone for RETRY_AFTER
# seconds so that visitors are not kept waiting on it.

_lock = threading.Lock()
_down_until: float | None = None


def _call(operation: str, *args, default=None):
    """The cache's `operation` called with `args`, or `default` if the cache
    cannot be reached (opening it counts: a full disk fails there)."""
    global _down_until
    if _down_until is not None and time.monotonic() < _down_until:
        return default
    try:
        result = getattr(shared, operation)(*args)
    except unreachable_errors() as error:
        with _lock:
            if _down_until is None:
                logger.warning(
                    "The shared cache is unavailable (%s): pages are served "
                    "uncached until it is back.",
                    error,
                )
            _down_until = time.monotonic() + RETRY_AFTER
        return default
    if _down_until is not None:
        with _lock:
            _down_until = None
        logger.warning("The shared cache is available again.")
    return result


def _search_may_be_kept() -> bool:
    """Whether this minute's allowance of new search pages has room: each
    search is a page of its own, and anyone can make up words."""
    minute = f"page-cache:searches:{int(time.time() // 60)}"
    _call("add", minute, 0, 120)
    try:
        kept = _call("incr", minute)
    except ValueError:  # Gone between the two calls.
        return False
    return kept is not None and kept <= SEARCHES_KEPT_PER_MINUTE


def unreachable_errors() -> tuple[type[Exception], ...]:
    """What the cache raises when it cannot be reached: Redis's errors,
    SQLite's (diskcache on one machine), the system's. Redis's client is
    loaded by its cache backend only, so an error of Redis cannot come
    before it is."""
    exceptions = sys.modules.get("redis.exceptions")
    errors = (sqlite3.Error, OSError)
    return (exceptions.RedisError, *errors) if exceptions else errors


def forget_outage() -> None:
    """Try the cache again at the next call, and look for missed expiries
    only after PAGE_CACHE_FAULT_CHECK_SECONDS (tests start each from
    scratch)."""
    global _down_until, _missed_wait, _next_look
    _down_until = None
    _missed_wait = False
    _next_look = time.monotonic() + settings.PAGE_CACHE_FAULT_CHECK_SECONDS


# Faults: new versions the cache could not take wait in the database. Until
# they are given to it, no process serves a kept page: one of them might be
# older than a change whose expiry the cache missed.

_missed_wait = False
_next_look = 0.0
_look_lock = threading.Lock()


def _remember_missed(tags) -> None:
    global _missed_wait
    _missed_wait = True
    try:
        # A savepoint: inside a transaction, a failure must not break it.
        with transaction.atomic():
            MissedExpiry.objects.bulk_create(MissedExpiry(tag=tag) for tag in tags)
    except DatabaseError as error:
        logger.error(
            "Neither the shared cache nor the database took the expiry of %s "
            "(%s): pages showing it may be stale for up to "
            "GREATLEADERS_PAGE_CACHE_SECONDS.",
            ", ".join(tags),
            error,
        )


def _missed_expiries_wait() -> bool:
    """Whether expiries the cache missed still wait, or were given to it by
    this very request (whose versions were read before). One thread of each
    process looks, at most every PAGE_CACHE_FAULT_CHECK_SECONDS (one small
    query), and gives the cache those it finds; the others go by its last
    answer. While the database is known to be away nothing is looked for:
    no change can be made then."""
    global _missed_wait, _next_look
    if time.monotonic() < _next_look or not _look_lock.acquire(blocking=False):
        return _missed_wait
    try:
        _next_look = time.monotonic() + settings.PAGE_CACHE_FAULT_CHECK_SECONDS
        if database_known_down():
            return _missed_wait
        given, _missed_wait = _give_missed_expiries()
    finally:
        _look_lock.release()
    return given or _missed_wait


def _give_missed_expiries() -> tuple[bool, bool]:
    """Give the cache the expiries it missed: whether some were given, and
    whether some still wait."""
    try:
        missed = dict(MissedExpiry.objects.values_list("pk", "tag")[:MISSED_AT_ONCE])
        if not missed:
            return False, False
        if not _give_new_versions(set(missed.values())):
            return False, True
        MissedExpiry.objects.filter(pk__in=missed).delete()
    except DatabaseError as error:
        note_database_failure(error)
        return False, _missed_wait
    logger.warning("The shared cache took %d expiries it had missed.", len(missed))
    return True, len(missed) == MISSED_AT_ONCE
