"""python manage.py export_wxr [FILE]: write the site as a WordPress export."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from posts.exporters.wxr import export_wxr


class Command(BaseCommand):
    help = (
        "Write the whole site (posts, pages, categories, tags, series, comments, "
        "authors, media library and attachment addresses) as a WordPress export "
        "(WXR 1.2), to "
        "FILE or to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="Where to write; standard output if left out."
        )

    def handle(self, *args, file, **options):
        if file:
            counts = self.export_to(Path(file))
        else:
            # The export is written as it is, without a line ending added.
            self.stdout.ending = ""
            counts = export_wxr(self.stdout)
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        self.stderr.write(f"Exported {summary or 'nothing'}.", self.style.SUCCESS)

    def export_to(self, path: Path):
        """Write to a file beside `path`, then move it into place, so that a
        failure never leaves half an export under the name asked for."""
        partial = None
        try:
            descriptor, partial = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=".part"
            )
            with os.fdopen(descriptor, "w", encoding="utf-8") as out:
                counts = export_wxr(out)
            os.replace(partial, path)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from error
        finally:
            if partial and os.path.exists(partial):
                os.unlink(partial)
        return counts
