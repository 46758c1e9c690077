"""The timeline's and "on this day"'s indexes hold dated posts alone.

Most posts of a blog have no historical date. An index of every post put
them all under one key, and SQLite's statistics then judged it no help: the
home page read every published post to find today's (36 ms). Statistics
gathered before say nothing of the new indexes, so they are gathered again
where the database keeps them (as in 0011).
"""

from django.db import migrations, models


def gather_statistics(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is not None:
            cursor.execute("ANALYZE posts_post")


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0027_historical_words"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="post", name="posts_timeline_idx"),
        migrations.RemoveIndex(model_name="post", name="posts_on_this_day_idx"),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                condition=models.Q(("historical_start__isnull", False)),
                fields=["historical_start", "historical_end"],
                name="posts_timeline_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                condition=models.Q(("historical_day__isnull", False)),
                fields=["historical_month", "historical_day"],
                name="posts_on_this_day_idx",
            ),
        ),
        migrations.RunPython(gather_statistics, migrations.RunPython.noop),
    ]
