"""Importing a WordPress export (WXR) into Great Leaders.

`import_wxr` reads the file once, as a stream (see `wxr_reader`), inside one
transaction, so a file found to be malformed halfway through changes
nothing. Whatever an earlier import brought in is recognised, by WordPress
ID (posts, pages, comments, attachments), login (authors) or slug
(categories, tags), and left as it is: importing the same file again adds
only what is new, such as comments written on the old site since.

What WordPress has and Great Leaders has not is skipped and counted by kind
(menus, post meta by key, other post types and taxonomies); an item with no
post type, or one not here, is skipped as WordPress's importer skips it.
What has to change on the way in is reported (a password-protected post
becomes private, a taken slug gets a suffix).

Each kind of record has its mapper, which decides what the record becomes
here: `wxr_authors`, `wxr_terms`, `wxr_posts` (with `wxr_comments` for
their comments), `wxr_pages` and `wxr_attachments`, and `wxr_skipped_items`
for the items that become nothing. Those that write do so through
one `wxr_writer.BatchWriter`, which gives posts and pages free slugs, files
posts under their terms and remembers old addresses, a batch at a time.
This module hands each record to its mapper.
"""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from django.db import connection, transaction

from greatleaders.database_statistics import gather_statistics
from greatleaders.page_cache import SITE, expire_on_commit
from posts.importers.wxr_attachments import Attachments
from posts.importers.wxr_authors import Authors
from posts.importers.wxr_items import (
    NAVIGATION_META,
    SERIES_DESCRIPTION_META,
    SERIES_META,
    SERIES_POSITION_META,
    SERIES_TITLE_META,
)
from posts.importers.wxr_media import Pictures
from posts.importers.wxr_pages import Pages
from posts.importers.wxr_posts import Posts
from posts.importers.wxr_reader import (
    KNOWN_VERSIONS,
    Author,
    Item,
    Record,
    Site,
    Term,
    WXRError,
    read_wxr,
)
from posts.importers.wxr_report import SKIPPED_TRASH, ImportReport
from posts.importers.wxr_skipped_items import SkippedItems
from posts.importers.wxr_terms import Terms
from posts.importers.wxr_writer import BatchWriter

__all__ = [
    # The post meta our own export writes for the import to read back.
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

Progress = Callable[[int, int], None]

NOT_IMPORTED_STATUSES = {"trash", "auto-draft"}
# What SQLite may keep of the database in memory during an import.
IMPORT_PAGE_CACHE_KIB = 32 * 1024


def import_wxr(
    path: str | os.PathLike,
    *,
    uploads: str | os.PathLike | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the WXR file at `path`; with `dry_run`, roll everything back and
    only report. `uploads` is a copy of the old site's wp-content/uploads
    folder, whose pictures join the media library (see wxr_media).
    `progress(bytes_read, file_size)` is called as the file is read. Raise
    WXRError, having changed nothing, if the file cannot be read as a
    WordPress export."""
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        return import_stream(
            stream, size=size, uploads=uploads, dry_run=dry_run, progress=progress
        )


def import_stream(
    stream: BinaryIO,
    *,
    size: int = 0,
    uploads: str | os.PathLike | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    source = _CountingReader(stream, size, progress) if progress else stream
    pictures = Pictures(report, Path(uploads) if uploads else None)
    try:
        with _larger_page_cache(), transaction.atomic():
            importer = _Importer(report, pictures)
            for record in read_wxr(source):
                importer.take(record)
            importer.finish()
            if dry_run:
                transaction.set_rollback(True)
            else:
                # Bulk inserts send no save signals: cached pages go stale here.
                expire_on_commit(SITE)
                transaction.on_commit(gather_statistics)
    except BaseException:
        pictures.discard()
        raise
    if dry_run:
        pictures.discard()
    return report


@contextmanager
def _larger_page_cache() -> Iterator[None]:
    """On SQLite, let the import's connection keep more of the database in
    memory while it runs: a connection keeps 512 KiB of pages (see the
    settings), and an import writing 100,000 comments into tables of ten
    indexes would otherwise read the same index pages back again and again
    (#17). The memory is the import's, for its duration; durability is
    untouched."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (usual,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {-IMPORT_PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(usual)}")


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
    """Hands each record to the mapper for its kind, and has the mappers
    finish in an order where what they link to is written: the last posts
    first, then categories' parents and attachments' posts, then the
    pictures brought along in posts and pages."""

    def __init__(self, report: ImportReport, pictures: Pictures):
        self.report = report
        writer = BatchWriter(report)
        self.authors = Authors(writer)
        self.terms = Terms(writer)
        self.pictures = pictures
        self.posts = Posts(
            writer, authors=self.authors, terms=self.terms, pictures=pictures
        )
        self.attachments = Attachments(writer, pictures)
        self.items = {
            "post": self.posts,
            "page": Pages(writer),
            "attachment": self.attachments,
        }
        self.skipped_items = SkippedItems(report)

    def take(self, record: Record) -> None:
        if isinstance(record, Item):
            self.item(record)
        elif isinstance(record, Term):
            self.terms.take(record)
        elif isinstance(record, Author):
            self.authors.take(record)
        else:
            self.site(record)

    def finish(self) -> None:
        self.posts.flush()
        self.terms.finish()
        self.attachments.finish()
        self.pictures.finish()
        self.skipped_items.finish()

    def site(self, site: Site) -> None:
        self.report.site = site
        if site.version not in KNOWN_VERSIONS:
            self.report.note(f"WXR {site.version} is newer than 1.2; read as 1.2.")

    def item(self, item: Item) -> None:
        if item.type in ("post", "page") and item.status in NOT_IMPORTED_STATUSES:
            self.report.skipped[SKIPPED_TRASH] += 1
        else:
            self.items.get(item.type, self.skipped_items).take(item)
