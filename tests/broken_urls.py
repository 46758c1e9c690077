"""The site's URLs plus one page that fails, to see what a visitor gets."""

from django.urls import include, path


def failing_view(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [
    path("broken/", failing_view),
    path("", include("greatleaders.urls")),
]
