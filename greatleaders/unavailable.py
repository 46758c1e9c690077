"""What visitors get while the database is away: a themed 503 page at once,
with no traceback; the next request tries the database again by itself."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.views import defaults

logger = logging.getLogger(__name__)

# Errors that say the database cannot be reached, rather than that a query
# is wrong.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def service_unavailable(request):
    response = render(request, "503.html", status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        return service_unavailable(request)


def server_error(request):
    """Django's 500 page, or the 503 page when the failure outside a view
    (a middleware saving the session, say) was the database being away."""
    if isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    return defaults.server_error(request)
