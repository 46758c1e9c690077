from django.contrib import admin
from django.urls import include, path

from greatleaders.health import healthz
from posts.urls import site_urlpatterns

handler400 = "greatleaders.malformed_requests.bad_request"
handler500 = "greatleaders.unavailable.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    *site_urlpatterns,
    path("", include("posts.urls")),
]
