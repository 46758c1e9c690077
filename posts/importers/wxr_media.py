"""Pictures brought along from the old site (`import_wxr --uploads DIR`).

Given a local copy of the old site's `wp-content/uploads` folder, each
attachment whose file is there and is a picture the media library takes
becomes a library image, with the alt text and caption WordPress kept for
it (`_wp_attachment_image_alt`, the attachment's excerpt). Once everything
is written, the imported posts and pages that show one of those pictures,
or link to it, point at the library instead (WordPress's resized copies,
`photo-300x200.jpg`, and `-scaled` originals count as the picture), and
each post's featured image (`_thumbnail_id`) is set; pages then show the
pictures in every size (posts.media.markup). Nothing is fetched over the
network.

An attachment's address need not be under `wp-content/uploads`: where it
ends with the file's path in the folder (`_wp_attached_file`), what comes
before is taken as the folder's address, and bodies' addresses under it
are read the same way. So a Great Leaders export, whose pictures live
under its media folder (`/media/images/…`, in sizes named `-800w`), comes
back with `--uploads` given a copy of that folder.

Without `--uploads`, pictures keep their addresses on the old site; either
way the report says how many in posts and pages still point there.

The import is one transaction, but files are not: the files stored are
removed again when it is rolled back (a dry run, a malformed file).
"""

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models import Q
from django.utils import timezone

from posts.importers.wxr_reader import Item
from posts.importers.wxr_report import ImportReport
from posts.media import renditions
from posts.media.markup import default_src
from posts.media.uploads import add_image
from posts.models import Image, Page, Post

# Posts given their featured images by one statement.
BATCH = 200

UPLOADS = "/wp-content/uploads/"
ATTACHED_FILE_META = "_wp_attached_file"
ALT_META = "_wp_attachment_image_alt"
THUMBNAIL_META = "_thumbnail_id"
# The post meta read when the uploads folder is given.
ATTACHMENT_META = {ATTACHED_FILE_META, ALT_META, "_wp_attachment_metadata"}

SKIPPED_MISSING_FILE = "attachments whose file is not in the uploads folder"
SKIPPED_NOT_PICTURE = (
    "attachments the media library does not take (not a picture, or refused)"
)

# WordPress's resized copies ("-300x200") and big originals scaled down
# ("-scaled") stand for the picture they were made from.
_SIZE_SUFFIX = re.compile(r"(?:-[0-9]+x[0-9]+|-scaled)+(\.[A-Za-z0-9]+)$")
_LINK_ATTRIBUTE = re.compile(r'\b(src|href)="([^"]*)"')
_IMG_SRC = re.compile(r'<img\s[^>]*\bsrc="([^"]*)"')


def upload_key(address: str) -> str | None:
    """What names a picture of the old site's uploads folder, whichever of
    its sizes `address` is: its path below the folder, without the size."""
    path = unquote(urlsplit(address).path)
    if UPLOADS not in path:
        return None
    return _SIZE_SUFFIX.sub(r"\1", path.split(UPLOADS, 1)[1])


