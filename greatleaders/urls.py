from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from greatleaders.health import healthz
from posts.media.serving import media_file
from posts.urls import site_urlpatterns

handler400 = "greatleaders.malformed_requests.bad_request"
handler500 = "greatleaders.unavailable.server_error"

# Uploaded images, when the app serves them (posts.media.serving).
media_urlpatterns = (
    [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", media_file)]
    if settings.MEDIA_URL.startswith("/")
    else []
)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    *media_urlpatterns,
    path("admin/", admin.site.urls),
    *site_urlpatterns,
    path("", include("posts.urls")),
]
