"""WordPress posts as ours.

Posts are written a batch at a time: their filing, redirects and comments
then take a few queries per batch rather than per post. A post keeps its
WordPress ID, dates, author, stickiness and whether it takes comments; its
status becomes ours (`POST_STATUSES`): a password-protected post becomes
private, and one with a status we do not know a draft, both noted in the
report. Its old address and the slugs WordPress remembers it had before
redirect to it. Series membership, the historical date and the people it
is about and mentions come from the post meta our own export writes.
"""

from django.utils import timezone

from posts.importers import wp_content
from posts.importers.wxr_authors import Authors
from posts.importers.wxr_comments import Comments
from posts.importers.wxr_items import (
    OLD_SLUG_META,
    SERIES_DESCRIPTION_META,
    SERIES_META,
    SERIES_POSITION_META,
    SERIES_TITLE_META,
    count_unread_meta,
    item_body,
    old_path,
)
from posts.importers.wxr_media import Pictures
from posts.importers.wxr_people import People
from posts.importers.wxr_reader import Item
from posts.importers.wxr_report import CHANGED_MISSED, CHANGED_PASSWORD, CHANGED_STATUS
from posts.importers.wxr_terms import Terms
from posts.importers.wxr_writer import BatchWriter, row_of, wanted_slug
from posts.models import Post, Series

POST_STATUSES = {
    "publish": Post.Status.PUBLISHED,
    "future": Post.Status.PUBLISHED,  # scheduled: published with a later date
    "draft": Post.Status.DRAFT,
    "pending": Post.Status.PENDING,
    "private": Post.Status.PRIVATE,
}
BATCH_SIZE = 200


class Posts:
    def __init__(
        self,
        writer: BatchWriter,
        *,
        authors: Authors,
        terms: Terms,
        pictures: Pictures,
    ):
        self.writer, self.report = writer, writer.report
        self.authors, self.terms = authors, terms
        self.pictures = pictures
        self.series: dict[str, Series] = {}
        self.people = People(self.report)
        self.waiting: list[Item] = []

    def take(self, item: Item) -> None:
        self.waiting.append(item)
        if len(self.waiting) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        """Write the posts waiting, with their filing, redirects and
        comments; those here already only gain the comments they lack."""
        items, self.waiting = self.waiting, []
        if not items:
            return
        posts = {
            post.wordpress_id: post
            for post in Post.objects.filter(
                wordpress_id__in=[item.id for item in items]
            ).only("pk", "wordpress_id", "published_at")
        }
        self.report.existing["posts"] += len(posts)
        taken = self.writer.taken_slugs(
            Post, [wanted_slug(item, "post") for item in items]
        )
        created = []
        for item in items:
            if item.id not in posts:
                post = self._new_post(item, taken)
                posts[item.id] = post
                taken.add(post.slug)
                created.append((post, item))
        comments = Comments(
            [(posts[item.id], item) for item in items],
            writer=self.writer,
            users=self.authors.by_wordpress_id,
        )
        self._insert(created, comments)
        self.writer.file(*self.terms.filings(created))
        self.writer.save_redirects(
            (path, post, None)
            for post, item in created
            for path in _old_paths(post, item)
        )
        for post, item in created:
            self.people.link(post, item.meta)
            post.keep_derived_links(adding=True)
        for item in items:
            self.pictures.take_featured(posts[item.id], item)
        commented = comments.write()
        # Posts here before gained comments: they count them again.
        Post.objects.filter(
            pk__in=commented - {post.pk for post, _ in created}
        ).recount_comments()

    def _insert(self, created: list[tuple[Post, Item]], comments: Comments) -> None:
        """Insert the new posts, in one statement for the batch, with their
        own dates rather than the time of the import, and the counts of the
        comments they are about to get. Not saved: no save signals either;
        the import expires every cached page once, at the end."""
        for post, item in created:
            post.created_at = post.published_at
            post.updated_at = item.modified or post.published_at
            post.comment_count, post.thread_count = comments.counts(post)
        keys = self.writer.insert(
            Post, [row_of(post) for post, _ in created], key="wordpress_id"
        )
        for post, _ in created:
            post.pk = keys[post.wordpress_id]
            post._state.adding, post._state.db = False, Post.objects.db

    def _new_post(self, item: Item, taken: set[str]) -> Post:
        title = wp_content.one_line(item.title)[:300]
        post = Post(
            title=title,
            slug=self.writer.free_slug(Post, item, title, taken=taken),
            body=item_body(item, self.report),
            excerpt=wp_content.plain_text(item.excerpt),
            author=self.authors.user(item.creator),
            status=self._status(item, title),
            published_at=item.date or timezone.now(),
            sticky=item.sticky,
            comments_open=item.comment_status == "open",
            wordpress_id=item.id,
        )
        meta = dict(item.meta)
        if series_slug := meta.get(SERIES_META, "").strip():
            post.series = self._series(series_slug, meta)
            post.series_position = _whole_number(meta.get(SERIES_POSITION_META, ""))
        post.historical_date = self.people.date_of(meta, f"“{title}”")
        post.prepare_for_save()
        self.report.created["posts"] += 1
        count_unread_meta(item, self.report, self.pictures.read_meta("post"))
        return post

    def _status(self, item: Item, title: str) -> str:
        label = (
            f"“{title}” (WordPress ID {item.id})"
            if title
            else (f"The post with WordPress ID {item.id}")
        )
        if item.password:
            self.report.changed[CHANGED_PASSWORD] += 1
            self.report.note(f"{label} was password-protected: it is private now.")
            return Post.Status.PRIVATE
        if item.status not in POST_STATUSES:
            self.report.changed[CHANGED_STATUS] += 1
            self.report.note(
                f"{label} had the status “{item.status}”: it is a draft now."
            )
            return Post.Status.DRAFT
        if item.status == "future" and item.date and item.date < timezone.now():
            self.report.changed[CHANGED_MISSED] += 1
        return POST_STATUSES[item.status]

    def _series(self, slug: str, meta: dict[str, str]) -> Series:
        slug = wp_content.slug(slug)[:200]
        if slug not in self.series:
            series, created = Series.objects.get_or_create(
                slug=slug,
                defaults={
                    "title": meta.get(SERIES_TITLE_META, "").strip()[:200] or slug,
                    "description": meta.get(SERIES_DESCRIPTION_META, ""),
                },
            )
            self.report.count("series", created=created)
            self.series[slug] = series
        return self.series[slug]


def _old_paths(post: Post, item: Item) -> list[str]:
    """The post's address on the old site, and the addresses of the slugs
    WordPress remembers it had before (_wp_old_slug)."""
    local = timezone.localtime(post.published_at)
    return [old_path(item.link)] + [
        f"/{local.year}/{local.month:02d}/{wp_content.slug(value)}/"
        for key, value in item.meta
        if key == OLD_SLUG_META and value.strip()
    ]


def _whole_number(value: str) -> int:
    value = value.strip()
    return int(value) if value.isdigit() else 0
