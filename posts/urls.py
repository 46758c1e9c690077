from django.urls import path, re_path

from posts import views

app_name = "posts"

# Post addresses follow WordPress's "month and name" permalinks
# (/2016/05/when-the-soviets-disowned-stalin/), so links from the old site
# keep their shape.
urlpatterns = [
    path("", views.PostListView.as_view(), name="home"),
    re_path(r"^(?P<year>[0-9]{4})/$", views.DateArchiveView.as_view(), name="year"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views.DateArchiveView.as_view(),
        name="month",
    ),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<slug>[-\w]+)/$",
        views.PostDetailView.as_view(),
        name="detail",
    ),
    path("category/<str:slug>/", views.CategoryArchiveView.as_view(), name="category"),
    path("tag/<str:slug>/", views.TagArchiveView.as_view(), name="tag"),
    path("author/<str:username>/", views.AuthorArchiveView.as_view(), name="author"),
    path("series/", views.SeriesListView.as_view(), name="series_list"),
    path("series/<str:slug>/", views.SeriesDetailView.as_view(), name="series"),
]
