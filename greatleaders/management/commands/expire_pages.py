from django.core.management.base import BaseCommand

from greatleaders.page_cache import SITE, expire


class Command(BaseCommand):
    help = (
        "Make every page in the page cache stale, on all app servers: after a "
        "change made outside Django, such as in the database directly. A "
        "deploy needs none: a new release keeps its pages apart by itself."
    )

    def handle(self, *args, **options):
        expire(SITE)
        self.stdout.write(self.style.SUCCESS("Cached pages expired."))
