"""What visitors get while the database is away: a themed 503 page, with no
traceback, and at once.

Once a connection to the database has failed, every request that would
need it gets the 503 page straight away for DATABASE_RETRY_SECONDS, rather
than each holding a worker thread for the connection's timeout (a database
that drops packets, neither answering nor refusing, cost every request
three seconds and the site 98% of its throughput). Then the next request
tries to connect, the others still turned away meanwhile; when it succeeds,
all is as before. Pages from the page cache never wait: the cache is asked
before this middleware.
"""

import logging
import sys
import threading
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.views import defaults

logger = logging.getLogger(__name__)

# Errors that say the database cannot be reached, rather than that a query
# is wrong.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

_lock = threading.Lock()
# While set, the database failed and has not answered since; requests are
# turned away until this time on the monotonic clock.
_retry_at: float | None = None


def service_unavailable(request):
    response = render(request, "503.html", status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def answers_without_database(view):
    """Mark a view that answers whether the database is there or not (the
    health check): the fail-fast 503 leaves it alone."""
    view.answers_without_database = True
    return view


def database_known_down() -> bool:
    """Whether a connection failed and none has succeeded since."""
    return _retry_at is not None


def note_database_failure(error) -> None:
    """Record `error` if it says the database could not be reached: a
    connection that never opened. A query failing on an open connection is
    the query's affair."""
    global _retry_at
    if not isinstance(error, DATABASE_UNAVAILABLE) or connection.connection:
        return
    with _lock:
        if _retry_at is None:
            logger.warning("The database cannot be reached: %s", error)
        _retry_at = time.monotonic() + settings.DATABASE_RETRY_SECONDS


def database_may_be_used() -> bool:
    """False at once while the database is known to be away; after
    DATABASE_RETRY_SECONDS, the caller tries to connect (the others still
    turned away meanwhile) and learns whether it is back."""
    global _retry_at
    if _retry_at is None:
        return True
    with _lock:
        if _retry_at is None:
            return True
        if time.monotonic() < _retry_at:
            return False
        _retry_at = time.monotonic() + settings.DATABASE_RETRY_SECONDS
    try:
        connection.ensure_connection()
    except DATABASE_UNAVAILABLE as error:
        note_database_failure(error)
        return False
    with _lock:
        _retry_at = None
    logger.warning("The database can be reached again.")
    return True


def forget_database_failure() -> None:
    """Try the database at the next request (tests start from scratch)."""
    global _retry_at
    _retry_at = None


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not database_may_be_used() and not _answers_without_database(request):
            return service_unavailable(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        note_database_failure(exception)
        return service_unavailable(request)


def _answers_without_database(request) -> bool:
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False
    return getattr(view, "answers_without_database", False)


def server_error(request):
    """Django's 500 page, or the 503 page when the failure outside a view
    (a middleware saving the session, say) was the database being away."""
    error = sys.exception()
    if isinstance(error, DATABASE_UNAVAILABLE):
        note_database_failure(error)
        return service_unavailable(request)
    return defaults.server_error(request)
