from django.apps import AppConfig


class GreatLeadersConfig(AppConfig):
    """The site itself: page cache, health check and outage pages."""

    name = "greatleaders"
    verbose_name = "Great Leaders"

    def ready(self):
        from greatleaders import content_generation

        content_generation.watch_content_apps()
