from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Great Leaders administration"
admin.site.site_title = "Great Leaders admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("posts.urls")),
]
