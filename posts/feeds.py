"""Feeds: RSS 2.0 and Atom for the site, each category, tag, series and
author, a JSON Feed for the site, and comment feeds for the site and each
post. Addresses follow WordPress's (/feed/, /category/x/feed/, …).

Entries carry the whole post, as WordPress's do by default: the summary as
the description and the full body as `content:encoded` (RSS), `content`
(Atom) or `content_html` (JSON Feed), and the featured image as an
enclosure (`image` in JSON Feed). An entry's id never changes when its
post's title, slug or date does: it is a tag URI built from the post's id.
"""

import copy
import json
import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaks_filter, urlize
from django.urls import reverse
from django.utils import feedgenerator, timezone

from greatleaders.page_cache import post_tag, shows
from posts import footnotes, page_queries
from posts.cache_tags import COMMENTS, CORRECTIONS, POSTS
from posts.listing import listed_posts
from posts.models import (
    Comment,
    Correction,
    Post,
    Series,
    Tag,
    author_name,
    modified_at,
)
from posts.navigation import category_branch


class FullContentRssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with each post's full HTML in `content:encoded`."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class FullContentAtomFeed(feedgenerator.Atom1Feed):
    """Atom with each post's full HTML in `content`."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class JsonFeed(feedgenerator.SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.as_dict(), ensure_ascii=False, indent=1))

    def as_dict(self):
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": self.feed["title"],
            "home_page_url": self.feed["link"],
            "feed_url": self.feed["feed_url"],
            "description": self.feed["description"],
            "language": self.feed["language"],
            "authors": [{"name": self.feed["author_name"]}],
            "items": [self.item_dict(item) for item in self.items],
        }
        return {key: value for key, value in feed.items() if value}

    def item_dict(self, item):
        entry = {
            "id": item["unique_id"],
            "url": item["link"],
            "title": item["title"],
            "content_html": item.get("content_html") or item["description"],
            "summary": item["description"],
            "date_published": item["pubdate"] and item["pubdate"].isoformat(),
            "date_modified": item["updateddate"] and item["updateddate"].isoformat(),
            "authors": [
                {"name": item["author_name"], "url": item["author_link"]}
                if item["author_link"]
                else {"name": item["author_name"]}
            ]
            if item["author_name"]
            else None,
            "tags": list(item["categories"]),
            # The featured image (the entry's one enclosure).
            "image": item["enclosures"][0].url if item["enclosures"] else None,
        }
        return {key: value for key, value in entry.items() if value}


def tag_uri(request, date, kind, pk):
    """A permanent id for an entry: `tag:<host>,<date>:<kind>-<id>`."""
    host = request.get_host().rsplit(":", 1)[0] if request else "localhost"
    return f"tag:{host.strip('[]')},{date:%Y-%m-%d}:{kind}-{pk}"


class SiteFeed(Feed):
    """What every feed of the site shares. A feed is declared once and served
    in each format at its own address: RSS 2.0 unless given another
    `feed_type` (FullContentAtomFeed, JsonFeed)."""

    # What the entries are ("post", "comment"), for their permanent ids.
    entry_kind = ""

    def __init__(self, feed_type=FullContentRssFeed):
        self.feed_type = feed_type

    def __call__(self, request, *args, **kwargs):
        # One instance serves all requests; a copy per request can keep the
        # request.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def author_name(self):
        return settings.SITE_TITLE

    def feed_url(self):
        return self.request.path

    def item_guid(self, item):
        return tag_uri(self.request, item.created_at, self.entry_kind, item.pk)

    item_guid_is_permalink = False


class PostFeed(SiteFeed):
    """The latest visible posts: /feed/ (RSS), /feed/atom/, /feed/json/."""

    entry_kind = "post"

    def title(self, obj):
        return settings.SITE_TITLE

    def description(self, obj):
        return settings.SITE_TAGLINE

    def link(self, obj):
        return reverse("posts:home")

    # The prepared query giving the feed's posts, newest first, and its
    # values for the feed's subject.
    ids = page_queries.LATEST_IDS

    def values(self, obj) -> dict:
        return {}

    def items(self, obj):
        rows = self.ids.rows(
            limit=settings.POSTS_PER_FEED, now=timezone.now(), **self.values(obj)
        )
        posts = listed_posts([pk for (pk,) in rows], full=True)
        shows(self.request, POSTS, *(post_tag(post.pk) for post in posts))
        self.latest_notes = Correction.objects.latest_dates([post.pk for post in posts])
        return posts

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.summary

    def item_extra_kwargs(self, post):
        url = self.request.build_absolute_uri(post.get_absolute_url())
        return {"content_html": footnotes.linked_to(post.body_html, url)}

    def item_enclosures(self, post):
        """The featured image, as RSS's enclosure and Atom's link."""
        image = post.featured_image
        if image is None:
            return []
        url = self.request.build_absolute_uri(image.url)
        kind = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
        return [feedgenerator.Enclosure(url, str(image.file_size), kind)]

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return modified_at(post, self.latest_notes.get(post.pk))

    def item_author_name(self, post):
        if post.author is None:
            return None
        return author_name(post.author)

    def item_author_link(self, post):
        if post.author is None:
            return None
        return self.request.build_absolute_uri(
            reverse("posts:author", kwargs={"username": post.author.get_username()})
        )

    def item_categories(self, post):
        return [term.name for term in (*post.category_list, *post.tag_list)]


class ArchiveFeed(PostFeed):
    """The posts of one category, tag, series or author, named by `kind`. The
    subject is the `model` object with the address's slug, and its id is the
    value `value_name` of the query `ids`; subclasses whose subject is found
    or filtered otherwise say how (`get_object`, `values`)."""

    kind = ""
    model = None
    value_name = ""

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def values(self, subject):
        return {self.value_name: subject.pk}

    def title(self, subject):
        return f"{settings.SITE_TITLE} » {self.kind}: {self.subject_name(subject)}"

    def subject_name(self, subject):
        return str(subject)

    def description(self, subject):
        return getattr(subject, "description", "") or self.title(subject)

    def link(self, subject):
        return subject.get_absolute_url()


class CategoryFeed(ArchiveFeed):
    """A category's posts, with those of the categories below it."""

    kind = "Category"

    ids = page_queries.CATEGORY_IDS

    def get_object(self, request, slug):
        return category_branch(slug)

    def subject_name(self, branch):
        return branch.category.name

    def description(self, branch):
        return branch.category.description or self.title(branch)

    def link(self, branch):
        return branch.category.get_absolute_url()

    def values(self, branch):
        return {"categories": branch.ids}


