"""Importing a WordPress export (WXR) into Great Leaders.

`import_wxr` reads the file once, as a stream (see `wxr_reader`), inside one
transaction, so a file found to be malformed halfway through changes
nothing. Whatever an earlier import brought in is recognised, by WordPress
ID (posts, pages, comments, attachments), login (authors) or slug
(categories, tags), and left as it is: importing the same file again adds
only what is new, such as comments written on the old site since.

What WordPress has and Great Leaders has not is skipped and counted (menus,
post meta, other post types); what has to change on the way in is reported
(a password-protected post becomes private, a taken slug gets a suffix).
"""

import os
from collections.abc import Callable
from typing import BinaryIO

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone

from greatleaders.database_statistics import gather_statistics
from greatleaders.page_cache import SITE, expire_on_commit
from posts.importers import wp_content
from posts.importers.wxr_authors import Authors
from posts.importers.wxr_comments import import_comments
from posts.importers.wxr_items import (
    NAVIGATION_META,
    OLD_SLUG_META,
    SERIES_DESCRIPTION_META,
    SERIES_META,
    SERIES_POSITION_META,
    SERIES_TITLE_META,
    count_unread_meta,
    item_body,
    old_path,
)
from posts.importers.wxr_reader import (
    KNOWN_VERSIONS,
    Author,
    Item,
    Site,
    Term,
    WXRError,
    read_wxr,
)
from posts.importers.wxr_report import (
    CHANGED_MISSED,
    CHANGED_PASSWORD,
    CHANGED_STATUS,
    SKIPPED_MENUS,
    SKIPPED_NO_URL,
    SKIPPED_PAGE_COMMENTS,
    SKIPPED_TRASH,
    ImportReport,
)
from posts.importers.wxr_terms import Terms
from posts.importers.wxr_writer import BatchWriter, wanted_slug
from posts.models import (
    Attachment,
    Page,
    Post,
    Series,
    validate_page_slug,
)

__all__ = [
    "NAVIGATION_META",
    "SERIES_DESCRIPTION_META",
    "SERIES_META",
    "SERIES_POSITION_META",
    "SERIES_TITLE_META",
    "ImportReport",
    "WXRError",
    "import_stream",
    "import_wxr",
]

User = get_user_model()

Progress = Callable[[int, int], None]

POST_STATUSES = {
    "publish": Post.Status.PUBLISHED,
    "future": Post.Status.PUBLISHED,  # scheduled: published with a later date
    "draft": Post.Status.DRAFT,
    "pending": Post.Status.PENDING,
    "private": Post.Status.PRIVATE,
}
NOT_IMPORTED_STATUSES = {"trash", "auto-draft"}
# Posts are written this many at a time: their comments, filing and
# redirects take a few queries per batch rather than per post.
BATCH_SIZE = 200


