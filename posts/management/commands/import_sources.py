from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from posts.sources.importers import SourceFileError, import_sources


class Command(BaseCommand):
    help = (
        "Import sources from a BibTeX (.bib) or RIS (.ris) file: all of its "
        "entries or, when one cannot be read, none."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .bib or .ris file.")

    def handle(self, *args, path, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        try:
            result = import_sources(Path(path).name, data)
        except SourceFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(self.style.SUCCESS(result.summary))
