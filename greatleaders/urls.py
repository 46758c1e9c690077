from django.contrib import admin
from django.urls import include, path

from posts.urls import site_urlpatterns

admin.site.site_header = "Great Leaders administration"
admin.site.site_title = "Great Leaders admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    *site_urlpatterns,
    path("", include("posts.urls")),
]
