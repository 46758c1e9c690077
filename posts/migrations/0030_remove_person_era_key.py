"""A person's era is worked out from their dates when shown
(`Person.era_key`) rather than kept in a column of its own."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("posts", "0029_comment_indexes")]

    operations = [migrations.RemoveField(model_name="person", name="era_key")]
