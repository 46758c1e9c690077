from django.apps import AppConfig
from django.db.models.signals import post_migrate


class GreatLeadersConfig(AppConfig):
    """The site itself: page cache, health check and outage pages."""

    name = "greatleaders"
    verbose_name = "Great Leaders"

    def ready(self):
        from greatleaders.machine_cache import create_cache_table

        # Sent for each app with models (this one has none): the table is
        # made on the first and found there on the others.
        post_migrate.connect(create_cache_table, dispatch_uid="create_cache_table")
