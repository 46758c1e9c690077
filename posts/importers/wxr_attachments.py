"""WordPress attachments as ours: the address of each uploaded file, with
its title and the post it belongs to. The files themselves stay where they
are, unless a copy of the old site's uploads folder is given: pictures then
become media library images too (see wxr_media). An attachment may come
before its post in the file: it is attached to it at the end. One without
an address is skipped and counted. A picture of this site's own library
(this site's export imported back) is already here, and is left alone.
"""

from django.conf import settings
from django.db.models import Subquery
from django.utils import timezone

from posts.importers import wp_content
from posts.importers.wxr_items import count_unread_meta
from posts.importers.wxr_media import Pictures
from posts.importers.wxr_reader import Item
from posts.importers.wxr_report import SKIPPED_NO_URL
from posts.importers.wxr_writer import BatchWriter
from posts.media.markup import library_name
from posts.models import Attachment, Image, Post


class Attachments:
    def __init__(self, writer: BatchWriter, pictures: Pictures):
        self.report = writer.report
        self.pictures = pictures
        # Attachment primary key: the WordPress ID of a post not written yet.
        self.parents: dict[int, int] = {}

    def take(self, item: Item) -> None:
        url = item.attachment_url or item.guid
        if not url:
            self.report.skipped[SKIPPED_NO_URL] += 1
            return
        if _in_this_library(url):
            self.report.existing["images"] += 1
            return
        self.pictures.take(item, url)
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
            self.parents[attachment.pk] = item.parent
        self.report.created["attachments"] += 1
        count_unread_meta(item, self.report, self.pictures.read_meta("attachment"))

    def finish(self) -> None:
        """Attach what came before its post to it, now that every post is
        written."""
        for attachment_pk, parent_id in self.parents.items():
            parent = Post.objects.filter(wordpress_id=parent_id).values("pk")[:1]
            Attachment.objects.filter(pk=attachment_pk).update(post=Subquery(parent))


def _in_this_library(url: str) -> bool:
    """Whether `url` is the address of a picture of this site's library."""
    name = library_name(url.removeprefix(settings.SITE_URL))
    return name is not None and Image.objects.filter(file=name).exists()
