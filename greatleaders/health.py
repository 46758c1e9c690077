"""The health check load balancers ask: is this app server fit to serve?"""

from http import HTTPStatus

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from greatleaders.page_cache import unreachable_errors
from greatleaders.unavailable import (
    answers_without_database,
    database_may_be_used,
    note_database_failure,
)

OK, UNAVAILABLE = "ok", "unavailable"


def database_state() -> str:
    if not database_may_be_used():
        return UNAVAILABLE
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        note_database_failure(error)
        return UNAVAILABLE
    return OK


def cache_state() -> str:
    try:
        cache.set("healthz", OK, 10)
        return OK if cache.get("healthz") == OK else UNAVAILABLE
    except unreachable_errors():
        return UNAVAILABLE


@answers_without_database
@never_cache
@require_GET
def healthz(request):
    """200 while the database answers, 503 when it does not. A cache outage is
    reported but keeps the answer at 200: pages are still served, uncached,
    and the cache is shared, so failing every server would take the site
    down."""
    state = {"database": database_state(), "cache": cache_state()}
    status = (
        HTTPStatus.OK if state["database"] == OK else HTTPStatus.SERVICE_UNAVAILABLE
    )
    return JsonResponse(state, status=status)
