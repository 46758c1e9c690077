"""A post's threads are paged from an index of their first comments."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0023_autosaves"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(("parent", None)),
                fields=["post", "status", "created_at", "id"],
                name="posts_comment_threads_idx",
            ),
        ),
    ]