class TagFeed(ArchiveFeed):
    kind = "Tag"
    model = Tag
    ids = page_queries.TAG_IDS
    value_name = "tag"


class SeriesFeed(ArchiveFeed):
    kind = "Series"
    model = Series
    ids = page_queries.SERIES_LATEST_IDS
    value_name = "series"


class AuthorFeed(ArchiveFeed):
    kind = "Author"
    ids = page_queries.AUTHOR_IDS
    value_name = "author"

    def get_object(self, request, username):
        author = page_queries.author(username)
        if author is None:
            raise Http404("No author matches the address.")
        return author

    def subject_name(self, author):
        return author_name(author)

    def description(self, author):
        return f"Posts by {self.subject_name(author)}"

    def link(self, author):
        return reverse("posts:author", kwargs={"username": author.get_username()})


class CommentFeed(SiteFeed):
    """The latest public comments: /comments/feed/ and /comments/feed/atom/."""

    entry_kind = "comment"

    def title(self, obj):
        return f"Comments for {settings.SITE_TITLE}"

    def description(self, obj):
        return f"The latest comments on {settings.SITE_TITLE}"

    def link(self, obj):
        return reverse("posts:home")

    def get_comments(self, obj):
        return Comment.objects.public()

    def items(self, obj):
        comments = self.get_comments(obj).select_related("post")
        comments = list(
            comments.order_by("-created_at", "-pk")[: settings.POSTS_PER_FEED]
        )
        shows(self.request, *self.shown_tags(obj, comments))
        return comments

    def shown_tags(self, obj, comments):
        # The site's latest comments, on posts readers see, under their titles.
        return [COMMENTS, POSTS, *(post_tag(comment.post_id) for comment in comments)]

    def item_title(self, comment):
        return f"Comment on {comment.post.title} by {comment.author_name}"

    def item_description(self, comment):
        # Comments are plain text: escaped, with paragraphs and links.
        return linebreaks_filter(urlize(comment.text, autoescape=True))

    def item_pubdate(self, comment):
        return comment.created_at

    # Atom dates each entry's last change; a comment has only the date it was
    # written.
    item_updateddate = item_pubdate

    def item_author_name(self, comment):
        return comment.author_name


class PostCommentFeed(CommentFeed):
    """One visible post's public comments: <post address>feed/."""

    def get_object(self, request, year, month, slug):
        return get_object_or_404(Post.objects.published(), slug=slug)

    def title(self, post):
        return f"Comments on: {post.title}"

    def description(self, post):
        return f"Comments on “{post.title}” at {settings.SITE_TITLE}"

    def link(self, post):
        return post.get_absolute_url()

    def get_comments(self, post):
        return Comment.objects.public().filter(post=post)

    def shown_tags(self, post, comments):
        # Its comments, and its title: none of another post's.
        return [post_tag(post.pk)]

    def item_title(self, comment):
        return f"By: {comment.author_name}"


class CorrectionFeed(SiteFeed):
    """The latest correction and update notes on visible posts:
    /corrections/feed/ (RSS) and /corrections/feed/atom/."""

    entry_kind = "correction"

    def title(self, obj):
        return f"{settings.SITE_TITLE}: corrections and updates"

    def description(self, obj):
        return f"Corrections and updates to posts on {settings.SITE_TITLE}"

    def link(self, obj):
        return reverse("posts:corrections")

    def items(self, obj):
        notes = Correction.objects.public().with_posts()
        notes = list(notes[: settings.POSTS_PER_FEED])
        shows(self.request, CORRECTIONS, POSTS, *(post_tag(n.post_id) for n in notes))
        return notes

    def item_title(self, note):
        return f"{note.get_kind_display()}: {note.post.title}"

    def item_description(self, note):
        return note.text

    def item_pubdate(self, note):
        return note.published_at

    item_updateddate = item_pubdate
