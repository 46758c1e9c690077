from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from posts import feeds, views
from posts.sitemaps import SITEMAPS

app_name = "posts"

POST = r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<slug>[-\w]+)/"

# Post addresses follow WordPress's "month and name" permalinks
# (/2016/05/when-the-soviets-disowned-stalin/), so links from the old site
# keep their shape; so do feed addresses (/feed/, /category/x/feed/, …).
urlpatterns = [
    path("", views.PostListView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("comments/stamp/", views.comment_stamp, name="comment_stamp"),
    # Feeds
    path("feed/", feeds.PostFeed(), name="feed"),
    path("feed/atom/", feeds.PostAtomFeed(), name="feed_atom"),
    path("feed/json/", feeds.PostJsonFeed(), name="feed_json"),
    path("comments/feed/", feeds.CommentFeed(), name="comments_feed"),
    path("comments/feed/atom/", feeds.CommentAtomFeed(), name="comments_feed_atom"),
    path("category/<str:slug>/feed/", feeds.CategoryFeed(), name="category_feed"),
    path(
        "category/<str:slug>/feed/atom/",
        feeds.CategoryAtomFeed(),
        name="category_feed_atom",
    ),
    path("tag/<str:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tag/<str:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path("series/<str:slug>/feed/", feeds.SeriesFeed(), name="series_feed"),
    path(
        "series/<str:slug>/feed/atom/", feeds.SeriesAtomFeed(), name="series_feed_atom"
    ),
    path("author/<str:username>/feed/", feeds.AuthorFeed(), name="author_feed"),
    path(
        "author/<str:username>/feed/atom/",
        feeds.AuthorAtomFeed(),
        name="author_feed_atom",
    ),
    re_path(POST + r"feed/$", feeds.PostCommentFeed(), name="post_comments_feed"),
    re_path(
        POST + r"feed/atom/$",
        feeds.PostCommentAtomFeed(),
        name="post_comments_feed_atom",
    ),
    # Reading
    re_path(r"^(?P<year>[0-9]{4})/$", views.DateArchiveView.as_view(), name="year"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views.DateArchiveView.as_view(),
        name="month",
    ),
    re_path(POST + "$", views.PostDetailView.as_view(), name="detail"),
    path("category/<str:slug>/", views.CategoryArchiveView.as_view(), name="category"),
    path("tag/<str:slug>/", views.TagArchiveView.as_view(), name="tag"),
    path("author/<str:username>/", views.AuthorArchiveView.as_view(), name="author"),
    path("series/", views.SeriesListView.as_view(), name="series_list"),
    path("series/<str:slug>/", views.SeriesDetailView.as_view(), name="series"),
    # Static pages take any other single-segment address (/about/); their
    # slugs may not be one of the addresses above (RESERVED_PAGE_SLUGS).
    re_path(r"^(?P<slug>[-\w]+)/$", views.PageDetailView.as_view(), name="page"),
]

# Outside the "posts:" namespace, where Django's sitemap index looks for the
# sections' sitemap view by name.
site_urlpatterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
