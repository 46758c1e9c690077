"""Uploaded files served by the app itself, where nothing in front does
(`make run`); in production nginx serves MEDIA_URL (see the README)."""

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve


@require_safe
def media_file(request, path):
    if not settings.SERVE_MEDIA:
        raise Http404("Media files are served by the web server.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
