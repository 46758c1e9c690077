from django.contrib import admin
from django.urls import include, path

from posts.urls import site_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    *site_urlpatterns,
    path("", include("posts.urls")),
]
