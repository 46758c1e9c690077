"""Comments lose two indexes no query needed: the post's own, which the
indexes beginning with the post serve, and the LIKE index PostgreSQL adds
beside a CharField's db_index (status). The moderation queue keeps a plain
index of the status. Every comment written, an import's 100,000 included,
updates two indexes fewer.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0028_dated_posts_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="comment",
            name="post",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="comments",
                to="posts.post",
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Pending"),
                    ("approved", "Approved"),
                    ("spam", "Spam"),
                    ("trash", "Trash"),
                ],
                default="pending",
                max_length=10,
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["status"], name="posts_comment_status_idx"),
        ),
    ]
