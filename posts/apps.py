from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class PostsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "posts"
    verbose_name = "Blog"

    def ready(self):
        from posts import cache_tags, search
        from posts.comments import counts
        from posts.revisions import history

        # Counts first: the pages expired next show the new ones.
        counts.connect()
        cache_tags.connect()
        history.register_models()

        # The search index's SQL needs these on SQLite; see posts.search.
        connection_created.connect(search.register_sqlite_functions)
        post_migrate.connect(search.repair_sqlite_index, sender=self)
