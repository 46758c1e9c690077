"""The search index's table, for joining (see posts.search)."""

from django.db import models


class SearchEntry(models.Model):
    """A post's row in SQLite's full-text index (see posts.search), so that
    searches can join it: the index's own ranking and extracts then come from
    one pass over it. The table and its triggers are made by a migration; on
    PostgreSQL the index is a column of posts_post instead and this model is
    never queried."""

    post = models.OneToOneField(
        "posts.Post",
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="search_entry",
    )
    # FTS5's hidden column named after the table: what MATCH, bm25() and
    # snippet() are called on.
    document = models.TextField(db_column="posts_post_fts")

    class Meta:
        managed = False
        db_table = "posts_post_fts"

    def __str__(self):
        return f"Search index entry of post {self.pk}"
