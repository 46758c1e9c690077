from django.contrib import admin
from django.urls import include, path

from greatleaders.health import healthz

admin.site.site_header = "Great Leaders administration"
admin.site.site_title = "Great Leaders admin"

handler500 = "greatleaders.unavailable.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("posts.urls")),
]
