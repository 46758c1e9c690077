"""The site's URLs plus pages that hold something for one visitor alone, to
see that the page cache keeps them to that visitor."""

from django.db import OperationalError
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.urls import include, path
from django.views.decorators.cache import never_cache


def page_with_a_form(request):
    return HttpResponse(
        f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">'
    )


def page_with_a_nonce(request):
    return HttpResponse(f'<script nonce="{get_nonce(request)}">let a = 1;</script>')


@never_cache
def page_marked_never_cache(request):
    return HttpResponse("Only for you.")


def database_away(request):
    raise OperationalError("connection to server at 127.0.0.1 failed")


urlpatterns = [
    path("form/", page_with_a_form),
    path("nonce/", page_with_a_nonce),
    path("never-cache/", page_marked_never_cache),
    path("database-away/", database_away),
    path("", include("greatleaders.urls")),
]
