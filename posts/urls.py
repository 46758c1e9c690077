from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from posts import feeds, views
from posts.comments import views as comment_views
from posts.people import feeds as people_feeds
from posts.people import views as people_views
from posts.previews.views import shared_preview
from posts.sitemaps import SITEMAPS

app_name = "posts"

POST = r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<slug>[-\w]+)/"


def feed_paths(prefix, feed, name, route=path):
    """A feed's two addresses: RSS at <prefix>feed/, named `name`, and Atom at
    <prefix>feed/atom/, named `name`_atom."""
    # A regular expression matches the start of an address unless it ends
    # with "$".
    end = "$" if route is re_path else ""
    return [
        route(f"{prefix}feed/{end}", feed(), name=name),
        route(
            f"{prefix}feed/atom/{end}",
            feed(feeds.FullContentAtomFeed),
            name=f"{name}_atom",
        ),
    ]


# Post addresses follow WordPress's "month and name" permalinks
# (/2016/05/when-the-soviets-disowned-stalin/), so links from the old site
# keep their shape; so do feed addresses (/feed/, /category/x/feed/, …).
urlpatterns = [
    path("", views.PostListView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("comments/stamp/", comment_views.comment_stamp, name="comment_stamp"),
    # Feeds
    *feed_paths("", feeds.PostFeed, "feed"),
    path("feed/json/", feeds.PostFeed(feeds.JsonFeed), name="feed_json"),
    *feed_paths("comments/", feeds.CommentFeed, "comments_feed"),
    *feed_paths("corrections/", feeds.CorrectionFeed, "corrections_feed"),
    *feed_paths("category/<str:slug>/", feeds.CategoryFeed, "category_feed"),
    *feed_paths("tag/<str:slug>/", feeds.TagFeed, "tag_feed"),
    *feed_paths("series/<str:slug>/", feeds.SeriesFeed, "series_feed"),
    *feed_paths("author/<str:username>/", feeds.AuthorFeed, "author_feed"),
    *feed_paths("people/<str:slug>/", people_feeds.PersonFeed, "person_feed"),
    *feed_paths("on-this-day/", people_feeds.OnThisDayFeed, "on_this_day_feed"),
    *feed_paths(POST, feeds.PostCommentFeed, "post_comments_feed", re_path),
    # Reading
    re_path(r"^(?P<year>[0-9]{4})/$", views.DateArchiveView.as_view(), name="year"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views.DateArchiveView.as_view(),
        name="month",
    ),
    re_path(POST + "$", views.PostDetailView.as_view(), name="detail"),
    re_path(POST + r"cite\.(?P<kind>bib|ris)$", views.citation_download, name="cite"),
    path("category/<str:slug>/", views.CategoryArchiveView.as_view(), name="category"),
    path("tag/<str:slug>/", views.TagArchiveView.as_view(), name="tag"),
    path("author/<str:username>/", views.AuthorArchiveView.as_view(), name="author"),
    path("series/", views.SeriesListView.as_view(), name="series_list"),
    path("corrections/", views.CorrectionListView.as_view(), name="corrections"),
    path("sources/", views.SourceListView.as_view(), name="sources"),
    path("series/<str:slug>/", views.SeriesDetailView.as_view(), name="series"),
    path("people/", people_views.person_list, name="people"),
    path("people/<str:slug>/", people_views.person_detail, name="person"),
    path("timeline/", people_views.timeline_page, name="timeline"),
    # A draft, for whoever holds a link an editor shared (posts.previews).
    path("preview/<slug:token>/", shared_preview, name="shared_preview"),
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
