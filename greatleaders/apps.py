from django.apps import AppConfig


class GreatLeadersConfig(AppConfig):
    """The site itself: page cache, health check and outage pages."""

    name = "greatleaders"
    verbose_name = "Great Leaders"
