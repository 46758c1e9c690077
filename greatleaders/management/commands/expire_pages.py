from django.core.management.base import BaseCommand

from greatleaders.content_generation import content_changed


class Command(BaseCommand):
    help = (
        "Make every page in the page cache stale, on all app servers: after a "
        "deploy that changes templates, or a change made outside Django."
    )

    def handle(self, *args, **options):
        content_changed()
        self.stdout.write(self.style.SUCCESS("Cached pages expired."))
