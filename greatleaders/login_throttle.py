"""What someone locked out of the admin log-in by django-axes is told."""

from http import HTTPStatus

from django.conf import settings
from django.shortcuts import render


def locked_out(request, response=None, credentials=None):
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return render(
        request,
        "locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )
