"""WordPress pages as ours.

A page keeps its WordPress ID, menu order and creation date; it is in the
navigation when it is a top-level page, unless our own export said
otherwise. Only a published page without a password is published here
(a password-protected one is noted in the report). A slug the site uses
itself (/search/, a year) gets a suffix. Pages take no comments here: theirs
are skipped and counted.
"""

from django.core.exceptions import ValidationError

from posts.importers import wp_content
from posts.importers.wxr_items import (
    NAVIGATION_META,
    count_unread_meta,
    item_body,
    old_path,
)
from posts.importers.wxr_reader import Item
from posts.importers.wxr_report import CHANGED_PASSWORD, SKIPPED_PAGE_COMMENTS
from posts.importers.wxr_writer import BatchWriter
from posts.models import Page, validate_page_slug


class Pages:
    def __init__(self, writer: BatchWriter):
        self.writer, self.report = writer, writer.report

    def take(self, item: Item) -> None:
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
            is_published=self._published(item, title),
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

    def _published(self, item: Item, title: str) -> bool:
        if item.password:
            self.report.changed[CHANGED_PASSWORD] += 1
            self.report.note(
                f"The page “{title}” (WordPress ID {item.id}) was "
                "password-protected: it is unpublished now."
            )
            return False
        return item.status == "publish"


def _reserved(slug: str) -> bool:
    """Whether the site uses /`slug`/ itself, so that no page may have it."""
    try:
        validate_page_slug(slug)
        return False
    except ValidationError:
        return True