class Pictures:
    def __init__(self, report: ImportReport, uploads: Path | None):
        self.report = report
        self.uploads = uploads.resolve() if uploads else None
        self.by_key: dict[str, Image] = {}
        # Addresses of uploads folders other than WordPress's usual one.
        self.folders: set[str] = set()
        # Post primary key: the WordPress ID of its featured attachment.
        self.featured: dict[int, int] = {}
        self.stored: list[Image] = []

    def read_meta(self, kind: str) -> set[str]:
        """The post meta of items of `kind` this reads."""
        if self.uploads is None:
            return set()
        return {THUMBNAIL_META} if kind == "post" else ATTACHMENT_META

    def take(self, item: Item, url: str) -> None:
        """Make the attachment `item`, kept at `url`, a library image."""
        if self.uploads is None:
            return
        meta = dict(item.meta)
        key = upload_key(url) or self._folder_key(url, meta.get(ATTACHED_FILE_META))
        image = Image.objects.filter(wordpress_id=item.id).first()
        if image is not None:
            self.report.existing["images"] += 1
        else:
            image = self._add(item, meta, key)
        if image is not None and key:
            self.by_key[key] = image

    def _add(self, item: Item, meta: dict, key: str | None) -> Image | None:
        path = self._local_file(meta.get(ATTACHED_FILE_META) or key or "")
        if path is None:
            self.report.skipped[SKIPPED_MISSING_FILE] += 1
            return None
        title = html.unescape(item.title).strip()[:200]
        alt = meta.get(ALT_META, "").strip() or title or path.stem
        try:
            with path.open("rb") as stream:
                image = add_image(
                    File(stream, name=path.name),
                    alt_text=alt[:300],
                    caption=html.unescape(item.excerpt).strip(),
                    title=title,
                    uploaded_at=item.date or timezone.now(),
                    source_url=(item.attachment_url or item.guid)[:1000],
                    wordpress_id=item.id,
                )
        except ValidationError:
            self.report.skipped[SKIPPED_NOT_PICTURE] += 1
            return None
        except OSError:
            self.report.skipped[SKIPPED_MISSING_FILE] += 1
            return None
        self.stored.append(image)
        self.report.created["images"] += 1
        return image

    def _folder_key(self, url: str, attached: str | None) -> str | None:
        """The key of a file kept at `url`, `attached` below its folder,
        whose address is then remembered."""
        attached = (attached or "").strip().lstrip("/")
        if not attached or not url.endswith(attached):
            return None
        self.folders.add(url.removesuffix(attached))
        return attached

    def key_of(self, address: str) -> str | None:
        """What names the picture `address` shows, whichever of its sizes,
        under WordPress's uploads folder or a folder of the attachments."""
        if key := upload_key(address):
            return key
        for folder in self.folders:
            if address.startswith(folder):
                relative = renditions.original_name(address.removeprefix(folder))
                return _SIZE_SUFFIX.sub(r"\1", relative)
        return None

    def _local_file(self, relative: str) -> Path | None:
        """The file at `relative` in the uploads folder, never outside it."""
        if not relative.strip("/"):
            return None
        path = (self.uploads / relative.lstrip("/")).resolve()
        if not path.is_relative_to(self.uploads) or not path.is_file():
            return None
        return path

    def take_featured(self, post: Post, item: Item) -> None:
        thumbnail = dict(item.meta).get(THUMBNAIL_META, "").strip()
        if self.uploads is not None and thumbnail.isdigit():
            self.featured[post.pk] = int(thumbnail)

    def finish(self) -> None:
        """Point posts and pages at the pictures brought along, set the
        featured images, and count the pictures left on the old site."""
        if self.by_key:
            for model in (Post, Page):
                for writing in _imported(model, self.folders):
                    body = self._pointed_here(writing.body)
                    if body != writing.body:
                        writing.body = body
                        writing.save()
        images = Image.objects.in_bulk(
            set(self.featured.values()), field_name="wordpress_id"
        )
        chosen = {
            pk: images[wordpress_id]
            for pk, wordpress_id in self.featured.items()
            if wordpress_id in images
        }
        posts = list(chosen)
        for start in range(0, len(posts), BATCH):
            # One an editor chose since an earlier import stays.
            unset = Post.objects.filter(
                pk__in=posts[start : start + BATCH], featured_image=None
            ).values_list("pk", flat=True)
            Post.objects.bulk_update(
                [Post(pk=pk, featured_image=chosen[pk]) for pk in unset],
                ["featured_image"],
            )
        left = sum(
            _old_pictures(body)
            for model in (Post, Page)
            for body in _imported(model, ()).values_list("body", flat=True)
        )
        if left:
            self.report.note(
                f"{left} picture(s) in posts and pages still point at the old "
                "site"
                + (
                    "."
                    if self.uploads
                    else ": import again with --uploads and a copy of its "
                    "wp-content/uploads folder to bring them here."
                )
            )
        self.report.images_on_old_site = left

    def _pointed_here(self, body: str) -> str:
        def point(match):
            name, value = match[1], html.unescape(match[2])
            image = self.by_key.get(self.key_of(value) or "")
            if image is None:
                return match[0]
            address = default_src(image) if name == "src" else image.url
            return f'{name}="{html.escape(address)}"'

        return _LINK_ATTRIBUTE.sub(point, body)

    def discard(self) -> None:
        """Remove the files stored, the import having been rolled back."""
        for image in self.stored:
            renditions.delete(image.file.name, image.width, image.height)
        self.stored.clear()


def _imported(model, folders):
    """The imported writings whose bodies may show pictures of the uploads
    folder, or of `folders`."""
    shows = Q(body__contains=UPLOADS.rstrip("/"))
    for folder in folders:
        shows |= Q(body__contains=folder)
    return model.objects.filter(shows, wordpress_id__isnull=False)


def _old_pictures(body: str) -> int:
    """How many pictures `body` shows from the old site's uploads folder."""
    return sum(1 for src in _IMG_SRC.findall(body) if upload_key(html.unescape(src)))