def import_wxr(
    path: str | os.PathLike,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the WXR file at `path`; with `dry_run`, roll everything back and
    only report. `progress(bytes_read, file_size)` is called as the file is
    read. Raise WXRError, having changed nothing, if the file cannot be read
    as a WordPress export."""
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        return import_stream(stream, size=size, dry_run=dry_run, progress=progress)


def import_stream(
    stream: BinaryIO,
    *,
    size: int = 0,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    source = _CountingReader(stream, size, progress) if progress else stream
    with transaction.atomic():
        importer = _Importer(report)
        for record in read_wxr(source):
            importer.take(record)
        importer.finish()
        if dry_run:
            transaction.set_rollback(True)
        else:
            # Bulk inserts send no save signals: cached pages go stale here.
            expire_on_commit(SITE)
            transaction.on_commit(gather_statistics)
    return report


class _CountingReader:
    """A file that tells `progress` how far it has been read."""

    def __init__(self, stream: BinaryIO, size: int, progress: Progress):
        self.stream, self.size, self.progress, self.done = stream, size, progress, 0

    def read(self, count: int = -1) -> bytes:
        data = self.stream.read(count)
        self.done += len(data)
        self.progress(self.done, self.size)
        return data


class _Importer:
    def __init__(self, report: ImportReport):
        self.report = report
        self.writer = BatchWriter(report)
        self.authors = Authors(self.writer)
        self.terms = Terms(self.writer)
        self.series: dict[str, Series] = {}
        self.orphan_attachments: dict[int, int] = {}
        self.waiting: list[Item] = []

    def take(self, record: Site | Author | Term | Item) -> None:
        if isinstance(record, Item):
            self.item(record)
        elif isinstance(record, Term):
            self.terms.take(record)
        elif isinstance(record, Author):
            self.authors.take(record)
        else:
            self.site(record)

    def finish(self) -> None:
        self.flush_posts()
        self.terms.finish()
        for attachment_pk, parent_id in self.orphan_attachments.items():
            parent = Post.objects.filter(wordpress_id=parent_id).values("pk")[:1]
            Attachment.objects.filter(pk=attachment_pk).update(post=Subquery(parent))

    # Channel

    def site(self, site: Site) -> None:
        self.report.site = site
        if site.version not in KNOWN_VERSIONS:
            self.report.note(f"WXR {site.version} is newer than 1.2; read as 1.2.")

    # Items

    def item(self, item: Item) -> None:
        if item.type in ("post", "page") and item.status in NOT_IMPORTED_STATUSES:
            self.report.skipped[SKIPPED_TRASH] += 1
        elif item.type == "post":
            self.waiting.append(item)
            if len(self.waiting) >= BATCH_SIZE:
                self.flush_posts()
        elif item.type == "page":
            self.page(item)
        elif item.type == "attachment":
            self.attachment(item)
        elif item.type == "nav_menu_item":
            self.report.skipped[SKIPPED_MENUS] += 1
        else:
            self.report.skipped[f"items of the “{item.type}” post type"] += 1

    def flush_posts(self) -> None:
        """Write the posts waiting in `self.waiting`, with their filing,
        redirects and comments."""
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
                post = self.new_post(item, taken)
                posts[item.id] = post
                taken.add(post.slug)
                created.append((post, item))
        # save() stamps these with the time of the import.
        for post, item in created:
            post.created_at = post.published_at
            post.updated_at = item.modified or post.published_at
        Post.objects.bulk_update(
            [post for post, _ in created], ["created_at", "updated_at"]
        )
        self.writer.file(*self.terms.filings(created))
        self.writer.save_redirects(
            (path, post, None)
            for post, item in created
            for path in self.old_post_paths(post, item)
        )
        import_comments(
            [(posts[item.id], item) for item in items],
            users=self.authors.by_wordpress_id,
            report=self.report,
        )

    def new_post(self, item: Item, taken: set[str]) -> Post:
        title = wp_content.one_line(item.title)[:300]
        post = Post(
            title=title,
            slug=self.writer.free_slug(Post, item, title, taken=taken),
            body=item_body(item, self.report),
            excerpt=wp_content.plain_text(item.excerpt),
            author=self.authors.user(item.creator),
            status=self.post_status(item, title),
            published_at=item.date or timezone.now(),
            sticky=item.sticky,
            comments_open=item.comment_status == "open",
            wordpress_id=item.id,
        )
        meta = dict(item.meta)
        if series_slug := meta.get(SERIES_META, "").strip():
            post.series = self.series_for(series_slug, meta)
            post.series_position = _whole_number(meta.get(SERIES_POSITION_META, ""))
        post.save()
        self.report.created["posts"] += 1
        count_unread_meta(item, self.report)
        return post

    def old_post_paths(self, post: Post, item: Item) -> list[str]:
        """The post's address on the old site, and the addresses of the slugs
        WordPress remembers it had before (_wp_old_slug)."""
        local = timezone.localtime(post.published_at)
        return [old_path(item.link)] + [
            f"/{local.year}/{local.month:02d}/{wp_content.slug(value)}/"
            for key, value in item.meta
            if key == OLD_SLUG_META and value.strip()
        ]

    def post_status(self, item: Item, title: str) -> str:
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

    def series_for(self, slug: str, meta: dict[str, str]) -> Series:
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

    def page(self, item: Item) -> None:
        if item.comments:
            self.report.skipped[SKIPPED_PAGE_COMMENTS] += len(item.comments)
        if Page.objects.filter(wordpress_id=item.id).exists():
            self.report.existing["pages"] += 1
            return
        title = wp_content.one_line(item.title)[:200]
        meta = dict(item.meta)
        in_navigation = meta.get(NAVIGATION_META, "1" if not item.parent else "0")
        page = Page(
            title=title,
            slug=self.writer.free_slug(Page, item, title, reserved=_reserved),
            body=item_body(item, self.report),
            description=wp_content.plain_text(item.excerpt),
            is_published=self.page_published(item, title),
            show_in_navigation=in_navigation.strip() == "1",
            navigation_order=max(item.menu_order, 0),
            wordpress_id=item.id,
        )
        page.save()
        if item.date:
            Page.objects.filter(pk=page.pk).update(created_at=item.date)
        self.report.created["pages"] += 1
        count_unread_meta(item, self.report)
        self.writer.save_redirects([(old_path(item.link), None, page)])

    def page_published(self, item: Item, title: str) -> bool:
        if item.password:
            self.report.changed[CHANGED_PASSWORD] += 1
            self.report.note(
                f"The page “{title}” (WordPress ID {item.id}) was "
                "password-protected: it is unpublished now."
            )
            return False
        return item.status == "publish"

    def attachment(self, item: Item) -> None:
        url = item.attachment_url or item.guid
        if not url:
            self.report.skipped[SKIPPED_NO_URL] += 1
            return
        if Attachment.objects.filter(wordpress_id=item.id).exists():
            self.report.existing["attachments"] += 1
            return
        parent = None
        if item.parent:
            parent = Post.objects.filter(wordpress_id=item.parent).first()
        attachment = Attachment.objects.create(
            url=url[:1000],
            title=wp_content.one_line(item.title)[:300],
            post=parent,
            uploaded_at=item.date or timezone.now(),
            wordpress_id=item.id,
        )
        if item.parent and parent is None:
            self.orphan_attachments[attachment.pk] = item.parent
        self.report.created["attachments"] += 1
        count_unread_meta(item, self.report)


def _reserved(slug: str) -> bool:
    """Whether the site uses /`slug`/ itself, so that no page may have it."""
    try:
        validate_page_slug(slug)
        return False
    except ValidationError:
        return True


def _whole_number(value: str) -> int:
    value = value.strip()
    return int(value) if value.isdigit() else 0
