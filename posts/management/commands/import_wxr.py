"""python manage.py import_wxr FILE: import a WordPress export."""

import os

from django.core.management.base import BaseCommand, CommandError

from posts.importers.wxr import ImportReport, WXRError, import_wxr
from posts.importers.wxr_report import SKIPPED_META
from posts.management.progress import ProgressBar

# How many of the post meta keys skipped are named, the commonest first.
META_KEYS_SHOWN = 10


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.0–1.2, from WordPress.org or "
        "WordPress.com): authors, categories, tags, posts, pages, comments and "
        "attachment addresses (with --uploads, their pictures into the media "
        "library). All or nothing; importing again adds only what is new."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xml file WordPress exported.")
        parser.add_argument(
            "--uploads",
            metavar="DIR",
            help="A copy of the old site's wp-content/uploads folder: its "
            "pictures become media library images, and posts and pages show "
            "them from here. Without it, they keep their old addresses.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read the whole file and report what would be imported, "
            "writing nothing.",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="Show no progress bar (none is shown when output is not a terminal).",
        )

    def handle(self, *args, file, uploads, dry_run, no_progress, **options):
        if uploads and not os.path.isdir(uploads):
            raise CommandError(f"{uploads} is not a folder. Nothing was imported.")
        bar = ProgressBar(self.stderr, enabled=not no_progress)
        try:
            report = import_wxr(
                file, uploads=uploads, dry_run=dry_run, progress=bar.update
            )
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except WXRError as error:
            raise CommandError(f"{file}, {error}. Nothing was imported.") from error
        finally:
            bar.close()
        self.show(report)

    def show(self, report: ImportReport):
        write = self.stdout.write
        site = report.site
        source = f"“{site.title}”" if site.title else "the file"
        if site.base_blog_url:
            source += f" ({site.base_blog_url})"
        heading = "Would import" if report.dry_run else "Imported"
        write(self.style.MIGRATE_HEADING(f"{heading} {source}, WXR {site.version}:"))
        for kind in ImportReport.KINDS:
            created, existing = report.created[kind], report.existing[kind]
            if created or existing:
                line = f"  {kind:<12} {created:>7} new"
                if existing:
                    line += f", {existing} already here (left as they were)"
                write(line)
        for title, counts in (
            ("Skipped", report.skipped),
            ("Changed on the way in", report.changed),
        ):
            if counts:
                write(self.style.MIGRATE_HEADING(f"{title}:"))
                for reason, count in counts.most_common():
                    write(f"  {count:>7}  {reason}")
                    if reason == SKIPPED_META:
                        self.show_meta_keys(report.skipped_meta)
        if report.notes:
            write(self.style.MIGRATE_HEADING("Notes:"))
            for note in report.notes:
                write(f"  {note}")
        if report.dry_run:
            write(self.style.WARNING("Dry run: nothing was written."))
        else:
            write(self.style.SUCCESS("Done."))

    def show_meta_keys(self, keys):
        for key, count in keys.most_common(META_KEYS_SHOWN):
            self.stdout.write(f"  {count:>14}  {key}")
        if len(keys) > META_KEYS_SHOWN:
            self.stdout.write(
                f"  {'':>14}  and {len(keys) - META_KEYS_SHOWN} other keys"
            )
